import LMSModel
import Testing

/// A picture of `width` × `height` pixels, every pixel `rgba`.
private func solid(_ width: Int, _ height: Int, _ rgba: [UInt8]) -> RGBAImage? {
    RGBAImage(width: width, height: height, pixels: Array((0..<(width * height)).map { _ in rgba }.joined()))
}

private let red = TerminalRGB(r: 255, g: 0, b: 0)
private let blue = TerminalRGB(r: 0, g: 0, b: 255)

struct HalfBlockRendererTests {
    @Test func eachCellShowsTheUpperPixelAsForegroundAndTheLowerAsBackground() throws {
        // 2 × 2: top row red, bottom row blue → one row of two cells, merged into one span.
        let image = try #require(
            RGBAImage(width: 2, height: 2, pixels: [255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 255]))
        let lines = HalfBlockRenderer.lines(image, maxColumns: 80, maxRows: 24)
        #expect(lines == [TerminalLine("▀▀", spans: [TerminalSpan(0..<2, [], foreground: red, background: blue)])])
    }

    @Test func adjacentCellsOfDifferentColoursGetSpansOfTheirOwn() throws {
        let image = try #require(RGBAImage(width: 2, height: 1, pixels: [255, 0, 0, 255, 0, 0, 255, 255]))
        let lines = HalfBlockRenderer.lines(
            image, maxColumns: 80, maxRows: 24, background: TerminalRGB(r: 0, g: 0, b: 0))
        #expect(lines.count == 1)
        #expect(lines[0].spans.map(\.foreground) == [red, blue])
        #expect(lines[0].spans.map(\.background) == [TerminalRGB(r: 0, g: 0, b: 0), TerminalRGB(r: 0, g: 0, b: 0)])
    }

    @Test func aWidePictureShrinksToTheColumnsKeepingItsProportions() throws {
        let image = try #require(solid(1000, 500, [10, 20, 30, 255]))
        let lines = HalfBlockRenderer.lines(image, maxColumns: 80, maxRows: 24)
        #expect(lines.count == 20) // 80 columns × 40 pixel rows.
        #expect(lines.allSatisfy { $0.text.count == 80 })
        #expect(
            lines[0].spans == [
                TerminalSpan(
                    0..<80, [], foreground: TerminalRGB(r: 10, g: 20, b: 30),
                    background: TerminalRGB(r: 10, g: 20, b: 30))
            ])
    }

    @Test func aTallPictureShrinksToTheRows() {
        #expect(HalfBlockRenderer.size(width: 100, height: 1000, maxColumns: 80, maxRows: 24) == (5, 24))
        #expect(HalfBlockRenderer.size(width: 3, height: 3, maxColumns: 80, maxRows: 24) == (3, 2))
        #expect(HalfBlockRenderer.size(width: 5, height: 5, maxColumns: 0, maxRows: 24) == (0, 0))
    }

    @Test func theBoxFilterAveragesPixels() throws {
        // Black and white columns averaged into one cell: mid grey.
        let image = try #require(
            RGBAImage(width: 2, height: 2, pixels: [0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255])
        )
        let lines = HalfBlockRenderer.lines(image, maxColumns: 1, maxRows: 24)
        #expect(lines[0].spans.first?.foreground == TerminalRGB(r: 128, g: 128, b: 128))
    }

    @Test func transparentPixelsShowTheBackground() throws {
        let image = try #require(solid(2, 2, [255, 0, 0, 0]))
        let green = TerminalRGB(r: 0, g: 200, b: 0)
        let lines = HalfBlockRenderer.lines(image, maxColumns: 80, maxRows: 24, background: green)
        #expect(lines[0].spans.first?.foreground == green)
        #expect(lines[0].spans.first?.background == green)
    }

    @Test func anOddNumberOfPixelRowsEndsOnTheBackground() throws {
        let image = try #require(solid(1, 3, [255, 0, 0, 255]))
        let lines = HalfBlockRenderer.lines(image, maxColumns: 80, maxRows: 24)
        #expect(lines.count == 2)
        #expect(lines[1].spans.first?.foreground == red)
        #expect(lines[1].spans.first?.background == HalfBlockRenderer.paper)
    }

    @Test func rgbaImageRefusesAPixelCountThatDoesNotMatch() {
        #expect(RGBAImage(width: 2, height: 2, pixels: [0, 0, 0]) == nil)
        #expect(RGBAImage(width: 0, height: 2, pixels: []) == nil)
    }
}
