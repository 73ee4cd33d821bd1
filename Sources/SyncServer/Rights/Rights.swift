import Foundation
import LMSDatabase
import LMSModel

/// The one type that decides what a caller may see or do: route access (`Access`), the
/// object-level checks (staff of a course, actively enrolled, own object), what a pull shows,
/// who may post, announce, message and grade, and who may make a reset code. Everything that
/// asks "may this caller see or do this" calls it; `RightsTests` walks it as a matrix.
///
/// It reads the tables that say who is who (`users`, `course_staff`, `enrollments`), which
/// their stores write. The `static … in db:` checks run inside a caller's transaction (the
/// sync's, a post's), the instance methods in a read transaction of their own.
struct Rights: Sendable {
    let queue: DatabaseQueue

    // MARK: - Who is who

    /// `owner`, `teacher`, or nil: the user's place on the course's staff list.
    static func staffRole(userID: String, courseID: String, in db: Database) throws -> String? {
        try db.cachedStatement(sql: "SELECT role FROM course_staff WHERE user_id = ? AND course_id = ?")
            .fetchScalar(String.self, arguments: [userID, courseID])
    }

    /// Whether `user` is staff of `courseID`: an admin, or a user with the teacher role listed
    /// as its owner or co-teacher (a teacher demoted to student loses the right at once).
    static func isStaff(_ user: User, of courseID: String, in db: Database) throws -> Bool {
        if user.role == .admin { return true }
        guard user.role >= .teacher else { return false }
        return try staffRole(userID: user.id, courseID: courseID, in: db) != nil
    }

    /// Whether the user is actively enrolled in `courseID` (a removed enrollment is not).
    static func isEnrolled(_ userID: String, in courseID: String, in db: Database) throws -> Bool {
        try db.cachedStatement(
            sql: "SELECT 1 FROM enrollments WHERE user_id = ? AND course_id = ? AND status = 'active'"
        ).fetchOne(arguments: [userID, courseID]) != nil
    }

    /// Whether a course exists.
    static func courseExists(_ courseID: String, in db: Database) throws -> Bool {
        try db.cachedStatement(sql: "SELECT 1 FROM courses WHERE id = ?").fetchOne(arguments: [courseID]) != nil
    }

    /// Whether `user` is actively enrolled in `courseID` (`isEnrolled(_:in:in:)` in its own read).
    func isEnrolled(_ userID: String, in courseID: String) throws -> Bool {
        try queue.read { db in try Self.isEnrolled(userID, in: courseID, in: db) }
    }

    /// Whether `user` is staff of `courseID` (`isStaff(_:of:in:)` in its own read).
    func isStaff(_ user: User, of courseID: String) throws -> Bool {
        try queue.read { db in try Self.isStaff(user, of: courseID, in: db) }
    }

    // MARK: - Routes

    /// Throws 401, 403 or 404 unless `access` lets `user` call a route with these path parameters
    /// (`{id}` a course, `{username}` a user). The route table (`ServerApp.routes`) names each
    /// route's `Access`; `RouteAccessTests` walks every route with every role.
    func authorize(_ access: Access, user: User?, courseID: String?, username: String?) throws {
        if access == .anyone { return }
        guard let user else { throw APIError.unauthorized() }
        switch access {
        case .anyone, .user:
            return
        case .studentsTeacher:
            guard try queue.read({ db in try Self.mayMakeResetCode(actor: user, forUsername: username, in: db) }) else {
                throw APIError.forbidden(
                    "only admins, and a teacher of every course this student is enrolled in, may do this")
            }
        case .teacher, .publisher:
            guard user.role >= .teacher else { throw APIError.forbidden("only teachers and admins may do this") }
        case .admin:
            guard user.role == .admin else { throw APIError.forbidden("only admins may do this") }
        case .courseStaff, .courseOwner, .courseMember:
            try queue.read { db in try Self.authorizeCourse(access, user: user, courseID: courseID, in: db) }
        }
    }

