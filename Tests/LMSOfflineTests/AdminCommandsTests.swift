import Foundation
import LMSTestSupport
import LMSDatabase
import LMSModel
import Testing

/// `publish`, `roster`, `admin` and `calendar` against the real `lms-server`, as a teacher or an
/// admin would use them, and an erasure reaching devices through sync.
@Suite(.serialized) struct AdminCommandsTests {
    @Test func publish_ValidatesPacksUploads_AndReportsChanges() throws {
        let world = try SyncWorld(publish: false)
        let teacher = try world.device("ada")
        // A folder with errors: the diagnostics, exit 1, nothing uploaded.
        let broken = try teacher.write(
            "broken/course.json", #"{"id": "broken-course", "version": "two", "title": "Broken"}"#)
        let refused = try teacher.run(["publish", (broken as NSString).deletingLastPathComponent])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("course.json") && refused.stderr.contains("nothing was uploaded"))
        #expect(try world.call("GET", "/api/v1/courses", token: world.adminToken).1["total"]?.numberValue == 0)
        let refusedJSON = try teacher.run(["publish", (broken as NSString).deletingLastPathComponent, "--json"])
        #expect(refusedJSON.status == 1)
        #expect(try JSONParser.parse(refusedJSON.stdout)["published"]?.boolValue == false)

        let first = try teacher.ok(["publish", RichSample.folder]).stdout
        #expect(first.contains("Published intro-programming 1.2.0 (its first version)."))
        try world.createUser("sam")
        try world.enroll("sam")
        // The same version again: 409 with what to do.
        let again = try teacher.run(["publish", RichSample.folder])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already published") && again.stderr.contains("1.2.1"), "\(again.stderr)")
        // A new version: an edited lesson, a new lesson, a removed assignment; one student affected.
        let edited = try teacher.copyRich(to: "rich-1.3.0")
        try String(contentsOfFile: edited + "/course.json", encoding: .utf8).replacingOccurrences(
            of: "\"1.2.0\"", with: "\"1.3.0\""
        )
        .write(toFile: edited + "/course.json", atomically: true, encoding: .utf8)
        let lesson = edited + "/01-foundations/02-listen.md"
        try (String(contentsOfFile: lesson, encoding: .utf8) + "\nOne more line.\n").write(
            toFile: lesson, atomically: true, encoding: .utf8)
        try teacher.write("rich-1.3.0/02-practice/06-extra.md", "---\ntitle: Extra\n---\nMore.\n")
        try FileManager.default.removeItem(atPath: edited + "/02-practice/05-project.assignment.md")
        let report = try teacher.ok(["publish", edited, "--changelog", "New extra lesson"]).stdout
        #expect(report.contains("Published intro-programming 1.3.0 (previously 1.2.0)."))
        #expect(report.contains("changed  lesson foundations/listen"))
        #expect(report.contains("added    lesson practice/extra (Extra)"))
        #expect(report.contains("removed  assignment practice/project"))
        #expect(report.contains("1 student enrolled: they receive it at their next sync."))
        let details = try world.call("GET", "/api/v1/courses/intro-programming", token: world.teacherToken).1
        #expect(String(describing: details).contains("New extra lesson"))
        // A package works too, and --json carries the server's answer.
        try String(contentsOfFile: edited + "/course.json", encoding: .utf8).replacingOccurrences(
            of: "\"1.3.0\"", with: "\"1.4.0\""
        )
        .write(toFile: edited + "/course.json", atomically: true, encoding: .utf8)
        let package = try teacher.pack(edited, to: "rich-1.4.0.zip")
        let json = try teacher.json(["publish", package])
        #expect(json["version"]?.stringValue == "1.4.0" && json["previousVersion"]?.stringValue == "1.3.0")
        #expect(json["items"]?["added"]?.arrayValue?.isEmpty == true && json["studentsAffected"]?.numberValue == 1)
        // A student cannot publish.
        let student = try world.device("sam")
        #expect(try student.run(["publish", edited]).status == 1)
    }

