import Foundation

/// A frame read once into a flat list of its values (docs/PROTOCOL.md §3): every byte checked by the
/// frame reader against its `WireCodec.Limits`, no value allocated on its own, strings left in the
/// frame's bytes until asked for. What the server reads a push from (`PushedEntry`), and what
/// `WireCodec.decode` builds a `JSONValue` tree from.
public final class WireDocument: Sendable {
    /// One value: its tag, the key it is a member under (when its container is an object), where
    /// its contents end, and its scalar.
    struct Node: Sendable {
        var tag: WireCodec.Tag
        /// The member's key: its bytes' start and count in the frame (count 0 and start 0 outside objects).
        var keyStart: UInt32
        var keyCount: UInt32
        /// The index after this value and everything it holds.
        var end: UInt32
        /// A string's byte count; an array's or object's element count.
        var count: UInt32
        /// An integer's bits, a double's bits, or a string's start in the frame.
        var bits: UInt64
    }

    let bytes: [UInt8]
    let nodes: [Node]

    /// Reads `frame`; throws `WireCodec.DecodeError` on anything malformed or past `limits`.
    public init(frame: [UInt8], limits: WireCodec.Limits = .default) throws {
        guard frame.count < Int(UInt32.max) else {
            throw WireCodec.DecodeError(description: "a frame of more than 4 GiB")
        }
        nodes = try frame.withUnsafeBufferPointer { buffer in
            let magic = WireCodec.magic
            guard buffer.count >= magic.count, buffer[0..<magic.count].elementsEqual(magic) else {
                throw WireCodec.DecodeError(description: "not a sync frame (it must start with LMSF and format 1)")
            }
            var reader = WireCodec.Reader(bytes: buffer, offset: magic.count, limits: limits)
            try reader.value(depth: 0)
            guard reader.offset == buffer.count else {
                throw WireCodec.DecodeError(description: "bytes after the frame's value at \(reader.offset)")
            }
            return reader.nodes
        }
        bytes = frame
    }

    /// Reads `value` as a frame would carry it (for values built in code, such as tests' payloads):
    /// encoded, then read like any frame, with bounds wide enough for any value built in memory.
    public convenience init(_ value: JSONValue) throws {
        try self.init(
            frame: WireCodec.encode(value),
            limits: WireCodec.Limits(maxDepth: 1_000, maxStringBytes: .max, maxElements: .max, maxValues: .max))
    }

    /// A document of the given values (`null`'s).
    init(bytes: [UInt8], nodes: [Node]) {
        self.bytes = bytes
        self.nodes = nodes
    }

    /// The frame's value.
    public var root: WireValue { WireValue(document: self, index: 0) }
}

/// One value of a `WireDocument`, read in place: the accessors `JSONValue` has, answering alike.
public struct WireValue: Sendable {
    let document: WireDocument
    let index: Int

    var node: WireDocument.Node { document.nodes[index] }

    /// A null value, for a member that is absent.
    public static let null = WireValue(
        document: WireDocument(
            bytes: WireCodec.magic + [WireCodec.Tag.null.rawValue],
            nodes: [WireDocument.Node(tag: .null, keyStart: 0, keyCount: 0, end: 1, count: 0, bits: 0)]),
        index: 0)

    /// Whether the value is null.
    public var isNull: Bool { node.tag == .null }

