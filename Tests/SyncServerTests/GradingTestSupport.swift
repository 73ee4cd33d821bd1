import CoursePackage
import Foundation
import LMSTestSupport
import LMSDatabase
import LMSModel
import Testing
@testable import SyncServer

/// Pushed grades and the stored grade, for the grading tests (`GradingRoutesTests`, the
/// erasure tests in `AdminDataRoutesTests`).
enum GradingTestSupport {
    /// A pushed grade; `iso` writes `gradedAt` as lms-offline does (ISO 8601) instead of ms.
    static func pushedGrade(seq: Int64, submission: String, points: Double, gradedAt: Int64, iso: Bool = false)
        -> JSONValue
    {
        let time = Date(timeIntervalSince1970: Double(gradedAt) / 1000)
        let stamp: JSONValue =
            iso ? .init(.string(ISO8601DateFormatter().string(from: time))) : .init(.number(Double(gradedAt)))
        let payload: [(key: String, value: JSONValue)] = [
            ("course", "intro-programming"), ("submission", .init(.string(submission))),
            ("scores", .init(.object([(key: "points", value: .init(.number(points)))]))),
            ("gradedAt", stamp)
        ]
        return .init(
            .object([
                ("seq", .init(.number(Double(seq)))), ("prev", .init(.number(Double(seq - 1)))), ("kind", "grade"),
                ("entity", .init(.string("submission/\(submission)/\(seq)"))), ("at", 1),
                ("payload", .init(.object(payload)))
            ]))
    }

    static func currentGrade(_ server: TestServer) throws -> (submission: String, points: Double)? {
        try server.app.store.read { db in
            try db.fetchOne("SELECT submission_id, points FROM grades WHERE item_id = 'practice/reflection'")
                .map { ($0.string(0) ?? "", $0.double(1) ?? 0) }
        }
    }
}
