/// The sync protocol's binary encoding of JSON values (docs/PROTOCOL.md §3): tagged values,
/// zigzag varints for integers, and a per-frame key table so that repeated keys cost a byte or
/// two. Faster to decode than JSON text and about half its size before compression.
public enum WireCodec {
    /// The 5 bytes that start every frame: "LMSF" and the format number.
    public static let magic: [UInt8] = [0x4C, 0x4D, 0x53, 0x46, 0x01]

    /// Bounds on what a reader accepts.
    public struct Limits: Sendable {
        /// Deepest nesting.
        public var maxDepth = 32
        /// Longest string, in bytes.
        public var maxStringBytes = 16 << 20
        /// Most elements of one array or object.
        public var maxElements = 1_000_000
        /// Most values in one frame.
        public var maxValues = 4_000_000

        /// Bounds; each left out keeps its default.
        public init(
            maxDepth: Int = 32, maxStringBytes: Int = 16 << 20, maxElements: Int = 1_000_000, maxValues: Int = 4_000_000
        ) {
            self.maxDepth = maxDepth
            self.maxStringBytes = maxStringBytes
            self.maxElements = maxElements
            self.maxValues = maxValues
        }

        /// The defaults.
        public static let `default` = Limits()
    }

    /// Why a frame cannot be read.
    public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong, with the byte offset.
        public var description: String
    }

    enum Tag: UInt8 {
        case null = 0, `false` = 1, `true` = 2, integer = 3, double = 4, string = 5, array = 6, object = 7
    }

    // MARK: - Encoding

    /// The frame holding `value`. With `keyReferences` false every key is written in full, so the
    /// value's bytes (after the magic) can be spliced into another frame by a `Builder`.
    public static func encode(_ value: JSONValue, keyReferences: Bool = true) -> [UInt8] {
        var writer = Writer()
        writer.bytes.reserveCapacity(4096)
        writer.useReferences = keyReferences
        writer.bytes.append(contentsOf: magic)
        writer.write(value)
        return writer.bytes
    }

    /// Builds a frame piece by piece with literal keys only, so that values encoded elsewhere (with
    /// `encode(_:keyReferences: false)`) can be spliced in as they are, without decoding them.
    public struct Builder {
        var writer = Writer()

        /// Starts a frame with room for `capacity` bytes (it grows past them as needed).
        public init(capacity: Int = 256) {
            writer.bytes.reserveCapacity(capacity)
            writer.useReferences = false
            writer.bytes.append(contentsOf: WireCodec.magic)
        }

        /// Starts an object of `count` members; write each with `key` then a value.
        public mutating func beginObject(count: Int) {
            writer.bytes.append(Tag.object.rawValue)
            writer.varint(UInt64(count))
        }

        /// Starts an array of `count` values.
        public mutating func beginArray(count: Int) {
            writer.bytes.append(Tag.array.rawValue)
            writer.varint(UInt64(count))
        }

        /// Makes room for `count` bytes in all (a page that will hold that much grows once).
        public mutating func reserveCapacity(_ count: Int) { writer.bytes.reserveCapacity(count) }

        /// A member's key.
        public mutating func key(_ key: String) { writer.key(key) }

        /// A value.
        public mutating func value(_ value: JSONValue) { writer.write(value) }

        /// A string value (no `JSONValue` made for it).
        public mutating func string(_ text: String) {
            writer.bytes.append(Tag.string.rawValue)
            writer.string(text)
        }

        /// A number value, written as `value(_:)` writes one.
        public mutating func number(_ n: Double) { writer.number(n) }

        /// A whole number value within ±2^53.
        public mutating func integer(_ i: Int64) {
            writer.bytes.append(Tag.integer.rawValue)
            writer.varint(UInt64(bitPattern: (i << 1) ^ (i >> 63)))
        }

        /// A bool value.
        public mutating func bool(_ b: Bool) { writer.bytes.append(b ? Tag.true.rawValue : Tag.false.rawValue) }

        /// A value already encoded as a frame without key references (its magic is skipped).
        public mutating func splice(frame: [UInt8]) {
            writer.bytes.append(contentsOf: frame.dropFirst(WireCodec.magic.count))
        }

        /// The frame's bytes.
        public var bytes: [UInt8] { writer.bytes }
    }

    struct Writer {
        var bytes: [UInt8] = []
        var keys: [String: Int] = [:]
        var useReferences = true

        mutating func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { utf8 in
                varint(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func key(_ k: String) {
            guard useReferences else {
                var k = k
                k.withUTF8 { utf8 in
                    varint(UInt64(utf8.count) << 1)
                    bytes.append(contentsOf: utf8)
                }
                return
            }
            if let index = keys[k] {
                varint(UInt64(index) << 1 | 1)
            } else {
                keys[k] = keys.count
                var k = k
                k.withUTF8 { utf8 in
                    varint(UInt64(utf8.count) << 1)
                    bytes.append(contentsOf: utf8)
                }
            }
        }

        /// A whole number within ±2^53 as an integer, any other as a double.
        mutating func number(_ n: Double) {
            if n == n.rounded(.towardZero), abs(n) < 9_007_199_254_740_992 {
                bytes.append(Tag.integer.rawValue)
                let i = Int64(n)
                varint(UInt64(bitPattern: (i << 1) ^ (i >> 63)))
            } else {
                bytes.append(Tag.double.rawValue)
                withUnsafeBytes(of: n.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }

        mutating func write(_ value: JSONValue) {
            switch value.kind {
            case .null: bytes.append(Tag.null.rawValue)
            case .bool(let b): bytes.append(b ? Tag.true.rawValue : Tag.false.rawValue)
            case .number(let n): number(n)
            case .string(let s):
                bytes.append(Tag.string.rawValue)
                string(s)
            case .array(let items):
                bytes.append(Tag.array.rawValue)
                varint(UInt64(items.count))
                for item in items { write(item) }
            case .object(let members):
                bytes.append(Tag.object.rawValue)
                varint(UInt64(members.count))
                for member in members {
                    key(member.key)
                    write(member.value)
                }
            }
        }
    }

    // MARK: - Decoding

    /// The value of a frame; throws on anything malformed or past `limits`. Read by the one frame
    /// reader (`WireDocument`), then built as a `JSONValue` tree.
    public static func decode(_ frame: [UInt8], limits: Limits = .default) throws -> JSONValue {
        try WireDocument(frame: frame, limits: limits).root.json
    }

    /// The frame reader: checks every byte of a frame against `limits` and records its values, in
    /// order, as `WireDocument.Node`s (no value is allocated on its own; strings stay in the bytes).
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset: Int
        let limits: Limits
        /// The key table: each key's bytes, by reference number.
        var keys: [(start: UInt32, count: UInt32)] = []
        var nodes: [WireDocument.Node] = []

        init(bytes: UnsafeBufferPointer<UInt8>, offset: Int, limits: Limits) {
            self.bytes = bytes
            self.offset = offset
            self.limits = limits
            // A frame's values take at least one byte each: this bounds the list's growth.
            nodes.reserveCapacity(min(bytes.count / 2, limits.maxValues, 1 << 16))
        }

        func fail(_ what: String) -> DecodeError { DecodeError(description: "\(what) at byte \(offset)") }

        mutating func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.count else { throw fail("truncated number") }
                let byte = bytes[offset]
                offset += 1
                guard shift < 64 else { throw fail("number too long") }
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
        }

        /// Checks `count` bytes of UTF-8 at the offset and moves past them; answers where they start.
        mutating func utf8(count: UInt64) throws -> UInt32 {
            guard count <= UInt64(limits.maxStringBytes), count <= UInt64(bytes.count - offset) else {
                throw fail("string too long or truncated")
            }
            let slice = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + Int(count))])
            var ascii = true
            for byte in slice where byte >= 0x80 {
                ascii = false
                break
            }
            guard ascii || String(validating: slice, as: UTF8.self) != nil else { throw fail("invalid UTF-8") }
            let start = UInt32(offset)
            offset += Int(count)
            return start
        }

        mutating func key() throws -> (start: UInt32, count: UInt32) {
            let h = try varint()
            if h & 1 == 1 {
                let index = h >> 1
                guard index < UInt64(keys.count) else { throw fail("unknown key reference") }
                return keys[Int(index)]
            }
            let count = h >> 1
            let key = (start: try utf8(count: count), count: UInt32(count))
            keys.append(key)
            return key
        }

        /// Reads one value (and all it holds) into `nodes`, as a member named by `key` or none.
        mutating func value(depth: Int, key: (start: UInt32, count: UInt32) = (0, 0)) throws {
            guard depth <= limits.maxDepth else { throw fail("nesting deeper than \(limits.maxDepth)") }
            guard nodes.count < limits.maxValues else { throw fail("more than \(limits.maxValues) values") }
            guard offset < bytes.count else { throw fail("truncated value") }
            let tagByte = bytes[offset]
            offset += 1
            guard let tag = Tag(rawValue: tagByte) else {
                throw DecodeError(description: "unknown tag \(tagByte) at byte \(offset - 1)")
            }
            let index = nodes.count
            var node = WireDocument.Node(
                tag: tag, keyStart: key.start, keyCount: key.count, end: UInt32(index + 1), count: 0, bits: 0)
            switch tag {
            case .null, .false, .true: break
            case .integer:
                let z = try varint()
                node.bits = (z >> 1) ^ (0 &- (z & 1))
            case .double:
                guard bytes.count - offset >= 8 else { throw fail("truncated double") }
                var bits: UInt64 = 0
                for k in 0..<8 { bits |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
                offset += 8
                guard Double(bitPattern: bits).isFinite else { throw fail("a double that is not finite") }
                node.bits = bits
            case .string:
                let count = try varint()
                node.bits = UInt64(try utf8(count: count))
                node.count = UInt32(count)
            case .array, .object:
                let count = try varint()
                guard count <= UInt64(limits.maxElements), count <= UInt64(bytes.count - offset) else {
                    throw fail(tag == .array ? "array too long" : "object too long")
                }
                node.count = UInt32(count)
                nodes.append(node)
                for _ in 0..<count {
                    if tag == .object {
                        try value(depth: depth + 1, key: try self.key())
                    } else {
                        try value(depth: depth + 1)
                    }
                }
                nodes[index].end = UInt32(nodes.count)
                return
            }
            nodes.append(node)
        }
    }
}
