import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Issue 13, item 2: structure-aware fuzzing of push frames and JSON request bodies, in process
/// against the real handlers. Each test runs for `LMS_FUZZ_SECONDS` (default 2 s in CI;
/// `scripts/fuzz-push.sh` runs them for hours) from the seed `LMS_FUZZ_SEED` (random when unset,
/// printed on failure). Every request must be answered 200 or 4xx, never 5xx, and the process
/// must live; afterwards every published change decodes with the client's limits.
@Suite(.serialized) struct PushFrameFuzzTests {
    static var seconds: Double { Double(ProcessInfo.processInfo.environment["LMS_FUZZ_SECONDS"] ?? "") ?? 2 }
    /// The run's seed, printed first so that a run that ends the process can be replayed.
    static var seed: UInt64 {
        let seed =
            UInt64(ProcessInfo.processInfo.environment["LMS_FUZZ_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)
        FileHandle.standardError.write(Data("fuzz: LMS_FUZZ_SEED=\(seed)\n".utf8))
        return seed
    }

    @Test func generatedPushFrames_AreAnsweredWithoutAServerError() throws {
        let server = try GradingRoutesTests.world()
        let seed = Self.seed
        var generator = FuzzGenerator(seed: seed)
        let deadline = Date().addingTimeInterval(Self.seconds)
        var frames = 0
        var statuses: [Int: Int] = [:]
        while Date() < deadline {
            let user = ["ana", "ben", "owner"][generator.int(3)]
            let device = "fuzz-\(user)-\(generator.int(4))-dev"
            var bytes = generator.frame(device: device)
            var headers: [(String, String)] = []
            if generator.chance(20), let packed = try? Gzip.compress(bytes) {
                bytes = packed
                headers.append(("Content-Encoding", "gzip"))
            }
            let response = server.request(
                .post, "/api/v1/sync/push", as: user, body: .data(Data(bytes)), headers: headers)
            frames += 1
            statuses[response.status, default: 0] += 1
            #expect(response.status < 500, "seed \(seed), frame \(frames): \(response.status) \(response.json)")
            if response.status >= 500 { break }
        }
        FileHandle.standardError.write(
            Data("fuzz: \(frames) push frames, answers \(statuses.sorted { $0.key < $1.key })\n".utf8))
        #expect(frames > 3, "seed \(seed)")
        #expect(statuses[200, default: 0] > 0, "some frames are valid pushes (seed \(seed)): \(statuses)")
        // Whatever was accepted is readable by every client: each user's pull decodes with the client's limits.
        for user in ["ana", "ben", "owner"] {
            let pulled = try server.pullAll(user)
            #expect(!pulled.changes.isEmpty, "seed \(seed)")
        }
    }

    @Test func generatedJSONBodies_AreAnsweredWithoutAServerError() throws {
        let server = try GradingRoutesTests.world()
        try server.addUser("root", role: .admin)
        let post = try CommunicationTestSupport.makePost(server, by: "owner")
        let parameters = [
            "id": "intro-programming", "username": "ben", "post": post, "attempt": "att-1", "submission": "sub-r1"
        ]
        let routes = ServerApp.routes.filter { $0.body == .json }
        let seed = Self.seed
        var generator = FuzzGenerator(seed: seed)
        let deadline = Date().addingTimeInterval(Self.seconds)
        var requests = 0
        while Date() < deadline {
            let route = routes[generator.int(routes.count)]
            let path = route.segments.map { segment in
                segment.hasPrefix("{") ? parameters[String(segment.dropFirst().dropLast())] ?? "x" : segment
            }
            let user = ["root", "owner", "ana", "nobody"][generator.int(4)]
            let response = server.request(
                route.method, "/" + path.joined(separator: "/"), as: user,
                body: .data(Data(generator.jsonBody())))
            requests += 1
            #expect(response.status < 500, "seed \(seed), \(route.label): \(response.status) \(response.json)")
            if response.status >= 500 { break }
        }
        FileHandle.standardError.write(Data("fuzz: \(requests) JSON bodies\n".utf8))
        #expect(requests > 10, "seed \(seed)")
        #expect(server.request(.get, "/healthz").status == 200)
    }

    /// What the fuzzer found, kept as plain regressions.
    @Test(arguments: [("", "1.2.0"), ("intro-programming", ""), ("", "")])
    func anEmptyCourseOrVersion_IsRejected_NotATrap(course: String, version: String) throws {
        let server = try SyncRoutesTests().world()
        let entry: JSONValue = [
            "seq": 1, "prev": 0, "kind": "attempt", "entity": "att-empty", "at": 1,
            "payload": ["course": .init(.string(course)), "courseVersion": .init(.string(version)), "quiz": "q"]
        ]
        let answer = server.push("ana", device: "dev-aaaaaaaa", entries: [entry])
        #expect(answer.status == 200 && answer.json["rejected"]?.arrayValue?.count == 1, "\(answer.json)")
    }
}
