/// Turns unfiltered rows of any colour type and bit depth into 8-bit RGBA.
struct PNGPixelConverter {
    let header: PNGDecoder.Header
    /// 256 RGBA entries, alpha from `tRNS` applied (palette images only).
    let palette: [UInt8]
    /// The transparent grey or RGB value at the image's bit depth (`tRNS` for types 0 and 2).
    let transparentKey: [Int]?

    init(header: PNGDecoder.Header, palette: [UInt8]?, transparency: [UInt8]?) {
        self.header = header
        var table = palette ?? []
        var key: [Int]?
        if let transparency {
            switch header.colorType {
            case 3 where !table.isEmpty:
                for (entry, alpha) in transparency.prefix(256).enumerated() { table[entry * 4 + 3] = alpha }
            case 0 where transparency.count >= 2:
                key = [Int(transparency[0]) << 8 | Int(transparency[1])]
            case 2 where transparency.count >= 6:
                key = (0..<3).map { Int(transparency[$0 * 2]) << 8 | Int(transparency[$0 * 2 + 1]) }
            default:
                break
            }
        }
        self.palette = table
        self.transparentKey = key
    }

    /// Writes `count` pixels of `row` to `out` at row `y`, columns `x0`, `x0 + dx`, ...
    func convert(
        row: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, imageWidth: Int, y: Int,
        x0: Int, dx: Int, count: Int
    ) {
        let depth = header.bitDepth
        let channels = header.channels
        let maxValue = (1 << depth) - 1
        var samples = [Int](repeating: 0, count: 4)
        for i in 0..<count {
            // The samples at the file's depth, for tRNS keys; then scaled to 8 bits.
            for c in 0..<channels {
                let index = i * channels + c
                switch depth {
                case 16: samples[c] = Int(row[index * 2]) << 8 | Int(row[index * 2 + 1])
                case 8: samples[c] = Int(row[index])
                default:
                    let bit = index * depth
                    samples[c] = Int(row[bit / 8] >> UInt8(8 - depth - bit % 8)) & maxValue
                }
            }
            let o = ((y * imageWidth) + x0 + i * dx) * 4
            let eight: (Int) -> UInt8 = { depth == 16 ? UInt8($0 >> 8) : UInt8($0 * 255 / maxValue) }
            switch header.colorType {
            case 3:
                let entry = min(samples[0], 255) * 4
                for c in 0..<4 { out[o + c] = palette[entry + c] }
            case 0, 4:
                let grey = eight(samples[0])
                out[o] = grey
                out[o + 1] = grey
                out[o + 2] = grey
                out[o + 3] = header.colorType == 4 ? eight(samples[1]) : (transparentKey == [samples[0]] ? 0 : 255)
            default:
                for c in 0..<3 { out[o + c] = eight(samples[c]) }
                if header.colorType == 6 {
                    out[o + 3] = eight(samples[3])
                } else {
                    out[o + 3] = transparentKey.map { $0 == Array(samples[0..<3]) } == true ? 0 : 255
                }
            }
        }
    }
}
