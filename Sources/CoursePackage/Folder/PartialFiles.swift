import Foundation

/// What a killed writer leaves behind (issue 13, item 11): packing, extracting and installing write
/// to a hidden `.NAME.partial-PID[-RANDOM]` beside the target and rename it into place, so a kill
/// leaves such a file or folder. The next writer in the same folder removes those whose process is
/// gone; a writer still running keeps its own.
public enum PartialFiles {
    /// Removes every stale partial file and folder directly in `directory`; returns their names.
    @discardableResult
    public static func removeStale(in directory: String) -> [String] {
        var removed: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            guard let pid = writer(of: name), kill(pid, 0) != 0, errno == ESRCH else { continue }
            if (try? FileManager.default.removeItem(atPath: directory + "/" + name)) != nil { removed.append(name) }
        }
        return removed
    }

    /// The process that writes a partial named `name`, or nil when the name is not a partial's.
    static func writer(of name: String) -> pid_t? {
        guard name.hasPrefix("."), let marker = name.range(of: ".partial-", options: .backwards) else { return nil }
        let digits = name[marker.upperBound...].prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let pid = pid_t(digits), pid > 0 else { return nil }
        return pid
    }
}
