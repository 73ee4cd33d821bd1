/// Byte layouts of the headers written by ``ZipWriter``.
extension ZipWriter {
    /// Extra slack allowed for deflate expansion when deciding whether sizes may pass 4 GiB:
    /// 1/16 of the input plus this many bytes (stored blocks cost 5 bytes per 64 KiB).
    static let deflateExpansionSlackBytes: UInt64 = 1 << 16
    /// Unix mode written for every file entry: regular file, rw-r--r--.
    static let fileMode: UInt32 = ZipFormat.modeRegular | 0o644

    /// True when an entry of `sizeHint` bytes could need 64-bit sizes, so the local header must
    /// reserve a ZIP64 extra field. Decided from the input size alone, so output stays deterministic.
    static func needsZip64LocalHeader(sizeHint: UInt64, method: ZipMethod) -> Bool {
        let worstCase: UInt64
        switch method {
        case .store: worstCase = sizeHint
        case .deflate:
            let (sum, overflow) = sizeHint.addingReportingOverflow(sizeHint / 16 + deflateExpansionSlackBytes)
            worstCase = overflow ? UInt64.max : sum
        }
        return worstCase >= UInt64(ZipFormat.max32)
    }

    /// Version needed to extract: 1.0 for store, 2.0 for deflate, 4.5 when ZIP64 is used.
    static func versionNeeded(method: ZipMethod, zip64: Bool) -> UInt16 {
        if zip64 { return 45 }
        return method == .deflate ? 20 : 10
    }

    /// The local file header with zero CRC and sizes (patched later by ``localHeaderPatch``).
    static func localHeader(name: [UInt8], method: ZipMethod, versionNeeded: UInt16, zip64: Bool) -> [UInt8] {
        var out = ZipByteWriter()
        out.u32(ZipFormat.localHeaderSignature)
        out.u16(versionNeeded)
        out.u16(ZipFormat.flagUTF8)
        out.u16(method.rawValue)
        out.u16(ZipFormat.fixedDOSTime)
        out.u16(ZipFormat.fixedDOSDate)
        out.u32(0) // CRC-32, patched
        out.u32(0) // compressed size, patched
        out.u32(0) // uncompressed size, patched
        out.u16(UInt16(name.count))
        out.u16(zip64 ? 20 : 0)
        out.append(name)
        if zip64 {
            out.u16(ZipFormat.zip64ExtraTag)
            out.u16(16)
            out.u64(0) // uncompressed size, patched
            out.u64(0) // compressed size, patched
        }
        return out.bytes
    }

    /// CRC-32 and 32-bit sizes for bytes 14..<26 of the local header.
    static func localHeaderPatch(info: ZipEntryInfo, zip64: Bool) -> [UInt8] {
        var out = ZipByteWriter()
        out.u32(info.crc32)
        out.u32(zip64 ? ZipFormat.max32 : UInt32(truncatingIfNeeded: info.compressedSize))
        out.u32(zip64 ? ZipFormat.max32 : UInt32(truncatingIfNeeded: info.uncompressedSize))
        return out.bytes
    }

    /// The central directory header of one entry, with a ZIP64 extra field holding only the
    /// values that do not fit in 32 bits.
    static func centralHeader(for record: Record) -> [UInt8] {
        let info = record.info
        let limit = UInt64(ZipFormat.max32)
        var extra = ZipByteWriter()
        if info.uncompressedSize >= limit { extra.u64(info.uncompressedSize) }
        if info.compressedSize >= limit { extra.u64(info.compressedSize) }
        if record.localHeaderOffset >= limit { extra.u64(record.localHeaderOffset) }
        var out = ZipByteWriter()
        out.u32(ZipFormat.centralHeaderSignature)
        out.u16(ZipFormat.hostUnix << 8 | record.versionNeeded)
        out.u16(record.versionNeeded)
        out.u16(ZipFormat.flagUTF8)
        out.u16(info.method.rawValue)
        out.u16(ZipFormat.fixedDOSTime)
        out.u16(ZipFormat.fixedDOSDate)
        out.u32(info.crc32)
        out.u32(UInt32(clamping: info.compressedSize))
        out.u32(UInt32(clamping: info.uncompressedSize))
        out.u16(UInt16(record.name.count))
        out.u16(extra.bytes.isEmpty ? 0 : UInt16(extra.bytes.count + 4))
        out.u16(0) // comment length
        out.u16(0) // disk number start
        out.u16(0) // internal attributes
        out.u32(fileMode << 16)
        out.u32(UInt32(clamping: record.localHeaderOffset))
        out.append(record.name)
        if !extra.bytes.isEmpty {
            out.u16(ZipFormat.zip64ExtraTag)
            out.u16(UInt16(extra.bytes.count))
            out.append(extra.bytes)
        }
        return out.bytes
    }

    /// The end of central directory record, preceded by the ZIP64 record and locator when
    /// the entry count, directory size or offset does not fit the classic fields.
    static func endRecords(entryCount: UInt64, centralStart: UInt64, centralSize: UInt64) -> [UInt8] {
        let limit = UInt64(ZipFormat.max32)
        let zip64 = entryCount >= UInt64(ZipFormat.max16) || centralStart >= limit || centralSize >= limit
        var out = ZipByteWriter()
        if zip64 {
            let recordOffset = centralStart + centralSize
            out.u32(ZipFormat.zip64EndOfCentralDirectorySignature)
            out.u64(UInt64(ZipFormat.zip64EndOfCentralDirectoryBytes - 12))
            out.u16(ZipFormat.hostUnix << 8 | 45)
            out.u16(45)
            out.u32(0) // this disk
            out.u32(0) // disk with central directory
            out.u64(entryCount)
            out.u64(entryCount)
            out.u64(centralSize)
            out.u64(centralStart)
            out.u32(ZipFormat.zip64LocatorSignature)
            out.u32(0) // disk with ZIP64 record
            out.u64(recordOffset)
            out.u32(1) // total disks
        }
        out.u32(ZipFormat.endOfCentralDirectorySignature)
        out.u16(0)
        out.u16(0)
        out.u16(UInt16(clamping: entryCount))
        out.u16(UInt16(clamping: entryCount))
        out.u32(UInt32(clamping: centralSize))
        out.u32(UInt32(clamping: centralStart))
        out.u16(0) // comment length
        return out.bytes
    }
}
