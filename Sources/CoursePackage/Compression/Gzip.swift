import CZlib
import Foundation

/// gzip (RFC 1952) over zlib, for sync bodies: the links are slow and paid by the byte.
public enum Gzip {
    /// Why bytes could not be (de)compressed.
    public struct GzipError: Error, CustomStringConvertible, Sendable {
        /// What went wrong.
        public var description: String
    }

    /// windowBits for a gzip wrapper (15 + 16).
    static let gzipWindowBits: Int32 = 31
    /// zlib's level: 6 is its default balance of speed and size.
    public static let level: Int32 = 6
    /// Working chunk size.
    static let chunkBytes = 64 * 1024

    /// The gzip stream of `data`.
    public static func compress(_ data: [UInt8], level: Int32 = Gzip.level) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_deflateInit2(&stream, level, gzipWindowBits, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw GzipError(description: "deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8]()
        output.reserveCapacity(data.count / 3 + 64)
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        try data.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            var status: Int32 = Z_OK
            repeat {
                try chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = deflate(&stream, Z_FINISH)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw GzipError(description: "deflate failed (\(status))")
                    }
                    output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                }
            } while status != Z_STREAM_END
        }
        return output
    }

    /// The bytes of a gzip stream, refusing more than `maxBytes` of output (a gzip bomb) and
    /// anything truncated or corrupt.
    public static func decompress(_ data: [UInt8], maxBytes: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflateInit2(&stream, gzipWindowBits) == Z_OK else {
            throw GzipError(description: "inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        try data.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            var status: Int32 = Z_OK
            while status != Z_STREAM_END {
                try chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END else {
                        throw GzipError(
                            description: status == Z_BUF_ERROR
                                ? "the gzip data is truncated" : "the gzip data is corrupt (\(status))")
                    }
                    output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                    guard output.count <= maxBytes else {
                        throw GzipError(description: "the data inflates past \(maxBytes) bytes")
                    }
                }
            }
            guard stream.avail_in == 0 else { throw GzipError(description: "bytes after the end of the gzip data") }
        }
        return output
    }
}
