/// Byte classes of the HTTP grammar (RFC 9110 §5.6.2, RFC 3986 §2), as lookup predicates.
enum HTTPBytes {
    static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, space: UInt8 = 0x20, tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A, percent: UInt8 = 0x25, slash: UInt8 = 0x2F
    static let question: UInt8 = 0x3F, semicolon: UInt8 = 0x3B, equals: UInt8 = 0x3D
    static let quote: UInt8 = 0x22, backslash: UInt8 = 0x5C, dot: UInt8 = 0x2E, plus: UInt8 = 0x2B
    static let ampersand: UInt8 = 0x26

    /// tchar (RFC 9110 §5.6.2): the characters of a token (method, field name).
    @inline(__always) static func isTokenChar(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: return true
        default: return false
        }
    }

    /// field-vchar / SP / HTAB (RFC 9110 §5.5): what a field value may hold; obs-text allowed.
    @inline(__always) static func isFieldValueChar(_ b: UInt8) -> Bool {
        b == tab || (b >= 0x20 && b != 0x7F)
    }

    /// unreserved / sub-delims / ":" / "@" (RFC 3986 §3.3 pchar without pct-encoded).
    @inline(__always) static func isPathChar(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x2D, 0x2E, 0x5F, 0x7E: return true // - . _ ~
        case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: return true // sub-delims
        case 0x3A, 0x40: return true // : @
        default: return false
        }
    }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// Whether `bytes` equals the ASCII string `s`, ignoring ASCII case.
    static func equalsIgnoringCase<C: Collection>(_ bytes: C, _ s: String) -> Bool where C.Element == UInt8 {
        bytes.count == s.utf8.count
            && zip(bytes, s.utf8).allSatisfy { HTTPHeaders.lowercased($0) == HTTPHeaders.lowercased($1) }
    }
}
