import Foundation
import LMSModel
import Testing
@testable import lms_offline

/// Reports in `--json`: progress, grades, due, inbox.
struct ReportCommandsTests {
    @Test func reports_AsJSON() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        try f.installRich()
        try f.ok(["done", "welcome"])
        try f.ok(["quiz", "check", "--answers", try f.write("a.json", #"{"q1": 1, "q2": [0, 2]}"#)])
        let progress = try f.json(["progress", "intro"])
        let course = try #require(progress.arrayValue?.first)
        #expect(course["lessonsDone"]?.numberValue == 1)
        #expect(course["percent"]?.numberValue == 20)
        #expect(course["quizPoints"]?.numberValue == 3)
        #expect(course["quizzesAwaitingTeacher"]?.numberValue == 1, "check's essay awaits the teacher")
        #expect(course["modules"]?.arrayValue?.first?["lessonsDone"]?.numberValue == 1)
        let grades = try f.json(["grades", "intro"])
        #expect(grades.arrayValue?.first?["points"]?.numberValue == 3)
        #expect(grades.arrayValue?.first?["essaysPending"]?.boolValue == true, "check has an essay")
        #expect(
            try f.ok(["grades"]).stdout.contains(
                "foundations/check  3/12  (so far: essays await the teacher's grade)"))
        #expect(grades.arrayValue?.first?["source"]?.stringValue == "local")
        let due = try f.json(["due"])
        #expect(
            due.arrayValue?.compactMap { $0["assignment"]?.stringValue } == [
                "foundations/hello", "practice/reflection", "practice/project"
            ])
        let inbox = try f.json(["inbox"])
        let id = try #require(inbox.arrayValue?.first?["id"]?.stringValue)
        #expect(inbox.arrayValue?.first?["read"]?.boolValue == false)
        try f.ok(["inbox", "--read", String(id.prefix(8))])
        #expect(try f.json(["inbox"]).arrayValue?.first?["read"]?.boolValue == true)
        #expect(try f.run(["inbox", "--read", "nope"]).status == 1)
        let text = try f.ok(["progress"])
        #expect(text.stdout.contains("1/5"))
        #expect(!text.stdout.contains("█"), "bars only on a terminal")
    }

    @Test func aWithheldAttemptOfANeverReviewedQuiz_SaysItShowsNoMarks_NotThatTheyWillCome() throws {
        let f = try ClientFixture.withANeverReviewedSurveyTaken()
        try f.ok(["quiz", "all", "--answers", try f.write("a.json", #"{"q1": 1}"#)])
        // As the server's withheld results leave them (ChangeApplier+Review): no marks on either.
        try f.store().write { db in
            try db.execute("UPDATE attempts SET status = 'withheld', points = NULL")
        }
        let grades = try f.ok(["grades"]).stdout
        #expect(grades.contains("unit/survey  handed in; this quiz does not show marks to students"), "\(grades)")
        #expect(grades.contains("unit/all  handed in; marks when the teacher releases the review"), "\(grades)")
        let course = try f.ok(["course", "past"]).stdout
        #expect(course.contains("[1× handed in; this quiz does not show marks to students]"), "\(course)")
        #expect(course.contains("[1× handed in; marks when the teacher releases the review]"), "\(course)")
        let spanish = try f.ok(["grades"], ["LANG": "es_ES.UTF-8"]).stdout
        #expect(spanish.contains("unit/survey  entregado; este cuestionario no muestra las notas"), "\(spanish)")
    }

    @Test func scores_AreRoundedForPeople_AndKeepFullPrecisionInJSON() throws {
        let f = ClientFixture()
        try f.write("thirds/course.json", #"{"id": "thirds", "version": "1.0.0", "title": "Thirds"}"#)
        try f.write("thirds/01-unit/01-intro.md", "# Intro\n\nHi.\n")
        try f.write(
            "thirds/01-unit/02-q.quiz.json",
            #"{"title": "Q", "questions": [{"id": "a", "type": "short", "text": "Say yes", "accept": ["yes"], "points": 5.666666666666667}]}"#
        )
        try f.ok(["install", try f.pack(f.scratch.sub("thirds"), to: "thirds.zip")])
        try f.addProfile("ana")
        try f.ok(["quiz", "q", "--answers", try f.write("a.json", #"{"a": "yes"}"#)])
        for command in [["grades", "thirds"], ["course", "thirds"], ["progress", "thirds"]] {
            let text = try f.ok(command).stdout
            #expect(text.contains("5.67/5.67"), "\(command): \(text)")
            #expect(!text.contains("5.666"), "\(command): \(text)")
        }
        let grades = try f.json(["grades", "thirds"])
        #expect(grades.arrayValue?.first?["points"]?.numberValue == 5.666666666666667)
    }

    @Test func inbox_ShowsIdsThatTellAnnouncementsApart_AndRefusesAnAmbiguousRead() throws {
        let f = ClientFixture()
        try f.addProfile("sam")
        let profileID = try #require(try f.store().read { try $0.fetchScalar(String.self, "SELECT id FROM profiles") })
        try f.store().write { db in
            for id in ["announcement:3f1c2a77", "announcement:3f9d0011"] {
                _ = try Notifications.add(
                    db, id: id, profileID: profileID, kind: "announcement",
                    title: .init(.noteAnnouncementTitle, ["intro", id]),
                    body: .init(.noteBody, ["…"]), now: Date())
            }
        }
        let shown = try f.ok(["inbox"]).stdout
        let handles = NotificationStore.handles(of: ["announcement:3f1c2a77", "announcement:3f9d0011"])
        for handle in handles.values { #expect(shown.contains("● \(handle)  "), "\(shown)") }
        let ambiguous = try f.run(["inbox", "--read", "announce"])
        #expect(
            ambiguous.status == 1 && ambiguous.stderr.contains("names several notifications ("), "\(ambiguous.stderr)")
        #expect(
            try f.json(["inbox"]).arrayValue?.allSatisfy { $0["read"]?.boolValue == false } == true, "nothing marked")
        try f.ok(["inbox", "--read", try #require(handles["announcement:3f9d0011"])])
        #expect(
            try f.json(["inbox"]).arrayValue?.filter { $0["read"]?.boolValue == true }.compactMap {
                $0["id"]?.stringValue
            } == ["announcement:3f9d0011"])
    }
    @Test(.enabled(if: TerminalSession.isAvailable))
    func progress_OnA40ColumnTerminal_FoldsAtSpaces_NotMidWord() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        try f.ok(["quiz", "check", "--answers", try f.write("a.json", #"{"q1": 1, "q2": [0, 2]}"#)])
        var environment = f.environment
        environment["LANG"] = "es_ES.UTF-8"
        let term = try TerminalSession(
            shellWithEnvironment: environment, directory: f.scratch.path, columns: 40, rows: 30)
        try term.type("'\(CLI.binary)' progress; echo END-OF-PROGRESS-$((20 + 22))")
        let lines = try term.waitFor("END-OF-PROGRESS-42")
        // The essay of check awaits the teacher: the score says so, folded at spaces too.
        #expect(lines.contains { $0.contains(" nota: 3/12") }, "\(lines)")
        #expect(lines.joined(separator: " ").contains("los desarrollos esperan la nota"), "\(lines)")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
    }
}
