import Foundation
import LMSModel

/// The interactive grading of a queue: shows each submission (text inline, files saved to a folder)
/// or attempt's essays, asks a score per criterion and feedback, records it, moves on.
/// `s` skips an entry, `q` (or the end of input) stops.
struct GradingSession {
    let api: ServerConnection
    let course: String
    let folder: String
    let console: Console
    let reader = LineReader()

    /// What a prompt got.
    enum Answer {
        case value(String)
        case skip, stop
    }

    func run(_ queue: [JSONValue]) throws -> Int32 {
        guard !queue.isEmpty else {
            console.out(Messages.t(.queueEmpty, course))
            return 0
        }
        console.out(Messages.t(.queueHeader, queue.count, course))
        for (i, entry) in queue.enumerated() {
            let id = entry["id"]?.stringValue ?? ""
            let who = entry["student"]?["username"]?.stringValue ?? "?"
            console.out("")
            console.out(
                console.paint(
                    TerminalText.sanitize(
                        "[\(i + 1)/\(queue.count)] \(who) (\(entry["student"]?["displayName"]?.stringValue ?? "")) — "
                            + "\(entry["itemTitle"]?.stringValue ?? "") [\(entry["item"]?.stringValue ?? "")]"
                            + (entry["late"]?.boolValue == true ? " — late" : "")), .bold))
            let outcome: Answer
            if entry["kind"]?.stringValue == "attempt" {
                outcome = try gradeAttempt(id)
            } else {
                outcome = try gradeSubmission(id, student: who)
            }
            if case .stop = outcome { break }
            if case .skip = outcome { console.out(Messages.t(.gradeSkipped)) }
        }
        return 0
    }

    func gradeSubmission(_ id: String, student: String) throws -> Answer {
        let detail = try api.json("GET", ServerConnection.course(course, "/submissions/\(ServerConnection.escape(id))"))
        if let text = detail["text"]?.stringValue, !text.isEmpty {
            for line in TerminalText.sanitize(text).split(separator: "\n", omittingEmptySubsequences: false) {
                console.out("  │ \(line)")
            }
        }
        let files = detail["files"]?.arrayValue ?? []
        if !files.isEmpty {
            let version = detail["version"]?.numberValue.map { ScoreFormat.text($0) } ?? "1"
            let item = detail["assignment"]?["id"]?.stringValue ?? "item"
            let dir = folder + "/" + Self.safeName("\(student)-\(item)-v\(version)")
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for file in files {
                guard let url = file["url"]?.stringValue else { continue }
                let data = try api.text(url)
                let name = file["name"]?.stringValue ?? "file"
                try AtomicFile.write(data, to: dir + "/" + Self.safeName(name))
                FilePreview.lines(data, name: name).forEach { console.out($0) }
            }
            console.out(Messages.t(.filesSavedTo, dir))
        }
        if let grade = detail["grade"], !grade.isNull {
            // A resubmission: what the earlier version got.
            console.out(
                Messages.t(
                    .gradeCurrent,
                    "\(ScoreFormat.text(grade["points"]?.numberValue ?? 0))/\(ScoreFormat.text(grade["maxPoints"]?.numberValue ?? 0))",
                    TerminalText.sanitize(grade["feedback"]?.stringValue ?? "–")))
        }
        let assignment = detail["assignment"] ?? JSONValue(.null)
        var criteria = (assignment["rubric"]?.arrayValue ?? []).map {
            ($0["criterion"]?.stringValue ?? "", $0["points"]?.numberValue ?? 0)
        }
        if criteria.isEmpty { criteria = [(RubricScoring.wholeScore, assignment["points"]?.numberValue ?? 0)] }
        return try ask(
            criteria: criteria.map { ($0.0, $0.0, $0.1) },
            path: ServerConnection.course(course, "/submissions/\(ServerConnection.escape(id))/grade"))
    }

    func gradeAttempt(_ id: String) throws -> Answer {
        let detail = try api.json("GET", ServerConnection.course(course, "/attempts/\(ServerConnection.escape(id))"))
        var criteria: [(String, String, Double)] = []
        for essay in detail["essays"]?.arrayValue ?? [] {
            let qid = essay["id"]?.stringValue ?? ""
            console.out(TerminalText.sanitize("\(qid): \(essay["text"]?.stringValue ?? "")"))
            console.out("  " + Messages.t(.essayAnswer))
            let answer = essay["answer"]?.stringValue ?? Messages.t(.noAnswer)
            for line in TerminalText.sanitize(answer).split(separator: "\n", omittingEmptySubsequences: false) {
                console.out("  │ \(line)")
            }
            criteria.append((qid, qid, essay["points"]?.numberValue ?? 0))
        }
        return try ask(
            criteria: criteria, path: ServerConnection.course(course, "/attempts/\(ServerConnection.escape(id))/grade"))
    }

    /// Asks a score per criterion (key, label, maximum) and feedback, then records the grade.
    func ask(criteria: [(String, String, Double)], path: String) throws -> Answer {
        var scores: [(String, JSONValue)] = []
        for (key, label, maximum) in criteria {
            while true {
                switch prompt(Messages.t(.gradeScorePrompt, label, ScoreFormat.text(maximum))) {
                case .stop: return .stop
                case .skip: return .skip
                case .value(let text):
                    if let n = Double(text.replacingOccurrences(of: ",", with: ".")), n.isFinite, n >= 0, n <= maximum {
                        scores.append((key, .num(n)))
                    } else {
                        console.err(Messages.t(.gradeInvalidScore, ScoreFormat.text(maximum)))
                        continue
                    }
                }
                break
            }
        }
        var body: [(String, JSONValue)] = [("scores", .obj(scores))]
        switch prompt(Messages.t(.gradeFeedbackPrompt)) {
        case .stop: return .stop
        case .skip: return .skip
        case .value(let text): if !text.isEmpty { body.append(("feedback", .str(text))) }
        }
        let answer: JSONValue
        do { answer = try api.json("PUT", path, .obj(body)) } catch let error as AdminError
            where (error.status ?? 0) >= 400 && error.status != 401
        {
            // The server refused this one (resubmitted meanwhile, a score it will not take): say why, go on with the queue.
            console.err("\(error)")
            console.out(Messages.t(.gradeSkipped))
            return .skip
        }
        console.out(
            Messages.t(
                .gradeRecorded,
                "\(ScoreFormat.text(answer["points"]?.numberValue ?? 0))/\(ScoreFormat.text(answer["maxPoints"]?.numberValue ?? 0))",
                answer["item"]?.stringValue ?? "",
                answer["submission"]?.stringValue ?? answer["attempt"]?.stringValue ?? ""))
        return .value("")
    }

    /// One line of input; `s` skips, `q` or the end of input stops.
    func prompt(_ text: String) -> Answer {
        FileHandle.standardOutput.write(Data(text.utf8))
        guard case .line(let line) = reader.readLine() else { return .stop }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "q": return .stop
        case "s": return .skip
        default: return .value(trimmed)
        }
    }

    /// A file or folder name that stays in its folder: no separators, no leading dot.
    static func safeName(_ name: String) -> String {
        var out = String(name.map { $0 == "/" || $0 == "\\" || $0.isNewline || $0 == "\0" ? "_" : $0 })
        while out.hasPrefix(".") { out.removeFirst() }
        return out.isEmpty ? "file" : String(out.prefix(200))
    }
}