    @Test func roster_AddsListsGroupsRemoves_AndExportsCSV() throws {
        let world = try SyncWorld()
        for name in ["sam", "lia"] { try world.createUser(name) }
        let body = #"{"username": "eve", "displayName": "=HYPERLINK(\"x\")", "password": "password of eve"}"#
        #expect(try world.call("POST", "/api/v1/admin/users", token: world.adminToken, body: Data(body.utf8)).0 == 201)
        let teacher = try world.device("ada")
        let added = try teacher.ok(["roster", "add", "intro-programming", "sam", "lia", "eve", "--group", "morning"])
            .stdout
        #expect(added.contains("Enrolled lia in intro-programming."))
        try teacher.ok(["roster", "group", "intro-programming", "evening", "--add", "sam", "lia"])
        try teacher.ok(["roster", "group", "intro-programming", "morning", "--remove", "lia"])
        let evening = try teacher.json(["roster", "intro-programming", "--group", "evening"])
        #expect(evening["students"]?.arrayValue?.compactMap { $0["username"]?.stringValue } == ["lia", "sam"])
        let all = try teacher.json(["roster", "intro-programming"])
        #expect(
            all["students"]?.arrayValue?.first { $0["username"]?.stringValue == "sam" }?["groups"] == [
                "morning", "evening"
            ])
        let listed = try teacher.ok(["roster", "intro-programming", "--group", "evening"]).stdout
        #expect(listed.contains("lia") && listed.contains("{evening}") && listed.contains("{morning, evening}"))
        #expect(
            try teacher.ok(["roster", "intro-programming", "--group", "nobody"]).stdout.contains(
                "No students in intro-programming (nobody)."))
        try teacher.ok(["roster", "remove", "intro-programming", "lia"])
        #expect(
            try teacher.json(["roster", "intro-programming"])["students"]?.arrayValue?.count == 2,
            "removed students are hidden")
        #expect(try teacher.json(["roster", "intro-programming", "--all"])["students"]?.arrayValue?.count == 3)
        // CSV: RFC 4180, and a cell that would run as a formula is defused.
        try teacher.ok(["roster", "intro-programming", "--csv", teacher.scratch.sub("roster.csv")])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: teacher.scratch.sub("roster.csv")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "a UTF-8 byte order mark, so that Excel reads UTF-8")
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(csv.hasPrefix("username,displayName,status,source,groups\r\n"))
        #expect(csv.contains("eve,\"'=HYPERLINK(\"\"x\"\")\",active,teacher,morning\r\n"))
        #expect(csv.contains("sam,sam,active,teacher,morning;evening\r\n"))
        // Enrollment keys.
        let short = try teacher.run(["roster", "key", "intro-programming", "--mode", "key", "--key", "ab"])
        #expect(short.status == 1 && short.stderr.contains("key"))
        #expect(
            try teacher.run(["roster", "key", "intro-programming", "--mode", "key"]).status == 2,
            "a key mode needs --key")
        try teacher.ok(["roster", "key", "intro-programming", "--mode", "key", "--key", "BLUE-FISH"])
        let enroll = try world.call(
            "POST", "/api/v1/courses/intro-programming/enroll", token: try world.login("lia", "password of lia"),
            body: Data(#"{"key": "blue fish"}"#.utf8))
        #expect(enroll.0 == 201)
        // Another teacher's course is out of reach.
        try world.createUser("bob", role: "teacher")
        let bob = try world.device("bob")
        let forbidden = try bob.run(["roster", "intro-programming"])
        #expect(forbidden.status == 1 && forbidden.stderr.contains("not allowed"))
        #expect(try bob.run(["roster", "add", "intro-programming", "sam"]).status == 1)
    }

    @Test func admin_UsersImportRolesResetStatsExport() throws {
        let world = try SyncWorld()
        try world.createUser("root", role: "admin")
        try world.createUser("sam")
        try world.enroll("sam")
        let admin = try world.device("root")
        let csv = try admin.write(
            "users.csv", "username,displayName,email,role\nkim,Kim Lee,kim@example.org,student\nlou,Lou,,teacher\n")
        let imported = try admin.json(["admin", "import", csv])
        #expect(imported["created"]?.numberValue == 2)
        let more = try admin.ok(["admin", "import", try admin.write("more.csv", "username,role\nzoe,student\n")]).stdout
        #expect(more.contains("Imported 1 user.") && more.contains("zoe"))
        let listing = try admin.ok(["admin", "users"]).stdout
        #expect(listing.contains("kim") && listing.contains("Kim Lee"))
        #expect(imported["users"]?.arrayValue?.allSatisfy { $0["resetCode"]?.stringValue?.isEmpty == false } == true)
        let bad = try admin.run([
            "admin", "import", try admin.write("bad.csv", "username,role\nkim,student\nx y,boss\n")
        ])
        #expect(bad.status == 1 && bad.stderr.contains("line 2") && bad.stderr.contains("line 3"))
        // A user that does not exist is named, without an HTTP code.
        let nobody = try admin.run(["admin", "reset", "nobody"])
        #expect(nobody.stderr.contains("no user \"nobody\"") && !nobody.stderr.contains("404"), "\(nobody.stderr)")
        let adaDevice = try world.device("ada")
        let unknown = try adaDevice.run(["roster", "add", "intro-programming", "bob"])
        #expect(unknown.stderr.contains("no such user \"bob\"") && !unknown.stderr.contains("404"), "\(unknown.stderr)")
        let teachers = try admin.json(["admin", "users", "--role", "teacher"])
        #expect(teachers["users"]?.arrayValue?.compactMap { $0["username"]?.stringValue } == ["ada", "lou"])
        try admin.ok(["admin", "role", "lou", "admin"])
        try admin.ok(["admin", "disable", "kim"])
        let kim = try admin.json(["admin", "users"])["users"]?.arrayValue?.first {
            $0["username"]?.stringValue == "kim"
        }
        #expect(kim?["disabled"]?.boolValue == true)
        try admin.ok(["admin", "enable", "kim"])
        #expect(try admin.run(["admin", "role", "kim", "boss"]).status == 2)
        #expect(try admin.run(["admin", "disable", "root"]).stderr.contains("cannot disable yourself"))
        // A reset code that works once.
        let reset = try admin.ok(["admin", "reset", "sam"]).stdout
        let code = try #require(
            reset.split(separator: " ").first { $0.count == 14 && $0.contains("-") }.map(String.init), "\(reset)")
        let used = try world.call(
            "POST", "/api/v1/auth/reset", token: nil,
            body: Data(#"{"username": "sam", "code": "\#(code)", "newPassword": "a new password"}"#.utf8))
        #expect(used.0 == 204)
        // Stats and export.
        let stats = try admin.json(["admin", "stats"])
        #expect(stats["users"]?["student"]?.numberValue == 3)
        #expect(stats["perCourse"]?.arrayValue?.first?["activeEnrollments"]?.numberValue == 1)
        #expect(stats["syncVolume"] != nil && stats["devices"] != nil && stats["sites"] != nil)
        try world.createUser("tom")
        try world.enroll("tom")
        let device = try world.device("tom")
        #expect(try device.sync().status == 0)
        try device.ok(["done", "welcome"])
        #expect(try device.sync([], env: ["LMS_SITE": "camp-north"]).status == 0)
        let text = try admin.ok(["admin", "stats"]).stdout
        #expect(text.contains("Enrollments per course:") && text.contains("intro-programming"))
        #expect(
            text.contains("camp-north") && text.contains("Last sync per device:")
                && text.contains("Sync volume per day"), "\(text)")
        let printed = try admin.ok(["admin", "export", "sam"]).stdout
        #expect(try JSONParser.parse(printed)["account"]?["username"]?.stringValue == "sam")
        try admin.ok(["admin", "export", "sam", "-o", admin.scratch.sub("sam.json")])
        let export = try JSONParser.parse(try String(contentsOfFile: admin.scratch.sub("sam.json"), encoding: .utf8))
        #expect(export["account"]?["username"]?.stringValue == "sam")
        #expect(export["enrollments"]?.arrayValue?.count == 1)
        // Only admins.
        let teacher = try world.device("ada")
        #expect(try teacher.run(["admin", "users"]).stderr.contains("not allowed"))
        #expect(try teacher.run(["admin", "erase", "sam", "--confirm"]).status == 1)
        #expect(try admin.run(["admin", "frobnicate"]).status == 2)
    }

    @Test func adminImport_ReportsEveryBadRowOnALine_AndAlignsColumns() throws {
        let world = try SyncWorld(publish: false)
        try world.createUser("root", role: "admin")
        let admin = try world.device("root")
        let many = "username,role\n" + (1...60).map { "bad user \($0),student" }.joined(separator: "\n") + "\n"
        let refused = try admin.run(["admin", "import", try admin.write("many.csv", many)])
        #expect(refused.status == 1)
        #expect(refused.stderr.components(separatedBy: "\n  line ").count - 1 == 60, "\(refused.stderr)")
        #expect(!refused.stderr.contains("(422)"))
        let aligned = try admin.ok(
            ["admin", "import", try admin.write("two.csv", "username,role\nbo,student\nmaximiliana,teacher\n")]
        ).stdout.split(separator: "\n").dropFirst()
        #expect(aligned.count == 2)
        #expect(
            Set(aligned.compactMap { $0.firstRange(of: /[A-Z0-9]{4}-/)?.lowerBound.utf16Offset(in: $0) }).count == 1,
            "\(aligned)")
    }

    @Test func erasure_RemovesTheAccountFromDevices_KeepsStatistics() throws {
        let world = try SyncWorld()
        try world.createUser("root", role: "admin")
        for name in ["sam", "lia"] {
            try world.createUser(name)
            try world.enroll(name)
        }
        // Sam's own laptop, and a shared field-site laptop where Sam and Lia each have a profile.
        let laptop = try world.device("sam")
        let shared = try world.device("lia")
        try shared.addProfile("sam")
        try shared.login("sam", server: world.base)
        for device in [laptop, shared] { #expect(try device.sync(["--all"]).status == 0) }
        try laptop.ok(["done", "welcome"])
        try laptop.ok(["submit", "reflection", "--text", "Sam's private story"])
        try laptop.ok(["submit", "hello", try laptop.write("hello.py", "print('Sam was here')\n")])
        // Sam also hands in a file from the shared laptop (its profile is active there).
        try shared.ok(
            ["submit", "hello", try shared.write("hello2.py", "print('Sam at the camp')\n")], ["LMS_PIN": "1234"])
        #expect(try laptop.sync().status == 0)
        #expect(try shared.sync(["--all"]).status == 0)
        #expect(try shared.count("SELECT count(*) FROM profiles") == 2)
        #expect(try shared.count("SELECT count(*) FROM submissions") == 3, "Sam's work reached the shared laptop")
        #expect(Self.blobCount(laptop) == 1 && Self.blobCount(shared) == 1)

        let admin = try world.device("root")
        #expect(try admin.run(["admin", "erase", "sam"]).status == 2, "--confirm is needed")
        let erasedText = try admin.ok(["admin", "erase", "sam", "--confirm"]).stdout
        let anonymous = try #require(
            erasedText.split(separator: " ").first { $0.hasPrefix("erased-") }.map { String($0.dropLast()) },
            "\(erasedText)")

        // The shared laptop learns it through Lia's sync (the `erasure` change of the course).
        try shared.ok(["profile", "switch", "lia"], ["LMS_PIN": "1234"])
        #expect(try shared.sync().status == 0)
        #expect(try shared.count("SELECT count(*) FROM profiles") == 1)
        #expect(try shared.scalar("SELECT name FROM profiles") == "lia")
        #expect(try shared.count("SELECT count(*) FROM submissions") == 0)
        #expect(try shared.count("SELECT count(*) FROM sync_accounts") == 1)
        #expect(Self.blobCount(shared) == 0, "Sam's file is gone from the shared laptop")
        // Sam's own laptop learns it from the server's answer to the old token.
        let result = try laptop.sync()
        #expect(result.status == 1)
        #expect(result.stderr.contains("erased") || String(describing: result.report).contains("erased"))
        for table in ["profiles", "sync_accounts", "progress", "submissions", "outbox", "attempts"] {
            #expect(try laptop.count("SELECT count(*) FROM \(table)") == 0, "\(table) on Sam's laptop")
        }
        #expect(Self.blobCount(laptop) == 0, "and his file")
        // The server keeps the statistics, anonymously.
        let users =
            try admin.json(["admin", "users"])["users"]?.arrayValue?.compactMap { $0["username"]?.stringValue } ?? []
        #expect(!users.contains("sam") && users.contains(anonymous))
        let stats = try admin.json(["admin", "stats"])
        #expect(stats["perCourse"]?.arrayValue?.first?["activeEnrollments"]?.numberValue == 2)
        let export = try admin.json(["admin", "export", anonymous])
        #expect(export["account"]?["email"] == JSONValue(.null) && export["progress"]?.arrayValue?.count == 1)
        #expect(!String(describing: export).contains("private story"))
    }

    /// The submitted files held in a device's blob store.
    static func blobCount(_ f: ClientFixture) -> Int {
        let files = FileManager.default.enumerator(atPath: f.home + "/blobs")?.allObjects as? [String] ?? []
        return files.filter { ($0 as NSString).lastPathComponent.count == 64 }.count
    }

    @Test func calendar_WritesInstalledCoursesDates_Offline() throws {
        let f = ClientFixture()
        try f.addProfile("sam")
        let empty = try f.run(["calendar", "-o", f.scratch.sub("none.ics")])
        #expect(empty.status == 1 && empty.stderr.contains("No courses installed"), "\(empty.stderr)")
        #expect(!FileManager.default.fileExists(atPath: f.scratch.sub("none.ics")))
        try f.installRich()
        try f.installPast()
        try f.ok(["calendar", "-o", f.scratch.sub("all.ics")])
        let text = try String(contentsOfFile: f.scratch.sub("all.ics"), encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 && !$0.contains("\n") })
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == lines.filter { $0 == "END:VEVENT" }.count)
        #expect(text.contains("DTSTART;VALUE=DATE:\(RichSample.year)0111\r\n"))
        #expect(text.contains("UID:past-course/unit/late/due@lms-offline\r\n"))
        #expect(text.contains("DTSTART:20200101T000000Z\r\n"))
        let one = try f.json(["calendar", "past"])
        #expect(one["events"]?.arrayValue?.count == 1)
        #expect(try f.run(["calendar", "nosuchcourse"]).status == 1)
        let stdout = try f.ok(["calendar", "intro"]).stdout
        #expect(stdout.hasPrefix("BEGIN:VCALENDAR\r\n") && stdout.hasSuffix("END:VCALENDAR\r\n"))
    }
}
