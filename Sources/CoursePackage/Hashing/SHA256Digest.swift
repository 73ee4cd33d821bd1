/// A 32-byte SHA-256 digest.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// Number of bytes in a SHA-256 digest.
    public static let byteCount = 32

    /// The 32 digest bytes, most significant first.
    public let bytes: [UInt8]

    /// Wraps bytes already known to be exactly 32 long.
    init(validatedBytes: [UInt8]) {
        precondition(validatedBytes.count == Self.byteCount, "SHA-256 digest must be 32 bytes")
        bytes = validatedBytes
    }

    /// Creates a digest from exactly 32 bytes; returns nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 hexadecimal characters (either case); returns nil for anything else.
    /// Decodes hex of any even length (empty when malformed); for test vectors and keys.
    public static func bytes(fromHex hex: String) -> [UInt8] {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return [] }
        var out = [UInt8]()
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return [] }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == Self.byteCount * 2 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(Self.byteCount)
        var index = 0
        while index < utf8.count {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else {
                return nil
            }
            out.append(high << 4 | low)
            index += 2
        }
        bytes = out
    }

    /// The digest as 64 lowercase hexadecimal characters.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8]()
        chars.reserveCapacity(Self.byteCount * 2)
        for byte in bytes {
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// Same as ``hex``.
    public var description: String { hex }

    /// Value of one ASCII hex digit, or nil.
    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
