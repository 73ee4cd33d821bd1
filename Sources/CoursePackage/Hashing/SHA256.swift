import Foundation

/// A streaming SHA-256 hasher (FIPS 180-4), written in pure Swift.
///
/// Feed bytes with any of the `update` overloads, then call ``finalize()`` once.
/// Whole 64-byte blocks are compressed straight from the caller's buffer; only a
/// trailing partial block is copied into the 64-byte internal buffer.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(data: Data("abc".utf8))
/// let digest = hasher.finalize()   // ba7816bf...
/// ```
public struct SHA256: Sendable {
    /// The eight 32-bit chaining words H0...H7.
    struct State: Sendable {
        var h0: UInt32, h1: UInt32, h2: UInt32, h3: UInt32
        var h4: UInt32, h5: UInt32, h6: UInt32, h7: UInt32

        /// The initial hash value from FIPS 180-4 §5.3.3.
        static let initial = State(
            h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
            h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19)
    }

    /// Size of one SHA-256 message block, in bytes.
    static let blockBytes = 64
    /// Size of the streamed read buffer used by ``hash(fileAt:)``, in bytes (1 MiB).
    static let fileReadChunkBytes = 1 << 20

    private var state = State.initial
    /// Pending bytes of an incomplete block (64 bytes of storage).
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
    /// Number of valid bytes in `buffer` (0..<64).
    private var bufferCount = 0
    /// Total number of message bytes fed so far.
    private var totalBytes: UInt64 = 0

    /// Creates a hasher in its initial state.
    public init() {}

    /// Creates a hasher that continues from `state` after `bytesSoFar` whole-block bytes (HMAC's keyed states).
    init(continuing state: State, bytesSoFar: UInt64) {
        self.state = state
        self.totalBytes = bytesSoFar
    }

    /// Hashes the bytes in `buffer`.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        var ptr = base
        var remaining = buffer.count
        totalBytes &+= UInt64(remaining)
        let blockBytes = Self.blockBytes
        if bufferCount > 0 {
            let take = min(blockBytes - bufferCount, remaining)
            let filled = bufferCount
            withUnsafeMutableBytes(of: &self.buffer) { pending in
                // `pending` is exactly 64 bytes; filled + take <= 64.
                pending.baseAddress.unsafelyUnwrapped.advanced(by: filled)
                    .copyMemory(from: ptr, byteCount: take)
            }
            bufferCount += take
            ptr += take
            remaining -= take
            guard bufferCount == blockBytes else { return }
            compressPendingBlock()
        }
        let wholeBlocks = remaining / blockBytes
        if wholeBlocks > 0 {
            Self.compress(&state, ptr, blockCount: wholeBlocks)
            ptr += wholeBlocks * blockBytes
            remaining -= wholeBlocks * blockBytes
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &self.buffer) { pending in
                pending.baseAddress.unsafelyUnwrapped.copyMemory(from: ptr, byteCount: remaining)
            }
            bufferCount = remaining
        }
    }

    /// Hashes the bytes of `data`.
    public mutating func update(data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Hashes the bytes of `bytes` (for example `[UInt8]`, `ArraySlice<UInt8>` or `Data`).
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Compresses the full 64-byte pending buffer and empties it.
    private mutating func compressPendingBlock() {
        var block = buffer
        withUnsafeBytes(of: &block) { raw in
            Self.compress(&state, raw.baseAddress.unsafelyUnwrapped, blockCount: 1)
        }
        bufferCount = 0
    }

    /// Applies the final padding and returns the digest.
    ///
    /// The hasher must not be updated afterwards; create a new one instead.
    public mutating func finalize() -> SHA256Digest {
        let bitLength = totalBytes &* 8
        var padding = [UInt8](repeating: 0, count: 72)
        padding[0] = 0x80
        let padCount = bufferCount < 56 ? 56 - bufferCount : 120 - bufferCount
        var lengthBE = bitLength.bigEndian
        withUnsafeBytes(of: &lengthBE) { lengthBytes in
            for index in 0..<8 { padding[padCount + index] = lengthBytes[index] }
        }
        let savedTotal = totalBytes
        padding.withUnsafeBytes { update(UnsafeRawBufferPointer(rebasing: $0[0..<(padCount + 8)])) }
        totalBytes = savedTotal
        let words = [state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7]
        var out = [UInt8]()
        out.reserveCapacity(SHA256Digest.byteCount)
        for word in words {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return SHA256Digest(validatedBytes: out)
    }

    /// Returns the SHA-256 digest of `data`.
    public static func hash(_ data: Data) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(data: data)
        return hasher.finalize()
    }

    /// Returns the SHA-256 digest of `bytes`.
    public static func hash(bytes: [UInt8]) -> SHA256Digest {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }

    /// Returns the SHA-256 digest of the file at `path`, reading it in 1 MiB chunks
    /// so memory use stays constant whatever the file size.
    ///
    /// - Throws: ``SHA256FileError`` when the file cannot be opened or read.
    public static func hash(fileAt path: String) throws -> SHA256Digest {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SHA256FileError(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        var hasher = SHA256()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: fileReadChunkBytes, alignment: 16)
        defer { chunk.deallocate() }
        // Bounded by the file size: every iteration consumes at least one byte or stops.
        while true {
            let got = read(fd, chunk.baseAddress, chunk.count)
            if got < 0 {
                if errno == EINTR { continue }
                throw SHA256FileError(path: path, operation: "read", errno: errno)
            }
            if got == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<got]))
        }
        return hasher.finalize()
    }
}

/// The error thrown by ``SHA256/hash(fileAt:)`` when a file cannot be read.
public struct SHA256FileError: Error, CustomStringConvertible, Sendable {
    /// The file that could not be hashed.
    public let path: String
    /// The failing system call (`open` or `read`).
    public let operation: String
    /// The `errno` value reported by the system call.
    public let errno: Int32

    /// A sentence saying which file failed and why.
    public var description: String {
        "Cannot \(operation) '\(path)' to compute its SHA-256: \(String(cString: strerror(errno))). "
            + "Check that the file exists and is readable."
    }
}
