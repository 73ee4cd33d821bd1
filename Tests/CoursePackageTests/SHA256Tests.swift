import Foundation
import LMSModel
import Testing
@testable import CoursePackage

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        )
    ])
    func nistVectors(message: String, expected: String) {
        #expect(SHA256.hash(Data(message.utf8)).hex == expected)
        #expect(SHA256.hash(bytes: Array(message.utf8)).hex == expected)
    }

    @Test func oneMillionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hasher.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(
            SHA256.hash(Data(repeating: UInt8(ascii: "a"), count: 1_000_000)).hex
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalSplitsMatchOneShot() {
        var generator = SplitMix64(seed: 42)
        let message = generator.bytes(130)
        let expected = SHA256.hash(bytes: message)
        for split in 0...130 {
            var hasher = SHA256()
            hasher.update(message[0..<split])
            hasher.update(data: Data(message[split...]))
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
        // Three-way splits, including empty updates.
        for split in stride(from: 0, through: 130, by: 7) {
            var hasher = SHA256()
            hasher.update(message[0..<split])
            hasher.update([UInt8]())
            hasher.update(message[split..<min(130, split + 64)])
            hasher.update(message[min(130, split + 64)...])
            #expect(hasher.finalize() == expected)
        }
    }

    @Test func digestHexRoundTrip() throws {
        let digest = SHA256.hash(bytes: Array("abc".utf8))
        #expect(SHA256Digest(hex: digest.hex) == digest)
        #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
        #expect(SHA256Digest(hex: "abc") == nil)
        #expect(SHA256Digest(hex: String(repeating: "g", count: 64)) == nil)
        #expect(digest.bytes.count == 32)
        #expect(digest.description == digest.hex)
    }

    @Test func hashFileMatchesSha256sum() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var generator = SplitMix64(seed: 7)
        let bytes = generator.bytes(3 << 20 | 123)
        try write(bytes, to: dir.file("f.bin"))
        let digest = try SHA256.hash(fileAt: dir.file("f.bin"))
        #expect(digest == SHA256.hash(bytes: bytes))
        let output = try run(["sha256sum", dir.file("f.bin")]).output
        #expect(output.hasPrefix(digest.hex))
        #expect(throws: SHA256FileError.self) { try SHA256.hash(fileAt: dir.file("missing")) }
    }
}

@Suite struct CRC32Tests {
    @Test func checkValue() {
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(bytes: []) == 0)
        var crc = CRC32()
        crc.update(Array("1234".utf8))
        crc.update(data: Data("56789".utf8))
        #expect(crc.value == 0xCBF4_3926)
    }
}
