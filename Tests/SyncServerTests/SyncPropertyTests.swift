import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Several users and devices (one of them shared by two users), random interleavings of offline
/// work, partial, repeated and reordered pushes, answers lost on the way back, and crashes before
/// a pulled page is applied. Every run ends with all replicas of a user equal to the server's
/// state, and every entry present once.
@Suite(.serialized) struct SyncPropertyTests {

    /// One user's replica: what a device knows.
    struct Replica: Equatable {
        var progress: [String: LMSModel.Progress] = [:]
        var attempts: Set<String> = []
        var results: [String: Double] = [:]
        var submissions: Set<String> = []

        mutating func apply(_ change: JSONValue, user: String) {
            let payload = change["payload"] ?? JSONValue(.null)
            let entity = change["entity"]?.stringValue ?? ""
            switch change["kind"]?.stringValue {
            case "progress":
                let lesson = payload["lesson"]?.stringValue ?? ""
                var p = LMSModel.Progress(
                    userID: user, courseID: "intro-programming", lessonID: lesson,
                    completed: payload["completed"]?.boolValue ?? false)
                for m in payload["secondsByDevice"]?.objectMembers ?? [] {
                    p.secondsByDevice[m.key] = Int(m.value.numberValue ?? 0)
                }
                progress[lesson] = SyncMerge.progress(progress[lesson], p)
            case "attempt": attempts.insert(entity)
            // -1: received, its marks withheld until the exam's review (no points, docs/PROTOCOL.md §8 "Review").
            case "attemptResult": results[entity] = payload["points"]?.numberValue ?? -1
            case "submission": submissions.insert(entity)
            default: break
            }
        }
    }

    /// A profile on a device: its outbox (never emptied), what it believes is acknowledged, its cursor.
    struct Profile {
        var user: String
        var entries: [(seq: Int64, prev: Int64, value: JSONValue)] = []
        var knownAcked: Int64 = 0
        var cursor = ""
        var replica = Replica()
    }

