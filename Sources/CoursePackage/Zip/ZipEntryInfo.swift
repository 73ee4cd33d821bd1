/// What ``ZipWriter`` wrote for one entry.
public struct ZipEntryInfo: Sendable {
    /// The entry name inside the archive (`/`-separated, relative).
    public let path: String
    /// The compression method used.
    public let method: ZipMethod
    /// Size of the original data, in bytes.
    public let uncompressedSize: UInt64
    /// Size of the stored (possibly compressed) data, in bytes.
    public let compressedSize: UInt64
    /// CRC-32 of the original data.
    public let crc32: UInt32
    /// SHA-256 of the original data, computed in the same pass as the CRC.
    public let sha256: SHA256Digest
}
