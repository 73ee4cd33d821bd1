import LMSModel

/// Typed reading of a JSON object's members, each mistake reported as `file:line: message`.
/// Unknown keys are reported as warnings (tools may accept more, but a typo should be seen).
struct JSONFields {
    let object: JSONValue
    let file: String
    let context: String
    var diagnostics: [Diagnostic] = []

    /// Starts reading `value`, which must be an object; otherwise records an error.
    init?(_ value: JSONValue, file: String, context: String, diagnostics: inout [Diagnostic]) {
        guard value.objectMembers != nil else {
            diagnostics.append(
                .error(file, value.line, "\(context) must be a JSON object {…} (found \(value.kindName))"))
            return nil
        }
        self.object = value
        self.file = file
        self.context = context
    }

    var line: Int { object.line }

    mutating func error(_ line: Int?, _ message: String) {
        diagnostics.append(.error(file, line ?? object.line, message))
    }
    mutating func warning(_ line: Int?, _ message: String) {
        diagnostics.append(.warning(file, line ?? object.line, message))
    }

    /// Warns about keys outside `known`.
    mutating func warnUnknownKeys(_ known: Set<String>) {
        for member in object.objectMembers ?? [] where !known.contains(member.key) {
            let suggestion =
                nearest(to: member.key, among: known.sorted(), within: 2).map { " (did you mean \"\($0)\"?)" } ?? ""
            warning(member.value.line, "unknown key \"\(member.key)\" in \(context) is ignored\(suggestion)")
        }
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = object[key], !value.isNull else {
            if required { error(nil, "\(context) needs \"\(key)\"") }
            return nil
        }
        guard let s = value.stringValue else {
            error(value.line, "\"\(key)\" must be a string (found \(value.kindName))")
            return nil
        }
        if required, s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            error(value.line, "\"\(key)\" must not be empty")
            return nil
        }
        return s
    }

    mutating func number(_ key: String, range: ClosedRange<Double>? = nil, required: Bool = false) -> Double? {
        guard let value = object[key], !value.isNull else {
            if required { error(nil, "\(context) needs \"\(key)\"") }
            return nil
        }
        guard let n = value.numberValue else {
            error(value.line, "\"\(key)\" must be a number (found \(value.kindName))")
            return nil
        }
        if let range, !range.contains(n) {
            error(
                value.line,
                "\"\(key)\" must be between \(JSONWriter.number(range.lowerBound)) and \(JSONWriter.number(range.upperBound)) (found \(JSONWriter.number(n)))"
            )
            return nil
        }
        return n
    }

    mutating func integer(_ key: String, min: Int) -> Int? {
        guard let n = number(key) else { return nil }
        guard n == n.rounded(), n >= Double(min), n < 1e9 else {
            error(
                object[key]?.line,
                "\"\(key)\" must be a whole number of at least \(min) (found \(JSONWriter.number(n)))")
            return nil
        }
        return Int(n)
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let b = value.boolValue else {
            error(value.line, "\"\(key)\" must be true or false (found \(value.kindName))")
            return nil
        }
        return b
    }

    mutating func array(_ key: String, required: Bool = false) -> [JSONValue]? {
        guard let value = object[key], !value.isNull else {
            if required { error(nil, "\(context) needs \"\(key)\" (a list […])") }
            return nil
        }
        guard let a = value.arrayValue else {
            error(value.line, "\"\(key)\" must be a list […] (found \(value.kindName))")
            return nil
        }
        return a
    }

    mutating func strings(_ key: String) -> [String] {
        guard let items = array(key) else { return [] }
        var out: [String] = []
        for item in items {
            if let s = item.stringValue {
                out.append(s)
            } else {
                error(item.line, "every item of \"\(key)\" must be a string (found \(item.kindName))")
            }
        }
        return out
    }
}

import Foundation
