import CZlib
import LMSModel

/// Decodes PNG files (ISO/IEC 15948) into 8-bit RGBA: every colour type (grey, RGB, palette,
/// grey + alpha, RGBA) at every bit depth (1, 2, 4, 8, 16; 16-bit samples keep their high byte),
/// `tRNS` transparency, non-interlaced and Adam7-interlaced. Chunk CRCs are checked, and
/// `PNGLimits` bound the dimensions, the file and the inflated data, so a damaged or hostile file
/// fails with a `PNGError` and never costs more than the limits.
public enum PNGDecoder {
    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// The image header (`IHDR`).
    struct Header {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: Int
        var interlaced: Bool

        /// Samples per pixel for the colour type.
        var channels: Int {
            switch colorType {
            case 2: return 3
            case 4: return 2
            case 6: return 4
            default: return 1
            }
        }

        /// Bytes of one filtered row `width` pixels wide, without its filter byte.
        func rowBytes(width: Int) -> Int { (width * channels * bitDepth + 7) / 8 }

        /// The filter's distance to the corresponding byte of the previous pixel (at least 1).
        var filterStride: Int { max(1, channels * bitDepth / 8) }
    }

    /// Whether `bytes` start with the PNG signature.
    public static func isPNG(_ bytes: [UInt8]) -> Bool { bytes.starts(with: signature) }

    /// Decodes a whole PNG file.
    public static func decode(_ bytes: [UInt8]) throws(PNGError) -> RGBAImage {
        guard bytes.count <= PNGLimits.maxFileBytes else { throw .fileTooLarge(bytes: bytes.count) }
        guard isPNG(bytes) else { throw .notPNG }
        var chunks = PNGChunks()
        try chunks.read(bytes)
        guard let header = chunks.header else { throw .malformed("the IHDR chunk is missing") }
        if header.colorType == 3, chunks.palette == nil { throw .malformed("a palette image has no PLTE chunk") }
        let passes = PNGPass.passes(for: header)
        let expected = passes.reduce(0) { $0 + $1.height * (1 + header.rowBytes(width: $1.width)) }
        var raw = try inflate(chunks.imageData, expected: expected)
        var pixels = [UInt8](repeating: 0, count: header.width * header.height * 4)
        let converter = PNGPixelConverter(header: header, palette: chunks.palette, transparency: chunks.transparency)
        var offset = 0
        try raw.withUnsafeMutableBufferPointer { raw throws(PNGError) in
            try pixels.withUnsafeMutableBufferPointer { out throws(PNGError) in
                for pass in passes {
                    let rowBytes = header.rowBytes(width: pass.width)
                    try PNGFilter.unfilter(
                        raw, offset: offset, rows: pass.height, rowBytes: rowBytes, stride: header.filterStride)
                    for row in 0..<pass.height {
                        let start = offset + row * (rowBytes + 1) + 1
                        converter.convert(
                            row: UnsafeBufferPointer(rebasing: raw[start..<start + rowBytes]), into: out,
                            imageWidth: header.width, y: pass.y + row * pass.dy, x0: pass.x, dx: pass.dx,
                            count: pass.width)
                    }
                    offset += pass.height * (rowBytes + 1)
                }
            }
        }
        guard let image = RGBAImage(width: header.width, height: header.height, pixels: pixels) else {
            throw .malformed("the pixel count does not match the header")
        }
        return image
    }

    /// Bytes inflated per step (64 KiB): the output grows with the data actually present, so a
    /// short file claiming a large picture costs little.
    static let inflateStepBytes = 64 * 1024

    /// Inflates the concatenated `IDAT` data (a zlib stream), which must give exactly `expected`
    /// bytes: inflating stops one byte past it, so a zlib bomb stops there.
    static func inflate(_ data: [UInt8], expected: Int) throws(PNGError) -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflateInit2(&stream, 15) == Z_OK else { throw .malformed("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(expected + 1, 1 << 20))
        var step = [UInt8](repeating: 0, count: inflateStepBytes)
        var status: Int32 = Z_OK
        data.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            // Bounded: each round adds output (at most expected + 1 bytes in all) or stops.
            var produced = 0
            repeat {
                let room = min(step.count, expected + 1 - output.count)
                step.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(room)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                produced = room - Int(stream.avail_out)
                output += step[0..<produced]
            } while status == Z_OK && produced > 0 && output.count <= expected
        }
        if output.count > expected { throw .malformed("the image data holds more than its header describes") }
        switch status {
        case Z_STREAM_END where output.count == expected:
            return output
        case Z_STREAM_END, Z_OK, Z_BUF_ERROR:
            throw .truncated
        default:
            throw .malformed("the compressed image data is corrupt")
        }
    }
}
