/// Draws a picture on a terminal with 24-bit colour as rows of upper half blocks (`▀`): each cell
/// shows two pixels, the upper one as its text colour and the lower one as its background. The
/// picture is shrunk to fit (never enlarged) with a box filter, transparency composited over
/// `background`.
public enum HalfBlockRenderer {
    /// The cell character: the upper half block.
    public static let block: Character = "▀"
    /// What transparent pixels are drawn over: paper white, as diagrams are drawn for a page.
    public static let paper = TerminalRGB(r: 255, g: 255, b: 255)

    /// The size in cells (columns, rows) that `image` is drawn at within `maxColumns` × `maxRows`,
    /// keeping its proportions (a half-block cell is about square).
    public static func size(width: Int, height: Int, maxColumns: Int, maxRows: Int) -> (columns: Int, rows: Int) {
        guard width > 0, height > 0, maxColumns > 0, maxRows > 0 else { return (0, 0) }
        var columns = min(width, maxColumns)
        var pixelRows = max(1, (height * columns + width / 2) / width)
        if pixelRows > maxRows * 2 {
            pixelRows = maxRows * 2
            columns = max(1, min(columns, (width * pixelRows + height / 2) / height))
        }
        return (columns, (pixelRows + 1) / 2)
    }

    /// The lines that draw `image` within `maxColumns` × `maxRows` cells.
    public static func lines(
        _ image: RGBAImage, maxColumns: Int, maxRows: Int, background: TerminalRGB = paper
    ) -> [TerminalLine] {
        let (columns, rows) = size(width: image.width, height: image.height, maxColumns: maxColumns, maxRows: maxRows)
        guard columns > 0, rows > 0 else { return [] }
        let pixelRows = min(rows * 2, max(1, (image.height * columns + image.width / 2) / image.width))
        let grid = shrink(image, columns: columns, rows: pixelRows, background: background)
        return (0..<rows).map { row in
            var spans: [TerminalSpan] = []
            for column in 0..<columns {
                let upper = grid[row * 2 * columns + column]
                let lower = row * 2 + 1 < pixelRows ? grid[(row * 2 + 1) * columns + column] : background
                if let last = spans.last, last.foreground == upper, last.background == lower {
                    spans[spans.count - 1].range = last.range.lowerBound..<(column + 1)
                } else {
                    spans.append(TerminalSpan(column..<(column + 1), [], foreground: upper, background: lower))
                }
            }
            return TerminalLine(String(repeating: block, count: columns), spans: spans)
        }
    }

    /// The picture averaged down to `columns` × `rows` colours (box filter), over `background`.
    static func shrink(_ image: RGBAImage, columns: Int, rows: Int, background: TerminalRGB) -> [TerminalRGB] {
        var out: [TerminalRGB] = []
        out.reserveCapacity(columns * rows)
        let back = [Int(background.r), Int(background.g), Int(background.b)]
        image.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<rows {
                let y0 = row * image.height / rows
                let y1 = max(y0 + 1, (row + 1) * image.height / rows)
                for column in 0..<columns {
                    let x0 = column * image.width / columns
                    let x1 = max(x0 + 1, (column + 1) * image.width / columns)
                    var sum = [0, 0, 0]
                    for y in y0..<y1 {
                        var i = (y * image.width + x0) * 4
                        for _ in x0..<x1 {
                            let alpha = Int(pixels[i + 3])
                            sum[0] += Int(pixels[i]) * alpha + back[0] * (255 - alpha)
                            sum[1] += Int(pixels[i + 1]) * alpha + back[1] * (255 - alpha)
                            sum[2] += Int(pixels[i + 2]) * alpha + back[2] * (255 - alpha)
                            i += 4
                        }
                    }
                    let count = (y1 - y0) * (x1 - x0) * 255
                    out.append(
                        TerminalRGB(
                            r: UInt8((sum[0] + count / 2) / count), g: UInt8((sum[1] + count / 2) / count),
                            b: UInt8((sum[2] + count / 2) / count)))
                }
            }
        }
        return out
    }
}
