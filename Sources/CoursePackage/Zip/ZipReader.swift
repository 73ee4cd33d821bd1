import Foundation

/// A defensive ZIP reader: validates the whole central directory up front, reads with `pread`
/// and never loads the archive into memory.
///
/// Opening refuses unsafe names, links, duplicates, encryption, unsupported methods, size and
/// ratio limits, overlapping entries and inconsistent headers (see ``ZipError``). Reading
/// verifies size and CRC-32 of every entry. The central directory is authoritative: data
/// descriptors after the data (bit 3, with or without signature, 32- or 64-bit) are skipped.
/// Entry names must be UTF-8 (names in the legacy CP437 encoding are refused unless ASCII).
///
/// Not thread-safe: use one reader from one thread at a time.
public final class ZipReader {
    /// Largest entry ``readData(_:)`` loads into memory, in bytes (64 MiB).
    public static let maxInMemoryEntryBytes: UInt64 = 64 << 20
    /// Size of the output buffers used while streaming entries, in bytes (1 MiB).
    static let chunkBytes = 1 << 20

    /// The archive bytes.
    let source: ZipByteSource
    /// The archive path, for messages.
    let displayPath: String
    /// The limits this archive was checked against.
    public let limits: ZipLimits
    /// All entries, in central directory order.
    public let entries: [ZipEntry]
    /// Entries by exact name.
    private let byName: [String: ZipEntry]

    /// Opens and validates the archive at `path`.
    /// - Throws: ``ZipError`` describing the first problem found.
    public convenience init(path: String, limits: ZipLimits = .default) throws {
        try self.init(source: ZipFileSource(path: path), displayPath: path, limits: limits)
    }

    /// Opens and validates an archive held in memory (used by the fuzzer and tests).
    convenience init(bytes: [UInt8], limits: ZipLimits = .default) throws {
        try self.init(source: ZipMemorySource(bytes), displayPath: "(memory)", limits: limits)
    }

    /// Validates the archive in `source`.
    init(source: ZipByteSource, displayPath: String, limits: ZipLimits) throws {
        self.source = source
        self.displayPath = displayPath
        self.limits = limits
        let end = try ZipEndRecord.locate(in: source, displayPath: displayPath)
        entries = try ZipCentralDirectory(source: source, limits: limits, end: end).parse()
        var map: [String: ZipEntry] = [:]
        for entry in entries { map[entry.path] = entry }
        byName = map
    }

    /// The entry with exactly this name (directories end with `/`), or nil.
    public func entry(named name: String) -> ZipEntry? { byName[name] }

    /// Streams the uncompressed bytes of `entry` to `sink` in chunks of up to 1 MiB.
    ///
    /// The size and CRC-32 are verified after the last chunk, so the caller must treat the
    /// data as untrusted until this returns without throwing.
    /// - Throws: ``ZipError`` (size/CRC mismatch, corrupt data…) or whatever `sink` throws.
    public func read(_ entry: ZipEntry, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let stream = try openStream(entry)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkBytes, alignment: 16)
        defer { buffer.deallocate() }
        // Bounded: the stream stops after the declared size (+1 byte, which throws).
        while true {
            let count = try stream.next(into: buffer)
            if count == 0 { return }
            try sink(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Returns the whole uncompressed content of a small entry (at most 64 MiB).
    /// - Throws: ``ZipError/entryTooLargeForMemory(entry:size:limit:)`` for larger entries, or
    ///   any error of ``read(_:_:)``.
    public func readData(_ entry: ZipEntry) throws -> Data {
        guard entry.uncompressedSize <= Self.maxInMemoryEntryBytes else {
            throw ZipError.entryTooLargeForMemory(
                entry: entry.path, size: entry.uncompressedSize,
                limit: Self.maxInMemoryEntryBytes)
        }
        var data = Data()
        data.reserveCapacity(Int(entry.uncompressedSize))
        try read(entry) { data.append(contentsOf: $0) }
        return data
    }

    /// Starts decoding `entry`, which must come from this reader's ``entries``.
    func openStream(_ entry: ZipEntry) throws -> ZipEntryStream {
        guard byName[entry.path] == entry else {
            throw ZipError.corrupt(entry: entry.path, detail: "this entry does not belong to this archive")
        }
        return try ZipEntryStream(source: source, entry: entry)
    }
}
