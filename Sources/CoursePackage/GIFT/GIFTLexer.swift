import Foundation

/// One line of a GIFT file, trimmed as Moodle trims it.
struct GIFTLine: Sendable {
    /// The 1-based line number.
    var number: Int
    /// The trimmed line's bytes, as a range into the file's bytes.
    var range: Range<Int>
    /// True for a whole-line `//` comment.
    var isComment: Bool
}

/// A run of non-blank lines: one question, category, description or comment block.
struct GIFTBlock: Sendable {
    /// The lines, in order (never empty).
    var lines: [GIFTLine]

    /// True when every line is a `//` comment (Moodle's `readquestion` returns nothing for it).
    var isCommentOnly: Bool { lines.allSatisfy(\.isComment) }

    /// The first line that is not a comment, if any.
    var firstContentLine: Int? { lines.first { !$0.isComment }?.number }
}

/// A `// key: value` comment line.
struct GIFTDirective: Sendable {
    /// The key, lowercased.
    var key: String
    /// The value, trimmed.
    var value: String
    /// The 1-based line number.
    var line: Int
}

/// Splits a GIFT file into lines and blank-line separated blocks, following Moodle's
/// `qformat_default::readdata` (BOM removal, old-Mac `\r` line ends) and `readquestions`
/// (lines trimmed; a line that is empty *or* `"0"` — PHP's `empty()` — separates blocks).
enum GIFTLexer {
    /// The UTF-8 byte order mark.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The blocks of `bytes`.
    static func blocks(_ bytes: [UInt8]) -> [GIFTBlock] {
        var start = 0
        if bytes.starts(with: byteOrderMark) { start = byteOrderMark.count }
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let hasNewline = bytes[start...].contains(newline)
        let separator = (!hasNewline && bytes[start...].contains(carriageReturn)) ? carriageReturn : newline

        var blocks: [GIFTBlock] = []
        var current: [GIFTLine] = []
        var lineNumber = 1
        var lineStart = start
        var index = start
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == separator {
                let trimmed = trim(lineStart..<index, in: bytes)
                if isBlank(trimmed, in: bytes) {
                    if !current.isEmpty { blocks.append(GIFTBlock(lines: current)) }
                    current = []
                } else {
                    let isComment =
                        trimmed.count >= 2 && bytes[trimmed.lowerBound] == UInt8(ascii: "/")
                        && bytes[trimmed.lowerBound + 1] == UInt8(ascii: "/")
                    current.append(GIFTLine(number: lineNumber, range: trimmed, isComment: isComment))
                }
                lineNumber += 1
                lineStart = index + 1
            }
            index += 1
        }
        if !current.isEmpty { blocks.append(GIFTBlock(lines: current)) }
        return blocks
    }

    /// The block's text as `readquestion` sees it: comment lines replaced by a space, lines
    /// joined with `\n`, trimmed, then escapes applied (`escapedchar_pre`).
    static func text(of block: GIFTBlock, in bytes: [UInt8]) -> GIFTText {
        var joined: [UInt8] = []
        var lines: [Int] = []
        for (position, line) in block.lines.enumerated() {
            if position > 0 {
                joined.append(UInt8(ascii: "\n"))
                lines.append(line.number)
            }
            if line.isComment {
                joined.append(UInt8(ascii: " "))
                lines.append(line.number)
            } else {
                joined.append(contentsOf: bytes[line.range])
                lines.append(contentsOf: repeatElement(line.number, count: line.range.count))
            }
        }
        let kept = trim(0..<joined.count, in: joined)
        return GIFTText(unescaping: Array(joined[kept]), lines: Array(lines[kept]))
    }

    /// Reads a comment line as `// key: value` (the key is letters, digits, `_` or `-`).
    static func directive(_ line: GIFTLine, in bytes: [UInt8]) -> GIFTDirective? {
        guard line.isComment else { return nil }
        var index = line.range.lowerBound + 2
        let end = line.range.upperBound
        while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        let keyStart = index
        while index < end, isKeyByte(bytes[index]) { index += 1 }
        guard index > keyStart, index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
        let key = String(decoding: bytes[keyStart..<index], as: UTF8.self).lowercased()
        let value = GIFTText.phpTrim(String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
        return GIFTDirective(key: key, value: value, line: line.number)
    }

    /// True for a byte allowed in a directive key.
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// `range` without PHP-trim whitespace at either end.
    static func trim(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, GIFTText.isPHPSpace(UInt16(bytes[lower])) { lower += 1 }
        while upper > lower, GIFTText.isPHPSpace(UInt16(bytes[upper - 1])) { upper -= 1 }
        return lower..<upper
    }

    /// PHP `empty()` on a trimmed line: `""` or `"0"`.
    private static func isBlank(_ range: Range<Int>, in bytes: [UInt8]) -> Bool {
        range.isEmpty || (range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "0"))
    }
}
