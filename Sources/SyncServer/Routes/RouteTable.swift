/// Every route of the server and who may call it: the one place where the rules live
/// (docs/API.md documents each; `RouteAccessTests` walks them all with every role).
extension ServerApp {
    static let routes: [Route] = [
        // System
        Route(
            method: .get, pattern: "/healthz", access: .anyone, body: .none, summary: "liveness",
            handler: { _ in .text(200, "ok\n") }),
        Route(
            method: .get, pattern: "/metrics", access: .anyone, body: .none, summary: "Prometheus metrics",
            handler: { $0.app.metricsResponse() }),
        // Accounts
        Route(
            method: .post, pattern: "/api/v1/auth/login", access: .anyone, body: .json, summary: "log in",
            handler: { try $0.app.accountRoutes.login($0) }),
        Route(
            method: .post, pattern: "/api/v1/auth/logout", access: .user, body: .none, summary: "log out",
            handler: { try $0.app.accountRoutes.logout($0) }),
        Route(
            method: .post, pattern: "/api/v1/auth/reset", access: .anyone, body: .json,
            summary: "set a password with a reset code", handler: { try $0.app.accountRoutes.resetPassword($0) }),
        Route(
            method: .get, pattern: "/api/v1/me", access: .user, body: .none, summary: "who am I",
            handler: { try $0.app.accountRoutes.me($0) }),
        Route(
            method: .put, pattern: "/api/v1/me/password", access: .user, body: .json, summary: "change my password",
            handler: { try $0.app.accountRoutes.changePassword($0) }),
        // Administration
        Route(
            method: .get, pattern: "/api/v1/admin/users", access: .admin, body: .none, summary: "list users",
            handler: { try $0.app.adminRoutes.listUsers($0) }),
        Route(
            method: .post, pattern: "/api/v1/admin/users", access: .admin, body: .json, summary: "create a user",
            handler: { try $0.app.adminRoutes.createUser($0) }),
        Route(
            method: .patch, pattern: "/api/v1/admin/users/{username}", access: .admin, body: .json,
            summary: "change role, name, e-mail, disabled", handler: { try $0.app.adminRoutes.updateUser($0) }),
        Route(
            method: .post, pattern: "/api/v1/admin/users/import", access: .admin, body: .csv,
            summary: "bulk import users from CSV", handler: { try $0.app.adminRoutes.importUsers($0) }),
        Route(
            method: .post, pattern: "/api/v1/users/{username}/reset-code", access: .studentsTeacher, body: .none,
            summary: "a one-time password reset code", handler: { try $0.app.accountRoutes.makeResetCode($0) }),
        Route(
            method: .get, pattern: "/api/v1/admin/stats", access: .admin, body: .none, summary: "system figures",
            handler: { try $0.app.adminRoutes.stats($0) }),
        // The registry
        Route(
            method: .get, pattern: "/api/v1/courses", access: .user, body: .none, summary: "the catalogue",
            handler: { try $0.app.catalogueRoutes.catalogue($0) }),
        Route(
            method: .post, pattern: "/api/v1/courses", access: .publisher, body: .package, summary: "publish a package",
            handler: { try $0.app.publishRoute.publish($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}", access: .user, body: .none,
            summary: "course details, versions, changelog", handler: { try $0.app.catalogueRoutes.courseDetails($0) }),
        Route(
            method: .put, pattern: "/api/v1/courses/{id}/settings", access: .courseStaff, body: .json,
            summary: "enrollment mode and key", handler: { try $0.app.catalogueRoutes.updateCourseSettings($0) }),
        Route(
            method: .post, pattern: "/api/v1/courses/{id}/teachers", access: .courseOwner, body: .json,
            summary: "add a co-teacher", handler: { try $0.app.catalogueRoutes.addTeacher($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/versions/{version}/package", access: .courseMember,
            body: .none, summary: "download a version", handler: { try $0.app.catalogueRoutes.downloadPackage($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/versions/{version}/entries/{sha256}", access: .courseMember,
            body: .none, summary: "download one entry by hash",
            handler: { try $0.app.catalogueRoutes.downloadEntry($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/delta", access: .courseMember, body: .none,
            summary: "entries to fetch between versions", handler: { try $0.app.catalogueRoutes.delta($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/versions/{version}/manifest", access: .courseMember,
            body: .none, summary: "a version's manifest", handler: { try $0.app.catalogueRoutes.versionManifest($0) }),
        // The changelog sync (docs/PROTOCOL.md)
        Route(
            method: .post, pattern: "/api/v1/sync/push", access: .user, body: .frame, summary: "push outbox entries",
            handler: { try $0.app.syncRoutes.syncPush($0) }),
        Route(
            method: .get, pattern: "/api/v1/sync/pull", access: .user, body: .none, summary: "pull server changes",
            handler: { try $0.app.syncRoutes.syncPull($0) }),
        Route(
            method: .post, pattern: "/api/v1/sync/blobs/missing", access: .user, body: .json,
            summary: "which files the server lacks", handler: { try $0.app.syncRoutes.syncMissingBlobs($0) }),
        Route(
            method: .put, pattern: "/api/v1/sync/blobs/{sha256}", access: .user, body: .file,
            summary: "upload a submitted file", handler: { try $0.app.syncRoutes.syncPutBlob($0) }),
        // Enrollment
        Route(
            method: .post, pattern: "/api/v1/courses/{id}/enroll", access: .user, body: .json,
            summary: "enroll myself (open or with a key)", handler: { try $0.app.enrollmentRoutes.selfEnroll($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/enrollments", access: .courseStaff, body: .none,
            summary: "the roster", handler: { try $0.app.enrollmentRoutes.roster($0) }),
        Route(
            method: .post, pattern: "/api/v1/courses/{id}/enrollments", access: .courseStaff, body: .json,
            summary: "enroll a student", handler: { try $0.app.enrollmentRoutes.addEnrollment($0) }),
        Route(
            method: .put, pattern: "/api/v1/courses/{id}/enrollments/{username}/completion", access: .courseStaff,
            body: .json, summary: "record (or withdraw) a student's completion",
            handler: { try $0.app.enrollmentRoutes.setCompletion($0) }),
        Route(
            method: .delete, pattern: "/api/v1/courses/{id}/enrollments/{username}", access: .courseStaff, body: .none,
            summary: "remove a student", handler: { try $0.app.enrollmentRoutes.removeEnrollment($0) }),
        // Communication (docs/API.md "Communication"): who may edit or delete one post is checked per post by CommunicationStore.savePost
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/announcements", access: .courseMember, body: .none,
            summary: "a course's announcements", handler: { try $0.app.communicationRoutes.listAnnouncements($0) }),
        Route(
            method: .post, pattern: "/api/v1/courses/{id}/announcements", access: .courseStaff, body: .json,
            summary: "announce to a course", handler: { try $0.app.communicationRoutes.postAnnouncement($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/forum", access: .courseMember, body: .none,
            summary: "the threads of a course's (or a lesson's) forum",
            handler: { try $0.app.communicationRoutes.forumThreads($0) }),
        Route(
            method: .post, pattern: "/api/v1/courses/{id}/forum", access: .courseMember, body: .json,
            summary: "start a thread", handler: { try $0.app.communicationRoutes.startThread($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/forum/{post}", access: .courseMember, body: .none,
            summary: "a thread with its replies", handler: { try $0.app.communicationRoutes.forumThread($0) }),
        Route(
            method: .post, pattern: "/api/v1/courses/{id}/forum/{post}/replies", access: .courseMember, body: .json,
            summary: "reply in a thread", handler: { try $0.app.communicationRoutes.replyToPost($0) }),
        Route(
            method: .patch, pattern: "/api/v1/courses/{id}/forum/{post}", access: .courseMember, body: .json,
            summary: "edit a post (its author only)", handler: { try $0.app.communicationRoutes.editPost($0) }),
        Route(
            method: .delete, pattern: "/api/v1/courses/{id}/forum/{post}", access: .courseMember, body: .none,
            summary: "delete a post (its author or the course's teachers)",
            handler: { try $0.app.communicationRoutes.deletePost($0) }),
        Route(
            method: .get, pattern: "/api/v1/messages", access: .user, body: .none, summary: "my direct messages",
            handler: { try $0.app.communicationRoutes.listMessages($0) }),
        Route(
            method: .post, pattern: "/api/v1/courses/{id}/messages", access: .courseMember, body: .json,
            summary: "a direct message between a student and a teacher of the course",
            handler: { try $0.app.communicationRoutes.sendMessage($0) }),
        // Admin: groups, calendar, data rights (docs/API.md)
        Route(
            method: .put, pattern: "/api/v1/courses/{id}/enrollments/{username}/groups", access: .courseStaff,
            body: .json, summary: "set or change a student's groups", handler: { try $0.app.rosterRoutes.setGroups($0) }
        ),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/calendar.ics", access: .courseMember, body: .none,
            summary: "course dates and deadlines (iCalendar)", handler: { try $0.app.calendarRoute.courseCalendar($0) }),
        Route(
            method: .get, pattern: "/api/v1/admin/users/{username}/export", access: .admin, body: .none,
            summary: "everything held on a user (JSON)", handler: { try $0.app.adminDataRoutes.exportUser($0) }),
        Route(
            method: .post, pattern: "/api/v1/admin/users/{username}/erase", access: .admin, body: .json,
            summary: "erase a user's personal data", handler: { try $0.app.adminDataRoutes.eraseUser($0) }),
        // Grading (docs/API.md "Grading", "Reports", "Certificates")
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/grading/queue", access: .courseStaff, body: .none,
            summary: "submissions and essays awaiting a grade", handler: { try $0.app.gradingRoutes.gradingQueue($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/submissions/{submission}", access: .courseStaff, body: .none,
            summary: "one submission with its rubric and grade",
            handler: { try $0.app.gradingRoutes.showSubmission($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/submissions/{submission}/files/{sha256}", access: .courseStaff,
            body: .none, summary: "a submitted file", handler: { try $0.app.gradingRoutes.submissionFile($0) }),
        Route(
            method: .put, pattern: "/api/v1/courses/{id}/submissions/{submission}/grade", access: .courseStaff,
            body: .json, summary: "grade a submission by rubric",
            handler: { try $0.app.gradingRoutes.gradeSubmission($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/attempts/{attempt}", access: .courseStaff, body: .none,
            summary: "an attempt's essay answers", handler: { try $0.app.attemptGradingRoutes.showAttempt($0) }),
        Route(
            method: .put, pattern: "/api/v1/courses/{id}/attempts/{attempt}/grade", access: .courseStaff, body: .json,
            summary: "grade an attempt's essays", handler: { try $0.app.attemptGradingRoutes.gradeAttempt($0) }),
        Route(
            method: .post, pattern: "/api/v1/courses/{id}/reviews", access: .courseStaff, body: .json,
            summary: "release a quiz's review", handler: { try $0.app.attemptGradingRoutes.releaseReview($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/grades/history", access: .courseStaff, body: .none,
            summary: "every change of the course's grades", handler: { try $0.app.gradingRoutes.gradeHistory($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/gradebook", access: .courseStaff, body: .none,
            summary: "students x graded items, weighted totals (JSON or CSV)",
            handler: { try $0.app.gradebookRoutes.gradebookRoute($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/reports/course", access: .courseStaff, body: .none,
            summary: "completion, distribution, students at risk",
            handler: { try $0.app.gradebookRoutes.courseReport($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/reports/students/{username}", access: .courseStaff,
            body: .none, summary: "one student's progress and scores",
            handler: { try $0.app.gradebookRoutes.studentReport($0) }),
        Route(
            method: .get, pattern: "/api/v1/courses/{id}/reports/items", access: .courseStaff, body: .none,
            summary: "per question, the share right", handler: { try $0.app.gradebookRoutes.itemReport($0) }),
        Route(
            method: .post, pattern: "/api/v1/courses/{id}/certificate", access: .courseMember, body: .none,
            summary: "my certificate (issued when I completed and passed)",
            handler: { try $0.app.certificateRoutes.requestCertificate($0) }),
        Route(
            method: .get, pattern: "/api/v1/certificates/{code}", access: .anyone, body: .none,
            summary: "verify a certificate code", handler: { try $0.app.certificateRoutes.verifyCertificate($0) })
    ]
}
