import Foundation
import Testing

@testable import lms_offline

/// The one-line sync summary a student reads after `sync`.
struct SyncReportTests {
    @Test func summary_CountsGradesInTheSingularAndThePlural() {
        #expect(Messages.count(.summaryGrades, 1, language: .english) == "(1 grade)")
        #expect(Messages.count(.summaryGrades, 2, language: .english) == "(2 grades)")
        #expect(Messages.count(.summaryGrades, 1, language: .spanish) == "(1 nota)")
        var report = SyncReport(profile: "sam")
        report.pulled.changes = 3
        report.pulled.grades = 1
        #expect(!report.summary.contains("1 grades") && !report.summary.contains("1 notas"))
        #expect(report.summary.contains("(1 grade)") || report.summary.contains("(1 nota)"))
    }
}
