import Foundation
import LMSModel

/// Hidden commands for benchmarks and crash tests (not listed by `help`, not for students).
///
/// - `_seed-progress --events N [--profiles P]`: makes P profiles `bench-1…P` (PIN `0000`, hashed
///   with one PBKDF2 iteration: benchmark data only) and records N lesson progress events spread
///   over them and every installed lesson, through the same code as `done`, in one transaction.
/// - `_record-progress LESSON [--times N] [--distinct]`: marks a lesson done N times for the active
///   profile, each in its own transaction with its outbox entry, and prints the mean cost per call.
///   `--distinct` writes a new progress row each time (`LESSON#run-i`), so that a crash test can
///   count rows against outbox entries exactly.
enum DevCommands {
    static let all: [LMSOffline.Command] = [
        .init(
            name: "_seed-progress", summary: "benchmark data: profiles and progress events",
            usage: "lms-offline _seed-progress --events N [--profiles P] [--home DIR]", options: ["events", "profiles"],
            run: seed, hidden: true),
        .init(
            name: "_record-progress", summary: "benchmark and crash test: record a lesson's progress N times",
            usage: "lms-offline _record-progress LESSON [--times N] [--distinct] [--home DIR]", flags: ["distinct"],
            options: ["times"], run: record, hidden: true)
    ]

    static func seed(_ args: Arguments, _ console: Console) throws -> Int32 {
        let events = Int(args.value("events") ?? "") ?? 100_000
        let profileCount = max(1, Int(args.value("profiles") ?? "") ?? 100)
        let context = try ClientContext(args, console: console)
        let lessons = try CourseCatalog(queue: context.queue, home: context.home).allLessons()
        guard !lessons.isEmpty else { throw ClientError(.noCourses) }
        let now = context.now()
        var profiles: [Profile] = []
        for n in 1...profileCount {
            let name = "bench-\(n)"
            if let existing = try? context.profiles.named(name) {
                profiles.append(existing)
            } else {
                profiles.append(try context.profiles.add(name: name, pin: "0000", iterations: 1, now: now))
            }
        }
        var rng = SplitMix64(seed: 42)
        try context.queue.write { db in
            for i in 0..<events {
                let profile = profiles[Int(rng.next() % UInt64(profiles.count))]
                let (course, lesson) = lessons[Int(rng.next() % UInt64(lessons.count))]
                let store = ProgressStore(queue: context.queue, deviceID: context.deviceID, profile: profile)
                let at = now.addingTimeInterval(Double(i - events))
                try store.update(db, courseID: course, lessonID: lesson, now: at) { progress in
                    progress.lastOpenedAt = at
                    progress.secondsByDevice[context.deviceID, default: 0] += 60
                    if rng.next() % 2 == 0 { progress.completed = true }
                }
            }
        }
        console.out("seeded \(events) progress events over \(profiles.count) profiles and \(lessons.count) lessons")
        return 0
    }

    static func record(_ args: Arguments, _ console: Console) throws -> Int32 {
        let times = max(1, Int(args.value("times") ?? "") ?? 1)
        let context = try ClientContext(args, console: console)
        let profile = try context.activeProfile(args)
        let item = try CourseCatalog(queue: context.queue, home: context.home)
            .item(matching: try args.positional(0, "LESSON"), kind: "lesson")
        let store = ProgressStore(queue: context.queue, deviceID: context.deviceID, profile: profile)
        let start = DispatchTime.now().uptimeNanoseconds
        let run = UUID().uuidString.prefix(8)
        for i in 0..<times {
            if args.has("distinct") {
                try context.queue.write { db in
                    try store.update(
                        db, courseID: item.courseID, lessonID: "\(item.id)#\(run)-\(i)", now: context.now()
                    ) { $0.completed = true }
                }
            } else {
                try store.markDone(courseID: item.courseID, lessonID: item.id, now: context.now())
            }
        }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        console.out(String(format: "recorded %d progress events: %.3f ms per call", times, ms / Double(times)))
        return 0
    }
}
