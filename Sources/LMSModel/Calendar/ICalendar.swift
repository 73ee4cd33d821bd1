import Foundation

/// A pure writer of iCalendar files (RFC 5545) for course dates and deadlines: CRLF line ends,
/// lines folded at 75 octets, TEXT values escaped, stable UIDs, `DTSTAMP`, whole-day events for
/// course dates (`VALUE=DATE`) and UTC times for due dates.
public struct ICalendar: Sendable {
    /// One event.
    public struct Event: Hashable, Sendable {
        /// When it happens.
        public enum When: Hashable, Sendable {
            /// A whole day (`YYYY-MM-DD`), written as `DTSTART;VALUE=DATE`.
            case day(String)
            /// An instant, written in UTC (`…Z`).
            case instant(Date)
        }

        /// A globally unique, stable id (the same event keeps its UID across exports, so calendar apps update it).
        public var uid: String
        /// The title.
        public var summary: String
        /// A longer text.
        public var description: String?
        /// When.
        public var when: When
        /// Optional category (`deadline`, `course`).
        public var category: String?

        /// Makes an event.
        public init(uid: String, summary: String, description: String? = nil, when: When, category: String? = nil) {
            self.uid = uid
            self.summary = summary
            self.description = description
            self.when = when
            self.category = category
        }
    }

    /// The longest line in octets, CRLF excluded (RFC 5545 §3.1).
    public static let maxLineOctets = 75

    /// `PRODID` (RFC 5545 §3.7.3).
    public var productID: String
    /// The calendar's name (`X-WR-CALNAME`, read by most apps).
    public var name: String?
    /// The events.
    public var events: [Event]

    /// Makes a calendar.
    public init(productID: String = "-//lms-offline//course calendar//EN", name: String? = nil, events: [Event]) {
        self.productID = productID
        self.name = name
        self.events = events
    }

    /// The calendar as text, every line folded and ended by CRLF; `stamp` is the `DTSTAMP` of every event.
    public func text(stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + Self.escape(productID), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"
        ]
        if let name { lines.append("X-WR-CALNAME:" + Self.escape(name)) }
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + Self.escape(event.uid))
            lines.append("DTSTAMP:" + Self.utc(stamp))
            switch event.when {
            case .day(let day):
                let compact = day.replacingOccurrences(of: "-", with: "")
                lines.append("DTSTART;VALUE=DATE:" + compact)
                // RFC 5545 §3.6.1: DTEND of a whole-day event is the next day (non-inclusive).
                lines.append("DTEND;VALUE=DATE:" + Self.nextDay(day).replacingOccurrences(of: "-", with: ""))
            case .instant(let date):
                lines.append("DTSTART:" + Self.utc(date))
                lines.append("DTEND:" + Self.utc(date))
            }
            lines.append("SUMMARY:" + Self.escape(event.summary))
            if let description = event.description, !description.isEmpty {
                lines.append("DESCRIPTION:" + Self.escape(description))
            }
            if let category = event.category { lines.append("CATEGORIES:" + Self.escape(category)) }
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined()
    }

    // MARK: - RFC 5545 rules

    /// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as `\n`.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            default:
                // Other control characters are not allowed in TEXT (§3.3.11, `TSAFE-CHAR`): drop them.
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { break }
                out.unicodeScalars.append(scalar)
            }
            previousWasCR = scalar == "\r"
        }
        return out
    }

    /// One content line folded at 75 octets (RFC 5545 §3.1): continuation lines begin with a space,
    /// never splitting a UTF-8 character; every physical line ends with CRLF.
    public static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        var first = true
        for character in line.unicodeScalars {
            let size = String(character).utf8.count
            let limit = first ? maxLineOctets : maxLineOctets - 1
            if count + size > limit {
                out += "\r\n "
                count = 0
                first = false
            }
            out.unicodeScalars.append(character)
            count += size
        }
        return out + "\r\n"
    }

    /// A UTC date-time (`20261201T235900Z`).
    public static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
            c.second ?? 0)
    }

    /// The day after a `YYYY-MM-DD` date (the same text when it cannot be read).
    static func nextDay(_ day: String) -> String { CalendarDay.next(day) }

    /// Whether a `YYYY-MM-DD` text is a real date.
    public static func isDay(_ text: String) -> Bool { CalendarDay.isValid(text) }
}

extension ICalendar {
    /// The events of a course: its start and end dates (whole days) and every assignment's due
    /// time (UTC). UIDs derive from the course and item ids, so a re-export updates, not duplicates.
    public static func events(of course: Course, host: String = "lms-offline") -> [Event] {
        var events: [Event] = []
        if let start = course.startDate, isDay(start) {
            events.append(
                Event(
                    uid: "\(course.id)/start@\(host)", summary: "\(course.title): course starts",
                    description: course.description, when: .day(start), category: "course"))
        }
        if let end = course.endDate, isDay(end) {
            events.append(
                Event(
                    uid: "\(course.id)/end@\(host)", summary: "\(course.title): course ends", when: .day(end),
                    category: "course"))
        }
        for assignment in course.assignments {
            guard let due = assignment.due else { continue }
            events.append(
                Event(
                    uid: "\(course.id)/\(assignment.id)/due@\(host)",
                    summary: "Due: \(assignment.title) (\(course.title))",
                    description:
                        "Assignment \(assignment.id) of \(course.id), \(JSONWriter.number(assignment.points)) points",
                    when: .instant(due), category: "deadline"))
        }
        return events
    }
}
