import Foundation
import LMSDatabase
import LMSModel

/// Erasure of a grader (`DataRightsStore.erase`): the names in the grades they gave.
extension GradingStore {
    /// Rewrites the `gradedBy` name of every `grade` change that `userID` made (found by their history
    /// entries: the graded submission or attempt and the time) to `anonymousName`, in the erasure's
    /// transaction. The changes keep their `sseq`: a device that pulled one already is not sent it again,
    /// since an old grade sent again would replace a newer one there.
    static func eraseGrader(_ userID: String, anonymousName: String, in db: Database) throws {
        var given: Set<String> = []
        for row in try db.fetchAll(
            "SELECT target_id, changed_at FROM grade_history WHERE changed_by = ?", arguments: [userID])
        {
            given.insert("\(row.string(0) ?? "")@\(row.int64(1) ?? 0)")
        }
        guard !given.isEmpty else { return }
        for row in try db.fetchAll(
            """
            SELECT sseq, payload FROM changes WHERE kind = 'grade' AND user_id IN (SELECT DISTINCT user_id FROM grade_history WHERE changed_by = ?)
            """, arguments: [userID])
        {
            guard let data = row.data(1), let payload = try? WireCodec.decode([UInt8](data)),
                var members = payload.objectMembers,
                let target = payload["submission"]?.stringValue ?? payload["attempt"]?.stringValue,
                let at = payload["gradedAt"]?.milliseconds, given.contains("\(target)@\(at)"),
                let index = members.firstIndex(where: { $0.key == "gradedBy" })
            else { continue }
            members[index].value = JSONOut.s(anonymousName)
            try db.execute(
                "UPDATE changes SET payload = ? WHERE sseq = ?",
                arguments: [ChangelogStore.changeFrame(JSONValue(.object(members))), row.int64(0)])
        }
    }
}
