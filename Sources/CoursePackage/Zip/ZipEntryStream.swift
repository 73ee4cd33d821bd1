/// Decodes one entry chunk by chunk, verifying size and CRC-32 at the end.
///
/// Never produces more than the declared uncompressed size plus one byte (which is how an
/// overlong stream is detected), and never reads outside the entry's compressed range.
final class ZipEntryStream {
    /// Compressed bytes read per `pread`, in bytes (256 KiB).
    static let inputChunkBytes = 256 << 10
    /// Consecutive inflate calls allowed to make no progress before the data is declared corrupt.
    static let maxStalledSteps = 4

    /// The archive.
    private let source: ZipByteSource
    /// The entry being decoded.
    let entry: ZipEntry
    /// Running CRC-32 of the produced bytes.
    private var crc = CRC32()
    /// Uncompressed bytes produced so far.
    private var produced: UInt64 = 0
    /// Compressed bytes read from the archive so far.
    private var compressedRead: UInt64 = 0
    /// Inflater for deflated entries.
    private let inflater: ZipInflater?
    /// Compressed input buffer (deflate only).
    private let input: UnsafeMutableRawBufferPointer
    /// Unconsumed range of `input`.
    private var inputStart = 0, inputEnd = 0
    /// True once all data was produced and verified.
    private var done = false

    /// Prepares to decode `entry` from `source`.
    init(source: ZipByteSource, entry: ZipEntry) throws {
        self.source = source
        self.entry = entry
        if entry.method == .deflate {
            inflater = try ZipInflater()
            input = .allocate(byteCount: Self.inputChunkBytes, alignment: 16)
        } else {
            inflater = nil
            input = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        }
    }

    deinit { input.deallocate() }

    /// Fills the start of `output` with the next bytes; returns 0 once the entry is complete and verified.
    func next(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !done, output.count > 0 else { return 0 }
        let count = try inflater == nil ? nextStored(into: output) : nextInflated(into: output)
        if count == 0 {
            try verify()
            done = true
        } else {
            crc.update(UnsafeRawBufferPointer(rebasing: output[0..<count]))
        }
        return count
    }

    /// Copies stored bytes straight from the archive.
    private func nextStored(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        let remaining = entry.compressedSize - compressedRead
        let count = Int(min(UInt64(output.count), remaining))
        guard count > 0 else { return 0 }
        let target = UnsafeMutableRawBufferPointer(rebasing: output[0..<count])
        guard try source.read(into: target, at: entry.dataOffset + compressedRead) else {
            throw ZipError.truncated("the data of '\(entry.path)'")
        }
        compressedRead += UInt64(count)
        produced += UInt64(count)
        return count
    }

    /// Inflates until some output is produced or the stream ends.
    private func nextInflated(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let inflater, !finished else { return 0 }
        let allowance = entry.uncompressedSize - produced + 1
        let room = Int(min(UInt64(output.count), allowance))
        var stalled = 0
        // Bounded: every iteration consumes input or produces output, or counts as stalled.
        while stalled < Self.maxStalledSteps {
            if inputStart == inputEnd && compressedRead < entry.compressedSize { try refill() }
            let available = UnsafeRawBufferPointer(rebasing: input[inputStart..<inputEnd])
            let step: ZipInflater.Step
            switch inflater.inflate(input: available, output: UnsafeMutableRawBufferPointer(rebasing: output[0..<room]))
            {
            case .success(let value): step = value
            case .failure(let failure): throw ZipError.corruptData(entry: entry.path, detail: failure.reason)
            }
            inputStart += step.consumed
            produced += UInt64(step.produced)
            if produced > entry.uncompressedSize {
                throw ZipError.sizeMismatch(entry: entry.path, expected: entry.uncompressedSize, actual: produced)
            }
            if step.finished {
                let unused = UInt64(inputEnd - inputStart) + (entry.compressedSize - compressedRead)
                if unused > 0 {
                    throw ZipError.corruptData(
                        entry: entry.path, detail: "\(unused) bytes follow the end of the deflate stream")
                }
                finished = true
                return step.produced
            }
            if step.produced > 0 { return step.produced }
            if step.consumed == 0 {
                if inputStart == inputEnd && compressedRead == entry.compressedSize {
                    throw ZipError.corruptData(entry: entry.path, detail: "the deflate stream ends early")
                }
                stalled += 1
            }
        }
        throw ZipError.corruptData(entry: entry.path, detail: "the deflate stream makes no progress")
    }

    /// True once the deflate stream has signalled its end.
    private var finished = false

    /// Reads the next compressed chunk.
    private func refill() throws {
        let count = Int(min(UInt64(input.count), entry.compressedSize - compressedRead))
        let target = UnsafeMutableRawBufferPointer(rebasing: input[0..<count])
        guard try source.read(into: target, at: entry.dataOffset + compressedRead) else {
            throw ZipError.truncated("the data of '\(entry.path)'")
        }
        compressedRead += UInt64(count)
        inputStart = 0
        inputEnd = count
    }

    /// Checks exact size and CRC-32 once all data has been produced.
    private func verify() throws {
        if inflater != nil && !finished {
            throw ZipError.corruptData(entry: entry.path, detail: "the deflate stream ends early")
        }
        guard produced == entry.uncompressedSize else {
            throw ZipError.sizeMismatch(entry: entry.path, expected: entry.uncompressedSize, actual: produced)
        }
        guard crc.value == entry.crc32 else {
            throw ZipError.crcMismatch(entry: entry.path, expected: entry.crc32, actual: crc.value)
        }
    }
}
