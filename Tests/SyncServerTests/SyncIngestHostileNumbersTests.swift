import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Issue 13, item 1: no number in a push can end the server. Every numeric field of every entry
/// kind, and the frame's own `clock`, `seq` and `prev`, takes the boundary values below; each push
/// is answered (200 with a rejection, or a 4xx) and the server keeps serving.
@Suite(.serialized) struct SyncIngestHostileNumbersTests {
    /// Boundary numbers: the ends of `Int64` (as a wire double reads them), past them, huge and tiny
    /// doubles, negative zero, fractions, and the non-finite ones (refused by the frame reader).
    static let hostile: [Double] = [
        -9.223372036854775808e18, 9.223372036854775807e18, 9_223_372_036_854_774_784, -9_223_372_036_854_774_784,
        1e300, -1e300, -0.0, 0.5, -1, 1e15, -9.9e14, 9_007_199_254_740_994, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .nan, .infinity, -.infinity
    ]

    static func n(_ value: Double) -> JSONValue { JSONValue(.number(value)) }

    /// An entry with `payload` members replaced or added.
    static func entry(
        kind: String, entity: String, seq: JSONValue = 1, prev: JSONValue = 0,
        payload: [(key: String, value: JSONValue)]
    ) -> JSONValue {
        JSONValue(
            .object([
                ("seq", seq), ("prev", prev), ("kind", .init(.string(kind))), ("entity", .init(.string(entity))),
                ("at", 1), ("payload", .init(.object(payload)))
            ]))
    }

    /// One push per field and value; each entry alone from a fresh device.
    static func cases(_ v: Double) -> [(user: String, clock: Double, entry: JSONValue)] {
        let now = Double(nowMilliseconds())
        let course: (key: String, value: JSONValue) = ("course", "intro-programming")
        let lesson: (key: String, value: JSONValue) = ("lesson", "foundations/welcome")
        let attempt: [(key: String, value: JSONValue)] = [
            course, ("courseVersion", "1.2.0"), ("quiz", "practice/exam"), ("questionOrder", []),
            ("responses", ResponseCoding.json(["e2": .number(5)]))
        ]
        let submission: [(key: String, value: JSONValue)] = [
            course, ("assignment", "practice/reflection"), ("text", "t"), ("files", [])
        ]
        let grade: [(key: String, value: JSONValue)] = [course, ("submission", "sub-r1")]
        let post: [(key: String, value: JSONValue)] = [
            course, ("body", "b"), ("title", "t"), ("revision", .init(.string(ServerApp.freshRevision().description)))
        ]
        let progress = entry(kind: "progress", entity: "me/p", payload: [course, lesson])
        return [
            ("ana", v, progress),
            ("ana", now, entry(kind: "progress", entity: "me/p", seq: n(v), payload: [course, lesson])),
            ("ana", now, entry(kind: "progress", entity: "me/p", prev: n(v), payload: [course, lesson])),
            ("ana", now, entry(kind: "progress", entity: "me/p", payload: [course, lesson, ("lastOpenedAt", n(v))])),
            (
                "ana", now,
                entry(
                    kind: "progress", entity: "me/p",
                    payload: [course, lesson, ("secondsByDevice", .init(.object([(key: "d", value: n(v))])))])
            ),
            ("ana", now, entry(kind: "attempt", entity: "a-\(UUID())", payload: attempt + [("startedAt", n(v))])),
            ("ana", now, entry(kind: "attempt", entity: "a-\(UUID())", payload: attempt + [("submittedAt", n(v))])),
            (
                "ana", now,
                entry(kind: "submission", entity: "s-\(UUID())", payload: submission + [("submittedAt", n(v))])
            ),
            ("ana", now, entry(kind: "submission", entity: "s-\(UUID())", payload: submission + [("version", n(v))])),
            (
                "owner", 9_223_372_036_854_774_784,
                entry(
                    kind: "grade", entity: "g", payload: grade + [("gradedAt", n(v)), ("scores", ["points": 1])])
            ),
            ("owner", v, entry(kind: "grade", entity: "g", payload: grade + [("gradedAt", n(-9.9e14))])),
            (
                "owner", now,
                entry(kind: "grade", entity: "g", payload: grade + [("gradedAt", n(v)), ("scores", ["points": 1])])
            ),
            (
                "owner", now,
                entry(kind: "grade", entity: "g", payload: grade + [("scores", .init(.object([("points", n(v))])))])
            ),
            ("ana", now, entry(kind: "post", entity: "p-\(UUID())", payload: post + [("createdAt", n(v))])),
            (
                "ana", now,
                entry(
                    kind: "message", entity: "m-\(UUID())",
                    payload: [course, ("toName", "owner"), ("body", "b"), ("sentAt", n(v))])
            ),
            (
                "owner", now,
                entry(
                    kind: "announcement", entity: "n-\(UUID())",
                    payload: [course, ("title", "t"), ("body", "b"), ("createdAt", n(v))])
            )
        ]
    }

