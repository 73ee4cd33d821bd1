import Foundation
import LMSModel
import Testing
@testable import CoursePackage

struct StudentBuildTests {
    @Test func studentBuild_RemovesExamKeysOnly_AndKeepsCourseShape() throws {
        let s = ScratchFolder()
        var diagnostics: [Diagnostic] = []
        _ = try PackageBuilder.pack(
            folder: repositoryRoot + "/samples/rich-course", to: s.sub("full.zip"), diagnostics: &diagnostics)
        let output = try PackageBuilder.studentBuild(of: s.sub("full.zip"), to: s.sub("student.zip"))
        let student = try PackageArchive(path: s.sub("student.zip"))
        #expect(student.manifest.build == .student)
        #expect(student.packageID == output.packageID)
        let full = try PackageArchive(path: s.sub("full.zip"))
        let fullCourse = try #require(CourseLoader.load(full).course)
        let studentCourse = try #require(CourseLoader.load(student).course)
        #expect(fullCourse.items.map(\.id) == studentCourse.items.map(\.id), "same items, same ids, same order")
        #expect(
            PackageSummary(course: fullCourse, manifest: full.manifest).counts.map(\.1)
                == PackageSummary(course: studentCourse, manifest: student.manifest).counts.map(\.1))
        for quiz in studentCourse.quizzes {
            #expect(quiz.keysRemoved == (quiz.mode == .exam), "\(quiz.id)")
        }
        // The exam files hold no key: no "correct", "answer", "accept", "pairs" or feedback.
        #expect(!student.paths.contains("02-practice/03-final.gift"))
        for path in ["02-practice/02-exam.quiz.json", "02-practice/03-final.quiz.json"] {
            let text = String(decoding: try student.read(path), as: UTF8.self)
            for key in ["\"correct\"", "\"answer\"", "\"accept\"", "\"pairs\"", "\"weight\"", "feedback"] {
                #expect(!text.contains(key), "\(path) leaks \(key)")
            }
        }
        let exam = try #require(studentCourse.quizzes.first { $0.id == "practice/exam" })
        #expect(throws: Grader.GradingError.self) { try Grader.grade(exam, responses: [:]) }
        // The practice quiz still grades offline.
        let practice = try #require(studentCourse.quizzes.first { $0.id == "foundations/check" })
        #expect(try Grader.grade(practice, responses: ["q1": .choice(1)]).points == 1)
        #expect(throws: PackageError.self) {
            try PackageBuilder.studentBuild(of: s.sub("student.zip"), to: s.sub("again.zip"))
        }
    }

    @Test func studentBuild_IsDeterministic() throws {
        let s = ScratchFolder()
        var diagnostics: [Diagnostic] = []
        _ = try PackageBuilder.pack(
            folder: repositoryRoot + "/samples/rich-course", to: s.sub("full.zip"), diagnostics: &diagnostics)
        let a = try PackageBuilder.studentBuild(of: s.sub("full.zip"), to: s.sub("a.zip"))
        let b = try PackageBuilder.pack(
            folder: repositoryRoot + "/samples/rich-course", to: s.sub("b.zip"), build: .student,
            diagnostics: &diagnostics)
        #expect(a.packageID == b.packageID)
    }
}

struct StudentChoiceOrderTests {
    @Test func examChoices_DoNotKeepTheAuthoredOrder_AndMapBack() throws {
        // Ten questions whose right answer is always written first.
        let questions = (1...10).map { n in
            Question(
                id: "q\(n)", text: "Question \(n)",
                body: .single(choices: [
                    Choice(text: "right \(n)", fraction: 1), Choice(text: "wrong a\(n)", fraction: 0),
                    Choice(text: "wrong b\(n)", fraction: 0), Choice(text: "wrong c\(n)", fraction: 0)
                ]))
        }
        let firstShown = questions.map { q -> Int in
            guard case .single(let choices) = q.body else { return -1 }
            let order = StudentChoiceOrder.permutation(quizID: "m/exam", questionID: q.id, choices: choices)
            #expect(Set(order) == Set(0..<4))
            #expect(
                order == StudentChoiceOrder.permutation(quizID: "m/exam", questionID: q.id, choices: choices),
                "deterministic")
            for shown in 0..<4 {
                #expect(
                    StudentChoiceOrder.authoredIndex(shown, quizID: "m/exam", questionID: q.id, choices: choices)
                        == order[shown])
            }
            return order.firstIndex(of: 0) ?? -1
        }
        #expect(Set(firstShown).count > 1, "the right answer is not always shown in the same place")
        #expect(StudentChoiceOrder.authoredIndex(9, quizID: "m/exam", questionID: "q1", choices: []) == nil)
    }
}
