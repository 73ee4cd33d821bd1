import Foundation
import LMSModel
import Testing

/// Item-level changes between two versions of a course (the publish report).
struct CourseDiffTests {
    static func course(_ items: [CourseItem], renamed: [String: String] = [:]) -> Course {
        Course(
            id: "c", version: SemanticVersion(1, 0, 0), title: "C", renamed: renamed,
            modules: [Module(id: "m", title: "M", items: items)])
    }

    static func lesson(_ id: String, _ title: String = "T") -> CourseItem {
        .lesson(Lesson(id: id, title: title, path: "\(id).md"))
    }

    @Test func addedChangedRemovedAndRenamed_AreTold() {
        let old = Self.course([Self.lesson("m/a"), Self.lesson("m/b"), Self.lesson("m/c"), Self.lesson("m/old")])
        let new = Self.course(
            [Self.lesson("m/a"), Self.lesson("m/b", "New title"), Self.lesson("m/new"), Self.lesson("m/renamed")],
            renamed: ["m/old": "m/renamed"])
        let diff = CourseDiff.between(old, new)
        #expect(diff.added.map(\.id) == ["m/new"])
        #expect(diff.changed.map(\.id) == ["m/b"])
        #expect(diff.removed.map(\.id) == ["m/c"])
        #expect(diff.renamed.map(\.id) == ["m/renamed"] && diff.renamed.first?.from == "m/old")
        #expect(diff.added.first?.kind == "lesson")
    }

    @Test func anEditedLessonText_CountsAsChanged_ByItsFileHash() {
        let old = Self.course([Self.lesson("m/a")])
        let new = Self.course([Self.lesson("m/a")])
        #expect(CourseDiff.between(old, new, oldHashes: ["m/a.md": "1"], newHashes: ["m/a.md": "1"]).isEmpty)
        #expect(
            CourseDiff.between(old, new, oldHashes: ["m/a.md": "1"], newHashes: ["m/a.md": "2"]).changed.map(\.id) == [
                "m/a"
            ])
    }

    @Test func aRenameToAnIdThatIsMissing_IsAnAddAndARemove() {
        let old = Self.course([Self.lesson("m/old")])
        let new = Self.course([Self.lesson("m/x")], renamed: ["m/old": "m/gone"])
        let diff = CourseDiff.between(old, new)
        #expect(diff.renamed.isEmpty && diff.added.map(\.id) == ["m/x"] && diff.removed.map(\.id) == ["m/old"])
    }
}
