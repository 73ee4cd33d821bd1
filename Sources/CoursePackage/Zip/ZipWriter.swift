import Foundation

/// A streaming, deterministic ZIP writer to a seekable file.
///
/// Each entry's local header is written first with placeholder sizes and CRC, the data is
/// streamed through in 1 MiB buffers, then the real values are written back into the local
/// header with `pwrite`, so no data descriptors are needed. All metadata is fixed
/// (DOS time 1980-01-01 00:00, Unix mode 0644, UTF-8 flag, no extra fields unless ZIP64
/// is required), so the same entries in the same order give a byte-identical archive.
///
/// With ``ZipMethod/deflate`` the data is always deflated (zlib level 6), even when that makes
/// it slightly larger than the input (for already-compressed data); pick ``ZipMethod/store``
/// for such files.
///
/// Not thread-safe: use one writer from one thread at a time.
public final class ZipWriter {
    /// Size of the read and compression buffers, in bytes (1 MiB).
    static let bufferBytes = 1 << 20

    /// One written entry, kept for the central directory.
    struct Record {
        /// UTF-8 name bytes.
        let name: [UInt8]
        /// Result returned to the caller.
        let info: ZipEntryInfo
        /// Offset of the local header, in bytes.
        let localHeaderOffset: UInt64
        /// "Version needed to extract" written in both headers.
        let versionNeeded: UInt16
    }

