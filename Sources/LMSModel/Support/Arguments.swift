/// The command-line parser of both programs (`lms-offline` and `lms-server`), small and strict:
/// positionals, `--flag`, `--option VALUE`, `--option=VALUE`, `--` (everything after it is a
/// positional) and one-letter short names (`-o VALUE` for `--output`). Unknown options are errors
/// that name the nearest known one, so a typo never passes silently.
public struct Arguments: Sendable {
    /// The most arguments accepted (a bound on outside input).
    public static let maxCount = 4096
    /// The most edits between an unknown option and a known one for "did you mean" (2: `--dta`
    /// is `--data`, while `--force` is not offered as `--to`).
    public static let maxHintDistance = 2

    /// A usage mistake (the programs exit with status 2 and print their usage); says what to do.
    public struct UsageError: Error, CustomStringConvertible, Sendable {
        /// The message (English).
        public var description: String
        /// The parser's own mistakes as values, so that a program can say them in its user's
        /// language (`lms-offline` does); nil for a message a command wrote itself.
        public var problem: Problem?

        /// What the parser refused.
        public enum Problem: Equatable, Sendable {
            case tooManyArguments(max: Int)
            case takesNoValue(option: String)
            case needsValue(option: String)
            /// `suggestion` is the nearest known option's name, when one is near.
            case unknownOption(String, suggestion: String?)
            case missing(String)
            case unexpectedArgument(String)
        }

        /// A usage mistake described by `description`.
        public init(description: String) { self.description = description }

        /// One of the parser's mistakes, with its English message.
        public init(_ problem: Problem) {
            self.problem = problem
            switch problem {
            case .tooManyArguments(let max):
                description = "too many arguments (at most \(max)); pass fewer at a time"
            case .takesNoValue(let name): description = "--\(name) takes no value"
            case .needsValue(let name): description = "--\(name) needs a value (--\(name) VALUE)"
            case .unknownOption(let arg, let suggestion):
                description = "unknown option \(arg)" + (suggestion.map { " (did you mean --\($0)?)" } ?? "")
            case .missing(let what): description = "missing \(what)"
            case .unexpectedArgument(let arg): description = "unexpected argument \(arg)"
            }
        }
    }

    /// The arguments that are not options, in order.
    public private(set) var positionals: [String] = []
    private var flags: Set<String> = []
    private var options: [String: [String]] = [:]

    /// Parses `args` given which names are flags and which take a value; `shortNames` maps a
    /// one-letter option to its long name (`["o": "output"]` makes `-o F` mean `--output F`).
    public init(
        _ args: [String], flags known: Set<String>, options valued: Set<String>, shortNames: [Character: String] = [:]
    ) throws {
        guard args.count <= Self.maxCount else {
            throw UsageError(.tooManyArguments(max: Self.maxCount))
        }
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            var arg = args[i]
            i += 1
            if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
                positionals.append(arg)
                continue
            }
            if arg == "--" {
                onlyPositionals = true
                continue
            }
            if arg.count == 2, let short = arg.last, let long = shortNames[short] { arg = "--" + long }
            var inlineValue: String?
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                inlineValue = String(arg[arg.index(after: eq)...])
                arg = String(arg[..<eq])
            }
            let name = String(arg.drop { $0 == "-" })
            if known.contains(name) {
                guard inlineValue == nil else { throw UsageError(.takesNoValue(option: name)) }
                flags.insert(name)
            } else if valued.contains(name) {
                if let inlineValue {
                    options[name, default: []].append(inlineValue)
                } else {
                    guard i < args.count else {
                        throw UsageError(.needsValue(option: name))
                    }
                    options[name, default: []].append(args[i])
                    i += 1
                }
            } else {
                let all = known.union(valued).sorted()
                throw UsageError(
                    .unknownOption(arg, suggestion: nearest(to: name, among: all, within: Self.maxHintDistance)))
            }
        }
    }

    /// Whether a flag was given.
    public func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The last value of an option.
    public func value(_ name: String) -> String? { options[name]?.last }

    /// Every value of a repeatable option, in order.
    public func values(_ name: String) -> [String] { options[name] ?? [] }

    /// The positional at `index`, or a usage error naming what was expected.
    public func positional(_ index: Int, _ what: String) throws -> String {
        guard index < positionals.count else { throw UsageError(.missing(what)) }
        return positionals[index]
    }

    /// Refuses positionals beyond `count`.
    public func expectPositionals(atMost count: Int) throws {
        if positionals.count > count {
            throw UsageError(.unexpectedArgument(positionals[count]))
        }
    }
}
