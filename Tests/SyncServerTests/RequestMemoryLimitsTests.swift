import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Issue 13, item 4: what one request may make the server decode and hold is bounded.
struct RequestMemoryLimitsTests {
    @Test func aPushThatDecodesIntoTooManyValues_Is400_FromAFewKilobytesOfGzip() throws {
        let server = try TestServer()
        try server.addUser("ana", role: .student)
        // The review's bomb: a tiny gzip body that decodes into millions of values.
        let wide = JSONValue(.array(Array(repeating: JSONValue(.null), count: 90_000)))
        let nulls = JSONValue(.array(Array(repeating: wide, count: SyncLimits.maxPushValues / 90_000 + 1)))
        let entry: JSONValue = ["seq": 1, "prev": 0, "kind": "progress", "entity": "e", "payload": nulls]
        let frame = WireCodec.encode(
            ["device": "bomb-device", "clock": .init(.number(Double(nowMilliseconds()))), "entries": [entry]])
        let packed = try Gzip.compress(frame)
        #expect(packed.count < 8 * 1024)
        let response = server.request(
            .post, "/api/v1/sync/push", as: "ana", body: .data(Data(packed)), headers: [("Content-Encoding", "gzip")])
        #expect(response.status == 400, "\(response.status)")
        #expect("\(response.json)".contains("values"))
    }

    @Test func aPushNestedDeeperThanAPayloadNeeds_Is400() throws {
        let server = try TestServer()
        try server.addUser("ana", role: .student)
        var deep = JSONValue(.null)
        for _ in 0..<20 { deep = JSONValue(.array([deep])) }
        let entry: JSONValue = ["seq": 1, "prev": 0, "kind": "progress", "entity": "e", "payload": deep]
        let frame = WireCodec.encode(
            ["device": "deep-device", "clock": .init(.number(Double(nowMilliseconds()))), "entries": [entry]])
        #expect(server.request(.post, "/api/v1/sync/push", as: "ana", body: .data(Data(frame))).status == 400)
    }

    @Test func routesOpenToAnyone_TakeJSONBodiesOfAFewKilobytes_OthersAMegabyte() throws {
        let server = try TestServer()
        for path in ["/api/v1/auth/login", "/api/v1/auth/reset"] {
            #expect(server.app.bodyPolicy(method: .post, path: path).maxBytes == Int64(JSONBody.maxAnonymousBytes))
        }
        #expect(JSONBody.maxAnonymousBytes <= 4096)
        #expect(server.app.bodyPolicy(method: .get, path: "/healthz").maxBytes == 0)
    }

    @Test func aJSONBodyOfTooManyValues_Is400_BeforeAnyHandlerWork() throws {
        let server = try TestServer()
        try server.addUser("root", role: .admin)
        let many =
            "{\"username\": [" + Array(repeating: "0", count: JSONBody.maxValues + 1).joined(separator: ",") + "]}"
        let response = server.request(.post, "/api/v1/admin/users", as: "root", body: .data(Data(many.utf8)))
        #expect(response.status == 400 && "\(response.json)".contains("too many values"), "\(response.json)")
        let deep = "{\"username\": " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"
        #expect(server.request(.post, "/api/v1/admin/users", as: "root", body: .data(Data(deep.utf8))).status == 400)
    }
}
