/// A key press as the study app understands it, decoded from the bytes a VT100/xterm-style
/// terminal sends.
enum Key: Hashable, Sendable {
    /// A printable character (any script; already decoded from UTF-8).
    case char(Character)
    case enter, escape, backspace, tab, backTab, delete
    case up, down, left, right, pageUp, pageDown, home, end
    /// Control plus a letter (`ctrl("c")` for Ctrl-C), other than Enter, Tab and Backspace.
    case ctrl(Character)
}

/// Turns the bytes read from a terminal into keys. A value: feed it bytes, take keys; an
/// incomplete UTF-8 character waits for the next read. An escape byte that ends a read is the
/// Esc key (terminals send a sequence in one write), as in vim with a zero `ttimeout`.
struct KeyDecoder: Sendable {
    /// The longest escape sequence kept (a bound on what a terminal may send).
    static let maximumSequenceBytes = 16

    private var pending: [UInt8] = []

    /// The keys in `bytes` (with what was left over from the previous read).
    mutating func decode(_ bytes: [UInt8]) -> [Key] {
        var input = pending + bytes
        pending = []
        var keys: [Key] = []
        var i = 0
        while i < input.count {
            let byte = input[i]
            switch byte {
            case 0x1B:
                let (key, used) = Self.escape(input[(i + 1)...])
                keys.append(key)
                i += 1 + used
            case 0x0D, 0x0A:
                keys.append(.enter)
                i += 1
            case 0x09:
                keys.append(.tab)
                i += 1
            case 0x7F, 0x08:
                keys.append(.backspace)
                i += 1
            case 0x00..<0x20:
                keys.append(.ctrl(Character(Unicode.Scalar(byte + 0x60))))
                i += 1
            case 0x20..<0x7F:
                keys.append(.char(Character(Unicode.Scalar(byte))))
                i += 1
            default:
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                if i + length > input.count {
                    if length > 1 { pending = Array(input[i...]) }
                    input.removeAll()
                    break
                }
                let text = String(decoding: input[i..<(i + length)], as: UTF8.self)
                if let character = text.first, character != "\u{FFFD}" || length > 1 {
                    keys.append(.char(character))
                }
                i += length
            }
        }
        return keys
    }

    /// The key of the escape sequence after an ESC byte, and how many bytes it used.
    private static func escape(_ rest: ArraySlice<UInt8>) -> (Key, Int) {
        guard let first = rest.first, first == UInt8(ascii: "[") || first == UInt8(ascii: "O") else {
            return (.escape, 0)
        }
        // CSI (ECMA-48 §5.4): parameters 0x30–0x3F, then a final byte 0x40–0x7E.
        var length = 1
        var parameters = ""
        for byte in rest.dropFirst() {
            length += 1
            if length > maximumSequenceBytes { return (.escape, length) }
            if (0x40...0x7E).contains(byte) {
                return (key(final: byte, parameters: parameters), length)
            }
            parameters.append(Character(Unicode.Scalar(byte)))
        }
        return (.escape, 0)
    }

    private static func key(final: UInt8, parameters: String) -> Key {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "~"):
            switch parameters.split(separator: ";").first ?? "" {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .delete
            case "5": return .pageUp
            case "6": return .pageDown
            default: return .escape
            }
        default: return .escape
        }
    }
}
