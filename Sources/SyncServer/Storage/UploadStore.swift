import Foundation
import LMSDatabase

/// The submitted files each user uploaded (`uploads`): what counts against a user's quota
/// (`ServerLimits.maxUploadBytesPerUser`), and which uploaded files nothing refers to after the
/// grace period (`ServerLimits.unreferencedUploadGraceSeconds`), for `lms-server gc`. Package
/// blobs are never listed here, so collection never touches a course.
struct UploadStore: AreaStore {
    let queue: DatabaseQueue

    /// The bytes of the files `userID` has uploaded.
    func usedBytes(userID: String) throws -> Int64 {
        try read { db in
            try db.fetchScalar(
                Int64.self, "SELECT coalesce(sum(size), 0) FROM uploads WHERE user_id = ?", arguments: [userID])
                ?? 0
        }
    }

    /// Records that `userID` uploaded the file `sha256`, unless it would pass the quota: then
    /// returns the bytes already used and records nothing. One transaction, so that two uploads at
    /// once cannot both pass the check.
    func record(userID: String, sha256: String, size: Int64, now: Int64) throws -> (recorded: Bool, used: Int64) {
        try write { db in
            // Uploaded again: the grace before collection starts again from now.
            try db.execute(
                "UPDATE uploads SET uploaded_at = max(uploaded_at, ?) WHERE user_id = ? AND sha256 = ?",
                arguments: [now, userID, sha256])
            if db.changes > 0 { return (true, 0) }
            let used =
                try db.fetchScalar(
                    Int64.self, "SELECT coalesce(sum(size), 0) FROM uploads WHERE user_id = ?", arguments: [userID])
                ?? 0
            guard used + size <= ServerLimits.maxUploadBytesPerUser else { return (false, used) }
            try db.execute(
                "INSERT INTO uploads(user_id, sha256, size, uploaded_at) VALUES (?, ?, ?, ?)",
                arguments: [userID, sha256, size, now])
            return (true, used)
        }
    }

    /// A device was told the server has these files (`POST /sync/blobs/missing`): it will name them
    /// in a submission it pushes next, so their grace before collection starts again from now (else
    /// an old upload could be collected between the answer and the push). Only files recorded as
    /// uploads are touched; course packages are never collected.
    func keep(_ hashes: [String], now: Int64) throws {
        guard !hashes.isEmpty else { return }
        try write { db in
            let touch = try db.cachedStatement(
                sql: "UPDATE uploads SET uploaded_at = max(uploaded_at, ?) WHERE sha256 = ?")
            for hash in hashes { try touch.execute(arguments: [now, hash]) }
        }
    }

    /// Uploaded files older than `grace` that no submission names and no course version lists:
    /// their records are deleted and `remove` is called with each hash inside the same write
    /// transaction (so an upload of the same file waits for it); returns the hashes.
    @discardableResult
    func collectUnreferenced(olderThan cutoff: Int64, remove: (String) -> Void = { _ in }) throws -> [String] {
        try write { db in
            let candidates = try db.fetchColumn(
                String.self,
                """
                SELECT sha256 FROM uploads GROUP BY sha256 HAVING max(uploaded_at) < ?
                """, arguments: [cutoff]
            ).compactMap { $0 }
            var collected: [String] = []
            for hash in candidates {
                let needle = Data(hash.utf8)
                let named =
                    try db.fetchOne(
                        "SELECT 1 FROM submissions WHERE instr(payload, ?) > 0 LIMIT 1", arguments: [needle]) != nil
                    || db.fetchOne(
                        """
                        SELECT 1 FROM versions WHERE package_blob = ?1 OR student_blob = ?1 OR instr(manifest, ?1) > 0
                            OR instr(student_manifest, ?1) > 0 LIMIT 1
                        """, arguments: [hash]) != nil
                if named { continue }
                try db.execute("DELETE FROM uploads WHERE sha256 = ?", arguments: [hash])
                remove(hash)
                collected.append(hash)
            }
            return collected
        }
    }
}
