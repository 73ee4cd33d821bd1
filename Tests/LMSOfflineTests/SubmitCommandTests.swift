import Foundation
import LMSModel
import Testing

/// Submissions: type and size checks, every version kept, late work flagged.
struct SubmitCommandTests {
    @Test func submit_TextAndFile_KeepsEveryVersion() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let program = try f.write("guess.py", "import random\n")
        let first = try f.json(["submit", "project", program, "--text", "Tested by hand."])
        #expect(first["version"]?.numberValue == 1)
        #expect(first["late"]?.boolValue == false)
        let sha = try #require(first["files"]?.arrayValue?.first?["sha256"]?.stringValue)
        #expect(FileManager.default.fileExists(atPath: f.home + "/blobs/\(sha.prefix(2))/\(sha)"))
        let second = try f.json(["submit", "project", program])
        #expect(second["version"]?.numberValue == 2)
        #expect(try f.count("SELECT count(*) FROM submissions") == 2)
        #expect(try f.count("SELECT count(*) FROM outbox WHERE kind = 'submission'") == 2)
        #expect(
            try FileManager.default.subpathsOfDirectory(atPath: f.home + "/blobs").filter { $0.count > 3 }.count == 1,
            "the same content is stored once")
    }

    /// A data folder from before the shared blob store (no `blobs/tmp/`) keeps its files and takes new ones;
    /// a submitted file is a copy, so editing the original afterwards changes nothing submitted.
    @Test func submit_InAnOlderHome_KeepsItsBlobs_AndStoresACopy() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.addProfile("ana")
        let first = try f.json(["submit", "hello", try f.write("old.py", "print('old')\n")])
        let old = try #require(first["files"]?.arrayValue?.first?["sha256"]?.stringValue)
        try FileManager.default.removeItem(atPath: f.home + "/blobs/tmp")
        let program = try f.write("hello.py", "print('hi')\n")
        let second = try f.json(["submit", "hello", program])
        let sha = try #require(second["files"]?.arrayValue?.first?["sha256"]?.stringValue)
        try Data("print('changed')\n".utf8).write(to: URL(fileURLWithPath: program))
        #expect(
            FileManager.default.contents(atPath: f.home + "/blobs/\(sha.prefix(2))/\(sha)")
                == Data("print('hi')\n".utf8))
        #expect(FileManager.default.fileExists(atPath: f.home + "/blobs/\(old.prefix(2))/\(old)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.home + "/blobs/tmp").isEmpty)
    }

    @Test func submit_WrongTypeTooLargeOrMissing_IsRefusedAndNothingStored() throws {
        let f = ClientFixture()
        try f.installRich()
        try f.installPast()
        try f.addProfile("ana")
        let exe = try f.run(["submit", "hello", try f.write("hello.exe", "MZ")])
        #expect(exe.status == 1)
        #expect(exe.stderr.contains("hello.exe is a .exe file; foundations/hello accepts .py, .txt files"))
        let big = try f.run(["submit", "late", try f.write("big.txt", String(repeating: "x", count: 5000))])
        #expect(big.status == 1)
        #expect(big.stderr.contains("big.txt is 4.9 KB; unit/late accepts at most 1.0 KB: make it smaller"))
        let missing = try f.run(["submit", "hello", "nowhere.py"])
        #expect(missing.stderr.contains("cannot read nowhere.py"))
        let textOnly = try f.run(["submit", "reflection", try f.write("r.txt", "x")])
        #expect(textOnly.stderr.contains("practice/reflection expects text: add --text TEXT"))
        let fileOnly = try f.run(["submit", "hello", "--text", "hi"])
        #expect(fileOnly.stderr.contains("foundations/hello expects a file"))
        #expect(try f.count("SELECT count(*) FROM submissions") == 0)
        #expect(try f.count("SELECT count(*) FROM outbox") == 0)
    }

    @Test func submit_PastDue_WarnsLate() throws {
        let f = ClientFixture()
        try f.installPast()
        try f.addProfile("ana")
        let due = try f.json(["due"])
        #expect(due.arrayValue?.first?["overdue"]?.boolValue == true)
        let late = try f.ok(["submit", "late", "--text", "Sorry."])
        #expect(late.stderr.contains("warning: Late work was due 2020-01-01T00:00:00Z: this submission is late"))
        #expect(try f.json(["due"]).arrayValue?.isEmpty == true)
        let spanish = try f.ok(["submit", "late", "--text", "Otra vez."], ["LANG": "es_ES.UTF-8"])
        #expect(spanish.stderr.contains("esta entrega es tardía"))
        #expect(spanish.stdout.contains("Entregado Late work, versión 2."), "course content stays in its language")
    }
}
