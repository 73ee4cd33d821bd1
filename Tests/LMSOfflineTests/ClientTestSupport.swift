import Foundation
import LMSTestSupport
import LMSDatabase
import LMSModel
import Testing

/// A data folder for one test, with the rich sample packed once per test and helpers to run
/// `lms-offline` against it as a given profile.
final class ClientFixture {
    let scratch = Scratch()
    var home: String { scratch.sub("home") }

    /// The environment of every run: this home, English, fast PIN hashing (test-only), no colour.
    var environment: [String: String] {
        [
            "LMS_HOME": home, "LMS_PIN_ITERATIONS": "1000", "LANG": "C", "LC_ALL": "", "LC_MESSAGES": "",
            "NO_COLOR": "1",
            "LMS_PIN": "", "PAGER": "cat"
        ]
    }

    /// Runs `lms-offline args` with extra environment.
    @discardableResult
    func run(_ args: [String], _ extra: [String: String] = [:], input: String? = nil) throws -> CLI.Result {
        try CLI.run(args, in: scratch.path, environment: environment.merging(extra) { $1 }, input: input)
    }

    /// Starts `lms-offline args` in the background, output discarded (for tests that kill it).
    func launch(_ args: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs and expects success.
    @discardableResult
    func ok(_ args: [String], _ extra: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> CLI.Result
    {
        let result = try run(args, extra)
        #expect(result.status == 0, "\(args): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs with `--json` and parses standard output.
    func json(_ args: [String], _ extra: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation)
        throws -> JSONValue
    {
        let result = try ok(args + ["--json"], extra, sourceLocation: sourceLocation)
        return try JSONParser.parse(result.stdout)
    }

    /// Packs a course folder into `name` in the scratch folder.
    func pack(_ folder: String, to name: String) throws -> String {
        try ok(["pack", folder, "-o", name])
        return scratch.sub(name)
    }

    /// Packs and installs the rich sample.
    func installRich() throws {
        let package = try pack(RichSample.folder, to: "rich.zip")
        try ok(["install", package])
    }

    /// Adds a profile and makes it active.
    func addProfile(_ name: String, pin: String = "1234") throws {
        try ok(["profile", "add", name], ["LMS_PIN": pin])
        try ok(["profile", "switch", name], ["LMS_PIN": pin])
    }

    /// Opens the store directly (read-only checks).
    func store() throws -> DatabaseQueue { try DatabaseQueue(path: home + "/store.sqlite") }

    /// A count from the store.
    func count(_ sql: String) throws -> Int { try store().read { try $0.fetchScalar(Int.self, sql) ?? -1 } }

    /// `PRAGMA integrity_check` of the store.
    func integrity() throws -> String {
        try store().read { try $0.fetchScalar(String.self, "PRAGMA integrity_check") ?? "" }
    }

    /// Writes a file in the scratch folder and returns its path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let path = scratch.sub(relative)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A copy of the rich sample to edit (for updates).
    func copyRich(to relative: String) throws -> String {
        let path = scratch.sub(relative)
        try FileManager.default.copyItem(atPath: RichSample.folder, toPath: path)
        return path
    }

    /// A small course with a past due date, an upload limit of 1 KB and a 6-second quiz.
    func writePastCourse() throws -> String {
        try write(
            "past/course.json", #"{"id": "past-course", "version": "1.0.0", "title": "Past course", "language": "es"}"#)
        try write("past/01-unit/01-intro.md", "# Intro\n\nHola.\n")
        try write(
            "past/01-unit/02-late.assignment.md",
            """
            ---
            title: Late work
            due: 2020-01-01T00:00:00Z
            points: 5
            submission: both
            allowedTypes: txt
            maxFileMB: 0.001
            ---
            Hand in a note.
            """)
        try write(
            "past/01-unit/03-quick.quiz.json",
            """
            {"title": "Quick", "timeLimitMinutes": 0.1, "questions": [
              {"id": "a", "type": "short", "text": "Say yes", "accept": ["yes"]},
              {"id": "b", "type": "short", "text": "Say no", "accept": ["no"]}]}
            """)
        try write(
            "past/01-unit/04-all.quiz.json",
            """
            {"title": "All kinds", "maxAttempts": 3, "questions": [
              {"id": "q1", "type": "single", "text": "2 + 2 = ?", "choices": [{"text": "3"}, {"text": "4", "correct": true}]},
              {"id": "q2", "type": "multiple", "text": "Pick the even numbers", "points": 2,
               "choices": [{"text": "2", "correct": true}, {"text": "3"}, {"text": "4", "correct": true}]},
              {"id": "q3", "type": "truefalse", "text": "A loop can run zero times.", "answer": true},
              {"id": "q4", "type": "short", "text": "Keyword that defines a function in Python?", "accept": ["def"]},
              {"id": "q5", "type": "numeric", "text": "Approximate pi to 2 decimals", "answer": 3.14, "tolerance": 0.01},
              {"id": "q6", "type": "matching", "text": "Match the type to its value",
               "pairs": [{"left": "Int", "right": "42"}, {"left": "String", "right": "hi"}]},
              {"id": "q7", "type": "essay", "text": "Explain recursion.", "points": 2}]}
            """)
        return scratch.sub("past")
    }

    /// Packs and installs the past course.
    func installPast() throws {
        try ok(["install", try pack(try writePastCourse(), to: "past.zip")])
    }
}

extension ClientFixture {
    /// The profile "ana" and the past course with a quiz "survey" whose marks are never shown
    /// (`"review": "never"`), which ana has answered.
    static func withANeverReviewedSurveyTaken() throws -> ClientFixture {
        let f = ClientFixture()
        try f.addProfile("ana")
        let folder = try f.writePastCourse()
        try f.write(
            "past/01-unit/05-survey.quiz.json",
            """
            {"title": "Survey", "review": "never", "questions": [
              {"id": "s1", "type": "truefalse", "text": "Loops help.", "answer": true}]}
            """)
        try f.ok(["install", try f.pack(folder, to: "past.zip")])
        try f.ok(["quiz", "survey", "--answers", try f.write("s.json", #"{"s1": true}"#)])
        return f
    }
}
