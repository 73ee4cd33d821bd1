/// The bounds the PNG decoder keeps to, so that a hostile or damaged picture in a course costs
/// at most this much time and memory.
public enum PNGLimits {
    /// Widest and tallest picture accepted, in pixels (8192): larger than any screen diagram.
    public static let maxDimension = 8192
    /// Most bytes of decoded RGBA pixels (64 MiB: 4096 × 4096 at 4 bytes a pixel).
    public static let maxDecodedBytes = 64 * 1024 * 1024
    /// Largest PNG file read, in bytes (32 MiB).
    public static let maxFileBytes = 32 * 1024 * 1024
    /// Most chunks in one file (100,000): a file of empty chunks stays cheap to walk.
    public static let maxChunks = 100_000
}