    /// The course rules: the course must exist (404); then staff, owner or member.
    private static func authorizeCourse(_ access: Access, user: User, courseID: String?, in db: Database) throws {
        guard let courseID, try courseExists(courseID, in: db) else {
            throw APIError.notFound("no course \"\(courseID ?? "")\"")
        }
        if user.role == .admin { return }
        // Staff rights need the teacher role too: a teacher demoted to student loses them at once.
        let staff = user.role >= .teacher ? try staffRole(userID: user.id, courseID: courseID, in: db) : nil
        switch access {
        case .courseOwner where staff == "owner": return
        case .courseStaff where staff != nil: return
        case .courseMember where staff != nil: return
        case .courseMember where try isEnrolled(user.id, in: courseID, in: db): return
        case .courseMember: throw APIError.forbidden("enroll in \(courseID) first")
        case .courseOwner: throw APIError.forbidden("only the owner of \(courseID) or an admin may do this")
        default: throw APIError.forbidden("only the teachers of \(courseID) or an admin may do this")
        }
    }

    // MARK: - Accounts

    /// Whether `actor` may make a one-time reset code for the account `username` (and so set its
    /// password): the `.studentsTeacher` rule of `POST /api/v1/users/{username}/reset-code`.
    ///
    /// The rule (issue 13, item 2): an admin may, for any account (even one that does not exist:
    /// the route answers 404 then). A teacher may only for a user with the student role who is
    /// actively enrolled in at least one course and every one of whose enrollments, active **or
    /// removed**, is in a course this teacher is staff of (owner or co-teacher). The account then
    /// holds nothing (work, grades, messages, posts) outside the teacher's own courses, so taking
    /// it over reaches nothing the teacher cannot already see. A teacher may enroll any student
    /// without the student's consent; that enrollment adds a course, never removes one, so it
    /// cannot make the rule hold for a student who was ever in another teacher's course (an
    /// ended course included). Nobody else may; such a student's reset code is an admin's.
    static func mayMakeResetCode(actor: User, forUsername username: String?, in db: Database) throws -> Bool {
        if actor.role == .admin { return true }
        guard actor.role == .teacher, let username,
            let student = try db.fetchOne(
                "SELECT \(AccountStore.userColumns) FROM users WHERE username = ?", arguments: [username]
            ).map(AccountStore.user(from:)),
            student.role == .student
        else { return false }
        let row = try db.fetchOne(
            """
            SELECT COUNT(*) AS everEnrolled,
                   COUNT(s.user_id) AS taught,
                   SUM(CASE WHEN e.status = 'active' THEN 1 ELSE 0 END) AS active
            FROM enrollments e LEFT JOIN course_staff s ON s.course_id = e.course_id AND s.user_id = ?
            WHERE e.user_id = ?
            """, arguments: [actor.id, student.id])
        let everEnrolled = row?.value(Int64.self, "everEnrolled") ?? 0
        let taught = row?.value(Int64.self, "taught") ?? 0
        let active = row?.value(Int64.self, "active") ?? 0
        return active > 0 && everEnrolled == taught
    }

    // MARK: - Courses

    /// Whether `user` downloads the full build of a course (with answer keys): its staff and admins.
    /// Everyone else gets the student build.
    func getsFullBuild(_ user: User, courseID: String) throws -> Bool {
        try isStaff(user, of: courseID)
    }

    // MARK: - Pulls

    /// What a pull shows a user (docs/PROTOCOL.md §5): the changes addressed to the user; the
    /// course-wide changes of each course they are actively enrolled in or on the staff of; and,
    /// for a user with the teacher role, the students' work and grades in each course they teach
    /// (`staffKinds`), never another teacher's own stream.
    struct PullVisibility: Equatable, Sendable {
        /// The user's own id: changes with this `user_id`.
        var userID: String
        /// Courses whose course-wide changes (`user_id IS NULL`) the user sees.
        var memberCourses: [String]
        /// Courses whose students' changes of `staffKinds` the user sees.
        var taughtCourses: [String]

        /// The kinds of students' changes that a course's teachers pull (as stored: an attempt and
        /// its first result are one change, `ChangelogStore.attemptWithResult`).
        static let staffKinds = [
            "progress", "attempt", ChangelogStore.attemptWithResult, "attemptResult", "submission", "grade"
        ]

