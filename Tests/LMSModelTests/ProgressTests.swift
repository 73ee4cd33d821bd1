import Foundation
import Testing
@testable import LMSModel

struct ProgressTests {
    @Test func merge_IsCommutativeAssociativeAndIdempotent() {
        let a = Progress(
            userID: "u", courseID: "c", lessonID: "l", completed: false, secondsByDevice: ["d1": 30],
            lastOpenedAt: Date(timeIntervalSince1970: 10))
        let b = Progress(
            userID: "u", courseID: "c", lessonID: "l", completed: true, secondsByDevice: ["d1": 20, "d2": 5],
            lastOpenedAt: Date(timeIntervalSince1970: 20))
        let c = Progress(userID: "u", courseID: "c", lessonID: "l", secondsByDevice: ["d3": 7])
        #expect(a.merged(with: b) == b.merged(with: a))
        #expect(a.merged(with: b).merged(with: c) == a.merged(with: b.merged(with: c)))
        #expect(a.merged(with: a) == a)
        let all = a.merged(with: b).merged(with: c)
        #expect(all.completed)
        #expect(all.totalSeconds == 42)
        #expect(all.lastOpenedAt == Date(timeIntervalSince1970: 20))
        #expect(all.id == "u/c/l")
    }

    @Test func diagnostics_PrintAsFileLineMessage() {
        #expect(Diagnostic.error("a.md", 3, "bad").description == "a.md:3: bad")
        #expect(Diagnostic.warning("b.md", nil, "hmm").description == "b.md: warning: hmm")
        #expect([Diagnostic.warning("b", nil, "x")].hasErrors == false)
    }

    @Test func ids_AreChecked() {
        #expect(Course.isValidID("intro-programming"))
        #expect(!Course.isValidID("Intro"))
        #expect(!Course.isValidID("ab"))
        #expect(User.isValidUsername("ada.lovelace"))
        #expect(!User.isValidUsername("-ada"))
        #expect(Role.student < Role.admin)
    }
}
