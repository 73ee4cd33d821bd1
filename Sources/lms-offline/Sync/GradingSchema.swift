/// Client store migration 4: what teachers' grading brings to a student's device.
///
/// - `grades.scores`: the rubric's points by criterion (JSON), as the teacher gave them.
/// - `certificates`: the profile's certificates, one per course, with the verification code.
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
    """
}
