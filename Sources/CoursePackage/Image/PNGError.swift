/// Why a PNG could not be decoded; the description says what is wrong and what to do.
public enum PNGError: Error, Equatable, CustomStringConvertible {
    /// The bytes do not start with the PNG signature.
    case notPNG
    /// The file ends inside a chunk or before the image data ends.
    case truncated
    /// A chunk's CRC does not match its contents.
    case badCRC(chunk: String)
    /// A header field or chunk is invalid.
    case malformed(String)
    /// The picture is larger than `PNGLimits` allow.
    case tooLarge(width: Int, height: Int)
    /// The file is larger than `PNGLimits.maxFileBytes`.
    case fileTooLarge(bytes: Int)
    /// A valid PNG feature this decoder does not handle.
    case unsupported(String)

    public var description: String {
        switch self {
        case .notPNG: return "not a PNG file (the signature is missing); save the picture as PNG"
        case .truncated: return "the PNG file is truncated; export the picture again"
        case .badCRC(let chunk): return "the PNG chunk \(chunk) is damaged (bad CRC); export the picture again"
        case .malformed(let detail): return "the PNG file is invalid: \(detail); export the picture again"
        case .tooLarge(let width, let height):
            return "the PNG picture is \(width)×\(height) pixels, larger than the \(PNGLimits.maxDimension) pixels "
                + "and \(PNGLimits.maxDecodedBytes / (1024 * 1024)) MiB allowed; scale it down"
        case .fileTooLarge(let bytes):
            return
                "the PNG file is \(bytes) bytes, more than the \(PNGLimits.maxFileBytes / (1024 * 1024)) MiB allowed; "
                + "scale it down"
        case .unsupported(let detail):
            return "the PNG file uses \(detail), which is not supported; save it as a plain PNG"
        }
    }
}
