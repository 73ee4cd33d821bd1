// What storing a push's attempts costs SQLite alone: the floor under the mixed push benchmark.
//
// Writes 50,000 attempts (the attempts of the 100,000-entry mixed push) as the server stores them
// (one `attempts` row and one `attempt+result` change per attempt, `synchronous=FULL`, WAL, 500
// attempts per transaction as in a push of 1,000 entries) through LMSDatabase, with nothing
// else: no HTTP, no decoding, no grading. The tables and indexes are those of
// Sources/SyncServer/Storage/ServerSchema.swift (migrations 3–13) that an attempt touches.
// Layouts: `now` (time-ordered ids, one change), `random-ids` (random UUIDs, one change) and
// `before` (random UUIDs, an `attempt` and an `attemptResult` change: the layout before issue 13's
// third round). Usage: storage-floor DIR [layout ...]
import Foundation
import LMSDatabase

let schema = """
    CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL);
    CREATE TABLE changes (
        sseq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, course_id TEXT, kind TEXT NOT NULL,
        entity TEXT NOT NULL, payload BLOB NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX changes_user ON changes(user_id, sseq);
    CREATE INDEX changes_course ON changes(course_id, sseq);
    CREATE INDEX changes_course_wide ON changes(course_id, sseq) WHERE user_id IS NULL;
    CREATE INDEX changes_post_entity ON changes(entity) WHERE kind = 'post';
    CREATE INDEX changes_message_entity ON changes(entity) WHERE kind = 'message';
    CREATE INDEX changes_announcement_entity ON changes(entity) WHERE kind = 'announcement';
    CREATE TABLE attempts (
        id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        course_id TEXT NOT NULL, course_version TEXT NOT NULL, quiz_id TEXT NOT NULL, started_at INTEGER,
        submitted_at INTEGER, payload BLOB NOT NULL, points REAL, max_points REAL,
        awaiting_teacher INTEGER NOT NULL DEFAULT 0, received_at INTEGER NOT NULL, late TEXT, full_result BLOB);
    CREATE INDEX attempts_quiz ON attempts(user_id, course_id, quiz_id);
    CREATE INDEX attempts_course ON attempts(course_id, awaiting_teacher, user_id, quiz_id);
    """

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: storage-floor DIR [now|random-ids|before ...]")
    exit(2)
}
let layouts = arguments.count > 2 ? Array(arguments[2...]) : ["now", "random-ids", "before"]
let payload = Data((0..<491).map { UInt8(truncatingIfNeeded: $0 &* 31) })
let result = Data((0..<508).map { UInt8(truncatingIfNeeded: $0 &* 17) })
let user = UUID().uuidString.lowercased()
for layout in layouts {
    let path = arguments[1] + "/floor-\(layout).sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let queue = try DatabaseQueue(path: path, options: DatabaseOptions(synchronous: .full))
    try queue.write { db in
        try db.execute(sql: "PRAGMA wal_autocheckpoint = 8000")
        try db.execute(sql: schema)
        try db.execute("INSERT INTO users(id, username) VALUES (?, 'bench')", [.text(user)])
    }
    // The ids are made before the clock starts: only the storing is measured.
    var generator = SystemRandomNumberGenerator()
    let ids = (0..<50_000).map { index in
        layout == "now"
            ? TimeOrderedID.make(milliseconds: UInt64(1_767_225_600_000 + index * 2), using: &generator)
            : UUID().uuidString.lowercased()
    }
    let kinds: [(String, Data)] =
        layout == "before" ? [("attempt", Data()), ("attemptResult", result)] : [("attempt+result", result)]
    let (wall0, cpu0) = (Date(), cpuSeconds())
    for frame in 0..<100 {
        try queue.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO attempts(id, user_id, course_id, course_version, quiz_id, started_at, submitted_at, payload,
                    points, max_points, awaiting_teacher, received_at, late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO NOTHING
                    """)
            let change = try db.cachedStatement(
                sql:
                    "INSERT INTO changes(user_id, course_id, kind, entity, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for index in 0..<500 {
                let now = Int64(1_767_225_600_000 + frame * 1_000 + index * 2)
                let id = ids[frame * 500 + index]
                try insert.execute(
                    arguments: StatementArguments([
                        .text(id), .text(user), .text("intro-programming"), .text("1.2.0"),
                        .text("quiz-\(index % 10)"), .integer(now - 60_000), .integer(now), .blob(payload),
                        .real(3), .real(7), .integer(1), .integer(now), .null
                    ]))
                for (kind, body) in kinds {
                    try change.execute(
                        arguments: StatementArguments([
                            .text(user), .text("intro-programming"), .text(kind), .text(id), .blob(body), .integer(now)
                        ]))
                }
            }
        }
    }
    let (wall, cpu) = (Date().timeIntervalSince(wall0), cpuSeconds() - cpu0)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(
        String(
            format: "%@: 50,000 attempts in %.2f s (%.2f CPU-s), %.1f µs each; database %d MB", layout, wall, cpu,
            wall / 50_000 * 1e6, size / 1_000_000))
}
