import Testing
@testable import CoursePackage

/// HMAC-SHA256 against RFC 4231 and PBKDF2-HMAC-SHA256 against the published RFC 7914 §11 vectors.
struct HMACSHA256Tests {
    func hex(_ s: String) -> [UInt8] { SHA256Digest.bytes(fromHex: s) }

    @Test func rfc4231_Vectors() {
        let cases: [([UInt8], [UInt8], String)] = [
            (
                [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
            ),
            (
                [UInt8](repeating: 0xaa, count: 131),
                Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            )
        ]
        for (key, message, expected) in cases {
            #expect(HMACSHA256(key: key).authenticate(message).hex == expected)
        }
    }

    @Test func pbkdf2_RFC7914Vectors() {
        let one = PBKDF2.deriveKey(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, length: 64)
        #expect(
            one
                == hex(
                    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
                ))
        let many = PBKDF2.deriveKey(
            password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 80000, length: 64)
        #expect(
            many
                == hex(
                    "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
                ))
    }

    @Test func pbkdf2_ShortAndLongOutputsArePrefixes() {
        let long = PBKDF2.deriveKey(password: [1, 2, 3], salt: [4], iterations: 3, length: 40)
        let short = PBKDF2.deriveKey(password: [1, 2, 3], salt: [4], iterations: 3, length: 16)
        #expect(Array(long.prefix(16)) == short)
        #expect(PBKDF2.constantTimeEquals(short, short))
        #expect(!PBKDF2.constantTimeEquals(short, Array(long.prefix(15))))
        #expect(!PBKDF2.constantTimeEquals([1, 2], [1, 3]))
    }
}
