import CoursePackage
import Foundation
import LMSModel
import Testing

/// The bytes of a fixture from `Fixtures/png/` (made by `Fixtures/png/make_fixtures.py`).
private func pngFixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "png", subdirectory: "Fixtures/png"))
    return [UInt8](try Data(contentsOf: url))
}

/// The sample `make_fixtures.py` writes for channel `c` of pixel (`x`, `y`), scaled to 8 bits.
private func sample(_ x: Int, _ y: Int, _ c: Int, depth: Int) -> UInt8 {
    let maxValue = (1 << depth) - 1
    let value = (x * 37 + y * 91 + c * 53) % (maxValue + 1)
    return depth == 16 ? UInt8(value >> 8) : UInt8(value * 255 / maxValue)
}

/// The RGBA the fixture of `colorType` at `depth` should decode to at (`x`, `y`).
private func expected(colorType: Int, depth: Int, x: Int, y: Int, width: Int = 9) -> [UInt8] {
    switch colorType {
    case 0:
        let grey = sample(x, y, 0, depth: depth)
        return [grey, grey, grey, 255]
    case 2: return [sample(x, y, 0, depth: depth), sample(x, y, 1, depth: depth), sample(x, y, 2, depth: depth), 255]
    case 3:
        let index = (x + y * 9) % min(7, 1 << depth)
        return [UInt8(index * 30), UInt8(255 - index * 30), UInt8(index * 7), 255]
    case 4:
        let grey = sample(x, y, 0, depth: depth)
        return [grey, grey, grey, sample(x, y, 1, depth: depth)]
    default: return (0..<4).map { sample(x, y, $0, depth: depth) }
    }
}

private func pixel(_ image: RGBAImage, _ x: Int, _ y: Int) -> [UInt8] {
    let p = image.pixel(x: x, y: y)
    return [p.r, p.g, p.b, p.a]
}

private let colourTypesAndDepths = [
    (0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (2, 8), (2, 16), (3, 1), (3, 2), (3, 4), (3, 8), (4, 8), (4, 16),
    (6, 8), (6, 16)
]

@Test(arguments: colourTypesAndDepths)
func pngDecoderDecodesEveryColourTypeAndDepthToTheWrittenPixels(colorType: Int, depth: Int) throws {
    let image = try PNGDecoder.decode(try pngFixture("type\(colorType)-depth\(depth)"))
    #expect(image.width == 9 && image.height == 5)
    for y in 0..<5 {
        for x in 0..<9 {
            #expect(pixel(image, x, y) == expected(colorType: colorType, depth: depth, x: x, y: y), "(\(x), \(y))")
        }
    }
}

@Test(arguments: [(6, 8), (0, 1)])
func pngDecoderDecodesAdam7InterlacedPictures(colorType: Int, depth: Int) throws {
    let image = try PNGDecoder.decode(try pngFixture("type\(colorType)-depth\(depth)-interlaced"))
    #expect(image.width == 11 && image.height == 10)
    for y in 0..<10 {
        for x in 0..<11 {
            #expect(pixel(image, x, y) == expected(colorType: colorType, depth: depth, x: x, y: y), "(\(x), \(y))")
        }
    }
}

@Test func pngDecoderAppliesPaletteTransparency() throws {
    let image = try PNGDecoder.decode(try pngFixture("type3-depth8-trns"))
    #expect(pixel(image, 0, 0) == [0, 255, 0, 0])
    #expect(pixel(image, 1, 0) == [30, 225, 7, 128])
    #expect(pixel(image, 2, 0)[3] == 255)
}

@Test func pngDecoderMakesTheGreyAndRGBKeyColoursTransparent() throws {
    let grey = try PNGDecoder.decode(try pngFixture("type0-depth8-trns"))
    #expect(pixel(grey, 0, 0) == [0, 0, 0, 0])
    #expect(pixel(grey, 1, 0)[3] == 255)
    let rgb = try PNGDecoder.decode(try pngFixture("type2-depth16-trns"))
    #expect(pixel(rgb, 0, 0)[3] == 0)
    #expect(pixel(rgb, 1, 0)[3] == 255)
}

@Test(arguments: [
    ("damaged-truncated", PNGError.truncated),
    ("damaged-bad-crc", PNGError.badCRC(chunk: "IDAT")),
    ("damaged-huge-dimensions", PNGError.tooLarge(width: 100_000, height: 100_000)),
    ("damaged-zlib-bomb", PNGError.malformed("the image data holds more than its header describes")),
    ("damaged-bad-filter", PNGError.malformed("row filter type 7 does not exist")),
    ("damaged-short-data", PNGError.truncated),
    ("damaged-large-claim", PNGError.truncated),
    ("damaged-no-idat", PNGError.malformed("there is no IDAT chunk"))
])
func pngDecoderRefusesDamagedFilesWithAReason(name: String, error: PNGError) throws {
    let bytes = try pngFixture(name)
    #expect(throws: error) { try PNGDecoder.decode(bytes) }
}

@Test func pngDecoderRefusesFilesThatAreNotPNG() {
    #expect(throws: PNGError.notPNG) { try PNGDecoder.decode(Array("GIF89a".utf8)) }
    #expect(throws: PNGError.notPNG) { try PNGDecoder.decode([]) }
}

@Test func pngDecoderSurvivesEveryTruncationAndEveryFlippedByte() throws {
    let good = try pngFixture("type6-depth8-interlaced")
    for length in 0..<good.count {
        #expect(throws: PNGError.self) { try PNGDecoder.decode(Array(good.prefix(length))) }
    }
    for index in good.indices {
        var bytes = good
        bytes[index] ^= 0x5A
        _ = try? PNGDecoder.decode(bytes) // Must return or throw, never trap.
    }
}

@Test(arguments: ["type0-depth1", "type3-depth4", "type4-depth16", "type3-depth8-trns", "type2-depth16-trns"])
func pngDecoderSurvivesFlippedBytesInEveryColourType(name: String) throws {
    let good = try pngFixture(name)
    for index in good.indices {
        for mask: UInt8 in [0x01, 0x80, 0xFF] {
            var bytes = good
            bytes[index] ^= mask
            _ = try? PNGDecoder.decode(bytes) // Must return or throw, never trap.
        }
    }
}

@Test(arguments: ["type0-depth1", "type3-depth2", "type6-depth16", "type6-depth8-interlaced", "type3-depth8-trns"])
func pngDecoderSurvivesEveryHeaderValueWithAValidCRC(name: String) throws {
    let good = try pngFixture(name)
    // IHDR's 13 bytes sit at 16..<29 and its CRC at 29..<33; each byte takes every value, CRC fixed.
    for index in 16..<29 {
        for value in UInt8.min...UInt8.max {
            var bytes = good
            bytes[index] = value
            let crc = CRC32.checksum(bytes: Array(bytes[12..<29]))
            for k in 0..<4 { bytes[29 + k] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * k)) }
            if let image = try? PNGDecoder.decode(bytes) {
                #expect(image.pixels.count == image.width * image.height * 4)
            }
        }
    }
}

@Test func pngErrorsSayWhatToDo() {
    #expect(PNGError.truncated.description.contains("export the picture again"))
    #expect(PNGError.tooLarge(width: 9000, height: 10).description.contains("scale it down"))
}