    static let lessons = [
        "foundations/welcome", "foundations/listen", "foundations/worksheet", "foundations/reading",
        "practice/practice-loops"
    ]

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomInterleavings_Converge(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let server = try TestServer()
        try server.addUser("owner", role: .teacher)
        #expect(
            server.request(
                .post, "/api/v1/courses", as: "owner", body: try server.upload(try SamplePackages.pack("rich-course"))
            ).status == 201)
        for user in ["ana", "ben"] {
            try server.addUser(user, role: .student)
            #expect(
                server.request(
                    .post, "/api/v1/courses/intro-programming/enrollments", as: "owner",
                    json: ["username": .init(.string(user))]
                ).status == 201)
        }
        // Devices: ana's laptop and phone, ben's laptop, and a shared school laptop with both.
        var devices: [(id: String, seq: Int64, profiles: [Profile])] = [
            ("ana-laptop-1", 0, [Profile(user: "ana")]), ("ana-phone-01", 0, [Profile(user: "ana")]),
            ("ben-laptop-1", 0, [Profile(user: "ben")]),
            ("school-lap-1", 0, [Profile(user: "ana"), Profile(user: "ben")])
        ]
        var expectedProgress: [String: [String: LMSModel.Progress]] = [:] // user → lesson → merged
        var expectedAttempts: [String: Set<String>] = [:]
        var expectedSubmissions: [String: Set<String>] = [:]

        func pushOnce(_ d: Int, _ p: Int, send: [JSONValue], loseAnswer: Bool) {
            let profile = devices[d].profiles[p]
            let answer = server.push(profile.user, device: devices[d].id, entries: send, gzip: rng.next() % 2 == 0)
            #expect(answer.status == 200)
            if !loseAnswer, let acked = answer.json["acked"]?.numberValue {
                devices[d].profiles[p].knownAcked = Int64(acked)
            }
        }

        for step in 0..<160 {
            let d = Int(rng.next() % UInt64(devices.count))
            let p = Int(rng.next() % UInt64(devices[d].profiles.count))
            let user = devices[d].profiles[p].user
            switch rng.next() % 10 {
            case 0...3: // offline work
                devices[d].seq += 1
                let seq = devices[d].seq
                let prev = devices[d].profiles[p].entries.last?.seq ?? 0
                let entry: JSONValue
                switch rng.next() % 3 {
                case 0:
                    let lesson = Self.lessons[Int(rng.next() % UInt64(Self.lessons.count))]
                    let seconds = Int(rng.next() % 600)
                    let completed = rng.next() % 3 == 0
                    entry = Entries.progress(
                        seq: seq, prev: prev, lesson: lesson, completed: completed, device: devices[d].id,
                        seconds: seconds)
                    var made = LMSModel.Progress(
                        userID: user, courseID: "intro-programming", lessonID: lesson, completed: completed,
                        secondsByDevice: [devices[d].id: seconds])
                    made = SyncMerge.progress(expectedProgress[user]?[lesson], made)
                    expectedProgress[user, default: [:]][lesson] = made
                case 1:
                    let id = "att-\(seed)-\(step)"
                    // A quiz without an attempt limit (the server refuses attempts past one), so every attempt counts.
                    entry = Entries.attempt(
                        seq: seq, prev: prev, id: id, quiz: "practice/final",
                        responses: ["final-q1": .choice(Int(rng.next() % 2))])
                    expectedAttempts[user, default: []].insert(id)
                default:
                    let id = "sub-\(seed)-\(step)"
                    entry = Entries.submission(
                        seq: seq, prev: prev, id: id, assignment: "practice/reflection", text: "v\(step)",
                        submittedAt: nowMilliseconds())
                    expectedSubmissions[user, default: []].insert(id)
                }
                devices[d].profiles[p].entries.append((seq, prev, entry))
            case 4...6: // a push: from what the device believes, sometimes a partial, repeated or reordered batch
                let pending = devices[d].profiles[p].entries.filter { $0.seq > devices[d].profiles[p].knownAcked }.map(
                    \.value)
                var batch = Array(pending.prefix(Int(rng.next() % 5) + 1))
                if rng.next() % 4 == 0, let old = devices[d].profiles[p].entries.first?.value {
                    batch.insert(old, at: 0)
                } // a duplicate
                if rng.next() % 5 == 0 { batch.shuffle(using: &rng) } // reordered
                if rng.next() % 6 == 0, batch.count > 1 { batch.removeFirst() } // a lost entry: a gap
                pushOnce(d, p, send: batch, loseAnswer: rng.next() % 4 == 0)
            default: // a pull; sometimes the device crashes before applying the page (cursor and state unchanged)
                guard
                    let page = try? server.pullAll(
                        user, cursor: devices[d].profiles[p].cursor, limit: Int(rng.next() % 7) + 1)
                else { continue }
                if rng.next() % 4 == 0 { continue }
                for change in page.changes { devices[d].profiles[p].replica.apply(change, user: user) }
                devices[d].profiles[p].cursor = page.cursor
            }
        }
        // Everyone syncs to the end.
        for d in devices.indices {
            for p in devices[d].profiles.indices {
                for _ in 0..<100
                where devices[d].profiles[p].knownAcked < (devices[d].profiles[p].entries.last?.seq ?? 0) {
                    let pending = devices[d].profiles[p].entries.filter { $0.seq > devices[d].profiles[p].knownAcked }
                        .map(\.value)
                    pushOnce(d, p, send: Array(pending.prefix(50)), loseAnswer: false)
                }
                #expect(devices[d].profiles[p].knownAcked == (devices[d].profiles[p].entries.last?.seq ?? 0))
            }
        }
        for d in devices.indices {
            for p in devices[d].profiles.indices {
                let user = devices[d].profiles[p].user
                let page = try server.pullAll(user, cursor: devices[d].profiles[p].cursor)
                for change in page.changes { devices[d].profiles[p].replica.apply(change, user: user) }
            }
        }
        for user in ["ana", "ben"] {
            let replicas = devices.flatMap(\.profiles).filter { $0.user == user }.map(\.replica)
            for replica in replicas.dropFirst() {
                #expect(replica == replicas[0], "\(user)'s replicas differ (seed \(seed))")
            }
            let replica = try #require(replicas.first)
            #expect(replica.attempts == (expectedAttempts[user] ?? []), "every attempt once (seed \(seed))")
            #expect(replica.submissions == (expectedSubmissions[user] ?? []))
            #expect(Set(replica.results.keys) == replica.attempts, "every attempt has the server's score")
            for (lesson, expected) in expectedProgress[user] ?? [:] {
                #expect(replica.progress[lesson]?.completed == expected.completed, "\(user) \(lesson) (seed \(seed))")
                #expect(replica.progress[lesson]?.secondsByDevice == expected.secondsByDevice)
            }
            let stored = try server.app.store.read { db in
                try db.fetchScalar(
                    Int64.self, "SELECT COUNT(*) FROM attempts a JOIN users u ON u.id = a.user_id WHERE u.username = ?",
                    arguments: [user])
            }
            #expect(stored == Int64(expectedAttempts[user]?.count ?? 0), "each attempt stored once on the server")
        }
    }
}
