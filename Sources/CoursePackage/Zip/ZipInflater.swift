import CZlib

/// A raw DEFLATE decompressor (window bits -15) that never writes past the space it is given.
final class ZipInflater {
    /// The zlib stream, at a stable address.
    private let stream: UnsafeMutablePointer<z_stream>

    /// Outcome of one ``inflate(input:output:)`` call.
    struct Step {
        /// Input bytes consumed.
        var consumed: Int
        /// Output bytes produced.
        var produced: Int
        /// True once the final deflate block has been decoded.
        var finished: Bool
    }

    /// Initializes an inflate stream.
    init() throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_inflateInit2(stream, ZipDeflater.rawWindowBits)
        guard status == Z_OK else {
            stream.deallocate()
            throw ZipError.corrupt(entry: nil, detail: "zlib inflateInit2 failed with status \(status)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Decodes from `input` into `output` (at most `output.count` bytes).
    /// Returns a failure with zlib's reason when the data is invalid.
    func inflate(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) -> Result<
        Step, ZipInflateFailure
    > {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let step = Step(
            consumed: input.count - Int(stream.pointee.avail_in),
            produced: output.count - Int(stream.pointee.avail_out),
            finished: status == Z_STREAM_END)
        switch status {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
            return .success(step)
        case Z_NEED_DICT:
            return .failure(ZipInflateFailure(reason: "deflate stream asks for a preset dictionary"))
        case Z_MEM_ERROR:
            return .failure(ZipInflateFailure(reason: "out of memory while inflating"))
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
            return .failure(ZipInflateFailure(reason: message))
        }
    }
}

/// Why zlib refused a deflate stream.
struct ZipInflateFailure: Error {
    /// zlib's message or status.
    let reason: String
}
