import CoursePackage
import Foundation
import LMSDatabase
import LMSModel

/// The application: the store, the blobs, and the routes. `handle` turns a request into a
/// response; it never throws and never crashes on what a client sends.
final class ServerApp: @unchecked Sendable {
    /// Settings that tests and operators change.
    struct Configuration: Sendable {
        /// The data folder (database, blobs).
        var dataDirectory: String
        /// PBKDF2 rounds for new password hashes.
        var passwordIterations = Passwords.iterations
    }

    let configuration: Configuration
    let store: ServerStore
    let blobs: BlobStore
    /// What each caller may see or do.
    let rights: Rights
    /// Published courses with their keys, for grading.
    let courseCache: CourseCache
    /// Gradebooks and certificates of courses.
    let courseGrades: CourseGrades
    // The handlers, by area (Routes/), each holding only the stores it uses.
    let enrollmentRoutes: EnrollmentRoutes
    let catalogueRoutes: CatalogueRoutes
    let publishRoute: PublishRoute
    let gradingRoutes: GradingRoutes
    let attemptGradingRoutes: AttemptGradingRoutes
    let gradebookRoutes: GradebookRoutes
    let certificateRoutes: CertificateRoutes
    let accountRoutes: AccountRoutes
    let adminRoutes: AdminRoutes
    let adminDataRoutes: AdminDataRoutes
    let rosterRoutes: RosterRoutes
    let communicationRoutes: CommunicationRoutes
    let calendarRoute: CalendarRoute
    let syncRoutes: SyncRoutes
    /// Queues for pushes and uploads (issue 13: bounded work at once).
    let workGates = WorkGates()
    /// Set by `serve`, for `/metrics`.
    var metricsRenderer: (@Sendable (String) -> String)?

    /// Opens the data folder (which `init` must have made).
    init(configuration: Configuration) throws {
        self.configuration = configuration
        guard configuration.passwordIterations >= Passwords.minimumIterations else {
            throw APIError.internalError("password iterations below \(Passwords.minimumIterations)")
        }
        store = try ServerStore(path: configuration.dataDirectory + "/" + ServerStore.fileName)
        blobs = try BlobStore(
            root: configuration.dataDirectory + "/blobs",
            maxBlobBytes: max(ServerLimits.maxPackageBytes, SyncLimits.maxFileBytes))
        rights = Rights(queue: store.queue)
        courseCache = CourseCache(courses: store.courses, blobs: blobs)
        courseGrades = CourseGrades(
            accounts: store.accounts, courses: store.courses, grading: store.grading, rights: rights,
            courseCache: courseCache)
        enrollmentRoutes = EnrollmentRoutes(
            accounts: store.accounts, courses: store.courses, enrollments: store.enrollments, rights: rights,
            courseGrades: courseGrades)
        catalogueRoutes = CatalogueRoutes(
            accounts: store.accounts, courses: store.courses, enrollments: store.enrollments, blobs: blobs,
            rights: rights)
        publishRoute = PublishRoute(
            configuration: configuration,
            courses: store.courses, enrollments: store.enrollments, blobs: blobs, rights: rights,
            courseCache: courseCache, workGates: workGates)
        gradingRoutes = GradingRoutes(
            accounts: store.accounts, courses: store.courses, grading: store.grading, blobs: blobs,
            courseGrades: courseGrades)
        attemptGradingRoutes = AttemptGradingRoutes(
            grading: store.grading, courseCache: courseCache, courseGrades: courseGrades)
        gradebookRoutes = GradebookRoutes(accounts: store.accounts, grading: store.grading, courseGrades: courseGrades)
        certificateRoutes = CertificateRoutes(grading: store.grading, rights: rights, courseGrades: courseGrades)
        accountRoutes = AccountRoutes(
            accounts: store.accounts, enrollments: store.enrollments, configuration: configuration)
        adminRoutes = AdminRoutes(accounts: store.accounts, statistics: store.statistics, configuration: configuration)
        adminDataRoutes = AdminDataRoutes(
            accounts: store.accounts, dataRights: store.dataRights, blobs: blobs, rights: rights)
        rosterRoutes = RosterRoutes(accounts: store.accounts, enrollments: store.enrollments)
        communicationRoutes = CommunicationRoutes(
            accounts: store.accounts, communication: store.communication, courses: store.courses,
            courseCache: courseCache)
        calendarRoute = CalendarRoute(courses: store.courses, courseCache: courseCache)
        syncRoutes = SyncRoutes(
            changelog: store.changelog, courses: store.courses, statistics: store.statistics, uploads: store.uploads,
            blobs: blobs, courseCache: courseCache, courseGrades: courseGrades, workGates: workGates,
            epoch: { [store] in try store.epoch() })
    }

    // MARK: - Dispatch

    /// The route for a method and path, or the reason there is none (404, or 405 with the allowed methods).
    func route(for method: HTTPMethod, segments: [String]) -> Result<(Route, [String: String]), APIError> {
        let lookup: HTTPMethod = method == .head ? .get : method
        var allowed: [String] = []
        for route in Self.routes {
            guard let parameters = route.match(segments) else { continue }
            if route.method == lookup { return .success((route, parameters)) }
            allowed.append(route.method.rawValue)
        }
        if allowed.isEmpty { return .failure(.notFound("no such resource; see docs/API.md for the routes")) }
        var error = APIError(
            status: 405, code: "method_not_allowed", message: "use \(allowed.joined(separator: " or ")) here")
        error.headers = [("Allow", allowed.joined(separator: ", "))]
        return .failure(error)
    }

