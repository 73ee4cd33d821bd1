/// Validation of a local file header against its central directory entry.
struct ZipLocalHeader {
    /// Offset of the entry data, just after the local header, in bytes.
    let dataOffset: UInt64
    /// True when general purpose bit 3 (data descriptor) is set.
    let hasDataDescriptor: Bool

    /// Reads the local header at `offset` and checks signature, name, method, encryption flag,
    /// and (when no data descriptor is used) CRC and sizes; then checks the data lies before
    /// the central directory. Local extra fields may differ from central ones.
    static func check(
        in source: ZipByteSource, offset: UInt64, centralName: [UInt8], path: String, method: ZipMethod,
        crc: UInt32, compressedSize: UInt64, uncompressedSize: UInt64, centralOffset: UInt64
    ) throws -> ZipLocalHeader {
        let what = "the local header of '\(path)'"
        let fixedBytes = UInt64(ZipFormat.localHeaderBytes)
        guard offset <= source.size, source.size - offset >= fixedBytes else { throw ZipError.truncated(what) }
        guard offset <= centralOffset, centralOffset - offset >= fixedBytes else {
            throw ZipError.corrupt(entry: path, detail: "the local header offset points into the central directory")
        }
        var header = ZipByteReader(try source.bytes(at: offset, count: ZipFormat.localHeaderBytes, what: what))
        guard header.u32() == ZipFormat.localHeaderSignature else {
            throw ZipError.corrupt(entry: path, detail: "no local header signature at offset \(offset)")
        }
        guard header.skip(2), let flags = header.u16(), let localMethod = header.u16(), header.skip(4),
            let localCRC = header.u32(), let localCompressed = header.u32(), let localUncompressed = header.u32(),
            let nameLength = header.u16(), let extraLength = header.u16()
        else { throw ZipError.truncated(what) }
        let name = try source.bytes(at: offset + fixedBytes, count: Int(nameLength), what: what)
        guard name == centralName else { throw ZipError.localHeaderMismatch(entry: path, field: "name") }
        guard localMethod == method.rawValue else {
            throw ZipError.localHeaderMismatch(entry: path, field: "compression method")
        }
        if flags & (ZipFormat.flagEncrypted | ZipFormat.flagStrongEncryption) != 0 {
            throw ZipError.encrypted(entry: path)
        }
        let hasDescriptor = flags & ZipFormat.flagDataDescriptor != 0
        if !hasDescriptor {
            guard localCRC == crc else { throw ZipError.localHeaderMismatch(entry: path, field: "CRC-32") }
            if localCompressed != ZipFormat.max32, UInt64(localCompressed) != compressedSize {
                throw ZipError.localHeaderMismatch(entry: path, field: "compressed size")
            }
            if localUncompressed != ZipFormat.max32, UInt64(localUncompressed) != uncompressedSize {
                throw ZipError.localHeaderMismatch(entry: path, field: "uncompressed size")
            }
        }
        let dataOffset = offset + fixedBytes + UInt64(nameLength) + UInt64(extraLength)
        let (dataEnd, overflow) = dataOffset.addingReportingOverflow(compressedSize)
        guard !overflow, dataEnd <= source.size else { throw ZipError.truncated("the data of '\(path)'") }
        guard dataEnd <= centralOffset else {
            throw ZipError.overlappingEntries(entry: path, other: "(central directory)")
        }
        return ZipLocalHeader(dataOffset: dataOffset, hasDataDescriptor: hasDescriptor)
    }
}

/// Checks that involve several entries at once.
enum ZipEntrySetChecks {
    /// Refuses entries whose [local header, end of data) ranges overlap.
    static func checkOverlaps(_ entries: [ZipEntry]) throws {
        let sorted = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        // Bounded by the entry count.
        for index in sorted.indices.dropLast() {
            let current = sorted[index]
            let next = sorted[index + 1]
            if current.dataOffset + current.compressedSize > next.localHeaderOffset {
                throw ZipError.overlappingEntries(entry: current.path, other: next.path)
            }
        }
    }

    /// Refuses duplicate names (exact, or after NFC normalization and case folding) and files
    /// that other entries use as a directory.
    ///
    /// Keys have `/` replaced by NUL (which valid names never contain), so after a byte-wise
    /// sort everything inside a directory `d` sorts directly after `d` itself.
    static func checkNames(_ entries: [ZipEntry]) throws {
        let keyed = entries.map { entry -> (key: [UInt8], entry: ZipEntry) in
            let key = ZipPathValidator.collisionKey(entry.path).utf8.map { $0 == UInt8(ascii: "/") ? 0 : $0 }
            return (key, entry)
        }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        // Bounded by the entry count.
        for index in keyed.indices.dropLast() {
            let current = keyed[index]
            let next = keyed[index + 1]
            if current.key == next.key {
                if current.entry.isDirectory == next.entry.isDirectory {
                    throw ZipError.duplicateEntry(entry: next.entry.path, other: current.entry.path)
                }
                let file = current.entry.isDirectory ? next.entry : current.entry
                throw ZipError.fileDirectoryConflict(entry: file.path)
            }
            if !current.entry.isDirectory, next.key.count > current.key.count,
                next.key[current.key.count] == 0, next.key.starts(with: current.key)
            {
                throw ZipError.fileDirectoryConflict(entry: current.entry.path)
            }
        }
    }
}
