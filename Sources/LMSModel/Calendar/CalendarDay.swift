import Foundation

/// A whole day written `YYYY-MM-DD` (a course's start and end dates, a day of figures), read and
/// written in UTC: the one place such days are parsed and formatted.
public enum CalendarDay {
    /// The Gregorian calendar in UTC.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// Midnight UTC of a `YYYY-MM-DD` day; lenient like `DateComponents` (`2027-02-30` is March 2),
    /// nil when the text is not three numbers. `isValid` tells a real date.
    public static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return utc.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// `YYYY-MM-DD` of the UTC day that holds `date`.
    public static func string(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// Whether a text is a real date written `YYYY-MM-DD` (it reads back the same: `2027-02-30` does not).
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }), let date = date(text)
        else { return false }
        return string(date) == text
    }

    /// The day after a `YYYY-MM-DD` day (the same text when it cannot be read).
    public static func next(_ day: String) -> String {
        guard let date = date(day), let next = utc.date(byAdding: .day, value: 1, to: date) else { return day }
        return string(next)
    }
}
