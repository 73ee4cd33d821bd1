import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import lms_offline

/// Notifications worked out from installed courses: new items of an updated course (those of a
/// newly installed course are not news) and upcoming deadlines, each once.
struct NotificationsTests {
    @Test func upcomingDeadlines_AreNotifiedOncePerItem() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        try f.installPast()
        let soon = Date().addingTimeInterval(5 * 3600)
        try f.store().write { db in
            try db.execute("UPDATE course_items SET due = ? WHERE kind = 'assignment'", arguments: [soon])
        }
        let assignments = try f.count("SELECT count(*) FROM course_items WHERE kind = 'assignment' AND removed = 0")
        try f.ok(["inbox"])
        try f.ok(["inbox"])
        #expect(assignments > 0)
        #expect(try f.count("SELECT count(*) FROM notifications WHERE kind = 'deadline'") == assignments)
        #expect(
            try f.ok(["inbox"], ["LANG": "es_ES.UTF-8"]).stdout.contains("vence en"),
            "stored in both languages, shown in the reader's")
    }

    @Test func itemsAddedByAnUpdate_AreNotifiedOnce() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        try f.installPast()
        try f.ok(["inbox"])
        #expect(
            try f.count("SELECT count(*) FROM notifications WHERE kind = 'new-item'") == 0,
            "a new course is not news item by item")
        let folder = try f.writePastCourse()
        try f.write(
            "past/course.json", #"{"id": "past-course", "version": "1.1.0", "title": "Past course", "language": "es"}"#)
        try f.write(
            "past/01-unit/05-extra.assignment.md",
            "---\ntitle: Extra work\npoints: 1\nsubmission: text\n---\nWrite more.\n")
        try f.write("past/01-unit/06-more.md", "# More\n\nOtra.\n")
        try f.ok(["install", try f.pack(folder, to: "past-1.1.zip")])
        let inbox = try f.ok(["inbox"]).stdout
        #expect(inbox.contains("New assignment in Past course: Extra work"))
        #expect(inbox.contains("New lesson in Past course: More"))
        try f.ok(["inbox"])
        #expect(try f.count("SELECT count(*) FROM notifications WHERE kind = 'new-item'") == 2)
    }

    @Test func anInstallOrUpdate_IsNotifiedInBothLanguages_AndTheStudyAppShowsTheReaders() throws {
        let f = ClientFixture()
        try f.addProfile("ana")
        try f.installPast()
        let folder = try f.writePastCourse()
        try f.write(
            "past/course.json", #"{"id": "past-course", "version": "1.1.0", "title": "Past course", "language": "es"}"#)
        try f.ok(["install", try f.pack(folder, to: "past-1.1.zip")], ["LANG": "en_GB.UTF-8"])
        #expect(try f.ok(["inbox"], ["LANG": "es_ES.UTF-8"]).stdout.contains("Curso Past course actualizado a 1.1.0"))
        let profileID = try #require(try f.store().read { try $0.fetchScalar(String.self, "SELECT id FROM profiles") })
        let profile = Profile(id: profileID, name: "ana")
        let spanish = try Notifications.recent(try f.store(), profile: profile, language: .spanish)
        #expect(spanish.contains { $0.title == "Curso Past course actualizado a 1.1.0" }, "\(spanish.map(\.title))")
        #expect(spanish.contains { $0.body.hasPrefix("0 añadidos") })
        let english = try Notifications.recent(try f.store(), profile: profile, language: .english)
        #expect(english.contains { $0.title == "Course Past course updated to 1.1.0" })
    }

    @Test func newerVersionOfAnInstalledCourse_IsNotifiedOnce_InBothLanguages() throws {
        let queue = try SyncApplyTests.store()
        try queue.write { db in
            try db.execute(
                """
                INSERT INTO courses(id, version, package_id, title, folder, position, installed_at) VALUES ('intro', '1.2.0', 'pk', 'Intro', 'f', 0, 0)
                """)
        }
        func release(_ version: String) -> JSONValue {
            .obj([
                ("kind", .str("courseVersion")), ("entity", .str("intro/\(version)")), ("course", .str("intro")),
                ("payload", .obj([("course", .str("intro")), ("version", .str(version))]))
            ])
        }
        func notes() throws -> [String] {
            try queue.read {
                try $0.fetchColumn(
                    String.self,
                    "SELECT title || ' | ' || title_es || ' | ' || body FROM notifications WHERE kind = 'course-version'"
                )
            }
            .compactMap { $0 }
        }
        let now = Date()
        _ = try ChangeApplier.applyPage(
            [release("1.2.0"), release("1.1.0")], cursor: "v1.e.1", profile: SyncApplyTests.profile, userID: "u1",
            queue: queue, now: now)
        #expect(try notes().isEmpty, "not newer than what is installed")
        _ = try ChangeApplier.applyPage(
            [release("1.3.0"), release("1.3.0")], cursor: "v1.e.2", profile: SyncApplyTests.profile, userID: "u1",
            queue: queue, now: now)
        _ = try ChangeApplier.applyPage(
            [release("1.3.0")], cursor: "v1.e.3", profile: SyncApplyTests.profile, userID: "u1", queue: queue, now: now)
        #expect(
            try notes() == [
                "New version of Intro: 1.3.0 | Nueva versión de Intro: 1.3.0 | You have 1.2.0; the next sync installs it (lms-offline sync)."
            ])
    }
}
