import Foundation
import LMSModel

/// One GIFT question block after Moodle's `escapedchar_pre`: a flat array of units, one per UTF-8
/// byte, in which an escaped control character (`\~ \= \# \{ \} \:`, `\n`, `\\`) is marked so that
/// the structural searches below (which look only at *raw* units) never see it. This is the same
/// effect as Moodle's `&&058;`-style placeholders, without their side effects on literal text.
///
/// All operations work on integer ranges into `units`, so nothing is re-sliced from the start of a
/// string and every search is linear in the range it is given.
struct GIFTText: Sendable {
    /// Bit set on a unit that came from an escape sequence.
    static let escapedFlag: UInt16 = 0x100
    /// The characters Moodle's `escapedchar_pre` turns into placeholders (besides `\n` and `\\`).
    static let escapableBytes: [UInt8] = Array(":#={}~".utf8)

    /// The units: a raw byte (`0...255`) or `escapedFlag | byte` for an escaped character.
    private(set) var units: [UInt16]
    /// The 1-based source line of each unit.
    private(set) var lines: [Int]

    /// Makes a text from units and their lines (the two arrays have the same length).
    init(units: [UInt16], lines: [Int]) {
        self.units = units
        self.lines = lines
    }

    /// Applies Moodle's escape rules to raw bytes: `\\` becomes a literal backslash first, then
    /// `\:` `\#` `\=` `\{` `\}` `\~` become literal characters and `\n` a newline. Any other
    /// backslash stays as it is.
    init(unescaping bytes: [UInt8], lines byteLines: [Int]) {
        var units: [UInt16] = []
        var lines: [Int] = []
        units.reserveCapacity(bytes.count)
        lines.reserveCapacity(bytes.count)
        let backslash = UInt8(ascii: "\\")
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let line = index < byteLines.count ? byteLines[index] : (byteLines.last ?? 1)
            if byte == backslash, index + 1 < bytes.count {
                let next = bytes[index + 1]
                if next == backslash || GIFTText.escapableBytes.contains(next) {
                    units.append(GIFTText.escapedFlag | UInt16(next))
                    lines.append(line)
                    index += 2
                    continue
                }
                if next == UInt8(ascii: "n") {
                    units.append(GIFTText.escapedFlag | 0x0A)
                    lines.append(line)
                    index += 2
                    continue
                }
            }
            units.append(UInt16(byte))
            lines.append(line)
            index += 1
        }
        self.units = units
        self.lines = lines
    }

    /// The number of units.
    var count: Int { units.count }

    /// The whole text as a range.
    var all: Range<Int> { 0..<units.count }

    /// True when the unit at `index` is the raw (unescaped) ASCII character `ascii`.
    func isRaw(_ index: Int, _ ascii: Unicode.Scalar) -> Bool {
        index >= 0 && index < units.count && units[index] == UInt16(ascii.value)
    }

    /// True when the raw bytes of `pattern` start at `index`.
    func hasPrefix(_ pattern: [UInt8], at index: Int, within range: Range<Int>) -> Bool {
        guard index >= range.lowerBound, index + pattern.count <= range.upperBound else { return false }
        for (offset, byte) in pattern.enumerated() where units[index + offset] != UInt16(byte) {
            return false
        }
        return true
    }

    /// The first index in `range` where the raw bytes of `pattern` start (PHP `strpos`).
    func firstIndex(of pattern: [UInt8], in range: Range<Int>) -> Int? {
        guard !pattern.isEmpty, range.count >= pattern.count else { return nil }
        for index in range.lowerBound...(range.upperBound - pattern.count)
        where hasPrefix(pattern, at: index, within: range) {
            return index
        }
        return nil
    }

    /// The last index in `range` where the raw bytes of `pattern` start (PHP `strrpos`).
    func lastIndex(of pattern: [UInt8], in range: Range<Int>) -> Int? {
        guard !pattern.isEmpty, range.count >= pattern.count else { return nil }
        for index in stride(from: range.upperBound - pattern.count, through: range.lowerBound, by: -1)
        where hasPrefix(pattern, at: index, within: range) {
            return index
        }
        return nil
    }

    /// True when the raw character occurs in `range`.
    func contains(_ ascii: Unicode.Scalar, in range: Range<Int>) -> Bool {
        firstIndex(of: [UInt8(ascii.value)], in: range) != nil
    }

    /// `range` without the raw whitespace PHP's `trim` removes (space, tab, LF, CR, NUL, VT).
    /// An escaped `\n` is not whitespace here, exactly like Moodle's `&&010` placeholder.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, GIFTText.isPHPSpace(units[lower]) { lower += 1 }
        while upper > lower, GIFTText.isPHPSpace(units[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// PHP `empty()` on the range's text: empty, or exactly `"0"`.
    func isPHPEmpty(_ range: Range<Int>) -> Bool {
        range.isEmpty || (range.count == 1 && isRaw(range.lowerBound, "0"))
    }

    /// Splits `range` at every raw `separator` (PHP `explode`); the separators are dropped.
    func split(_ range: Range<Int>, on separator: Unicode.Scalar) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where isRaw(index, separator) {
            pieces.append(start..<index)
            start = index + 1
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }

    /// The text of `range` with escaped characters restored (Moodle's `escapedchar_post`).
    func string(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: all)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(clamped.count)
        for index in clamped {
            bytes.append(UInt8(truncatingIfNeeded: units[index]))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Moodle's `parse_text_with_format`: drops a leading `[moodle]`, `[html]`, `[plain]` or
    /// `[markdown]` marker, restores escapes and trims. The range is not trimmed first, as in Moodle.
    func formattedText(_ range: Range<Int>) -> String {
        formatted(range).text
    }

    /// `formattedText` and the format its marker names (nil without a marker).
    func formatted(_ range: Range<Int>) -> (text: String, format: TextFormat?) {
        var range = range
        var format: TextFormat?
        if isRaw(range.lowerBound, "["), range.lowerBound < range.upperBound,
            let end = firstIndex(of: [UInt8(ascii: "]")], in: range)
        {
            if let named = TextFormat(rawValue: string((range.lowerBound + 1)..<end)) {
                format = named
                range = (end + 1)..<range.upperBound
            }
        }
        return (GIFTText.phpTrim(string(range)), format)
    }

    /// The source line of the unit at `index` (or of the nearest unit when out of bounds).
    func line(at index: Int) -> Int {
        guard !lines.isEmpty else { return 1 }
        return lines[min(max(index, 0), lines.count - 1)]
    }

    /// True for the characters PHP's `trim` removes.
    static func isPHPSpace(_ unit: UInt16) -> Bool {
        unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D || unit == 0x00 || unit == 0x0B
    }

    /// PHP's `trim` on a string.
    static func phpTrim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isPHPSpace(scalar: $0) }),
            let last = scalars.lastIndex(where: { !isPHPSpace(scalar: $0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// True for the scalars PHP's `trim` removes.
    private static func isPHPSpace(scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 && isPHPSpace(UInt16(scalar.value))
    }
}
