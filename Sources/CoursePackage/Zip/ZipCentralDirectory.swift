/// Parses and validates every central directory header and the matching local headers.
struct ZipCentralDirectory {
    /// The archive.
    let source: ZipByteSource
    /// Limits to enforce.
    let limits: ZipLimits
    /// Location of the central directory.
    let end: ZipEndRecord

    /// Parses all entries in central directory order.
    func parse() throws -> [ZipEntry] {
        guard end.entryCount <= UInt64(limits.maxEntries) else {
            throw ZipError.tooManyEntries(count: end.entryCount, limit: limits.maxEntries)
        }
        let centralEnd = end.centralOffset + end.centralSize
        var cursor = end.centralOffset
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(end.entryCount))
        var total: UInt64 = 0
        // Bounded by entryCount <= limits.maxEntries.
        for index in 0..<Int(end.entryCount) {
            let what = "central directory entry #\(index + 1)"
            guard centralEnd - cursor >= UInt64(ZipFormat.centralHeaderBytes) else { throw ZipError.truncated(what) }
            let fixed = try source.bytes(at: cursor, count: ZipFormat.centralHeaderBytes, what: what)
            var header = ZipByteReader(fixed)
            guard header.u32() == ZipFormat.centralHeaderSignature else {
                throw ZipError.corrupt(entry: nil, detail: "\(what) has no central header signature")
            }
            guard let madeBy = header.u16(), header.u16() != nil, let flags = header.u16(),
                let methodRaw = header.u16(), header.skip(4), let crc = header.u32(),
                let compressed32 = header.u32(), let uncompressed32 = header.u32(),
                let nameLength = header.u16(), let extraLength = header.u16(), let commentLength = header.u16(),
                let disk16 = header.u16(), header.skip(2), let external = header.u32(), let offset32 = header.u32()
            else { throw ZipError.truncated(what) }
            let variable = Int(nameLength) + Int(extraLength) + Int(commentLength)
            guard centralEnd - cursor - UInt64(ZipFormat.centralHeaderBytes) >= UInt64(variable) else {
                throw ZipError.truncated(what)
            }
            let nameAndExtra = try source.bytes(
                at: cursor + UInt64(ZipFormat.centralHeaderBytes),
                count: Int(nameLength) + Int(extraLength), what: what)
            cursor += UInt64(ZipFormat.centralHeaderBytes + variable)

            let (path, nameSaysDirectory) = try ZipPathValidator.validate(
                Array(nameAndExtra[0..<Int(nameLength)]), limit: limits.maxPathBytes)
            if flags & (ZipFormat.flagEncrypted | ZipFormat.flagStrongEncryption) != 0 {
                throw ZipError.encrypted(entry: path)
            }
            guard let method = ZipMethod(rawValue: methodRaw) else {
                throw ZipError.unsupportedMethod(entry: path, method: methodRaw)
            }
            var sizes = Zip64Values(
                uncompressed: UInt64(uncompressed32), compressed: UInt64(compressed32),
                offset: UInt64(offset32), disk: UInt32(disk16))
            let usesZip64 = try sizes.applyExtra(Array(nameAndExtra[Int(nameLength)...]), entry: path)
            guard sizes.disk == 0 else { throw ZipError.multiDisk }
            let isDirectory = try Self.checkType(
                madeBy: madeBy, external: external, path: path,
                nameSaysDirectory: nameSaysDirectory)
            try checkSizes(path: path, method: method, sizes: sizes, isDirectory: isDirectory, total: &total)
            let local = try ZipLocalHeader.check(
                in: source, offset: sizes.offset, centralName: Array(nameAndExtra[0..<Int(nameLength)]),
                path: path, method: method, crc: crc, compressedSize: sizes.compressed,
                uncompressedSize: sizes.uncompressed, centralOffset: end.centralOffset)
            entries.append(
                ZipEntry(
                    path: path, method: method, compressedSize: sizes.compressed, uncompressedSize: sizes.uncompressed,
                    crc32: crc, localHeaderOffset: sizes.offset, dataOffset: local.dataOffset,
                    isDirectory: isDirectory, hasDataDescriptor: local.hasDataDescriptor, usesZip64: usesZip64))
        }
        guard cursor == centralEnd else {
            throw ZipError.corrupt(entry: nil, detail: "the central directory size does not match its entries")
        }
        try ZipEntrySetChecks.checkOverlaps(entries)
        try ZipEntrySetChecks.checkNames(entries)
        return entries
    }

    /// Refuses links and special files; returns whether the entry is a directory.
    static func checkType(madeBy: UInt16, external: UInt32, path: String, nameSaysDirectory: Bool) throws -> Bool {
        let host = madeBy >> 8
        // Unix (3) and OS X (19) keep the st_mode in the high 16 bits.
        guard host == ZipFormat.hostUnix || host == 19 else { return nameSaysDirectory }
        let mode = external >> 16
        switch mode & ZipFormat.modeTypeMask {
        case 0: return nameSaysDirectory
        case ZipFormat.modeRegular:
            if nameSaysDirectory {
                throw ZipError.corrupt(entry: path, detail: "a directory name has a regular-file mode")
            }
            return false
        case ZipFormat.modeDirectory:
            if !nameSaysDirectory { throw ZipError.corrupt(entry: path, detail: "a file name has a directory mode") }
            return true
        case ZipFormat.modeSymlink: throw ZipError.symlink(entry: path)
        default: throw ZipError.notRegularFile(entry: path, mode: mode)
        }
    }

    /// Applies the size, total and compression-ratio limits.
    func checkSizes(path: String, method: ZipMethod, sizes: Zip64Values, isDirectory: Bool, total: inout UInt64) throws
    {
        if isDirectory, sizes.uncompressed != 0 {
            throw ZipError.corrupt(entry: path, detail: "a directory entry has \(sizes.uncompressed) bytes of data")
        }
        if method == .store, sizes.compressed != sizes.uncompressed {
            throw ZipError.sizeMismatch(entry: path, expected: sizes.uncompressed, actual: sizes.compressed)
        }
        guard sizes.uncompressed <= limits.maxEntryUncompressedBytes else {
            throw ZipError.entryTooLarge(entry: path, size: sizes.uncompressed, limit: limits.maxEntryUncompressedBytes)
        }
        let (sum, overflow) = total.addingReportingOverflow(sizes.uncompressed)
        guard !overflow, sum <= limits.maxTotalUncompressedBytes else {
            throw ZipError.archiveTooLarge(total: overflow ? UInt64.max : sum, limit: limits.maxTotalUncompressedBytes)
        }
        total = sum
        if sizes.uncompressed > ZipLimits.ratioCheckMinimumBytes {
            let (allowed, big) = sizes.compressed.multipliedReportingOverflow(by: limits.maxCompressionRatio)
            if !big, sizes.uncompressed > allowed {
                throw ZipError.compressionRatioTooHigh(
                    entry: path, uncompressed: sizes.uncompressed,
                    compressed: sizes.compressed, limit: limits.maxCompressionRatio)
            }
        }
    }
}

