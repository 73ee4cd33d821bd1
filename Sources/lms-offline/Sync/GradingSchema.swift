/// Client store migration 4: what teachers' grading brings to a student's device.
///
/// - `grades.scores`: the rubric's points by criterion (JSON), as the teacher gave them.
/// - `certificates`: the profile's certificates, one per course, with the verification code.
/// - `student_work`: on a teacher's device, the pulled work of the students of the courses the
///   teacher teaches (submissions, attempts and their scores), so the queue can be read and graded offline.
enum GradingSchema {
    static let version4 = """
        ALTER TABLE grades ADD COLUMN scores TEXT;
        CREATE TABLE certificates(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            title TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            server TEXT,
            PRIMARY KEY(profile_id, course_id)
        );
        CREATE TABLE student_work(
            profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            entity TEXT NOT NULL,
            course_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            item_id TEXT,
            submitted_at INTEGER,
            payload TEXT NOT NULL,
            PRIMARY KEY(profile_id, kind, entity)
        );
        CREATE INDEX student_work_by_course ON student_work(profile_id, course_id, kind, user_id, item_id);
        """
}
