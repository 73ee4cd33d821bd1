import Foundation

/// What changed between two versions of a course, item by item: what a teacher wants to read
/// after publishing (`lms-offline publish`, `POST /api/v1/courses`).
public struct CourseDiff: Hashable, Sendable {
    /// One item as listed in a diff.
    public struct Item: Hashable, Sendable {
        /// The item's id (in the new version for renames).
        public var id: String
        /// `lesson`, `quiz` or `assignment`.
        public var kind: String
        /// The item's title.
        public var title: String
        /// The previous id, for a renamed item.
        public var from: String?

        /// Makes an item.
        public init(id: String, kind: String, title: String, from: String? = nil) {
            self.id = id
            self.kind = kind
            self.title = title
            self.from = from
        }
    }

    /// Items new in this version.
    public var added: [Item] = []
    /// Items whose content or settings differ.
    public var changed: [Item] = []
    /// Items gone from this version.
    public var removed: [Item] = []
    /// Items whose id changed (course.json `renamed`), with `from` the old id.
    public var renamed: [Item] = []

    /// Whether nothing changed at item level.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty && renamed.isEmpty }

    /// The diff from `old` to `new`. `oldHashes` and `newHashes` map package paths to SHA-256 so
    /// that an edited lesson text (which the model does not hold) counts as a change.
    public static func between(
        _ old: Course, _ new: Course, oldHashes: [String: String] = [:], newHashes: [String: String] = [:]
    ) -> CourseDiff {
        var diff = CourseDiff()
        let oldItems = Dictionary(old.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(new.items.map(\.id))
        // Renames declared by the new version whose old id existed and whose new id exists.
        var renamedFrom: [String: String] = [:]
        for (from, to) in new.renamed where oldItems[from] != nil && newIDs.contains(to) && !newIDs.contains(from) {
            renamedFrom[to] = from
        }
        for item in new.items {
            if let from = renamedFrom[item.id] {
                diff.renamed.append(Item(id: item.id, kind: item.kindName, title: item.title, from: from))
            } else if let before = oldItems[item.id] {
                if differs(before, item, oldHashes: oldHashes, newHashes: newHashes) {
                    diff.changed.append(Item(id: item.id, kind: item.kindName, title: item.title))
                }
            } else {
                diff.added.append(Item(id: item.id, kind: item.kindName, title: item.title))
            }
        }
        let renamedOld = Set(renamedFrom.values)
        for item in old.items where !newIDs.contains(item.id) && !renamedOld.contains(item.id) {
            diff.removed.append(Item(id: item.id, kind: item.kindName, title: item.title))
        }
        return diff
    }

    /// Whether an item differs in its model or in the bytes of its files.
    static func differs(_ a: CourseItem, _ b: CourseItem, oldHashes: [String: String], newHashes: [String: String])
        -> Bool
    {
        if a != b { return true }
        for path in paths(of: b) where oldHashes[path] != newHashes[path] { return true }
        return false
    }

    /// The package paths an item's content lives in.
    static func paths(of item: CourseItem) -> [String] {
        switch item {
        case .lesson(let lesson): return [lesson.path] + (lesson.media.map { [$0] } ?? [])
        case .assignment(let assignment): return [assignment.path]
        case .quiz: return [] // a quiz's questions are in the model, so model equality covers it
        }
    }
}
