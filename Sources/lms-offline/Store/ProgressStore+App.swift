import Foundation
import LMSDatabase
import LMSModel

extension ProgressStore {
    /// Records a reading in the study app: the lesson opened, `seconds` of active reading
    /// (the app leaves idle time out, so no open mark is kept) and, when `done`, completion.
    /// One transaction and one outbox entry.
    func recordReading(courseID: String, lessonID: String, seconds: Int, done: Bool, now: Date) throws {
        let seconds = min(max(0, seconds), ClientLimits.maximumLessonSeconds)
        try queue.write { db in
            try update(db, courseID: courseID, lessonID: lessonID, now: now) { progress in
                progress.lastOpenedAt = now
                if done { progress.completed = true }
                if seconds > 0 { progress.secondsByDevice[deviceID, default: 0] += seconds }
            }
        }
    }
}
