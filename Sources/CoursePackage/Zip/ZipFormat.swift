/// Constants of the ZIP format (PKWARE APPNOTE 6.3.x) used by both writer and reader.
enum ZipFormat {
    /// Local file header signature `PK\3\4`.
    static let localHeaderSignature: UInt32 = 0x0403_4b50
    /// Central directory file header signature `PK\1\2`.
    static let centralHeaderSignature: UInt32 = 0x0201_4b50
    /// End of central directory record signature `PK\5\6`.
    static let endOfCentralDirectorySignature: UInt32 = 0x0605_4b50
    /// ZIP64 end of central directory record signature `PK\6\6`.
    static let zip64EndOfCentralDirectorySignature: UInt32 = 0x0606_4b50
    /// ZIP64 end of central directory locator signature `PK\6\7`.
    static let zip64LocatorSignature: UInt32 = 0x0706_4b50
    /// Optional data descriptor signature `PK\7\8`.
    static let dataDescriptorSignature: UInt32 = 0x0807_4b50

    /// Fixed part of a local file header, in bytes.
    static let localHeaderBytes = 30
    /// Fixed part of a central directory header, in bytes.
    static let centralHeaderBytes = 46
    /// Fixed part of the end of central directory record, in bytes.
    static let endOfCentralDirectoryBytes = 22
    /// Fixed part of the ZIP64 end of central directory record, in bytes.
    static let zip64EndOfCentralDirectoryBytes = 56
    /// Size of the ZIP64 end of central directory locator, in bytes.
    static let zip64LocatorBytes = 20
    /// Largest archive comment, in bytes (a 16-bit length field).
    static let maxCommentBytes = 0xFFFF

    /// Extra field tag of the ZIP64 extended information field.
    static let zip64ExtraTag: UInt16 = 0x0001
    /// General purpose flag: entry is encrypted.
    static let flagEncrypted: UInt16 = 1 << 0
    /// General purpose flag: sizes and CRC follow the data in a data descriptor.
    static let flagDataDescriptor: UInt16 = 1 << 3
    /// General purpose flag: strong encryption.
    static let flagStrongEncryption: UInt16 = 1 << 6
    /// General purpose flag: the name is UTF-8.
    static let flagUTF8: UInt16 = 1 << 11

    /// Marker value of a 16-bit field whose real value is in ZIP64 records.
    static let max16: UInt16 = 0xFFFF
    /// Marker value of a 32-bit field whose real value is in ZIP64 records.
    static let max32: UInt32 = 0xFFFF_FFFF

    /// Host system "UNIX" in the high byte of "version made by".
    static let hostUnix: UInt16 = 3
    /// Unix file type mask in the mode bits.
    static let modeTypeMask: UInt32 = 0o170000
    /// Unix regular file type.
    static let modeRegular: UInt32 = 0o100000
    /// Unix directory type.
    static let modeDirectory: UInt32 = 0o040000
    /// Unix symbolic link type.
    static let modeSymlink: UInt32 = 0o120000
    /// MS-DOS directory attribute bit in the low byte of the external attributes.
    static let dosDirectoryAttribute: UInt32 = 0x10

    /// DOS date for 1980-01-01 (year 0 since 1980, month 1, day 1).
    static let fixedDOSDate: UInt16 = (1 << 5) | 1
    /// DOS time for 00:00:00.
    static let fixedDOSTime: UInt16 = 0
}

/// A growable little-endian byte buffer used to build headers.
struct ZipByteWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Appends a 16-bit little-endian value.
    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// Appends a 32-bit little-endian value.
    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Appends a 64-bit little-endian value.
    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Appends raw bytes.
    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
}

/// A bounds-checked little-endian reader over a byte array; every read returns nil past the end.
struct ZipByteReader {
    /// The bytes being parsed.
    let bytes: [UInt8]
    /// Current read position.
    private(set) var position = 0

    /// Creates a reader positioned at the start of `bytes`.
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Number of unread bytes.
    var remaining: Int { bytes.count - position }

    /// Reads `count` bytes as an unsigned little-endian integer (count <= 8).
    private mutating func little(_ count: Int) -> UInt64? {
        guard count <= 8, remaining >= count else { return nil }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += count
        return value
    }

    /// Reads a 16-bit little-endian value.
    mutating func u16() -> UInt16? { little(2).map { UInt16(truncatingIfNeeded: $0) } }
    /// Reads a 32-bit little-endian value.
    mutating func u32() -> UInt32? { little(4).map { UInt32(truncatingIfNeeded: $0) } }
    /// Reads a 64-bit little-endian value.
    mutating func u64() -> UInt64? { little(8) }

    /// Reads `count` raw bytes.
    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, remaining >= count else { return nil }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// Skips `count` bytes; returns false if that runs past the end.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, remaining >= count else { return false }
        position += count
        return true
    }
}
