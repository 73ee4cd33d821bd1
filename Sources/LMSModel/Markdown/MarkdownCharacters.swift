/// Byte and character classes of CommonMark 0.31.2 §2 on UTF-8 bytes.
enum MarkdownCharacters {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20

    /// Space or tab.
    @inline(__always)
    static func isSpaceOrTab(_ b: UInt8) -> Bool { b == space || b == tab }

    /// §2.1 whitespace (space, tab, line feed, form feed, carriage return) as ASCII.
    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool {
        b == space || b == tab || b == newline || b == 0x0C || b == carriageReturn || b == 0x0B
    }

    /// §2.1 ASCII punctuation: the characters a backslash can escape.
    @inline(__always)
    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    @inline(__always)
    static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }

    @inline(__always)
    static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66) }

    /// Whether a line holds only spaces and tabs from `start`.
    static func isBlank(_ bytes: [UInt8], from start: Int = 0) -> Bool {
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if !(isSpaceOrTab(b) || b == newline || b == carriageReturn) { return false }
            i += 1
        }
        return true
    }

    /// The Unicode scalar that ends just before `index` (nil at the start).
    static func scalar(before index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard index > 0 else { return nil }
        var start = index - 1
        while start > 0 && index - start < 4 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, in: bytes)
    }

    /// The Unicode scalar that starts at `index` (nil at the end or on a broken sequence).
    static func scalar(at index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let b0 = bytes[index]
        if b0 < 0x80 { return Unicode.Scalar(b0) }
        var length = 0
        var value: UInt32 = 0
        if b0 & 0xE0 == 0xC0 {
            length = 2
            value = UInt32(b0 & 0x1F)
        } else if b0 & 0xF0 == 0xE0 {
            length = 3
            value = UInt32(b0 & 0x0F)
        } else if b0 & 0xF8 == 0xF0 {
            length = 4
            value = UInt32(b0 & 0x07)
        } else {
            return nil
        }
        guard index + length <= bytes.count else { return nil }
        for i in 1..<length {
            value = value << 6 | UInt32(bytes[index + i] & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    /// §2.1 Unicode whitespace: Zs, tab, line feed, form feed, carriage return. The start and
    /// end of the text count as whitespace.
    static func isUnicodeWhitespace(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return true }
        if scalar.value < 0x80 { return isWhitespace(UInt8(scalar.value)) }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// §2.1 Unicode punctuation: general categories P and S.
    static func isUnicodePunctuation(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        if scalar.value < 0x80 { return isASCIIPunctuation(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
            .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
