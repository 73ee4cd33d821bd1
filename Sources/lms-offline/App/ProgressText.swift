import Foundation
import LMSModel

/// Small pieces of text the screens share.
enum ProgressText {
    /// A bar of `width` cells: `█` done, `░` to do.
    static func bar(_ done: Int, _ total: Int, width: Int = 10) -> String {
        let filled = total > 0 ? min(width, Int((Double(done) / Double(total) * Double(width)).rounded())) : 0
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// `2 h`, `3 d`, `12 min`: how long until (or since) a moment.
    static func span(_ seconds: TimeInterval) -> String {
        ItemStates.duration(Int(abs(seconds)))
    }

    /// A date as `yyyy-MM-dd HH:mm` in the device's time zone.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// Text padded with spaces to `width` display columns (never cut).
    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }
}
