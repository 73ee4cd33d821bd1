import CZlib

/// A raw DEFLATE compressor (zlib level 6, window bits -15, memLevel 8, default strategy).
///
/// Output is a pure function of the input bytes, so archives are reproducible.
final class ZipDeflater {
    /// zlib compression level used for every deflated entry.
    static let level: Int32 = 6
    /// Negative window bits select raw deflate without a zlib header (32 KiB window).
    static let rawWindowBits: Int32 = -15
    /// zlib's default memory level.
    static let memoryLevel: Int32 = 8

    /// The zlib stream, at a stable address.
    private let stream: UnsafeMutablePointer<z_stream>

    /// Initializes a deflate stream.
    init() throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_deflateInit2(stream, Self.level, Self.rawWindowBits, Self.memoryLevel, Z_DEFAULT_STRATEGY)
        guard status == Z_OK else {
            stream.deallocate()
            throw ZipError.corrupt(entry: nil, detail: "zlib deflateInit2 failed with status \(status)")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Compresses `input` (all of it) and, when `finish` is true, ends the stream; every time
    /// `output` fills up (and at the end, if non-empty) `emit` receives the produced bytes.
    func compress(
        _ input: UnsafeRawBufferPointer, finish: Bool, output: UnsafeMutableRawBufferPointer,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        guard let outBase = output.baseAddress else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        // Bounded: every round either drains output or consumes input; zlib guarantees progress
        // while avail_out > 0, and Z_STREAM_END ends the finishing loop.
        while true {
            stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(output.count)
            let status = deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw ZipError.corrupt(entry: nil, detail: "zlib deflate failed with status \(status)")
            }
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 { try emit(UnsafeRawBufferPointer(start: outBase, count: produced)) }
            if finish {
                if status == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
                return
            }
        }
    }
}
