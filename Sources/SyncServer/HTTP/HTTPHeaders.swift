/// Header fields in the order received or added, with case-insensitive lookup by name
/// (RFC 9110 §5.1). Several fields of one name are kept apart; ``values(_:)`` returns them all.
struct HTTPHeaders: Sendable, Sequence {
    /// The fields as (name, value) pairs, in order.
    private(set) var fields: [(name: String, value: String)]

    /// No fields.
    init() { fields = [] }

    /// The given fields, in order.
    init(_ pairs: [(String, String)]) {
        fields = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The first value of `name`; setting replaces every field of that name (nil removes them).
    subscript(name: String) -> String? {
        get { fields.first(where: { Self.namesEqual($0.name, name) })?.value }
        set {
            if let index = fields.firstIndex(where: { Self.namesEqual($0.name, name) }), let newValue {
                fields[index].value = newValue
                var next = index + 1
                while next < fields.count {
                    if Self.namesEqual(fields[next].name, name) { fields.remove(at: next) } else { next += 1 }
                }
            } else {
                fields.removeAll(where: { Self.namesEqual($0.name, name) })
                if let newValue { fields.append((name: name, value: newValue)) }
            }
        }
    }

    /// Appends a field, keeping any others of the same name.
    mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Every value of `name`, in order.
    func values(_ name: String) -> [String] {
        fields.filter { Self.namesEqual($0.name, name) }.map(\.value)
    }

    /// Whether a field of `name` is present.
    func contains(_ name: String) -> Bool {
        fields.contains(where: { Self.namesEqual($0.name, name) })
    }

    /// Removes every field of `name`.
    mutating func remove(_ name: String) {
        fields.removeAll(where: { Self.namesEqual($0.name, name) })
    }

    /// The number of fields.
    var count: Int { fields.count }

    /// Iterates the fields in order.
    func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    /// ASCII case-insensitive comparison of field names, without allocating.
    static func namesEqual(_ a: String, _ b: String) -> Bool {
        var ia = a.utf8.makeIterator()
        var ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return true
            case let (x?, y?):
                if x != y && lowercased(x) != lowercased(y) { return false }
            default: return false
            }
        }
    }

    /// The ASCII lowercase of one byte.
    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The comma-separated elements of every `name` field, trimmed and lowercased
    /// (RFC 9110 §5.6.1 lists), e.g. `Connection: close, Keep-Alive` → ["close", "keep-alive"].
    func tokens(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces().lowercased() }
            .filter { !$0.isEmpty }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (RFC 9110 §5.6.3 OWS).
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
