import Foundation
import LMSDatabase
import LMSModel
import Testing
@testable import SyncServer

/// Walks `Rights` as a matrix: every rule with every kind of caller, against the rules written
/// out here independently (as `RouteAccessTests` does for the routes, over HTTP).
@Suite struct RightsTests {
    /// Who asks. Course A is taught by `owner` (owner) and `coteacher`; course B by `otherteacher`.
    enum Caller: String, CaseIterable {
        case admin, owner, coteacher, otherteacher, demoted, student, twocourses, leaver, outsider
    }

    /// A server with the callers, courses A and B, and their staff and enrollments.
    final class World {
        let server: TestServer
        var users: [Caller: User] = [:]
        var rights: Rights { server.app.rights }

        init() throws {
            server = try TestServer()
            let roles: [Caller: Role] = [
                .admin: .admin, .owner: .teacher, .coteacher: .teacher, .otherteacher: .teacher, .demoted: .student
            ]
            for caller in Caller.allCases {
                users[caller] = try server.app.store.accounts.createUser(
                    username: caller.rawValue, displayName: caller.rawValue, email: nil,
                    role: roles[caller] ?? .student,
                    password: Passwords.hash("x", iterations: Passwords.minimumIterations))
            }
            let id = { (caller: Caller) in self.users[caller]?.id ?? "" }
            try server.app.store.write { db in
                for (course, owner) in [("A", id(.owner)), ("B", id(.otherteacher))] {
                    try db.execute(
                        """
                        INSERT INTO courses(id, owner_id, title, latest_version, created_at, updated_at)
                        VALUES (?, ?, ?, '1.0.0', 0, 0)
                        """, arguments: [course, owner, course])
                }
                let staff = [
                    ("A", id(.owner), "owner"), ("A", id(.coteacher), "teacher"), ("A", id(.demoted), "teacher")
                ]
                for (course, user, role) in staff + [("B", id(.otherteacher), "owner")] {
                    try db.execute(
                        "INSERT INTO course_staff(course_id, user_id, role) VALUES (?, ?, ?)",
                        arguments: [course, user, role])
                }
                let enrollments = [
                    ("A", id(.student), "active"), ("A", id(.twocourses), "active"), ("B", id(.twocourses), "active"),
                    ("A", id(.leaver), "removed")
                ]
                for (course, user, status) in enrollments {
                    try db.execute(
                        """
                        INSERT INTO enrollments(user_id, course_id, source, status, created_at, updated_at)
                        VALUES (?, ?, 'teacher', ?, 0, 0)
                        """, arguments: [user, course, status])
                }
            }
        }

        func user(_ caller: Caller) -> User {
            users[caller] ?? User(id: "", username: "", displayName: "", role: .student)
        }
    }

    @Test func routeAccess_ForCourseA_FollowsTheWrittenRules() throws {
        let world = try World()
        let staffOfA: Set<Caller> = [.admin, .owner, .coteacher]
        func expected(_ access: Access, _ caller: Caller) -> Bool {
            switch access {
            case .anyone, .user: return true
            case .teacher, .publisher: return [.admin, .owner, .coteacher, .otherteacher].contains(caller)
            case .admin: return caller == .admin
            case .courseStaff: return staffOfA.contains(caller)
            case .courseOwner: return [.admin, .owner].contains(caller)
            case .courseMember: return staffOfA.contains(caller) || [.student, .twocourses].contains(caller)
            case .studentsTeacher: return caller == .admin // "student" of A: see the reset-code matrix
            }
        }
        for access in Access.allCases where access != .studentsTeacher {
            for caller in Caller.allCases {
                let allowed =
                    (try? world.rights.authorize(
                        access, user: world.user(caller), courseID: "A", username: nil)) != nil
                #expect(allowed == expected(access, caller), "\(access) for \(caller)")
            }
        }
    }

