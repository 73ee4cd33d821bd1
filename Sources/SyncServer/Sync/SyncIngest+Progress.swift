import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// Pushed `progress` (docs/PROTOCOL.md §6): merged in memory through the batch, written once per
/// lesson at its end with one change holding the merged state.
extension SyncIngest {
    func applyProgress(_ entry: ProgressEntry, course: Course, memo: BatchMemo, in db: Database) throws {
        let lessonID = entry.lessonID
        let lesson = course.renamed[lessonID] ?? lessonID
        guard memo.lessonIDs(course).contains(lesson) else {
            throw Rejection(.noLesson, [course.id, lessonID])
        }
        let incoming = entry.progress(userID: user.id, lessonID: lesson)
        // A batch often holds several entries of one lesson: the record is read once, merged in
        // memory, and written once at the end of the batch with one change for other devices
        // (progress is a state: its last merged value says all the intermediate ones did).
        let key = course.id + "\u{0}" + lesson
        var record: (stored: LMSModel.Progress?, merged: LMSModel.Progress?)
        if let known = memo.progress[key] {
            record = known
        } else {
            let stored = try WorkStore.progress(userID: user.id, courseID: course.id, lessonID: lesson, in: db)
            record = (stored, stored)
            memo.progressOrder.append(key)
        }
        var merged = SyncMerge.progress(record.merged, incoming)
        guard merged.secondsByDevice.count <= EntryBounds.maxDevicesPerProgress else {
            throw Rejection(
                reason:
                    "\(lessonID) already counts time on \(EntryBounds.maxDevicesPerProgress) devices, the most there may be"
            )
        }
        // As the database keeps it: whole milliseconds.
        merged.lastOpenedAt = merged.lastOpenedAt.map {
            Date(timeIntervalSince1970: Double(Int64(($0.timeIntervalSince1970 * 1000).rounded())) / 1000)
        }
        record.merged = merged
        memo.progress[key] = record
    }

    /// Writes each progress record the batch changed, and one server change for each.
    func flushProgress(_ memo: BatchMemo, now: Int64, in db: Database) throws {
        for key in memo.progressOrder {
            // nothing new
            guard let record = memo.progress[key], let merged = record.merged, merged != record.stored else { continue }
            if merged.completed, record.stored?.completed != true {
                memo.certificateCandidates.insert(StudentCourse(userID: user.id, courseID: merged.courseID))
            }
            let seconds = JSONValue(
                .object(
                    merged.secondsByDevice.sorted { $0.key < $1.key }.map {
                        (key: $0.key, value: JSONValue(.number(Double($0.value))))
                    }))
            let opened = merged.lastOpenedAt.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
            try WorkStore.saveProgress(
                merged, seconds: JSONWriter.write(seconds), lastOpenedAt: opened, now: now, in: db)
            var frame = WireCodec.Builder()
            frame.beginObject(count: opened == nil ? 5 : 6)
            frame.key("user")
            frame.string(user.id)
            frame.key("course")
            frame.string(merged.courseID)
            frame.key("lesson")
            frame.string(merged.lessonID)
            frame.key("completed")
            frame.bool(merged.completed)
            frame.key("secondsByDevice")
            frame.value(seconds)
            if let opened {
                frame.key("lastOpenedAt")
                frame.number(Double(opened))
            }
            try ChangelogStore.appendChange(
                kind: "progress", entity: merged.id, userID: user.id, courseID: merged.courseID,
                encodedPayload: Data(frame.bytes), in: db)
        }
        memo.progress = [:]
        memo.progressOrder = []
    }

}
