/// One pass over the picture: the whole picture when it is not interlaced, else one of Adam7's seven.
struct PNGPass {
    var x: Int
    var y: Int
    var dx: Int
    var dy: Int
    /// Pixels per row and rows in this pass (either may be 0: then the pass holds no data).
    var width: Int
    var height: Int

    /// The passes that make up `header`'s picture, empty ones left out.
    static func passes(for header: PNGDecoder.Header) -> [PNGPass] {
        guard header.interlaced else {
            return [PNGPass(x: 0, y: 0, dx: 1, dy: 1, width: header.width, height: header.height)]
        }
        let adam7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        return adam7.compactMap { x, y, dx, dy in
            let width = header.width > x ? (header.width - x + dx - 1) / dx : 0
            let height = header.height > y ? (header.height - y + dy - 1) / dy : 0
            return width > 0 && height > 0 ? PNGPass(x: x, y: y, dx: dx, dy: dy, width: width, height: height) : nil
        }
    }
}

/// Undoes PNG's five row filters (None, Sub, Up, Average, Paeth) in place.
enum PNGFilter {
    /// Unfilters `rows` rows of `rowBytes` bytes, each after its filter-type byte, starting at
    /// `offset` in `data`; `stride` is the distance to the previous pixel's byte.
    static func unfilter(
        _ data: UnsafeMutableBufferPointer<UInt8>, offset: Int, rows: Int, rowBytes: Int, stride: Int
    ) throws(PNGError) {
        for row in 0..<rows {
            let start = offset + row * (rowBytes + 1)
            let line = start + 1
            let previous = line - (rowBytes + 1)
            let hasPrevious = row > 0
            switch data[start] {
            case 0:
                break
            case 1:
                for i in stride..<max(stride, rowBytes) { data[line + i] &+= data[line + i - stride] }
            case 2:
                guard hasPrevious else { break }
                for i in 0..<rowBytes { data[line + i] &+= data[previous + i] }
            case 3:
                for i in 0..<rowBytes {
                    let left = i >= stride ? Int(data[line + i - stride]) : 0
                    let up = hasPrevious ? Int(data[previous + i]) : 0
                    data[line + i] &+= UInt8((left + up) / 2)
                }
            case 4:
                for i in 0..<rowBytes {
                    let left = i >= stride ? Int(data[line + i - stride]) : 0
                    let up = hasPrevious ? Int(data[previous + i]) : 0
                    let upLeft = hasPrevious && i >= stride ? Int(data[previous + i - stride]) : 0
                    data[line + i] &+= UInt8(paeth(left, up, upLeft))
                }
            default:
                throw .malformed("row filter type \(data[start]) does not exist")
            }
        }
    }

    /// The Paeth predictor: whichever of left, up, upper-left is nearest `left + up - upLeft`.
    @inline(__always)
    static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c
        let pa = abs(p - a)
        let pb = abs(p - b)
        let pc = abs(p - c)
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }
}
