import Foundation
import Testing
@testable import LMSModel

@Suite struct CalendarDayTests {
    @Test func aDay_ReadsAsMidnightUTC_AndWritesBackTheSame() throws {
        let date = try #require(CalendarDay.date("2027-03-04"))
        #expect(date.timeIntervalSince1970 == 1_804_118_400)
        #expect(CalendarDay.string(date) == "2027-03-04")
        #expect(CalendarDay.string(date.addingTimeInterval(86_399)) == "2027-03-04")
    }

    @Test func isValid_OnlyForRealDatesWrittenYYYYMMDD() {
        #expect(CalendarDay.isValid("2028-02-29"))
        #expect(!CalendarDay.isValid("2027-02-29"))
        #expect(!CalendarDay.isValid("2027-2-03"))
        #expect(!CalendarDay.isValid("27-01-01"))
        #expect(!CalendarDay.isValid("2027-01-01T00:00"))
        #expect(!CalendarDay.isValid("+027-01-01"))
    }

    @Test func next_CrossesMonthsAndYears_AndLeavesUnreadableTextAsItIs() {
        #expect(CalendarDay.next("2027-02-28") == "2027-03-01")
        #expect(CalendarDay.next("2027-12-31") == "2028-01-01")
        #expect(CalendarDay.next("soon") == "soon")
    }
}
