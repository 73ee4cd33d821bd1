/// Someone who uses the system.
public struct User: Hashable, Sendable, Codable {
    /// A stable id.
    public var id: String
    /// The login name.
    public var username: String
    /// The name shown to others.
    public var displayName: String
    /// An e-mail address, where there is one.
    public var email: String?
    /// What they may do.
    public var role: Role
    /// A disabled user cannot log in; their records stay.
    public var disabled: Bool

    /// Makes a user.
    public init(
        id: String, username: String, displayName: String, email: String? = nil, role: Role = .student,
        disabled: Bool = false
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.email = email
        self.role = role
        self.disabled = disabled
    }

    /// Whether a username is acceptable: 2 to 64 of letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func isValidUsername(_ name: String) -> Bool {
        guard (2...64).contains(name.utf8.count), let first = name.utf8.first, isAlnum(first) else { return false }
        return name.utf8.allSatisfy { isAlnum($0) || $0 == 46 || $0 == 95 || $0 == 45 }
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }
}

/// A role in the system. A teacher teaches specific courses (see `CourseStaff`).
public enum Role: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case student, teacher, admin

    /// Order of privilege: student < teacher < admin.
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .student: return 0
        case .teacher: return 1
        case .admin: return 2
        }
    }
}

/// A student's place in a course.
public struct Enrollment: Hashable, Sendable, Codable {
    /// The student.
    public var userID: String
    /// The course.
    public var courseID: String
    /// How they came to be enrolled.
    public var source: Source
    /// Whether it is in force.
    public var status: Status
    /// Groups within the course.
    public var groups: [String]

    /// Makes an enrollment.
    public init(
        userID: String, courseID: String, source: Source = .teacher, status: Status = .active,
        groups: [String] = []
    ) {
        self.userID = userID
        self.courseID = courseID
        self.source = source
        self.status = status
        self.groups = groups
    }

    /// How a student came to be enrolled.
    public enum Source: String, Hashable, Sendable, Codable {
        case selfEnrolled = "self"
        case key, teacher
    }
    /// Whether an enrollment is in force.
    public enum Status: String, Hashable, Sendable, Codable { case active, removed }
}