    /// A push with `clock` as given (any double, unlike `TestServer.push`).
    static func push(_ server: TestServer, _ user: String, device: String, clock: Double, entry: JSONValue)
        -> HTTPResponse
    {
        let frame = WireCodec.encode(
            JSONValue(
                .object([
                    ("device", .init(.string(device))), ("clock", n(clock)), ("entries", .init(.array([entry])))
                ])))
        return server.request(.post, "/api/v1/sync/push", as: user, body: .data(Data(frame)))
    }

    @Test func boundaryNumbers_InEveryField_AreAnsweredAndTheServerKeepsServing() throws {
        let server = try GradingRoutesTests.world()
        var pushes = 0
        for value in Self.hostile {
            for (index, c) in Self.cases(value).enumerated() {
                let response = Self.push(
                    server, c.user, device: "hostile-\(pushes)-\(index)", clock: c.clock, entry: c.entry)
                pushes += 1
                #expect(
                    response.status == 200 || (400..<500).contains(response.status),
                    "\(value) case \(index): \(response.status) \(response.json)")
                if !value.isFinite { #expect(response.status == 400, "non-finite \(value) case \(index)") }
            }
        }
        #expect(pushes > 200)
        // Still serving, and still applying ordinary work.
        let ok = server.push(
            "ana", device: "after-hostile",
            entries: [Entries.progress(seq: 1, prev: 0, lesson: "foundations/welcome", device: "after-hostile")])
        #expect(ok.status == 200 && ok.json["rejected"]?.arrayValue?.isEmpty == true, "\(ok.json)")
    }

    @Test func theReviewsThreeCrashes_AreRefusedWithReasons() throws {
        let server = try GradingRoutesTests.world()
        let now = Double(nowMilliseconds())
        let progress = Self.entry(
            kind: "progress", entity: "me/p",
            payload: [("course", "intro-programming"), ("lesson", "foundations/welcome")])
        // "clock": -2^63
        let clock = Self.push(server, "ana", device: "crash-clock", clock: -9.223372036854775808e18, entry: progress)
        #expect(clock.status == 400 && clock.json["error"]?["code"]?.stringValue == "invalid_frame")
        // lastOpenedAt ±1e300: the bad time is dropped, the rest of the progress applies.
        for (i, v) in [1e300, -1e300].enumerated() {
            let opened = Self.entry(
                kind: "progress", entity: "me/p",
                payload: [
                    ("course", "intro-programming"), ("lesson", "foundations/welcome"), ("lastOpenedAt", Self.n(v))
                ])
            #expect(Self.push(server, "ana", device: "crash-opened-\(i)", clock: now, entry: opened).status == 200)
        }
        // A teacher's grade, clock 2^63 - 1024 and gradedAt -9.9e14.
        let grade = Self.entry(
            kind: "grade", entity: "g",
            payload: [
                ("course", "intro-programming"), ("submission", "sub-r1"), ("scores", ["points": 1]),
                ("gradedAt", Self.n(-9.9e14))
            ])
        #expect(
            Self.push(server, "owner", device: "crash-grade", clock: 9_223_372_036_854_774_784, entry: grade).status
                == 400)
    }
}
