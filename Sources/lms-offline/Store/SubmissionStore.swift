import Foundation
import CoursePackage
import LMSDatabase
import LMSModel

/// Assignment submissions of one profile: every version kept, checked against the assignment.
struct SubmissionStore {
    let queue: DatabaseQueue
    let home: ClientHome
    let deviceID: String
    let profile: Profile

    /// Checks `files` and `text` against `assignment`, stores the files, then writes the new
    /// version and its outbox entry in one transaction. Returns the submission and whether it is late.
    func submit(courseID: String, assignment: Assignment, files: [String], text: String?, now: Date) throws -> (
        Submission, Bool
    ) {
        try Self.check(assignment: assignment, files: files, text: text)
        let blobs = try home.blobs()
        let stored = try files.map { try Self.storeCopy(of: $0, in: blobs) }
        let late = assignment.due.map { now > $0 } ?? false
        let submission = try queue.write { db -> Submission in
            let version =
                (try db.fetchScalar(
                    Int.self,
                    """
                    SELECT coalesce(max(version), 0) FROM submissions WHERE profile_id = ? AND course_id = ? AND assignment_id = ?
                    """, arguments: [profile.id, courseID, assignment.id]) ?? 0) + 1
            let submission = Submission(
                id: TimeOrderedID.make(), userID: profile.id, courseID: courseID,
                assignmentID: assignment.id, version: version, text: text, files: stored, submittedAt: now)
            try db.execute(
                """
                INSERT INTO submissions(id, profile_id, course_id, assignment_id, version, text, submitted_at, late)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [submission.id, profile.id, courseID, assignment.id, version, text, now, late])
            for (i, file) in stored.enumerated() {
                try db.execute(
                    "INSERT INTO submission_files(submission_id, position, name, size, sha256) VALUES (?, ?, ?, ?, ?)",
                    arguments: [submission.id, i, file.name, file.size, file.sha256])
            }
            try Outbox.append(.submission(submission, deviceID: deviceID, profileID: profile.id, at: now), to: db)
            return submission
        }
        return (submission, late)
    }

    /// Refuses what the assignment does not accept, with what to do.
    /// Keeps a copy of the file at `source` (the student may edit or delete theirs) and returns its record.
    static func storeCopy(of source: String, in blobs: BlobStore) throws -> SubmittedFile {
        do {
            let blob = try blobs.storeCopy(ofFileAt: source)
            return SubmittedFile(name: (source as NSString).lastPathComponent, size: blob.size, sha256: blob.sha256)
        } catch let error as BlobStoreError {
            if error.isSourceUnreadable { throw ClientError(.fileUnreadable, source) }
            if error.errno != 0 { throw ClientError.io("store", error.path, error.errno) }
            throw ClientError(.ioFailed, "store", source, "\(error)")
        }
    }

    static func check(assignment: Assignment, files: [String], text: String?) throws {
        let hasText = !(text ?? "").isEmpty
        if files.isEmpty && !hasText { throw ClientError(.nothingToSubmit) }
        if !assignment.submission.acceptsFiles && !files.isEmpty { throw ClientError(.needsText, assignment.id) }
        if assignment.submission == .text && !hasText { throw ClientError(.needsText, assignment.id) }
        if assignment.submission == .file && files.isEmpty { throw ClientError(.needsFile, assignment.id) }
        if let text, text.utf8.count > ClientLimits.maximumSubmissionTextBytes {
            throw ClientError(
                .fileTooLarge, "--text", size(Double(text.utf8.count)), assignment.id,
                size(Double(ClientLimits.maximumSubmissionTextBytes)))
        }
        guard files.count <= ClientLimits.maximumSubmissionFiles else { throw ClientError(.nothingToSubmit) }
        let limitMB = assignment.maxFileMB ?? ClientLimits.defaultMaximumFileMB
        for file in files {
            var info = stat()
            guard stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                throw ClientError(.fileUnreadable, file)
            }
            let ext = (file as NSString).pathExtension.lowercased()
            if !assignment.allowedTypes.isEmpty, !assignment.allowedTypes.contains(ext) {
                throw ClientError(
                    .wrongFileType, (file as NSString).lastPathComponent, ext.isEmpty ? "?" : ext, assignment.id,
                    assignment.allowedTypes.map { "." + $0 }.joined(separator: ", "))
            }
            if Double(info.st_size) > limitMB * 1_048_576 {
                throw ClientError(
                    .fileTooLarge, (file as NSString).lastPathComponent, size(Double(info.st_size)), assignment.id,
                    size(limitMB * 1_048_576))
            }
        }
    }

    /// Bytes as `512 B`, `4.9 KB`, `1.5 MB`.
    static func size(_ bytes: Double) -> String {
        if bytes < 1024 { return "\(Int(bytes)) B" }
        if bytes < 1_048_576 { return String(format: "%.1f KB", bytes / 1024) }
        return String(format: "%.1f MB", bytes / 1_048_576)
    }
}