    /// What to do with a request's body, decided from the head before any of it is read: unknown
    /// routes, missing or bad tokens and refused rules are answered at once, so that nobody
    /// without the right can make the server hold or spool a body.
    func bodyPolicy(method: HTTPMethod, path: String, headers: HTTPHeaders = HTTPHeaders()) -> BodyPolicy {
        let segments = path.split(separator: "/").map(String.init)
        let route: Route
        let parameters: [String: String]
        switch self.route(for: method, segments: segments) {
        case .success(let found): (route, parameters) = found
        case .failure(let error): return .respond(error.response)
        }
        // Refusing from the head only pays off when there is a body not to read; bodiless routes are
        // authenticated once, by `handle`.
        if route.access != .anyone, route.body != .none {
            do {
                let auth = try authenticate(headers)
                try authorize(route.access, auth: auth, courseID: parameters["id"], username: parameters["username"])
            } catch let error as APIError {
                var response = error.response
                response.route = route.label
                return .respond(response)
            } catch {
                return .respond(
                    APIError(status: 503, code: "busy", message: "the server is busy; try again in a moment").response)
            }
        }
        switch route.body {
        case .none: return .reject
        case .json: return .memory(maxBytes: route.access == .anyone ? JSONBody.maxAnonymousBytes : JSONBody.maxBytes)
        case .csv: return .memory(maxBytes: ServerLimits.maxCSVBytes)
        case .package: return .spool(maxBytes: ServerLimits.maxPackageBytes, directory: blobs.temporaryFolder)
        case .frame: return .memory(maxBytes: SyncLimits.maxPushBodyBytes)
        case .file: return .spool(maxBytes: SyncLimits.maxFileBytes, directory: blobs.temporaryFolder)
        }
    }

    /// Answers a request.
    func handle(_ request: HTTPRequest) -> HTTPResponse {
        var label: String?
        do {
            let (route, parameters) = try route(for: request.method, segments: request.pathSegments).get()
            label = route.label
            // A route open to anyone ignores a stale token instead of answering 401 (issue 13, item 14).
            let auth = route.access == .anyone ? try? authenticate(request.headers) : try authenticate(request.headers)
            try authorize(route.access, auth: auth, courseID: parameters["id"], username: parameters["username"])
            var response = try route.handler(
                RequestContext(request: request, parameters: parameters, auth: auth, app: self))
            response.route = label
            return response
        } catch let error as APIError {
            var response = error.response
            response.route = label
            return response
        } catch let error as DatabaseError where error.isBusy || error.isLocked {
            var response = APIError(
                status: 503, code: "busy", message: "the server is busy; try again in a moment",
                headers: [("Retry-After", "1")]
            ).response
            response.route = label
            return response
        } catch  where StorageFull.matches(error) {
            FileHandle.standardError.write(Data("lms-server: the disk is full (\(label ?? request.path))\n".utf8))
            var response = APIError.insufficientStorage().response
            response.route = label
            return response
        } catch {
            FileHandle.standardError.write(
                Data("lms-server: internal error on \(label ?? request.path): \(error)\n".utf8))
            var response = APIError.internalError("the server failed to answer; the error is in its log").response
            response.route = label
            return response
        }
    }

    // MARK: - Authentication and rules

    /// The user behind the bearer token, if any. A token that is present but bad is a 401.
    func authenticate(_ headers: HTTPHeaders) throws -> AuthUser? {
        guard let header = headers["Authorization"] else { return nil }
        guard header.hasPrefix("Bearer "), header.utf8.count < 512 else {
            throw APIError.unauthorized("send the token as Authorization: Bearer TOKEN")
        }
        let hash = Passwords.secretHash(String(header.dropFirst("Bearer ".count)))
        guard let user = try store.accounts.user(forTokenHash: hash, now: nowMilliseconds()) else {
            if try store.accounts.isErasedToken(hash) { throw APIError.accountErased() }
            throw APIError.unauthorized("the token is unknown, expired or revoked: log in again")
        }
        return AuthUser(user: user, tokenHash: hash)
    }

    /// Throws 401, 403 or 404 unless the rule allows the user (`Rights.authorize`).
    func authorize(_ access: Access, auth: AuthUser?, courseID: String?, username: String? = nil) throws {
        try rights.authorize(access, user: auth?.user, courseID: courseID, username: username)
    }

    /// `/metrics`: the HTTP layer's figures and the application's own.
    func metricsResponse() -> HTTPResponse {
        var app = ""
        if let counts = try? store.accounts.userCountsByRole() {
            app += "# HELP lms_users Users by role.\n# TYPE lms_users gauge\n"
            for role in Role.allCases { app += "lms_users{role=\"\(role.rawValue)\"} \(counts[role] ?? 0)\n" }
        }
        if let courses = try? store.courses.courseCount() {
            app += "# HELP lms_courses Published courses.\n# TYPE lms_courses gauge\nlms_courses \(courses)\n"
        }
        let text = metricsRenderer?(app) ?? app
        var response = HTTPResponse.text(200, text)
        response.headers["Content-Type"] = "text/plain; version=0.0.4; charset=utf-8"
        return response
    }
}
