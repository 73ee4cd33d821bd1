import Foundation
import Testing
import CoursePackage
import LMSModel

@Suite struct GIFTParserTests {
    @Test func allTypesFixture() throws {
        let doc = try parseFixture("all-types")
        #expect(
            doc.settings
                == QuizSettings(
                    id: "bio-week-1", title: "Cell biology, week 1", mode: .exam,
                    timeLimitMinutes: 20, maxAttempts: 2, shuffle: true))
        let cells = "$course$/Biology/Cells"
        let matching = "$course$/Biology/Matching"
        expectQuestions(
            doc.questions,
            [
                Question(
                    id: "organelle", title: "Organelle", text: "Which organelle makes ATP?",
                    format: .moodle,
                    body: .single(choices: [
                        choice("Mitochondrion", 1, "Right: the powerhouse."),
                        choice("Ribosome", 0, "No, ribosomes make proteins."),
                        choice("Nucleus", 0)
                    ]), generalFeedback: "Mitochondria make most of the cell's ATP.", category: cells),
                Question(
                    id: "membrane-parts", title: "Membrane", text: "Which are parts of the cell membrane?",
                    format: .moodle, points: 2,
                    body: .multiple(choices: [
                        choice("Phospholipids", 0.5), choice("Proteins", 0.5),
                        choice("Cell wall", -1, "Plants only, and not part of the membrane.")
                    ]), category: cells),
                Question(
                    id: "q3", text: "Cells are the _____ unit of life.",
                    format: .moodle,
                    body: .single(choices: [
                        choice("smallest", 0), choice("basic", 1), choice("largest", 0)
                    ]), category: cells),
                Question(
                    id: "nucleus-t-f", title: "Nucleus T/F", text: "The nucleus holds the DNA.",
                    format: .moodle,
                    body: .trueFalse(
                        answer: true, feedbackIfTrue: "Yes.", feedbackIfFalse: "No, it does hold the DNA."),
                    category: cells),
                Question(
                    id: "wall", title: "Wall", text: "Animal cells have a cell wall.",
                    format: .moodle,
                    body: .trueFalse(
                        answer: false, feedbackIfTrue: "Wrong: they do not.",
                        feedbackIfFalse: "Right: they do not."), category: cells),
                Question(
                    id: "osmosis", title: "Osmosis", text: "Water moves across a membrane by _____.",
                    format: .moodle,
                    body: .short(answers: [short("osmosis"), short("diffusion", 0.5, "Close, but be specific.")]),
                    category: cells),
                Question(
                    id: "cell-count", title: "Cell count",
                    text: "About how many cells are in a human body (in trillions)?", format: .moodle, points: 0.5,
                    body: .numeric(answers: [numeric(37, 3, 1, "Right."), numeric(40, 10, 0.5, "Close enough.")]),
                    category: cells),
                Question(
                    id: "diameter", title: "Diameter", text: "Typical diameter of a red blood cell in micrometres?",
                    format: .moodle, body: .numeric(answers: [numeric(7.5, 0.5)]), category: cells),
                Question(
                    id: "match-organelles", title: "Match organelles", text: "Match each organelle with its job.",
                    format: .moodle,
                    body: .matching(pairs: [
                        pair("Ribosome", "makes proteins"), pair("Mitochondrion", "makes ATP"),
                        pair("", "stores starch")
                    ]),
                    generalFeedback: "Distractors have an empty left side.", category: matching),
                Question(
                    id: "essay", title: "Essay", text: "Explain why cells are small.", format: .moodle, body: .essay,
                    category: matching),
                Question(
                    id: "grading-scheme", title: "Grading scheme", text: "Give **one** reason.", format: .markdown,
                    body: .essay,
                    generalFeedback: "Surface *area* to volume.", category: matching),
                Question(
                    id: "q12", text: "Name the green pigment:", format: .moodle,
                    body: .short(answers: [short("chlorophyll")]),
                    category: matching)
            ])
        #expect(
            doc.diagnostics.map(\.description) == [
                positionalWarning("all-types.gift", 27, "q3"),
                positionalWarning("all-types.gift", 56, "q12")
            ])
    }

    @Test func escapesFixture() throws {
        let doc = try parseFixture("escapes")
        expectQuestions(
            doc.questions,
            [
                Question(
                    id: "escapes-all-of-them", title: "Escapes : all { of } them",
                    text: "Literal ~ = # { } : and a backslash \\ here.\nNew line.",
                    format: .moodle, body: .trueFalse(answer: true, feedbackIfTrue: nil, feedbackIfFalse: nil)),
                Question(
                    id: "escaped-answers", title: "Escaped answers", text: "Pick the comparison operator",
                    format: .moodle,
                    body: .single(choices: [
                        choice("==", 1, "Right: = twice."), choice("~", 0, "A tilde ~ is not one."),
                        choice("#", 0, "Hash # is not one."), choice("a\\b", 0, "Backslash \\ in an answer.")
                    ])),
                Question(
                    id: "time", title: "Time", text: "Write the time ten thirty as hh:mm.",
                    format: .moodle, body: .short(answers: [short("10:30", 1, "Feedback with {braces}.")])),
                Question(
                    id: "colon-in-numerical", title: "Colon in numerical",
                    text: "Half of 7 (tolerance written with an escaped colon)?",
                    format: .moodle, body: .numeric(answers: [numeric(3.5, 0.1)])),
                Question(
                    id: "unknown-escapes", title: "Unknown escapes",
                    text: "Other backslashes stay: C:\\Temp\\x \\% \\a",
                    format: .moodle, body: .short(answers: [short("ok")])),
                Question(
                    id: "double-backslash", title: "Double backslash", text: "A \\\\ pair, then \\",
                    format: .moodle, body: .short(answers: [short("x")])),
                Question(
                    id: "q7", text: "Line one\nline two", format: .moodle, body: .short(answers: [short("ok", 1, "fb")])
                ),
                Question(
                    id: "match-esc", title: "Match esc", text: "Match the escapes.",
                    format: .moodle,
                    body: .matching(pairs: [pair("{", "open brace"), pair("}", "close brace"), pair("\\", "backslash")])
                )
            ])
        #expect(doc.diagnostics.map(\.description) == [positionalWarning("escapes.gift", 18, "q7")])
    }

    @Test func errorsFixtureReportsEveryExpectedDiagnostic() throws {
        let text = try fixtureText("errors")
        let expected = text.split(separator: "\n").filter { $0.hasPrefix("// expect: ") }.map {
            String($0.dropFirst(11))
        }
        let doc = GIFTParser.parse(text, file: "errors.gift")
        #expect(expected.count == 23)
        #expect(doc.diagnostics.map(\.description) == expected)
        #expect(doc.settings == QuizSettings())
        let t = Question.Body.trueFalse(answer: true, feedbackIfTrue: nil, feedbackIfFalse: nil)
        expectQuestions(
            doc.questions,
            [
                Question(
                    id: "sum", title: "Sum", text: "Which are right?", format: .moodle,
                    body: .multiple(choices: [choice("a", 0.5), choice("b", 0.3), choice("c", 0)])),
                Question(
                    id: "d1", text: "Just a description, no braces.", format: .moodle, points: 0, body: .description),
                Question(id: "dup", title: "First dup", text: "A", format: .moodle, body: t),
                Question(id: "bad-directives", title: "Bad directives", text: "C", format: .moodle, body: t),
                Question(id: "same", title: "Same", text: "D", format: .moodle, body: t),
                Question(id: "q20", title: "Same", text: "E", format: .moodle, body: t)
            ])
    }

    @Test func moodleQuirksAreKept() {
        // A line "0" is blank to PHP's empty(), so it separates questions.
        let zero = GIFTParser.parse("A {T}\n0\nB {F}", file: "z.gift")
        #expect(zero.questions.map(\.text) == ["A", "B"])
        // BOM and old-Mac line ends.
        let mac = GIFTParser.parse("\u{FEFF}::a::A {T}\r\r::b::B {=x}", file: "m.gift")
        #expect(mac.questions.map(\.id) == ["a", "b"])
        // `=` in a multiple-choice feedback starts a new answer (Moodle replaces = by ~= first).
        let split = GIFTParser.parse("::s::S {=a#x=y ~b}", file: "s.gift")
        #expect(split.questions.first?.body == .single(choices: [choice("a", 1, "x"), choice("y", 1), choice("b", 0)]))
        // Inside a multiple-choice block `=%50%` is not a weight: `=` already means 100%.
        let weight = GIFTParser.parse("::w::W {=%50%a ~b}", file: "w.gift")
        #expect(weight.questions.first?.body == .single(choices: [choice("%50%a", 1), choice("b", 0)]))
        // `%33.33333%` is Moodle's one-third grade; the canonical fraction is kept.
        let third = GIFTParser.parse("::t::T {~%33.33333%a ~%33.33333%b ~%33.33333%c ~d}", file: "t.gift")
        #expect(
            third.questions.first?.body
                == .multiple(choices: [
                    choice("a", 0.3333333), choice("b", 0.3333333), choice("c", 0.3333333), choice("d", 0)
                ]))
        #expect(third.diagnostics.isEmpty)
        // Matching keeps `#` text as part of the answer, as Moodle does.
        let match = GIFTParser.parse("::m::M {=a -> 1#x =b -> 2}", file: "m.gift")
        #expect(match.questions.first?.body == .matching(pairs: [pair("a", "1#x"), pair("b", "2")]))
        // An unclosed title: Moodle drops the leading :: and keeps the rest as text.
        let title = GIFTParser.parse("::No end {T}", file: "n.gift")
        #expect(title.questions.first?.text == "No end")
        #expect(title.questions.first?.title == nil)
    }

    @Test func numericalForms() {
        let doc = GIFTParser.parse(
            "::n::N {#=%100%3.14:0.01#fb =%50%3.1:0.1}\n\n::r::R {#1..2}\n\n::w::W {#=5 ~#nope}",
            file: "n.gift")
        #expect(
            doc.questions.map(\.body) == [
                .numeric(answers: [numeric(3.14, 0.01, 1, "fb"), numeric(3.1, 0.1, 0.5)]),
                .numeric(answers: [numeric(1.5, 0.5)]),
                .numeric(answers: [numeric(5), .anyOther(feedback: "nope")])
            ])
        #expect(doc.diagnostics.isEmpty)
    }

    @Test func settingsStopAtFirstQuestionAndDirectivesApplyInBlock() {
        let text =
            "// title: Quiz\n$CATEGORY: c\n// mode: practice\n\n// id: one\n// points: 3\n::T::Q {T}\n\n// title: late"
        let doc = GIFTParser.parse(text, file: "s.gift")
        #expect(doc.settings == QuizSettings(title: "Quiz", mode: .practice))
        #expect(doc.questions.map(\.id) == ["one"])
        #expect(doc.questions.first?.points == 3)
        #expect(doc.questions.first?.category == "c")
        #expect(
            doc.diagnostics.map(\.description) == [
                "s.gift:9: warning: quiz setting // title: is ignored here: settings go before the first question, "
                    + "with a blank line between them and the question"
            ])
    }

    @Test func misplacedExamMode_IsAnError_AndAnInstructionsParagraphKeepsSettingsOpen() {
        let late = GIFTParser.parse("::A::A {T}\n\n// mode: exam\n::B::B {F}", file: "late.gift")
        #expect(
            late.diagnostics.map(\.description) == [
                "late.gift:3: quiz setting // mode: is ignored here: settings go before the first question, "
                    + "with a blank line between them and the question"
            ])
        let intro = GIFTParser.parse("Read the instructions first.\n\n// mode: exam\n\n::A::A {T}", file: "intro.gift")
        #expect(intro.settings.mode == .exam)
    }

    /// Issue 13, item 3: the review option, and an exam's safe default.
    @Test func reviewSetting_IsRead_AndAnExamDefaultsToAfterClose() {
        let doc = GIFTParser.parse("// mode: exam\n// review: never\n\n::A::A {T}", file: "r.gift")
        #expect(doc.settings.review == .never)
        let bad = GIFTParser.parse("// review: sometimes\n\n::A::A {T}", file: "b.gift")
        #expect(bad.diagnostics.first?.description.contains("is not afterAttempt, afterClose or never") == true)
        #expect(Quiz(id: "e", title: "E", mode: .exam).reviewPolicy == .afterClose)
        #expect(Quiz(id: "p", title: "P").reviewPolicy == .afterAttempt)
    }

    @Test func settingsInsideTheFirstQuestionAreReported() {
        let doc = GIFTParser.parse("// mode: exam\n// points: 2\n::A::A {T}", file: "f.gift")
        #expect(doc.settings == QuizSettings())
        #expect(doc.questions.first?.points == 2)
        #expect(
            doc.diagnostics.map(\.description) == [
                "f.gift:1: quiz setting // mode: is ignored here: settings go before the first question, "
                    + "with a blank line between them and the question"
            ])
    }

    @Test func badSettingValuesAreErrors() {
        let text =
            "// id: bad id\n// title:\n// timeLimitMinutes: -5\n// shuffle: yes\n// maxAttempts: 0\n"
            + "// shuffle: false\n\n::A::A {T}"
        let doc = GIFTParser.parse(text, file: "b.gift")
        #expect(doc.settings == QuizSettings(shuffle: false))
        #expect(
            doc.diagnostics.map(\.description) == [
                "b.gift:1: id \"bad id\" is not valid: use letters, digits, '-', '_' and '.', starting with a letter or "
                    + "digit (write // id: week-1-quiz)",
                "b.gift:2: quiz title is empty (write // title: My quiz)",
                "b.gift:3: timeLimitMinutes \"-5\" is not a positive number of minutes (write // timeLimitMinutes: 30)",
                "b.gift:4: shuffle \"yes\" is not true or false (write // shuffle: true)",
                "b.gift:5: maxAttempts \"0\" is not a whole number of at least 1 (write // maxAttempts: 3)",
                "b.gift:6: warning: quiz setting shuffle was already set on line 4; this later value wins"
            ])
    }
}
