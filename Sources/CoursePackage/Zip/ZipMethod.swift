/// The compression methods this package writes and reads.
public enum ZipMethod: UInt16, Sendable {
    /// No compression: the entry's bytes are stored as-is (method 0).
    case store = 0
    /// Raw DEFLATE (RFC 1951) via zlib, level 6 when writing (method 8).
    case deflate = 8
}
