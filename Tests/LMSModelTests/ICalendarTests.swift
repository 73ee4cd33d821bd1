import Foundation
import LMSModel
import Testing

/// RFC 5545's rules for the calendar writer: CRLF, folding at 75 octets, TEXT escaping, dates.
struct ICalendarTests {
    static let stamp = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18T11:06:40Z

    /// Unfolds (RFC 5545 §3.1: a CRLF followed by one space or tab is removed).
    static func unfold(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
            .components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    @Test func everyLine_EndsInCRLF_AndFitsIn75Octets() {
        let long = String(repeating: "ñandú ", count: 40) // two-byte characters across the fold
        let text = ICalendar(events: [
            .init(uid: "a@x", summary: long, description: long + "\nline two", when: .day("2027-01-11"))
        ]).text(stamp: Self.stamp)
        let bytes = Array(text.utf8)
        for (i, b) in bytes.enumerated() where b == 10 { #expect(bytes[i - 1] == 13, "bare LF") }
        for line in text.components(separatedBy: "\r\n").dropLast() {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets")
            #expect(String(validatingUTF8: line) != nil)
        }
        // Unfolding gives back the escaped value whole.
        #expect(Self.unfold(text).contains("SUMMARY:" + long))
        #expect(Self.unfold(text).contains("DESCRIPTION:" + long + "\\nline two"))
    }

    @Test func fold_BreaksAt75_ThenAt74PlusTheLeadingSpace() {
        let line = String(repeating: "a", count: 200)
        let folded = ICalendar.fold(line)
        let parts = folded.components(separatedBy: "\r\n").dropLast()
        #expect(parts.map(\.utf8.count) == [75, 75, 52])
        #expect(parts.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(ICalendar.fold("short") == "short\r\n")
        // Exactly 75 octets stays one line.
        #expect(ICalendar.fold(String(repeating: "b", count: 75)) == String(repeating: "b", count: 75) + "\r\n")
    }

    @Test func fold_NeverSplitsAUTF8Character() {
        let line = "X" + String(repeating: "€", count: 60) // 3 octets each: 74 + … would split at 75
        for part in ICalendar.fold(line).components(separatedBy: "\r\n").dropLast() {
            #expect(part.utf8.count <= 75)
            #expect(String(decoding: Array(part.utf8), as: UTF8.self) == part)
        }
        #expect(Self.unfold(ICalendar.fold(line)) == [line])
    }

    @Test func text_EscapesBackslashSemicolonCommaAndNewlines() {
        #expect(ICalendar.escape(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendar.escape("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendar.escape("bell\u{07}tab\t") == "belltab\t", "control characters other than tab are dropped")
        #expect(ICalendar.escape("colon: fine") == "colon: fine")
    }

    @Test func dates_WholeDaysEndTheNextDay_AndTimesAreUTC() {
        let due = Date(timeIntervalSince1970: 1_800_000_000) // 2027-01-15T08:00:00Z
        let text = ICalendar(events: [
            .init(uid: "d@x", summary: "Start", when: .day("2027-02-28")),
            .init(uid: "t@x", summary: "Due", when: .instant(due))
        ]).text(stamp: Self.stamp)
        let lines = Self.unfold(text)
        #expect(lines.contains("DTSTART;VALUE=DATE:20270228"))
        #expect(lines.contains("DTEND;VALUE=DATE:20270301"))
        #expect(lines.contains("DTSTART:20270115T080000Z"))
        #expect(lines.filter { $0 == "DTSTAMP:20261118T110640Z" }.count == 2, "DTSTAMP on every event")
        #expect(ICalendar.isDay("2028-02-29") && !ICalendar.isDay("2027-02-30") && !ICalendar.isDay("27-1-1"))
    }

    @Test func structure_IsBalanced_WithRequiredProperties() {
        let text = ICalendar(name: "Course, one", events: [.init(uid: "u1@x", summary: "S", when: .day("2027-01-01"))])
            .text(stamp: Self.stamp)
        let lines = Self.unfold(text)
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(lines.contains("VERSION:2.0") && lines.contains { $0.hasPrefix("PRODID:") })
        #expect(lines.contains("X-WR-CALNAME:Course\\, one"))
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == lines.filter { $0 == "END:VEVENT" }.count)
        #expect(lines.contains("UID:u1@x"))
    }

    @Test func courseEvents_HaveStableUIDs_AndSkipBadDates() throws {
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        let course = Course(
            id: "intro", version: SemanticVersion(1, 0, 0), title: "Intro", startDate: "2027-01-11",
            endDate: "not a date",
            modules: [
                Module(
                    id: "m", title: "M",
                    items: [
                        .assignment(Assignment(id: "m/essay", title: "Essay", due: due, path: "m/essay.assignment.md")),
                        .assignment(Assignment(id: "m/open", title: "Open", path: "m/open.assignment.md"))
                    ])
            ])
        let events = ICalendar.events(of: course, host: "lms.example.org")
        #expect(events.map(\.uid) == ["intro/start@lms.example.org", "intro/m/essay/due@lms.example.org"])
        #expect(events.last?.when == .instant(due))
        #expect(
            ICalendar.events(of: course, host: "lms.example.org") == events, "the same course gives the same events")
    }
}
