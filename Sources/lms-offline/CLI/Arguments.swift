import LMSModel
/// A small, strict command-line parser: positionals, `--flag`, `--option VALUE`, `--option=VALUE`
/// and `-o VALUE`. Unknown options are errors, so a typo never passes silently.
struct Arguments: Sendable {
    /// The most arguments accepted (a bound on outside input).
    static let maxCount = 4096

    /// A usage mistake, reported with exit status 2.
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var positionals: [String] = []
    private var flags: Set<String> = []
    private var options: [String: [String]] = [:]

    /// Parses `args` given which names are flags and which take a value (`-o` is an alias of `--output`).
    init(_ args: [String], flags known: Set<String>, options valued: Set<String>) throws {
        guard args.count <= Self.maxCount else { throw UsageError(description: "too many arguments") }
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
            if arg == "-o" { arg = "--output" }
            if arg == "-h" { arg = "--help" }
            var inlineValue: String?
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                inlineValue = String(arg[arg.index(after: eq)...])
                arg = String(arg[..<eq])
            }
            let name = String(arg.drop { $0 == "-" })
            if known.contains(name) {
                guard inlineValue == nil else { throw UsageError(description: "--\(name) takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                if let inlineValue {
                    options[name, default: []].append(inlineValue)
                } else {
                    guard i < args.count else { throw UsageError(description: "--\(name) needs a value") }
                    options[name, default: []].append(args[i])
                    i += 1
                }
            } else {
                let all = known.union(valued).sorted()
                let hint = nearest(to: name, among: all).map { " (did you mean --\($0)?)" } ?? ""
                throw UsageError(description: "unknown option \(arg)\(hint)")
            }
        }
    }

    /// Whether a flag was given.
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The last value of an option.
    func value(_ name: String) -> String? { options[name]?.last }

    /// Every value of a repeatable option, in order.
    func values(_ name: String) -> [String] { options[name] ?? [] }

    /// The positional at `index`, or a usage error naming what was expected.
    func positional(_ index: Int, _ what: String) throws -> String {
        guard index < positionals.count else { throw UsageError(description: "missing \(what)") }
        return positionals[index]
    }

    /// Refuses positionals beyond `count`.
    func expectPositionals(atMost count: Int) throws {
        if positionals.count > count {
            throw UsageError(description: "unexpected argument \(positionals[count])")
        }
    }
}
