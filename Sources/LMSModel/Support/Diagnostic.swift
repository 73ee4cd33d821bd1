/// One problem found in a course folder, package or quiz file, printed as
/// `file:line: message` (or `file: message` when no line applies).
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    /// How serious a problem is: errors make a course invalid, warnings do not.
    public enum Severity: String, Hashable, Sendable, Codable {
        case error
        case warning
    }

    /// The path of the file, relative to the course folder.
    public var file: String
    /// The 1-based line number, when the problem sits on one line.
    public var line: Int?
    /// Whether this is an error or a warning.
    public var severity: Severity
    /// What is wrong and what to do about it.
    public var message: String

    /// Makes a diagnostic.
    public init(file: String, line: Int? = nil, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// Makes an error diagnostic.
    public static func error(_ file: String, _ line: Int?, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, severity: .error, message: message)
    }

    /// Makes a warning diagnostic.
    public static func warning(_ file: String, _ line: Int?, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, severity: .warning, message: message)
    }

    /// `file:line: message`, with `warning: ` before the message of a warning.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let prefix = severity == .warning ? "warning: " : ""
        return "\(place): \(prefix)\(message)"
    }
}

extension Collection where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