/// Sizes, offset and disk of one entry, after applying its ZIP64 extra field.
struct Zip64Values {
    /// Uncompressed size, in bytes.
    var uncompressed: UInt64
    /// Compressed size, in bytes.
    var compressed: UInt64
    /// Local header offset, in bytes.
    var offset: UInt64
    /// Starting disk number.
    var disk: UInt32

    /// Replaces every field holding its all-ones marker with the value from the ZIP64 extra
    /// field (in APPNOTE order). Returns true if the entry has a ZIP64 field.
    mutating func applyExtra(_ extra: [UInt8], entry: String) throws -> Bool {
        var fields = ZipByteReader(extra)
        var found = false
        // Bounded: each iteration consumes at least 4 bytes of a <= 65,535-byte field.
        while fields.remaining >= 4 {
            guard let tag = fields.u16(), let size = fields.u16(), let body = fields.take(Int(size)) else {
                throw ZipError.corrupt(entry: entry, detail: "an extra field runs past its declared length")
            }
            guard tag == ZipFormat.zip64ExtraTag, !found else { continue }
            found = true
            var zip64 = ZipByteReader(body)
            let marker = UInt64(ZipFormat.max32)
            if uncompressed == marker { uncompressed = try Self.need(zip64.u64(), "uncompressed size", entry) }
            if compressed == marker { compressed = try Self.need(zip64.u64(), "compressed size", entry) }
            if offset == marker { offset = try Self.need(zip64.u64(), "local header offset", entry) }
            if disk == UInt32(ZipFormat.max16) { disk = try Self.need(zip64.u32(), "disk number", entry) }
        }
        return found
    }

    /// Unwraps a ZIP64 value or reports which one is missing.
    private static func need<T>(_ value: T?, _ field: String, _ entry: String) throws -> T {
        guard let value else {
            throw ZipError.corrupt(entry: entry, detail: "the ZIP64 extra field lacks the \(field)")
        }
        return value
    }
}