        /// The rule itself, for one change of the log (addressed to `userID`, or course-wide when
        /// nil): whether a pull shows it. `ChangelogStore.changes(for:after:limit:maxBytes:)`
        /// applies the same rule as one indexed query per clause; `ChangelogStoreTests` checks
        /// that the two agree.
        func shows(userID changeUserID: String?, courseID: String?, kind: String) -> Bool {
            if changeUserID == userID { return true }
            guard let courseID else { return false }
            if changeUserID == nil { return memberCourses.contains(courseID) }
            return taughtCourses.contains(courseID) && Self.staffKinds.contains(kind)
        }
    }

    /// The rule of `PullVisibility` for `user`, read in the caller's transaction.
    static func pullVisibility(of user: User, in db: Database) throws -> PullVisibility {
        let member = try db.cachedStatement(
            sql: """
                SELECT course_id FROM enrollments WHERE user_id = ? AND status = 'active' UNION SELECT course_id FROM course_staff WHERE user_id = ?
                """
        ).fetchColumn(String.self, arguments: [user.id, user.id]).compactMap { $0 }
        var taught: [String] = []
        if user.role >= .teacher {
            taught = try db.cachedStatement(sql: "SELECT course_id FROM course_staff WHERE user_id = ?")
                .fetchColumn(String.self, arguments: [user.id]).compactMap { $0 }
        }
        return PullVisibility(userID: user.id, memberCourses: member, taughtCourses: taught)
    }

    // MARK: - Posts, announcements, messages

    /// Whether `user` may write in a course's forums: its staff (admins too) and its actively
    /// enrolled students.
    static func mayPost(_ user: User, in courseID: String, in db: Database) throws -> Bool {
        try isStaff(user, of: courseID, in: db) || isEnrolled(user.id, in: courseID, in: db)
    }

    /// Whether `user` may change a stored post: only its author edits its text; its author or the
    /// course's staff (`isStaff`) delete it.
    static func mayChange(_ stored: Post, by user: User, deleting: Bool, isStaff: Bool) -> Bool {
        stored.authorID == user.id || (deleting && isStaff)
    }

    /// What an id sent for a new announcement or message is to `user`, by who holds it already
    /// (`owner`: its stored author or sender, nil when the id is new).
    enum IDClaim: Equatable, Sendable {
        /// No one holds the id: the object may be stored.
        case free
        /// The caller holds it: the same object sent again, answered as done and stored once.
        case repeated
        /// Someone else holds it: refused, never overwritten.
        case taken
    }

    /// The `IDClaim` of an id held by `owner` (nil: no one) when `user` sends it.
    static func claim(ofIDHeldBy owner: String?, by user: User) -> IDClaim {
        guard let owner else { return .free }
        return owner == user.id ? .repeated : .taken
    }

    /// Whether `user` may make an announcement in a course: its staff only.
    static func mayAnnounce(_ user: User, in courseID: String, in db: Database) throws -> Bool {
        try isStaff(user, of: courseID, in: db)
    }

    /// Whether a direct message may go from `sender` to `recipient` in a course: between one of
    /// its staff and one of its actively enrolled students (who is not staff), either way.
    static func mayMessage(from sender: User, to recipient: User, in courseID: String, in db: Database) throws
        -> Bool
    {
        let senderTeaches = try isStaff(sender, of: courseID, in: db)
        let recipientTeaches = try isStaff(recipient, of: courseID, in: db)
        let recipientLearns = try isEnrolled(recipient.id, in: courseID, in: db)
        let senderLearns = try isEnrolled(sender.id, in: courseID, in: db)
        return (senderTeaches && !recipientTeaches && recipientLearns)
            || (!senderTeaches && recipientTeaches && senderLearns)
    }

    // MARK: - Work and grades

    /// Whether `user` may grade the work of a course (on the web or pushed from a device): its staff.
    static func mayGrade(_ user: User, in courseID: String, in db: Database) throws -> Bool {
        try isStaff(user, of: courseID, in: db)
    }
}