    @Test func routeAccess_WithoutAUser_OnlyAnyone_AndAMissingCourseIs404() throws {
        let world = try World()
        for access in Access.allCases {
            let allowed = (try? world.rights.authorize(access, user: nil, courseID: "A", username: nil)) != nil
            #expect(allowed == (access == .anyone), "\(access)")
        }
        do {
            try world.rights.authorize(.courseMember, user: world.user(.admin), courseID: "Z", username: nil)
            Issue.record("a missing course was allowed")
        } catch let error as APIError {
            #expect(error.status == 404)
        }
    }

    @Test func staffAndEnrollment_PerCaller() throws {
        let world = try World()
        let staff: [String: Set<Caller>] = ["A": [.admin, .owner, .coteacher], "B": [.admin, .otherteacher]]
        let enrolled: [String: Set<Caller>] = ["A": [.student, .twocourses], "B": [.twocourses]]
        for course in ["A", "B"] {
            for caller in Caller.allCases {
                #expect(
                    try world.rights.isStaff(world.user(caller), of: course) == staff[course]?.contains(caller),
                    "staff \(caller) of \(course)")
                #expect(
                    try world.rights.isEnrolled(world.user(caller).id, in: course)
                        == enrolled[course]?.contains(caller), "enrolled \(caller) in \(course)")
                #expect(
                    try world.rights.getsFullBuild(world.user(caller), courseID: course)
                        == staff[course]?.contains(caller), "full build \(caller) of \(course)")
            }
        }
    }

    /// The rule (`Rights.mayMakeResetCode`): admins for anyone; a teacher for an actively enrolled
    /// student whose every enrollment, removed ones too, is in a course they teach; nobody else.
    @Test func resetCodes_ActorByTarget() throws {
        let world = try World()
        // `twocourses` is in A and B, which no one teacher teaches both of; `leaver` (removed from A)
        // and `outsider` are actively enrolled nowhere; `demoted` has the student role, so acts for no one.
        let allowedPairs: Set<String> = ["owner>student", "coteacher>student"]
        for actor in Caller.allCases {
            for target in Caller.allCases {
                let allowed = try world.server.app.store.queue.read { (db: Database) throws -> Bool in
                    try Rights.mayMakeResetCode(actor: world.user(actor), forUsername: target.rawValue, in: db)
                }
                let expected = actor == .admin || allowedPairs.contains("\(actor)>\(target)")
                #expect(allowed == expected, "\(actor) for \(target)")
            }
        }
        let forNobody = try world.server.app.store.queue.read { (db: Database) throws -> Bool in
            try Rights.mayMakeResetCode(actor: world.user(.owner), forUsername: nil, in: db)
        }
        #expect(!forNobody)
    }

    @Test func pullVisibility_PerCaller() throws {
        let world = try World()
        let expected: [Caller: (member: [String], taught: [String])] = [
            .admin: ([], []), .owner: (["A"], ["A"]), .coteacher: (["A"], ["A"]), .otherteacher: (["B"], ["B"]),
            .demoted: (["A"], []), .student: (["A"], []), .twocourses: (["A", "B"], []), .leaver: ([], []),
            .outsider: ([], [])
        ]
        for caller in Caller.allCases {
            let visible = try world.server.app.store.queue.read { (db: Database) throws -> Rights.PullVisibility in
                try Rights.pullVisibility(of: world.user(caller), in: db)
            }
            #expect(visible.userID == world.user(caller).id)
            #expect(visible.memberCourses.sorted() == expected[caller]?.member, "member \(caller)")
            #expect(visible.taughtCourses.sorted() == expected[caller]?.taught, "taught \(caller)")
        }
    }

    @Test func postsAnnouncementsAndGrades_PerCaller() throws {
        let world = try World()
        let members: Set<Caller> = [.admin, .owner, .coteacher, .student, .twocourses]
        let staff: Set<Caller> = [.admin, .owner, .coteacher]
        try world.server.app.store.queue.read { (db: Database) throws -> Void in
            for caller in Caller.allCases {
                let user = world.user(caller)
                #expect(try Rights.mayPost(user, in: "A", in: db) == members.contains(caller), "post \(caller)")
                #expect(try Rights.mayAnnounce(user, in: "A", in: db) == staff.contains(caller), "announce \(caller)")
                #expect(try Rights.mayGrade(user, in: "A", in: db) == staff.contains(caller), "grade \(caller)")
            }
        }
    }

    @Test func storedPosts_AuthorEdits_AuthorOrStaffDeletes() {
        let author = User(id: "u1", username: "a", displayName: "a", role: .student)
        let other = User(id: "u2", username: "b", displayName: "b", role: .student)
        let post = Post(
            id: "p", courseID: "A", lessonID: nil, threadID: nil, authorID: "u1", authorName: "a", title: "t",
            body: "b", createdAt: Date(), revision: HLCTimestamp(wallMilliseconds: 1, counter: 0, node: "n"))
        #expect(Rights.mayChange(post, by: author, deleting: false, isStaff: false))
        #expect(Rights.mayChange(post, by: author, deleting: true, isStaff: false))
        #expect(!Rights.mayChange(post, by: other, deleting: false, isStaff: true))
        #expect(Rights.mayChange(post, by: other, deleting: true, isStaff: true))
        #expect(!Rights.mayChange(post, by: other, deleting: true, isStaff: false))
    }

    /// An id sent for a new announcement or message: free when no one holds it, the same object
    /// again when the caller does, refused when anyone else does.
    @Test func idClaims_FreeRepeatedOrTaken() {
        let me = User(id: "u1", username: "a", displayName: "a", role: .teacher)
        #expect(Rights.claim(ofIDHeldBy: nil, by: me) == .free)
        #expect(Rights.claim(ofIDHeldBy: "u1", by: me) == .repeated)
        #expect(Rights.claim(ofIDHeldBy: "u2", by: me) == .taken)
        #expect(Rights.claim(ofIDHeldBy: "", by: me) == .taken)
    }

    @Test func directMessages_GoBetweenStaffAndEnrolledStudents() throws {
        let world = try World()
        let staff: Set<Caller> = [.admin, .owner, .coteacher]
        let learners: Set<Caller> = [.student, .twocourses]
        try world.server.app.store.queue.read { (db: Database) throws -> Void in
            for from in Caller.allCases {
                for to in Caller.allCases where to != from {
                    let expected =
                        (staff.contains(from) && learners.contains(to))
                        || (learners.contains(from) && staff.contains(to))
                    let allowed = try Rights.mayMessage(from: world.user(from), to: world.user(to), in: "A", in: db)
                    #expect(allowed == expected, "\(from) to \(to)")
                }
            }
        }
    }

    // MARK: - Enrollment

    /// A course as the catalogue stores it, with the given enrollment rule.
    static func course(mode: String, key: String? = nil, end: String? = nil, prerequisites: [Prerequisite] = [])
        -> CourseRecord
    {
        CourseRecord(
            id: "C", ownerID: "o", title: "C", description: nil, language: nil, instructors: [], tags: [],
            startDate: nil, endDate: end, prerequisites: prerequisites, enrollmentMode: mode,
            enrollmentKeyHash: key.map { Data(Passwords.secretHash($0, normalise: true)) }, latestVersion: "1.0.0")
    }

    /// Every mode with every key given, on a course that has not ended and needs nothing first:
    /// open courses take anyone, key courses the right key (case, dashes and spaces aside), and
    /// any other mode is the teachers' to fill.
    @Test func selfEnrollment_ModeByKey() {
        let keys: [String?] = [nil, "", "WRONG-KEY", "ABCD-EFGH", "abcd efgh"]
        for mode in ["open", "key", "teacher", "surprise"] {
            for key in keys {
                let decision = Rights.selfEnrollment(
                    in: Self.course(mode: mode, key: mode == "key" ? "ABCD-EFGH" : nil), key: key,
                    today: "2027-01-01", completed: [:])
                let rightKey = key.map { $0.uppercased().filter { $0 != "-" && $0 != " " } } == "ABCDEFGH"
                let expected: Rights.SelfEnrollment =
                    switch mode {
                    case "open": .enroll(source: "self")
                    case "key": rightKey ? .enroll(source: "key") : .refused(.needsKey)
                    default: .refused(.teachersEnroll)
                    }
                #expect(decision == expected, "\(mode) with \(key ?? "no key")")
            }
        }
        // A key course without a stored key takes no key at all.
        #expect(
            Rights.selfEnrollment(in: Self.course(mode: "key"), key: "", today: "2027-01-01", completed: [:])
                == .refused(.needsKey))
    }

    /// The end date by today: enrollment is open through the last day, closed the day after, and
    /// the mode is checked first (a closed teacher-filled course says ask a teacher).
    @Test func selfEnrollment_EndDateByToday() {
        for (end, today, open) in [
            (nil, "2030-01-01", true), ("2027-03-01", "2027-02-28", true), ("2027-03-01", "2027-03-01", true),
            ("2027-03-01", "2027-03-02", false), ("2027-03-01", "2028-01-01", false)
        ] as [(String?, String, Bool)] {
            let decision = Rights.selfEnrollment(
                in: Self.course(mode: "open", end: end), key: nil, today: today, completed: [:])
            #expect(decision == (open ? .enroll(source: "self") : .refused(.ended(end ?? ""))), "\(today)")
        }
        #expect(
            Rights.selfEnrollment(
                in: Self.course(mode: "teacher", end: "2000-01-01"), key: nil, today: "2027-01-01", completed: [:])
                == .refused(.teachersEnroll))
        #expect(
            Rights.selfEnrollment(
                in: Self.course(mode: "key", key: "K", end: "2000-01-01"), key: "nope", today: "2027-01-01",
                completed: [:]) == .refused(.needsKey))
    }

    /// Prerequisites by what the student completed: any version counts without a minimum; with
    /// one, that version or a later one; the missing ones are named as a student reads them, and
    /// an ended course says so before them.
    @Test func selfEnrollment_PrerequisitesByCompletedVersions() {
        let prerequisites = [
            Prerequisite(course: "intro", minVersion: nil),
            Prerequisite(course: "basics", minVersion: SemanticVersion(1, 2, 0))
        ]
        let course = Self.course(mode: "open", prerequisites: prerequisites)
        let rows: [([String: String], [String])] = [
            ([:], ["intro", "basics 1.2.0 or later"]),
            (["intro": "0.1.0"], ["basics 1.2.0 or later"]),
            (["intro": "1.0.0", "basics": "1.1.9"], ["basics 1.2.0 or later"]),
            (["intro": "1.0.0", "basics": "1.2.0"], []),
            (["intro": "1.0.0", "basics": "2.0.0"], []),
            (["basics": "not a version"], ["intro", "basics 1.2.0 or later"])
        ]
        for (completed, missing) in rows {
            #expect(Rights.missingPrerequisites(of: course, completed: completed) == missing, "\(completed)")
            let decision = Rights.selfEnrollment(in: course, key: nil, today: "2027-01-01", completed: completed)
            #expect(
                decision == (missing.isEmpty ? .enroll(source: "self") : .refused(.missingPrerequisites(missing))))
        }
        var ended = course
        ended.endDate = "2020-01-01"
        #expect(
            Rights.selfEnrollment(in: ended, key: nil, today: "2027-01-01", completed: [:])
                == .refused(.ended("2020-01-01")))
    }

    /// Each refusal answers 403 and says what to do.
    @Test func enrollmentRefusals_Answer403SayingWhatToDo() {
        let refusals: [(Rights.EnrollmentRefusal, String)] = [
            (.teachersEnroll, "ask a teacher"), (.needsKey, "ask your teacher for it"),
            (.ended("2020-01-01"), "ended on 2020-01-01"), (.missingPrerequisites(["intro"]), "complete intro")
        ]
        for (refusal, words) in refusals {
            let error = refusal.error(courseID: "C")
            #expect(error.status == 403)
            #expect(error.message.contains(words), "\(refusal)")
        }
    }
}