    /// The value if it is a bool, else nil.
    public var boolValue: Bool? {
        switch node.tag {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// The value if it is a number (an integer as a `Double`, as `WireCodec.decode` gives it), else nil.
    public var numberValue: Double? {
        let node = node
        switch node.tag {
        case .integer: return Double(Int64(bitPattern: node.bits))
        case .double: return Double(bitPattern: node.bits)
        default: return nil
        }
    }

    /// The value if it is a string, else nil.
    public var stringValue: String? {
        let node = node
        guard node.tag == .string else { return nil }
        return document.string(start: Int(node.bits), count: Int(node.count))
    }

    /// Whether the value is an object.
    public var isObject: Bool { node.tag == .object }

    /// Whether the value is an array.
    public var isArray: Bool { node.tag == .array }

    /// How many elements an array or object holds, else nil.
    public var elementCount: Int? {
        let node = node
        return node.tag == .array || node.tag == .object ? Int(node.count) : nil
    }

    /// The elements of an array (or the member values of an object), in order; empty for a scalar.
    public var elements: Elements { Elements(document: document, start: index + 1, end: Int(node.end)) }

    /// No elements (a sequence to read when a value is absent).
    public var emptyElements: Elements { Elements(document: document, start: index, end: index) }

    /// The elements of a container, each a `WireValue`; a member's key is its `key`.
    public struct Elements: Sequence {
        let document: WireDocument
        let start: Int
        let end: Int

        public func makeIterator() -> Iterator { Iterator(document: document, position: start, end: end) }

        public struct Iterator: IteratorProtocol {
            let document: WireDocument
            var position: Int
            let end: Int

            public mutating func next() -> WireValue? {
                guard position < end else { return nil }
                let value = WireValue(document: document, index: position)
                position = Int(document.nodes[position].end)
                return value
            }
        }
    }

    /// The key this value is a member under (empty outside an object).
    public var key: String {
        let node = node
        return document.string(start: Int(node.keyStart), count: Int(node.keyCount))
    }

    /// The member named `key` of an object (the last one, as `JSONValue` answers), else nil.
    public subscript(key: String) -> WireValue? {
        guard node.tag == .object else { return nil }
        var found: WireValue?
        var key = key
        key.withUTF8 { wanted in
            document.bytes.withUnsafeBufferPointer { bytes in
                var i = index + 1
                let end = Int(document.nodes[index].end)
                while i < end {
                    let member = document.nodes[i]
                    if Int(member.keyCount) == wanted.count,
                        UnsafeBufferPointer(
                            rebasing: bytes[Int(member.keyStart)..<(Int(member.keyStart) + wanted.count)]
                        )
                        .elementsEqual(wanted)
                    {
                        found = WireValue(document: document, index: i)
                    }
                    i = Int(member.end)
                }
            }
        }
        return found
    }

    /// How many values this one holds, itself included.
    public var valueCount: Int { Int(node.end) - index }

    /// The value as a `JSONValue` tree.
    public var json: JSONValue {
        let node = node
        switch node.tag {
        case .null: return JSONValue(.null)
        case .false: return JSONValue(.bool(false))
        case .true: return JSONValue(.bool(true))
        case .integer, .double: return JSONValue(.number(numberValue ?? 0))
        case .string: return JSONValue(.string(stringValue ?? ""))
        case .array:
            var items: [JSONValue] = []
            items.reserveCapacity(Int(node.count))
            for element in elements { items.append(element.json) }
            return JSONValue(.array(items))
        case .object:
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(Int(node.count))
            for member in elements { members.append((key: member.key, value: member.json)) }
            return JSONValue(.object(members))
        }
    }

    // Typed reading (docs/PROTOCOL.md §3.1), as `JSONValue`'s accessors in JSONValue+Wire.swift.

    /// The value as a whole number within `range`, else nil.
    public func int(in range: ClosedRange<Int64>) -> Int64? { WireNumber.int(numberValue, in: range) }

    /// The value as a time in milliseconds since 1970 within `WireBounds.milliseconds`, else nil.
    public var milliseconds: Int64? { WireNumber.milliseconds(numberValue) }

    /// The value as a finite number within `range`, else nil.
    public func double(in range: ClosedRange<Double>) -> Double? { WireNumber.double(numberValue, in: range) }
}

extension WireDocument {
    /// The string of `count` bytes at `start` (checked as UTF-8 by the reader).
    func string(start: Int, count: Int) -> String {
        bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + count)]), as: UTF8.self)
        }
    }
}
