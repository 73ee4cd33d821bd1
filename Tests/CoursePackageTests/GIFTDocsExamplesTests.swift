import Foundation
import Testing
import CoursePackage
import LMSModel

/// The examples of Moodle's GIFT documentation page, parsed as Moodle imports them.
@Suite struct GIFTDocsExamplesTests {
    @Test func moodleDocsExamples() throws {
        let doc = try parseFixture("moodle-docs-examples")
        let yes = Question.Body.trueFalse(answer: true, feedbackIfTrue: nil, feedbackIfFalse: nil)
        let no = Question.Body.trueFalse(answer: false, feedbackIfTrue: nil, feedbackIfFalse: nil)
        let tomb = "Who's buried in Grant's tomb?"
        let range = numeric((3.141 + 3.142) / 2, 3.142 - (3.141 + 3.142) / 2)
        let control = "Which of the following is NOT a control character for the GIFT import format?"
        let thanksgiving: Question.Body = .single(choices: [
            choice("second", 0), choice("third", 0), choice("fourth", 1)
        ])
        expectQuestions(
            doc.questions,
            [
                Question(id: "q1", title: "Q1", text: "1+1=2", format: .moodle, body: yes),
                Question(
                    id: "q2", title: "Q2", text: "What's between orange and green in the spectrum?",
                    format: .moodle,
                    body: .single(choices: [
                        choice("yellow", 1, "right; good!"), choice("red", 0, "wrong, it's yellow"),
                        choice("blue", 0, "wrong, it's yellow")
                    ])),
                Question(
                    id: "q3", title: "Q3", text: "Two plus _____ equals four.",
                    format: .moodle, body: .short(answers: [short("two"), short("2")])),
                Question(
                    id: "q4", title: "Q4", text: "Which animal eats which food?",
                    format: .moodle, body: .matching(pairs: [pair("cat", "cat food"), pair("dog", "dog food")])),
                Question(
                    id: "q5", title: "Q5", text: "What is a number from 1 to 5?",
                    format: .moodle, body: .numeric(answers: [numeric(3, 2)])),
                Question(
                    id: "q6", title: "Q6", text: "What is a number from 1 to 5?",
                    format: .moodle, body: .numeric(answers: [numeric(3, 2)])),
                Question(
                    id: "q7", title: "Q7", text: "When was Ulysses S. Grant born?",
                    format: .moodle,
                    body: .numeric(answers: [
                        numeric(1822, 0, 1, "Correct! Full credit."),
                        numeric(1822, 2, 0.5, "He was born in 1822. Half credit for being close.")
                    ])),
                Question(id: "q8", title: "Q8", text: "How are you?", format: .moodle, body: .essay),
                Question(
                    id: "q9", text: tomb,
                    format: .moodle,
                    body: .single(choices: [
                        choice("Grant", 0), choice("Jefferson", 0),
                        choice("no one", 1)
                    ])),
                Question(
                    id: "q10", text: "Grant is _____ in Grant's tomb.",
                    format: .moodle,
                    body: .single(choices: [choice("buried", 0), choice("entombed", 1), choice("living", 0)])),
                Question(
                    id: "q11",
                    text: "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November.",
                    format: .moodle, body: thanksgiving),
                Question(
                    id: "q12", text: "Japanese characters originally came from what country?",
                    format: .moodle,
                    body: .single(choices: [
                        choice("India", 0), choice("China", 1), choice("Korea", 0), choice("Egypt", 0)
                    ])),
                Question(
                    id: "q13", text: tomb,
                    format: .moodle,
                    body: .short(answers: [short("Grant"), short("Ulysses S. Grant"), short("Ulysses Grant")])),
                Question(
                    id: "q14", text: "Two plus two equals _____.", format: .moodle,
                    body: .short(answers: [short("four"), short("4")])),
                Question(id: "q15", text: "Grant is buried in Grant's tomb.", format: .moodle, body: no),
                Question(id: "q16", text: "The sun rises in the east.", format: .moodle, body: yes),
                Question(
                    id: "q17", text: "Match the following countries with their corresponding capitals.",
                    format: .moodle,
                    body: .matching(pairs: [
                        pair("Canada", "Ottawa"), pair("Italy", "Rome"), pair("Japan", "Tokyo"),
                        pair("India", "New Delhi")
                    ]),
                    generalFeedback: "It's good to know the capitals"),
                Question(
                    id: "q18", text: "When was Ulysses S. Grant born?", format: .moodle,
                    body: .numeric(answers: [numeric(1822, 5)])),
                Question(
                    id: "q19", text: "What is the value of pi (to 3 decimal places)? _____.",
                    format: .moodle, body: .numeric(answers: [numeric(3.14159, 0.0005)])),
                Question(
                    id: "q20", text: "What is the value of pi (to 3 decimal places)? _____.",
                    format: .moodle, body: .numeric(answers: [range])),
                Question(
                    id: "grants-tomb", title: "Grants tomb", text: "Who is buried in Grant's tomb in New York City?",
                    format: .moodle,
                    body: .single(choices: [
                        choice("Grant", 1),
                        choice(
                            "No one", 0, "Was true for 12 years, but Grant's remains were buried in the tomb in 1897"),
                        choice("Napoleon", 0, "He was buried in France"),
                        choice("Churchill", 0, "He was buried in England"),
                        choice("Mother Teresa", 0, "She was buried in India")
                    ])),
                Question(
                    id: "kanji-origins", title: "Kanji Origins",
                    text: "Japanese characters originally\ncame from what country?",
                    format: .moodle, body: .short(answers: [short("China")])),
                Question(
                    id: "thanksgiving-date", title: "Thanksgiving Date",
                    text: "The American holiday of Thanksgiving is\ncelebrated on the _____ Thursday of November.",
                    format: .moodle, body: thanksgiving),
                Question(
                    id: "q24", text: "What's the answer to this multiple-choice question?",
                    format: .moodle,
                    body: .single(choices: [
                        choice("wrong answer", 0, "feedback comment on the wrong answer"),
                        choice("another wrong answer", 0, "feedback comment on this wrong answer"),
                        choice("right answer", 1, "Very good!")
                    ])),
                Question(
                    id: "q25", text: tomb,
                    format: .moodle,
                    body: .short(answers: [
                        short("Grant", 1, "feedback comment for the correct answer"),
                        short("Ulysses S. Grant", 1, "another feedback comment")
                    ])),
                Question(
                    id: "q26", text: "Grant is buried in Grant's tomb.",
                    format: .moodle,
                    body: .trueFalse(answer: false, feedbackIfTrue: "feedback comment", feedbackIfFalse: nil)),
                Question(
                    id: "q27", text: "Difficult question.",
                    format: .moodle,
                    body: .single(choices: [
                        choice("wrong answer", 0), choice("half credit answer", 0.5), choice("full credit answer", 1)
                    ])),
                Question(
                    id: "jesus-hometown", title: "Jesus' hometown", text: "Jesus Christ was from _____.",
                    format: .moodle,
                    body: .single(choices: [
                        choice("Jerusalem", 0, "This was an important city, but the wrong answer."),
                        choice("Bethlehem", 0.25, "He was born here, but not raised here."),
                        choice("Galilee", 0.5, "You need to be more specific."),
                        choice("Nazareth", 1, "Yes! That's right!")
                    ])),
                Question(
                    id: "jesus-hometown-short", title: "Jesus' hometown (short)", text: "Jesus Christ was from",
                    format: .moodle,
                    body: .short(answers: [
                        short("Nazareth", 1, "Yes! That's right!"), short("Nazereth", 0.75, "Right, but misspelled."),
                        short("Bethlehem", 0.25, "He was born here, but not raised here.")
                    ])),
                Question(
                    id: "q30", text: "What two people are entombed in Grant's tomb?",
                    format: .moodle,
                    body: .multiple(choices: [
                        choice("No one", -1), choice("Grant", 0.5), choice("Grant's wife", 0.5),
                        choice("Grant's father", -1)
                    ])),
                Question(
                    id: "q31", text: "Which answer equals 5?",
                    format: .moodle,
                    body: .single(choices: [
                        choice("= 2 + 2", 0), choice("= 2 + 3", 1), choice("= 2 + 4", 0)
                    ])),
                Question(
                    id: "gift-control-characters", title: "GIFT Control Characters", text: control,
                    format: .moodle,
                    body: .single(choices: [
                        choice("~", 0, "~ is a control character."), choice("=", 0, "= is a control character."),
                        choice("#", 0, "# is a control character."), choice("{", 0, "{ is a control character."),
                        choice("}", 0, "} is a control character."),
                        choice(
                            "\\", 1,
                            "Correct! \\ (backslash) is not a control character. BUT,\n"
                                + "it is used to escape the control characters.")
                    ])),
                Question(
                    id: "q33", text: "Moodle costs _____ to download from moodle.org.",
                    format: .moodle,
                    body: .single(choices: [
                        choice("lots of money", 0), choice("nothing", 1), choice("a small amount", 0)
                    ])),
                Question(
                    id: "category-example", title: "Category example", text: "This question goes into harry.",
                    format: .moodle, body: yes, category: "tom/dick/harry"),
                Question(
                    id: "format-example", title: "Format example", text: "Is <b>this</b> bold?", format: .html,
                    body: yes,
                    category: "tom/dick/harry")
            ])
        let positional = [
            (32, 9), (34, 10), (36, 11), (42, 12), (49, 13), (51, 14), (53, 15), (55, 16), (57, 17),
            (65, 18), (67, 19), (69, 20), (90, 24), (95, 25), (100, 26), (102, 27), (117, 30), (124, 31),
            (141, 33)
        ]
        #expect(
            doc.diagnostics.map(\.description)
                == positional.map { positionalWarning("moodle-docs-examples.gift", $0.0, "q\($0.1)") })
    }
}
