// libFuzzer entry point for ZipReader. Built by scripts/fuzz-zip.sh together with the
// CoursePackage Hashing and Zip sources (so internal APIs such as the in-memory reader are visible).

/// Limits small enough that the fuzzer explores parsing rather than huge inflations.
let fuzzLimits = ZipLimits(
    maxEntries: 256, maxTotalUncompressedBytes: 8 << 20, maxEntryUncompressedBytes: 4 << 20,
    maxCompressionRatio: 200, maxPathBytes: 256)

/// Opens the input as an in-memory archive and streams every entry; any ZipError is fine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let reader = try ZipReader(bytes: bytes, limits: fuzzLimits)
        for entry in reader.entries where !entry.isDirectory {
            var hasher = SHA256()
            try reader.read(entry) { hasher.update($0) }
            _ = hasher.finalize()
        }
    } catch is ZipError {
        return 0
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
