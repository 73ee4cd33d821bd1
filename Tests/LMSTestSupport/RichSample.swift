import Foundation

/// `samples/rich-course` as the tests see it: a copy whose dates are moved to a year that keeps the
/// course ahead of today, so that no test depends on the day it runs. The sample on disk is written
/// for 2027 (11 January to 26 February, work due 18 January, 1 and 26 February); from then on the
/// tests would see a course that has started, late work, deadline notices and students at risk.
public enum RichSample {
    /// The year the sample's dates are written in.
    public static let writtenYear = 2027

    /// The year of every date the tests see: 2027 until the end of 2026, then always next year, so
    /// the course starts at least 11 days after today and every due time is ahead.
    public static let year = year(on: Date())

    /// `year` as it would be on `now`.
    public static func year(on now: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return max(writtenYear, calendar.component(.year, from: now) + 1)
    }

    /// `text` with every date of `writtenYear` (`2027-MM-DD`) moved to `year`; other numbers stay.
    public static func shift(_ text: String, to year: Int) -> String {
        text.replacingOccurrences(
            of: #"\b\#(writtenYear)-(?=[0-9]{2}-[0-9]{2})"#, with: "\(year)-", options: .regularExpression)
    }

    /// A copy of the sample, made once per test run, with its dates in `year` (course.json and the
    /// front matter of the Markdown files). Use it read-only, or copy it.
    public static let folder: String = {
        do {
            return try copy(to: NSTemporaryDirectory() + "lms-rich-\(UUID().uuidString)", year: year)
        } catch {
            fatalError("cannot copy the rich sample: \(error)")
        }
    }()

    /// Copies `samples/rich-course` into `parent/rich-course` with its dates moved to `year`; returns the copy.
    public static func copy(to parent: String, year: Int) throws -> String {
        let files = FileManager.default
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let target = parent + "/rich-course"
        try files.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try files.copyItem(atPath: root.path + "/samples/rich-course", toPath: target)
        for relative in try files.subpathsOfDirectory(atPath: target)
        where relative.hasSuffix(".json") || relative.hasSuffix(".md") {
            let path = target + "/" + relative
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let shifted = shift(text, to: year)
            if shifted != text { try shifted.write(toFile: path, atomically: true, encoding: .utf8) }
        }
        return target
    }
}
