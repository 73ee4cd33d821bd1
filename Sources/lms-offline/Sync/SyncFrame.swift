import CoursePackage
import Foundation
import LMSModel

/// Sync bodies on the wire (docs/PROTOCOL.md §2, §3): a frame of the wire codec, gzip-compressed.
enum SyncFrame {
    /// The media type of a frame.
    static let contentType = "application/x-lms-frame"
    /// The two bytes that start a gzip stream (RFC 1952 §2.3.1).
    static let gzipMagic: [UInt8] = [0x1F, 0x8B]

    /// The gzip'd frame of `value`.
    static func encode(_ value: JSONValue) throws -> Data {
        do { return Data(try Gzip.compress(WireCodec.encode(value))) } catch {
            throw SyncError(.badAnswer("cannot compress a frame: \(error)"))
        }
    }

    /// The value of an answer's frame, inflating it when it is still gzip'd (URLSession may have
    /// inflated it already, as libcurl does for `Content-Encoding: gzip`).
    static func decode(_ body: Data) throws -> JSONValue {
        var bytes = [UInt8](body)
        do {
            if bytes.starts(with: gzipMagic) { bytes = try Gzip.decompress(bytes, maxBytes: SyncLimits.maxFrameBytes) }
            return try WireCodec.decode(bytes, limits: SyncLimits.pageFrame)
        } catch {
            throw SyncError(.badAnswer("an unreadable frame (\(error))"))
        }
    }

    /// The headers of a request carrying a frame.
    static let requestHeaders = [
        "Content-Type": contentType, "Content-Encoding": "gzip", "Accept": contentType + ", application/json",
        "Accept-Encoding": "gzip"
    ]
}
