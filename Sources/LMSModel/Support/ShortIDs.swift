/// Short forms of ids for people to read and type: each id's shortest prefix, of at least
/// `minimum` characters, that no other id in the set starts with (the whole id when another id
/// extends it). Ids that share a long common start, like `announcement:…`, stay apart.
public func shortIDs(_ ids: [String], minimum: Int = 8) -> [String: String] {
    let sorted = Array(Set(ids)).sorted()
    func common(_ a: String, _ b: String) -> Int { zip(a, b).prefix { $0 == $1 }.count }
    var out: [String: String] = [:]
    for (i, id) in sorted.enumerated() {
        var needed = minimum
        if i > 0 { needed = max(needed, common(id, sorted[i - 1]) + 1) }
        if i + 1 < sorted.count { needed = max(needed, common(id, sorted[i + 1]) + 1) }
        out[id] = String(id.prefix(needed))
    }
    return out
}
