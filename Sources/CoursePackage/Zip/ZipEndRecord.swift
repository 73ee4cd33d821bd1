/// Where the central directory is, as read from the end of central directory record(s).
struct ZipEndRecord {
    /// Number of central directory entries.
    let entryCount: UInt64
    /// Offset of the first central directory header, in bytes.
    let centralOffset: UInt64
    /// Size of the central directory, in bytes.
    let centralSize: UInt64
    /// Offset where the end records start; the central directory must end at or before it.
    let endRecordsOffset: UInt64

    /// Finds and validates the end of central directory record, and the ZIP64 record when a
    /// locator precedes it. Scans at most the last 22 + 65,535 bytes (the largest comment).
    static func locate(in source: ZipByteSource, displayPath: String) throws -> ZipEndRecord {
        let fixed = ZipFormat.endOfCentralDirectoryBytes
        guard source.size >= UInt64(fixed) else { throw ZipError.notAZip(displayPath) }
        let tailCount = Int(min(source.size, UInt64(fixed + ZipFormat.maxCommentBytes)))
        let tailStart = source.size - UInt64(tailCount)
        let tail = try source.bytes(at: tailStart, count: tailCount, what: "the end of central directory")
        var found: Int?
        var index = tailCount - fixed
        // Bounded: at most 65,536 candidate positions.
        while index >= 0 {
            if tail[index] == 0x50, tail[index + 1] == 0x4b, tail[index + 2] == 0x05, tail[index + 3] == 0x06 {
                let commentLength = Int(tail[index + 20]) | Int(tail[index + 21]) << 8
                if index + fixed + commentLength == tailCount {
                    found = index
                    break
                }
            }
            index -= 1
        }
        guard let eocdIndex = found else { throw ZipError.notAZip(displayPath) }
        var reader = ZipByteReader(Array(tail[eocdIndex..<(eocdIndex + fixed)]))
        _ = reader.u32()
        guard let disk = reader.u16(), let centralDisk = reader.u16(), let diskEntries = reader.u16(),
            let totalEntries = reader.u16(), let centralSize = reader.u32(), let centralOffset = reader.u32()
        else { throw ZipError.truncated("the end of central directory") }
        let eocdOffset = tailStart + UInt64(eocdIndex)

        if let zip64 = try locateZip64(in: source, eocdOffset: eocdOffset) { return zip64 }
        guard disk == 0, centralDisk == 0, diskEntries == totalEntries else { throw ZipError.multiDisk }
        return try ZipEndRecord(
            entryCount: UInt64(totalEntries), centralOffset: UInt64(centralOffset),
            centralSize: UInt64(centralSize), endRecordsOffset: eocdOffset
        ).validated()
    }

    /// Reads the ZIP64 end record if a ZIP64 locator sits just before the classic end record.
    private static func locateZip64(in source: ZipByteSource, eocdOffset: UInt64) throws -> ZipEndRecord? {
        let locatorBytes = UInt64(ZipFormat.zip64LocatorBytes)
        guard eocdOffset >= locatorBytes else { return nil }
        let locatorOffset = eocdOffset - locatorBytes
        var locator = ZipByteReader(
            try source.bytes(
                at: locatorOffset, count: ZipFormat.zip64LocatorBytes,
                what: "the ZIP64 locator"))
        guard locator.u32() == ZipFormat.zip64LocatorSignature else { return nil }
        guard let recordDisk = locator.u32(), let recordOffset = locator.u64(), let diskCount = locator.u32()
        else { throw ZipError.truncated("the ZIP64 locator") }
        guard recordDisk == 0, diskCount <= 1 else { throw ZipError.multiDisk }
        let recordBytes = UInt64(ZipFormat.zip64EndOfCentralDirectoryBytes)
        guard recordOffset <= locatorOffset, locatorOffset - recordOffset >= recordBytes else {
            throw ZipError.truncated("the ZIP64 end of central directory record")
        }
        var record = ZipByteReader(
            try source.bytes(
                at: recordOffset, count: ZipFormat.zip64EndOfCentralDirectoryBytes,
                what: "the ZIP64 end of central directory record"))
        guard record.u32() == ZipFormat.zip64EndOfCentralDirectorySignature else {
            throw ZipError.corrupt(entry: nil, detail: "the ZIP64 locator points to a missing ZIP64 end record")
        }
        guard record.skip(12), let disk = record.u32(), let centralDisk = record.u32(),
            let diskEntries = record.u64(), let totalEntries = record.u64(),
            let centralSize = record.u64(), let centralOffset = record.u64()
        else { throw ZipError.truncated("the ZIP64 end of central directory record") }
        guard disk == 0, centralDisk == 0, diskEntries == totalEntries else { throw ZipError.multiDisk }
        return try ZipEndRecord(
            entryCount: totalEntries, centralOffset: centralOffset, centralSize: centralSize,
            endRecordsOffset: recordOffset
        ).validated()
    }

    /// Checks that the central directory lies inside the file, before the end records.
    private func validated() throws -> ZipEndRecord {
        let (end, overflow) = centralOffset.addingReportingOverflow(centralSize)
        guard !overflow, end <= endRecordsOffset else { throw ZipError.truncated("the central directory") }
        let (minimum, tooMany) = entryCount.multipliedReportingOverflow(by: UInt64(ZipFormat.centralHeaderBytes))
        guard !tooMany, minimum <= centralSize else {
            throw ZipError.corrupt(entry: nil, detail: "the central directory is too small for \(entryCount) entries")
        }
        return self
    }
}
