/// One validated entry of an archive read by ``ZipReader``.
public struct ZipEntry: Sendable, Hashable {
    /// The entry name, `/`-separated; directories end with `/`.
    public let path: String
    /// The compression method.
    public let method: ZipMethod
    /// Size of the stored data, in bytes.
    public let compressedSize: UInt64
    /// Size of the original data, in bytes.
    public let uncompressedSize: UInt64
    /// CRC-32 of the original data, from the central directory.
    public let crc32: UInt32
    /// Offset of the entry's local file header in the archive, in bytes.
    public let localHeaderOffset: UInt64
    /// Offset of the entry's data (just after the local header), in bytes.
    public let dataOffset: UInt64
    /// True for directory entries (name ending with `/` or a directory mode).
    public let isDirectory: Bool
    /// True when sizes and CRC were also written in a data descriptor after the data.
    public let hasDataDescriptor: Bool
    /// True when the central directory used ZIP64 fields for this entry.
    public let usesZip64: Bool
}
