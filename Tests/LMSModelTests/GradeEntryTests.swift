import Foundation
import LMSModel
import Testing

/// `GradeEntry`: a teacher's grade pushed from a device, typed and bounded (docs/PROTOCOL.md §6).
struct GradeEntryTests {
    @Test func aGrade_NamesItsWork_AndReadsBothFormsOfItsTime() throws {
        let ms = try GradeEntry(payload: ["course": "c", "submission": "s1", "scores": ["points": 4], "gradedAt": 1000])
        #expect(ms.target == .submission("s1") && ms.scores == ["points": 4] && ms.gradedAt == 1000)
        let iso = try GradeEntry(
            payload: [
                "course": "c", "attempt": "a1", "courseVersion": "1.2.0", "gradedAt": "2025-12-06T10:00:00Z",
                "feedback": ""
            ])
        #expect(iso.target == .attempt("a1") && iso.courseVersion == "1.2.0" && iso.feedback == nil)
        #expect(iso.gradedAt == 1_765_015_200_000)
        #expect(throws: EntryRejection("grade: a grade names the \"submission\" or the \"attempt\" it grades")) {
            try GradeEntry(payload: ["course": "c"])
        }
    }

    @Test func outOfRangeNumbers_AndLongFeedback_AreRefused() {
        #expect(throws: EntryRejection("the score of \"points\" must be a number from -10^9 to 10^9")) {
            try GradeEntry(payload: ["course": "c", "submission": "s1", "scores": ["points": 1e10]])
        }
        #expect(throws: EntryRejection.self) {
            try GradeEntry(payload: ["course": "c", "submission": "s1", "gradedAt": -9.9e14])
        }
        let long = JSONValue(.string(String(repeating: "x", count: EntryBounds.maxFeedbackBytes + 1)))
        #expect(throws: EntryRejection("feedback is limited to 65536 bytes (got 65537)")) {
            try GradeEntry(payload: ["course": "c", "submission": "s1", "feedback": long])
        }
    }
}
