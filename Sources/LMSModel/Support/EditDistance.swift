/// The Levenshtein distance between two short strings, for "did you mean" hints (ids, options,
/// JSON keys). Only the first 64 bytes of each are compared: hints are for short names.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8.prefix(64))
    let b = Array(b.utf8.prefix(64))
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate nearest to `text` by edit distance (the first of equals), or nil when there is
/// none within `maxDistance`: the "did you mean" of unknown ids, keys, options and commands.
public func nearest(to text: String, among candidates: some Sequence<String>, within maxDistance: Int = .max) -> String?
{
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(candidate, text)
        if distance <= maxDistance, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.candidate
}