    /// The archive being written.
    private let file: ZipFileDescriptor
    /// Bytes written so far (offset of the next header).
    private var offset: UInt64 = 0
    /// Entries written so far.
    private var records: [Record] = []
    /// Collision keys of names written so far.
    private var usedNames: Set<String> = []
    /// False after ``finish()`` or after any failed write.
    private var isOpen = true
    /// Reusable input buffer.
    private let inputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferBytes, alignment: 16)
    /// Reusable deflate output buffer.
    private let outputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferBytes, alignment: 16)

    /// Creates (or truncates) the archive at `path`.
    /// - Throws: ``ZipError/io(operation:path:errno:)`` when the file cannot be created.
    public init(path: String) throws {
        file = try ZipFileDescriptor(path: path, flags: O_WRONLY | O_CREAT | O_TRUNC)
    }

    deinit {
        inputBuffer.deallocate()
        outputBuffer.deallocate()
    }

    /// Streams the file at `sourcePath` into a new entry named `path`.
    ///
    /// CRC-32 and SHA-256 of the file are computed in the same pass and returned.
    /// - Throws: ``ZipError`` for an unsafe or duplicate name, I/O failures, or when the
    ///   source changes size while being read.
    @discardableResult
    public func addFile(path: String, contentsOf sourcePath: String, method: ZipMethod) throws -> ZipEntryInfo {
        let source = try ZipFileDescriptor(path: sourcePath, flags: O_RDONLY)
        let expected = try source.size()
        let buffer = inputBuffer
        return try addEntry(path: path, method: method, sizeHint: expected) { consume in
            var total: UInt64 = 0
            // Bounded by the file size: stops at end of file or when it grows past `expected`.
            while true {
                let got = try source.readSome(into: buffer)
                if got == 0 { break }
                total += UInt64(got)
                if total > expected { throw ZipError.sourceChanged(path: sourcePath) }
                try consume(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
            }
            if total != expected { throw ZipError.sourceChanged(path: sourcePath) }
        }
    }

    /// Adds `data` as a new entry named `path`.
    /// - Throws: ``ZipError`` for an unsafe or duplicate name or I/O failures.
    @discardableResult
    public func addData(path: String, _ data: Data, method: ZipMethod) throws -> ZipEntryInfo {
        try addEntry(path: path, method: method, sizeHint: UInt64(data.count)) { consume in
            try data.withUnsafeBytes { all in
                var start = 0
                // Bounded: advances by up to bufferBytes through a finite buffer.
                while start < all.count {
                    let end = min(all.count, start + Self.bufferBytes)
                    try consume(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
        }
    }

    /// Writes the central directory and end records, then fsyncs and closes the file.
    /// The writer cannot be used afterwards.
    public func finish() throws {
        guard isOpen else { throw ZipError.writerClosed }
        isOpen = false
        let centralStart = offset
        var chunk = ZipByteWriter()
        for record in records {
            chunk.append(Self.centralHeader(for: record))
            if chunk.bytes.count >= Self.bufferBytes {
                try file.write(chunk.bytes)
                offset += UInt64(chunk.bytes.count)
                chunk = ZipByteWriter()
            }
        }
        try file.write(chunk.bytes)
        offset += UInt64(chunk.bytes.count)
        let tail = Self.endRecords(
            entryCount: UInt64(records.count), centralStart: centralStart,
            centralSize: offset - centralStart)
        try file.write(tail)
        try file.sync()
        try file.close()
    }

    /// Writes one entry: header, streamed data, header patch. `produce` calls its argument
    /// with successive chunks of the entry's data.
    private func addEntry(
        path: String, method: ZipMethod, sizeHint: UInt64,
        produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> ZipEntryInfo {
        guard isOpen else { throw ZipError.writerClosed }
        let isDirectory = try ZipPathValidator.validate(path)
        if isDirectory { throw ZipError.unsafePath(entry: path, reason: "file entries must not end with '/'") }
        let key = ZipPathValidator.collisionKey(path)
        guard !usedNames.contains(key) else { throw ZipError.duplicateEntry(entry: path, other: path) }
        // Any failure below leaves a half-written entry, so the writer is closed for good.
        isOpen = false
        let name = Array(path.utf8)
        let localOffset = offset
        let localZip64 = Self.needsZip64LocalHeader(sizeHint: sizeHint, method: method)
        let versionNeeded = Self.versionNeeded(
            method: method, zip64: localZip64 || localOffset >= UInt64(ZipFormat.max32))
        let header = Self.localHeader(name: name, method: method, versionNeeded: versionNeeded, zip64: localZip64)
        try file.write(header)
        offset += UInt64(header.count)

        var crc = CRC32()
        var sha = SHA256()
        var uncompressed: UInt64 = 0
        var compressed: UInt64 = 0
        let sink: (UnsafeRawBufferPointer) throws -> Void = { [file] bytes in
            try file.write(bytes)
            compressed += UInt64(bytes.count)
        }
        let deflater = method == .deflate ? try ZipDeflater() : nil
        try produce { chunk in
            crc.update(chunk)
            sha.update(chunk)
            uncompressed += UInt64(chunk.count)
            if let deflater {
                try deflater.compress(chunk, finish: false, output: outputBuffer, emit: sink)
            } else {
                try sink(chunk)
            }
        }
        if let deflater {
            try deflater.compress(
                UnsafeRawBufferPointer(start: nil, count: 0), finish: true,
                output: outputBuffer, emit: sink)
        }
        offset += compressed
        let info = ZipEntryInfo(
            path: path, method: method, uncompressedSize: uncompressed,
            compressedSize: compressed, crc32: crc.value, sha256: sha.finalize())
        try file.pwrite(
            Self.localHeaderPatch(info: info, zip64: localZip64),
            at: localOffset + 14)
        if localZip64 {
            var sizes = ZipByteWriter()
            sizes.u64(uncompressed)
            sizes.u64(compressed)
            try file.pwrite(sizes.bytes, at: localOffset + UInt64(ZipFormat.localHeaderBytes + name.count + 4))
        } else if uncompressed >= UInt64(ZipFormat.max32) || compressed >= UInt64(ZipFormat.max32) {
            throw ZipError.sourceChanged(path: path)
        }
        records.append(Record(name: name, info: info, localHeaderOffset: localOffset, versionNeeded: versionNeeded))
        usedNames.insert(key)
        isOpen = true
        return info
    }
}
