import Foundation
import LMSModel
import Testing

/// Profiles on a shared device: PINs, throttling, isolation, removal.
struct ProfileCommandsTests {
    @Test func twoProfiles_NeverSeeEachOthersWork() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana", pin: "1111")
        try f.ok(["profile", "add", "Bruno"], ["LMS_PIN": "2222"])
        // Ana studies.
        try f.ok(["done", "welcome"])
        try f.ok(["quiz", "check", "--answers", try f.write("a.json", #"{"q1": 1, "q3": true}"#)])
        try f.ok(["submit", "reflection", "--text", "Ana's reflection"])
        #expect(try f.json(["grades"]).arrayValue?.count == 1)
        // Bruno sees none of it.
        try f.ok(["profile", "switch", "bruno"], ["LMS_PIN": "2222"])
        let progress = try f.json(["progress"])
        #expect(progress.arrayValue?.first?["lessonsDone"]?.numberValue == 0)
        #expect(progress.arrayValue?.first?["submissions"]?.numberValue == 0)
        #expect(try f.json(["grades"]).arrayValue?.isEmpty == true)
        let course = try f.json(["course", "intro-programming"])
        let check = course["items"]?.arrayValue?.first { $0["id"]?.stringValue == "foundations/check" }
        #expect(check?["state"]?["attempts"]?.numberValue == 0)
        #expect(try f.json(["due"]).arrayValue?.count == 3, "Ana's submission does not count for Bruno")
        let list = try f.json(["profile", "list"])
        #expect(list.arrayValue?.compactMap { $0["name"]?.stringValue } == ["ana", "Bruno"])
        #expect(list.arrayValue?.last?["active"]?.boolValue == true)
    }

    @Test func wrongPIN_IsRefused_ThenLocksAfterFiveTries() throws {
        let f = ClientFixture()
        try f.addProfile("ana", pin: "1111")
        let wrong = try f.run(["profile", "switch", "ana"], ["LMS_PIN": "9999"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("wrong PIN for ana (4 more tries"))
        for _ in 0..<4 { _ = try f.run(["profile", "switch", "ana"], ["LMS_PIN": "9999"]) }
        let locked = try f.run(["profile", "switch", "ana"], ["LMS_PIN": "1111"])
        #expect(locked.status == 1)
        #expect(locked.stderr.contains("ana is locked after too many wrong PINs"))
        let unknown = try f.run(["profile", "switch", "anna"], ["LMS_PIN": "1111"])
        #expect(unknown.stderr.contains("no profile named anna (did you mean ana?)"))
        let stdinPIN = try f.run(["profile", "add", "carla", "--pin-stdin"])
        #expect(stdinPIN.status == 1, "no PIN on standard input")
        let duplicate = try f.run(["profile", "add", "ANA"], ["LMS_PIN": "1234"])
        #expect(duplicate.stderr.contains("a profile named ANA already exists"))
    }

    @Test func remove_NeedsPIN_AndDeletesWorkAndOrphanBlobs() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana", pin: "1111")
        try f.ok(["submit", "hello", try f.write("hello.py", "print('hi')\n")])
        let blobs = try FileManager.default.subpathsOfDirectory(atPath: f.home + "/blobs").filter { $0.count > 3 }
        #expect(blobs.count == 1)
        try f.ok(["profile", "add", "bea"], ["LMS_PIN": "2222"])
        #expect(try f.run(["profile", "remove", "ana"], ["LMS_PIN": "0000"]).status == 1)
        try f.ok(["profile", "remove", "ana"], ["LMS_PIN": "1111"])
        #expect(try f.count("SELECT count(*) FROM submissions") == 0)
        #expect(try f.count("SELECT count(*) FROM outbox") == 0)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: f.home + "/blobs").filter { $0.count > 3 }.isEmpty)
        let after = try f.run(["progress"])
        #expect(after.status == 1)
        #expect(after.stderr.contains("no profile is active"))
    }

    @Test func expiredSession_AsksToSwitchAgain() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana", pin: "1111")
        let session = f.home + "/session.json"
        let text = try String(contentsOfFile: session, encoding: .utf8)
        let stale = text.replacingOccurrences(
            of: #""lastUsedAt" *: *[0-9]+"#, with: "\"lastUsedAt\": 1000", options: .regularExpression)
        try stale.write(toFile: session, atomically: true, encoding: .utf8)
        let expired = try f.run(["progress"])
        #expect(expired.status == 1)
        #expect(expired.stderr.contains("run lms-offline profile switch ana"))
        try f.ok(["progress"], ["LMS_PIN": "1111"])
    }

    @Test func firstCommand_OnADeviceWithNoProfile_MakesOneFromTheSystemUser_WithoutAPIN() throws {
        let f = ClientFixture()
        try f.installRich()
        let read = try f.run(["read", "welcome"], ["USER": "joseph"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr.contains("Made profile joseph on this device (no PIN)"))
        #expect(try f.count("SELECT count(*) FROM profiles WHERE name = 'joseph' AND length(pin_hash) = 0") == 1)
        // No PIN: an idle session goes on, switching needs none.
        try f.write("home/session.json", #"{"profileID": "x", "name": "x", "lastUsedAt": 0}"#)
        try f.ok(["profile", "switch", "joseph"])
        #expect(try f.ok(["progress", "--json"]).stdout.contains("intro-programming"))
    }

    @Test func firstCommand_IsLogin_NamesTheProfileAfterTheUsername() throws {
        let world = try SyncWorld(publish: false)
        try world.createUser("maria")
        let f = ClientFixture()
        try f.login("maria", server: world.base)
        #expect(try f.count("SELECT count(*) FROM profiles WHERE name = 'maria'") == 1)
        // A second login on this device takes the server it already knows.
        let again = try f.run(["login", "--username", "maria", "--password-stdin"], input: "password of maria\n")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains(world.base))
    }

    @Test func profileAdd_WithAnotherActive_SaysHowToSwitch() throws {
        let f = ClientFixture()
        try f.addProfile("joseph")
        let added = try f.ok(["profile", "add", "maria"])
        #expect(added.stderr.contains("Still studying as joseph: run lms-offline profile switch maria to change."))
    }

    @Test(.enabled(if: TerminalSession.isAvailable))
    func profileAdd_OnATerminal_AsksAgainForAShortPIN_AndOffersToSwitch() throws {
        let f = ClientFixture()
        try f.addProfile("joseph")
        let term = try TerminalSession(
            ["profile", "add", "maria"], environment: f.environment, directory: f.scratch.path)
        try term.waitFor("PIN for maria (at least 4 characters")
        try term.type("12")
        try term.waitFor("a PIN needs at least 4 characters")
        try term.waitFor("PIN for maria (at least 4 characters", count: 2)
        try term.type("5678")
        try term.waitFor("PIN again: ")
        try term.type("5678")
        try term.waitFor("Switch to maria now? [Y/n]")
        try term.type("")
        try term.waitFor("Now studying as maria.")
        #expect(try f.count("SELECT count(*) FROM profiles WHERE name = 'maria' AND length(pin_hash) > 0") == 1)
    }
}
