import CoursePackage
import Foundation
import LMSModel
@testable import SyncServer

extension TestServer {
    /// Pushes entries for `username` from `device`; returns the JSON answer.
    func push(
        _ username: String, device: String, entries: [JSONValue], clock: Int64 = nowMilliseconds(), gzip: Bool = false
    ) -> HTTPResponse {
        var bytes = WireCodec.encode(
            JSONValue(
                .object([
                    ("device", .init(.string(device))), ("clock", .init(.number(Double(clock)))),
                    ("entries", .init(.array(entries)))
                ])))
        var headers: [(String, String)] = [("Content-Type", SyncRoutes.frameContentType)]
        if gzip {
            bytes = (try? Gzip.compress(bytes)) ?? bytes
            headers.append(("Content-Encoding", "gzip"))
        }
        return request(.post, "/api/v1/sync/push", as: username, body: .data(Data(bytes)), headers: headers)
    }

    /// Pulls every page for `username` from `cursor`; returns the changes and the final cursor.
    func pullAll(_ username: String, cursor: String = "", limit: Int = 1000) throws -> (
        changes: [JSONValue], cursor: String
    ) {
        var cursor = cursor
        var all: [JSONValue] = []
        for _ in 0..<10_000 {
            let response = request(
                .get, "/api/v1/sync/pull?cursor=\(cursor)&limit=\(limit)", as: username,
                headers: [("Accept-Encoding", "gzip")])
            guard response.status == 200 else {
                throw APIError(
                    status: response.status, code: "pull", message: String(decoding: response.bodyData, as: UTF8.self))
            }
            let frame = try WireCodec.decode(try Gzip.decompress([UInt8](response.bodyData), maxBytes: 64 << 20))
            all += frame["changes"]?.arrayValue ?? []
            cursor = frame["cursor"]?.stringValue ?? cursor
            if frame["more"]?.boolValue != true { break }
        }
        return (all, cursor)
    }
}

/// Builders of outbox entries as a device would write them.
enum Entries {
    static func progress(
        seq: Int64, prev: Int64, course: String = "intro-programming", lesson: String, completed: Bool = false,
        device: String, seconds: Int = 0
    ) -> JSONValue {
        [
            "seq": .init(.number(Double(seq))), "prev": .init(.number(Double(prev))), "kind": "progress",
            "entity": .init(.string("me/\(course)/\(lesson)")), "at": 1,
            "payload": [
                "course": .init(.string(course)), "lesson": .init(.string(lesson)),
                "completed": .init(.bool(completed)),
                "secondsByDevice": .init(.object([(key: device, value: .init(.number(Double(seconds))))]))
            ]
        ]
    }

    static func attempt(
        seq: Int64, prev: Int64, id: String, quiz: String, version: String = "1.2.0",
        responses: [String: Response]
    ) -> JSONValue {
        [
            "seq": .init(.number(Double(seq))), "prev": .init(.number(Double(prev))), "kind": "attempt",
            "entity": .init(.string(id)), "at": 1,
            "payload": [
                "quiz": .init(.string(quiz)), "course": "intro-programming", "courseVersion": .init(.string(version)),
                "startedAt": 1, "submittedAt": 2, "questionOrder": [], "responses": ResponseCoding.json(responses)
            ]
        ]
    }

    static func submission(seq: Int64, prev: Int64, id: String, assignment: String, text: String, submittedAt: Int64)
        -> JSONValue
    {
        [
            "seq": .init(.number(Double(seq))), "prev": .init(.number(Double(prev))), "kind": "submission",
            "entity": .init(.string(id)), "at": 1,
            "payload": [
                "course": "intro-programming", "assignment": .init(.string(assignment)), "version": 1,
                "text": .init(.string(text)),
                "files": [], "submittedAt": .init(.number(Double(submittedAt)))
            ]
        ]
    }
}
