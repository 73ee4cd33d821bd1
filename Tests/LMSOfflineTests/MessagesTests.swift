import Foundation
import Testing

@testable import lms_offline

/// The one message catalog: every key in both languages, with the same placeholders.
struct MessagesTests {
    @Test func everyKey_HasBothLanguages_WithTheSamePlaceholders() {
        for key in MessageKey.allCases {
            let pair = key.texts
            #expect(!pair.en.isEmpty && !pair.es.isEmpty && pair.en != "?", "\(key)")
            let marks = { (text: String) in Set((1...9).filter { text.contains("%\($0)") }) }
            #expect(marks(pair.en) == marks(pair.es), "\(key)")
            #expect(
                pair.en.components(separatedBy: "|").count == pair.es.components(separatedBy: "|").count,
                "\(key): plural forms")
        }
    }

    @Test func adminMessages_AreInTheCatalog() {
        #expect(Messages.text(.enrolled, ["sam", "intro"], language: .spanish) == "sam matriculado en intro.")
    }

    @Test func counts_UseTheSingularForOneOnly() {
        #expect(Messages.count(.countPoints, 1, language: .english) == "1 point")
        #expect(Messages.count(.countPoints, 2.5, language: .english) == "2.5 points")
        #expect(Messages.count(.countAssignments, 1, language: .spanish) == "1 tarea")
        #expect(Messages.count(.countAssignments, 0, language: .spanish) == "0 tareas")
        #expect(Messages.count(.countErrors, 1, language: .spanish) == "1 error")
        #expect(Messages.count(.countWarnings, 3, language: .spanish) == "3 avisos")
        #expect(Messages.count(.countErrors, 1, language: .english) == "1 error")
    }
}
