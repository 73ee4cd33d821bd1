import Foundation

/// HMAC-SHA256 (RFC 2104, FIPS 198-1), with the key's inner and outer states computed once so
/// that many messages (PBKDF2's iterations) cost two compressions each.
public struct HMACSHA256: Sendable {
    private let inner: SHA256.State
    private let outer: SHA256.State

    /// Prepares a key (keys longer than a block are hashed first, per RFC 2104).
    public init(key: [UInt8]) {
        var block = [UInt8](repeating: 0, count: SHA256.blockBytes)
        if key.count > SHA256.blockBytes {
            let digest = SHA256.hash(bytes: key).bytes
            block.replaceSubrange(0..<digest.count, with: digest)
        } else {
            block.replaceSubrange(0..<key.count, with: key)
        }
        var i = SHA256.State.initial
        var o = SHA256.State.initial
        block.map { $0 ^ 0x36 }.withUnsafeBytes { SHA256.compress(&i, $0.baseAddress.unsafelyUnwrapped, blockCount: 1) }
        block.map { $0 ^ 0x5c }.withUnsafeBytes { SHA256.compress(&o, $0.baseAddress.unsafelyUnwrapped, blockCount: 1) }
        inner = i
        outer = o
    }

    /// The MAC of `message`.
    public func authenticate(_ message: [UInt8]) -> SHA256Digest {
        var hasher = SHA256(continuing: inner, bytesSoFar: UInt64(SHA256.blockBytes))
        hasher.update(message)
        let innerDigest = hasher.finalize().bytes
        var outerHasher = SHA256(continuing: outer, bytesSoFar: UInt64(SHA256.blockBytes))
        outerHasher.update(innerDigest)
        return outerHasher.finalize()
    }

    /// The MAC of a 32-byte message held big-endian in `block[0..<32]`, written back there: PBKDF2's
    /// inner loop. `block` is 64 bytes whose bytes 32..<64 already hold the padding for a 32-byte
    /// message after one key block (see `PBKDF2`), so each call is two compressions and no allocation.
    func authenticate32(_ block: UnsafeMutableRawPointer) {
        var state = inner
        SHA256.compress(&state, UnsafeRawPointer(block), blockCount: 1)
        Self.store(state, into: block)
        state = outer
        SHA256.compress(&state, UnsafeRawPointer(block), blockCount: 1)
        Self.store(state, into: block)
    }

    private static func store(_ s: SHA256.State, into block: UnsafeMutableRawPointer) {
        for (k, word) in [s.h0, s.h1, s.h2, s.h3, s.h4, s.h5, s.h6, s.h7].enumerated() {
            block.storeBytes(of: word.bigEndian, toByteOffset: k * 4, as: UInt32.self)
        }
    }
}

/// PBKDF2 with HMAC-SHA256 (RFC 8018 §5.2), for stored passwords and PINs.
public enum PBKDF2 {
    /// Derives `length` bytes from `password` and `salt` with `iterations` rounds.
    public static func deriveKey(password: [UInt8], salt: [UInt8], iterations: Int, length: Int = 32) -> [UInt8] {
        precondition(iterations >= 1 && length >= 1 && length <= 1024, "PBKDF2 parameters out of range")
        let prf = HMACSHA256(key: password)
        var output: [UInt8] = []
        var blockIndex: UInt32 = 1
        while output.count < length {
            let first = prf.authenticate(
                salt + [
                    UInt8(blockIndex >> 24), UInt8((blockIndex >> 16) & 0xff),
                    UInt8((blockIndex >> 8) & 0xff), UInt8(blockIndex & 0xff)
                ]
            ).bytes
            var t = first
            withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { raw in
                let block = raw.baseAddress.unsafelyUnwrapped
                block.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
                first.withUnsafeBytes { block.copyMemory(from: $0.baseAddress.unsafelyUnwrapped, byteCount: 32) }
                block.storeBytes(of: UInt8(0x80), toByteOffset: 32, as: UInt8.self)
                block.storeBytes(of: UInt64((SHA256.blockBytes + 32) * 8).bigEndian, toByteOffset: 56, as: UInt64.self)
                let bytes = block.assumingMemoryBound(to: UInt8.self)
                for _ in 1..<iterations {
                    prf.authenticate32(block)
                    for k in 0..<32 { t[k] ^= bytes[k] }
                }
            }
            output += t
            blockIndex += 1
        }
        return Array(output.prefix(length))
    }

    /// Compares two byte strings in time that does not depend on where they differ.
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
