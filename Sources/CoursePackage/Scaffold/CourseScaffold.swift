import Foundation
import LMSModel

/// The starting course that `lms-offline new-course` writes: one of each kind of lesson, quiz
/// and assignment, valid as written, for a teacher to edit.
public enum CourseScaffold {
    /// Writes the scaffold into `folder` (which must not exist, or be empty). `id` defaults to the folder's name.
    public static func write(to folder: String, id: String? = nil, title: String? = nil) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder), let existing = try? fm.contentsOfDirectory(atPath: folder), !existing.isEmpty
        {
            throw PackageError.cannotWrite(
                path: folder, reason: "the folder exists and is not empty; choose a new folder name")
        }
        // An ASCII id from the folder's name: accents dropped (Física → fisica), anything else a dash.
        let base = URL(fileURLWithPath: folder).lastPathComponent.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var slug = String(
            base.lowercased().unicodeScalars.map {
                ($0.isASCII && (CharacterSet.alphanumerics.contains($0))) ? Character($0) : "-"
            })
        while slug.contains("--") { slug = slug.replacingOccurrences(of: "--", with: "-") }
        slug = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        let courseID = id ?? (Course.isValidID(String(slug.prefix(64))) ? String(slug.prefix(64)) : "my-course")
        let courseTitle = title ?? CourseLoader.humanize(courseID)
        for (path, contents) in files(id: courseID, title: courseTitle) {
            let full = folder + "/" + path
            try fm.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard fm.createFile(atPath: full, contents: contents) else {
                throw PackageError.cannotWrite(path: full, reason: "create failed")
            }
        }
    }

    /// The files of the scaffold, by path.
    static func files(id: String, title rawTitle: String) -> [(String, Data)] {
        // The title goes into JSON and Markdown: quoted for JSON (without its quotes here).
        let title = String(JSONWriter.quote(rawTitle).dropFirst().dropLast())
        let text: [(String, String)] = [
            (
                "course.json",
                """
                {
                  "id": "\(id)",
                  "version": "1.0.0",
                  "title": "\(title)",
                  "description": "What this course is about, in one or two sentences.",
                  "language": "en",
                  "instructors": ["Your Name"],
                  "durationHours": 2,
                  "objectives": ["Say what a student can do after the course"],
                  "grading": {"passPercent": 60, "weights": {"quiz": 40, "assignment": 60}},
                  "certificate": false,
                  "timeZone": "UTC"
                }

                """
            ),
            (
                "syllabus.md",
                """
                # \(rawTitle)

                Welcome! This page is the course's front page. Say what the course covers, how long it
                takes and how it is graded. The first module starts with [a welcome](01-getting-started/01-welcome.md).

                """
            ),
            (
                "01-getting-started/module.json",
                """
                {"title": "Getting started", "description": "A first look around.", "objectives": ["Find your way in the course"]}

                """
            ),
            (
                "01-getting-started/01-welcome.md",
                """
                # Welcome

                A **text lesson**: plain Markdown. Lists, tables, `code` and images work:

                ![A diagram](../media/diagram.svg)

                | Week | Topic |
                |------|-------|
                | 1    | Getting started |

                """
            ),
            (
                "01-getting-started/02-listen.md",
                """
                ---
                type: video
                media: ../media/welcome.wav
                duration: 1
                ---
                # A short recording

                A **video lesson** plays its media file (replace media/welcome.wav with an MP4 or WebM video).

                """
            ),
            (
                "01-getting-started/03-handout.md",
                """
                ---
                type: file
                media: ../media/handout.txt
                ---
                # The handout

                A **file lesson** hands the student a file to open or print.

                """
            ),
            (
                "01-getting-started/04-further-reading.md",
                """
                ---
                type: url
                url: https://en.wikipedia.org/wiki/Distance_education
                ---
                # Further reading

                A **url lesson** points at a page to read when the student is online.

                """
            ),
            (
                "01-getting-started/05-check.quiz.json",
                """
                {
                  "title": "Check your understanding",
                  "mode": "practice",
                  "maxAttempts": 3,
                  "shuffle": true,
                  "questions": [
                    {"id": "q1", "type": "single", "text": "2 + 2 = ?", "choices": [{"text": "3"}, {"text": "4", "correct": true, "feedback": "Yes."}]},
                    {"id": "q2", "type": "multiple", "text": "Pick the even numbers", "points": 2, "choices": [{"text": "2", "correct": true}, {"text": "3"}, {"text": "4", "correct": true}]},
                    {"id": "q3", "type": "truefalse", "text": "A loop can run zero times.", "answer": true},
                    {"id": "q4", "type": "short", "text": "The keyword that defines a function in Python?", "accept": ["def"]},
                    {"id": "q5", "type": "numeric", "text": "Pi to 2 decimals", "answer": 3.14, "tolerance": 0.01},
                    {"id": "q6", "type": "matching", "text": "Match the type to a value", "pairs": [{"left": "Int", "right": "42"}, {"left": "String", "right": "\\"hi\\""}]},
                    {"id": "q7", "type": "essay", "text": "In your own words: what will you use this course for?", "points": 5}
                  ]
                }

                """
            ),
            (
                "01-getting-started/06-practice.gift",
                """
                // title: Practice in GIFT
                // mode: practice

                ::intro:: A paragraph without an answer block is shown as text between the questions (worth no points).

                ::capital:: The capital of France is {=Paris ~London ~Berlin}.

                ::water:: Water boils at 100 degrees Celsius at sea level. {T}

                ::year:: In which year did the first person walk on the Moon? {#1969}

                """
            ),
            (
                "01-getting-started/07-hello.assignment.md",
                """
                ---
                title: Introduce yourself
                due: 2030-01-18T23:59:00Z
                points: 10
                submission: both
                allowedTypes: txt, pdf, md
                maxFileMB: 5
                ---
                Write a few lines about yourself and what you hope to learn. Type it in, or attach a file.

                ## Rubric
                - Says who you are: 4
                - Says what you hope to learn: 4
                - Clear writing: 2

                """
            ),
            (
                "media/diagram.svg",
                """
                <svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#cde"/><text x="10" y="25">diagram</text></svg>

                """
            ),
            ("media/handout.txt", "A handout: replace this file with your own (PDF, slides, worksheet).\n")
        ]
        return text.map { ($0.0, Data($0.1.utf8)) } + [("media/welcome.wav", tone(seconds: 0.5))]
    }

    /// A short 440 Hz tone as 8 kHz 8-bit mono WAV.
    static func tone(seconds: Double) -> Data {
        let rate = 8000
        let count = Int(Double(rate) * seconds)
        var data = Data("RIFF".utf8)
        func le32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { data.append(contentsOf: $0) } }
        func le16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { data.append(contentsOf: $0) } }
        le32(36 + count)
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        le32(16)
        le16(1)
        le16(1)
        le32(rate)
        le32(rate)
        le16(1)
        le16(8)
        data.append(contentsOf: Array("data".utf8))
        le32(count)
        for i in 0..<count {
            data.append(UInt8(128 + Int(100 * sin(2 * Double.pi * 440 * Double(i) / Double(rate)))))
        }
        return data
    }
}
