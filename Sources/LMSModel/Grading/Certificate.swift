import Foundation

/// A certificate of completion: who, which course, when, and a verification code anyone can check
/// with the server.
public struct Certificate: Hashable, Sendable {
    /// The code's alphabet: Crockford's base32 (digits and capitals without I, L, O, U), so that a
    /// code read aloud or typed from paper is not ambiguous.
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// Characters in a code (5 bits each: 100 bits, unguessable).
    public static let codeLength = 20
    /// Characters per group, separated by `-`.
    public static let groupLength = 5

    /// The verification code, `XXXXX-XXXXX-XXXXX-XXXXX`.
    public var code: String
    /// The student's name as printed.
    public var name: String
    /// The course's id.
    public var courseID: String
    /// The course's title.
    public var courseTitle: String
    /// When it was issued.
    public var issuedAt: Date

    /// Makes a certificate.
    public init(code: String, name: String, courseID: String, courseTitle: String, issuedAt: Date) {
        self.code = code
        self.name = name
        self.courseID = courseID
        self.courseTitle = courseTitle
        self.issuedAt = issuedAt
    }

    /// A new random code.
    public static func makeCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return makeCode(using: &generator)
    }

    /// A code from `generator` (tests pass a seeded one).
    public static func makeCode<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let characters = (0..<codeLength).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return group(String(characters))
    }

    /// A code as typed made canonical: capitals, without spaces and dashes, `O`→`0`, `I`/`L`→`1`,
    /// and grouped; nil when it holds other characters or has the wrong length.
    public static func normalize(_ typed: String) -> String? {
        var out = ""
        for c in typed.uppercased() {
            switch c {
            case " ", "-": continue
            case "O": out.append("0")
            case "I", "L": out.append("1")
            default:
                guard alphabet.contains(c) else { return nil }
                out.append(c)
            }
        }
        return out.count == codeLength ? group(out) : nil
    }

    static func group(_ plain: String) -> String {
        var groups: [String] = []
        var rest = Substring(plain)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(groupLength)))
            rest = rest.dropFirst(groupLength)
        }
        return groups.joined(separator: "-")
    }

    /// The issue day, `YYYY-MM-DD` (UTC).
    public var issuedDay: String {
        ISO8601DateFormatter.string(
            from: issuedAt, timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate])
    }

    /// A printable plain-text certificate; `verifyURL` is where to check the code.
    public func text(verifyURL: String?) -> String {
        let rule = String(repeating: "=", count: 60)
        var lines =
            [rule, ""]
            + [
                "CERTIFICATE OF COMPLETION", "This certifies that", name, "has completed the course", courseTitle,
                "on \(issuedDay)"
            ].flatMap { [Self.centred($0), ""] } + [rule, "Verification code: \(code)"]
        if let verifyURL { lines.append("Check it at \(verifyURL) or with: lms-offline verify \(code)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A printable HTML certificate (one file, no outside resources; text escaped).
    public func html(verifyURL: String?) -> String {
        let check = verifyURL.map { "<p class=\"code\">Check it at \(Self.escape($0))</p>" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Certificate: \(Self.escape(courseTitle))</title>
            <style>body{font-family:Georgia,serif;text-align:center;margin:4em}h1{letter-spacing:.2em}
            .name{font-size:2em;margin:1em}.code{font-family:monospace}@media print{body{margin:2em}}</style></head>
            <body><h1>CERTIFICATE OF COMPLETION</h1><p>This certifies that</p><p class="name">\(Self.escape(name))</p>
            <p>has completed the course</p><h2>\(Self.escape(courseTitle))</h2><p>on \(issuedDay)</p>
            <p class="code">Verification code: \(Self.escape(code))</p>\(check)</body></html>

            """
    }

    /// `text` centred in `width` columns (left as it is when longer).
    static func centred(_ text: String, _ width: Int = 60) -> String {
        guard text.count < width else { return text }
        return String(repeating: " ", count: (width - text.count) / 2) + text
    }

    /// Text escaped for HTML.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
