import Foundation
import LMSTestSupport
import Testing

/// The copy of the rich sample the tests use keeps the course ahead of today, whatever the day.
struct RichSampleTests {
    static func day(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T12:00:00Z")! }

    @Test func year_KeepsTheCourseAhead() {
        #expect(RichSample.year(on: Self.day("2026-11-23")) == 2027)
        #expect(RichSample.year(on: Self.day("2026-12-31")) == 2027)
        #expect(RichSample.year(on: Self.day("2027-01-01")) == 2028)
        #expect(RichSample.year(on: Self.day("2031-06-30")) == 2032)
        #expect(RichSample.year == RichSample.year(on: Date()))
    }

    @Test func shift_MovesDatesOfTheWrittenYearOnly() {
        #expect(
            RichSample.shift(
                "due: 2027-01-18T23:59:00Z\npoints: 2027\nid: x2027-01-01\n\"startDate\": \"2027-01-11\"", to: 2031)
                == "due: 2031-01-18T23:59:00Z\npoints: 2027\nid: x2027-01-01\n\"startDate\": \"2031-01-11\"")
        #expect(RichSample.shift("due: 2020-01-01T00:00:00Z", to: 2031) == "due: 2020-01-01T00:00:00Z")
    }

    @Test func folder_HasEveryDateInTheYear_AndStartsAfterToday() throws {
        let root = RichSample.folder
        let course = try String(contentsOfFile: root + "/course.json", encoding: .utf8)
        #expect(
            course.contains("\"startDate\": \"\(RichSample.year)-01-11\"")
                && course.contains("\"endDate\": \"\(RichSample.year)-02-26\""))
        let project = try String(contentsOfFile: root + "/02-practice/05-project.assignment.md", encoding: .utf8)
        #expect(project.contains("due: \(RichSample.year)-02-26T17:00:00+03:00"))
        let start = try #require(ISO8601DateFormatter().date(from: "\(RichSample.year)-01-11T00:00:00Z"))
        #expect(start.timeIntervalSinceNow > 10 * 86_400, "the course starts at least 10 days ahead")
        if RichSample.year != RichSample.writtenYear {
            for relative in try FileManager.default.subpathsOfDirectory(atPath: root)
            where relative.hasSuffix(".json") || relative.hasSuffix(".md") {
                let text = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
                #expect(!text.contains("\(RichSample.writtenYear)-"), "\(relative)")
            }
        }
    }
}
