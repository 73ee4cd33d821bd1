import Foundation
import LMSModel
@testable import SyncServer

/// Structure-aware generation of push frames and JSON bodies for the fuzz tests: entries of every
/// kind with the fields the server reads, each field usually plausible and sometimes hostile
/// (boundary integers and doubles, wrong types, huge maps, deep nesting), and frames whose bytes
/// are sometimes cut or flipped.
struct FuzzGenerator {
    /// Seeded (`SplitMix64`, LMSModel): a fuzz run is replayed from its seed.
    var rng: SplitMix64

    /// Boundary numbers: `Int64`'s ends and neighbours, 2^53's, huge and tiny doubles, zeros,
    /// fractions and times near now (`number()` adds the non-finite ones, rarely).
    static let boundaryNumbers: [Double] = [
        0, -0.0, 1, -1, 0.5, 2, 3, 7, 1e9, 1e15, -9.9e14, 9_007_199_254_740_992, 9_007_199_254_740_993,
        -9.223372036854775808e18, 9.223372036854775807e18, 9_223_372_036_854_774_784, 1e300, -1e300,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
        Double(nowMilliseconds()), Double(nowMilliseconds() + 86_400_000), 9_999_999_999_999, 10_000_000_000_000
    ]
    /// Words the server looks up: courses, lessons, quizzes, assignments, users, submissions.
    static let words = [
        "intro-programming", "1.2.0", "foundations/welcome", "foundations/listen", "practice/exam",
        "practice/reflection", "foundations/hello", "sub-r1", "sub-h1", "att-1", "ana", "ben", "owner", "points",
        "e2", "e4", "", "../../etc/passwd", "\u{0}", "é\u{301}", "🧪", String(repeating: "x", count: 300)
    ]
    static let kinds = [
        "progress", "attempt", "submission", "grade", "post", "message", "announcement", "rejection", "enrollment",
        "bogus"
    ]

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ bound: Int) -> Int { Int(rng.next() % UInt64(max(bound, 1))) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }

    mutating func number() -> JSONValue {
        // Non-finite numbers make the whole frame a 400: rare, so that most frames reach the entries.
        if chance(2) { return JSONValue(.number([.nan, .infinity, -.infinity][int(3)])) }
        if chance(70) { return JSONValue(.number(Self.boundaryNumbers[int(Self.boundaryNumbers.count)])) }
        return JSONValue(.number(Double(bitPattern: rng.next())))
    }

    mutating func string() -> JSONValue {
        if chance(80) { return JSONValue(.string(Self.words[int(Self.words.count)])) }
        let scalars = (0..<int(40)).compactMap { _ in Unicode.Scalar(UInt32(int(0x2FFF))) }
        return JSONValue(.string(String(String.UnicodeScalarView(scalars))))
    }

    /// Any value; at `depth` 0 sometimes a deep nest or a wide map.
    mutating func value(depth: Int = 0) -> JSONValue {
        switch int(depth > 3 ? 4 : 9) {
        case 0: return JSONValue(.null)
        case 1: return JSONValue(.bool(chance(50)))
        case 2: return number()
        case 3: return string()
        case 4: return JSONValue(.array((0..<int(4)).map { _ in value(depth: depth + 1) }))
        case 5:
            return JSONValue(
                .object((0..<int(4)).map { _ in (key: string().stringValue ?? "", value: value(depth: depth + 1)) }))
        case 6: return deepNest(levels: chance(70) ? 2 + int(8) : 10 + int(30))
        case 7: return wideMap(count: chance(97) ? int(1_000) : 20_000 + int(100_000))
        default: return number()
        }
    }

    mutating func deepNest(levels: Int) -> JSONValue {
        var v = JSONValue(.number(1))
        for i in 0..<levels { v = i % 2 == 0 ? JSONValue(.array([v])) : JSONValue(.object([(key: "a", value: v)])) }
        return v
    }

    mutating func wideMap(count: Int) -> JSONValue {
        // Small whole values: one hostile number among thousands would refuse the whole frame.
        JSONValue(.object((0..<count).map { (key: "device-\($0)", value: JSONValue(.number(Double(int(1_000))))) }))
    }

    /// `good` most of the time, else anything.
    mutating func field(_ good: JSONValue, percent: Int = 80) -> JSONValue { chance(percent) ? good : value() }

    mutating func payload(kind: String) -> [(key: String, value: JSONValue)] {
        var m: [(key: String, value: JSONValue)] = [("course", field("intro-programming"))]
        switch kind {
        case "progress":
            m += [
                ("lesson", field(chance(50) ? "foundations/welcome" : "foundations/listen")),
                ("completed", field(.init(.bool(chance(50))))),
                ("secondsByDevice", field(wideMap(count: chance(90) ? int(4) : int(5_000)))),
                ("lastOpenedAt", field(number()))
            ]
        case "attempt":
            m += [
                ("courseVersion", field("1.2.0")), ("quiz", field("practice/exam")), ("startedAt", field(number())),
                ("submittedAt", field(number())), ("questionOrder", field([])),
                (
                    "responses",
                    field(
                        .init(
                            .object([
                                (key: "e2", value: field(["number": number()])),
                                (key: "e4", value: field(["essay": string()]))
                            ])))
                )
            ]
        case "submission":
            m += [
                ("assignment", field(chance(50) ? "practice/reflection" : "foundations/hello")), ("text", string()),
                ("version", field(number())), ("submittedAt", field(number())), ("files", field([]))
            ]
        case "grade":
            m += [
                (chance(50) ? "submission" : "attempt", field(chance(50) ? "sub-r1" : "att-1")),
                ("scores", field(.init(.object([(key: "points", value: number())])))), ("gradedAt", field(number())),
                ("feedback", field(string()))
            ]
        case "post", "announcement":
            m += [
                ("title", string()), ("body", string()), ("createdAt", field(number())),
                ("revision", field(.init(.string(ServerApp.freshRevision().description)))),
                ("deleted", field(.init(.bool(chance(10)))))
            ]
        case "message":
            m += [("toName", field("owner")), ("body", string()), ("sentAt", field(number()))]
        default:
            m += [("x", value())]
        }
        if chance(10) { m.append((key: string().stringValue ?? "", value: value())) }
        return m
    }

    /// One entry; `seq`/`prev` usually continue the device's stream.
    mutating func entry(seq: Int64) -> JSONValue {
        let kind = chance(95) ? Self.kinds[int(Self.kinds.count)] : (string().stringValue ?? "")
        let payload = chance(95) ? JSONValue(.object(payload(kind: kind))) : value()
        return JSONValue(
            .object([
                ("seq", field(.init(.number(Double(seq))), percent: 97)),
                ("prev", field(.init(.number(Double(seq - 1))), percent: 97)),
                ("kind", field(.init(.string(kind)))), ("entity", field(.init(.string("e-\(rng.next() % 1000)")))),
                ("at", 1), ("payload", payload)
            ]))
    }

    /// A push frame's bytes from `device`, sometimes cut, flipped or with trailing bytes.
    mutating func frame(device: String) -> [UInt8] {
        let entries = (0..<(chance(95) ? 1 + int(5) : int(100))).map { entry(seq: Int64($0 + 1)) }
        let frame = JSONValue(
            .object([
                ("device", field(.init(.string(device)), percent: 97)),
                ("clock", field(.init(.number(Double(nowMilliseconds()))), percent: 95)),
                ("entries", field(.init(.array(entries)), percent: 97))
            ]))
        var bytes = WireCodec.encode(frame, keyReferences: chance(50))
        switch int(20) {
        case 0 where bytes.count > 6: bytes.removeLast(1 + int(bytes.count - 6))
        case 1: for _ in 0..<(1 + int(8)) { bytes[int(bytes.count)] ^= UInt8(truncatingIfNeeded: rng.next()) }
        case 2: bytes += (0..<int(16)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        default: break
        }
        return bytes
    }

    /// A JSON body of keys the routes know (and some they do not), as text; sometimes not JSON.
    mutating func jsonBody() -> [UInt8] {
        let keys = [
            "add", "body", "code", "completed", "confirm", "device", "disabled", "displayName", "email", "enrollment",
            "feedback", "groups", "id", "ignorePrerequisites", "key", "lesson", "newPassword", "oldPassword",
            "password", "remove", "role", "scores", "sha256", "title", "to", "username", "version", "unknown"
        ]
        let object = JSONValue(
            .object((0..<int(5)).map { _ in (key: keys[int(keys.count)], value: chance(50) ? string() : value()) }))
        var bytes = Array(JSONWriter.write(object).utf8)
        switch int(8) {
        case 0 where bytes.count > 1: bytes.removeLast(1 + int(bytes.count - 1))
        case 1: bytes = Array(String(repeating: "[", count: 200 + int(2_000)).utf8)
        case 2: bytes = Array("{\"username\": 1e400, \"password\": -0, \"x\": \"\\ud800\"}".utf8)
        default: break
        }
        return bytes
    }
}
