import CoursePackage
import Foundation
import LMSModel
import Testing
@testable import SyncServer

/// Issue 13, item 5: uploads cannot fill the disk. A quota per user, nothing kept of a wrong
/// upload, and uploaded files that nothing refers to collected after the grace period.
struct UploadStoreTests {
    static func put(_ server: TestServer, _ data: Data, as username: String, name: String? = nil) -> HTTPResponse {
        let file = server.app.blobs.makeTempPath()
        FileManager.default.createFile(atPath: file, contents: data)
        return server.request(
            .put, "/api/v1/sync/blobs/\(name ?? SHA256.hash(data).hex)", as: username,
            body: .file(path: file, size: Int64(data.count)))
    }

    @Test func anUploadWithAWrongHash_IsAnswered422_AndNothingIsKept() throws {
        let server = try SyncRoutesTests().world()
        let data = Data("not what the name says".utf8)
        let wrong = SHA256.hash(Data("something else".utf8)).hex
        let answer = Self.put(server, data, as: "ana", name: wrong)
        #expect(answer.status == 422 && answer.json["error"]?["code"]?.stringValue == "hash_mismatch")
        #expect(!server.app.blobs.contains(SHA256.hash(data).hex))
        #expect(!server.app.blobs.contains(wrong))
        let ana = try #require(try server.app.store.accounts.user(named: "ana"))
        #expect(try server.app.store.uploads.usedBytes(userID: ana.id) == 0)
    }

    @Test func pastTheQuota_AnUploadIsAnswered507_SayingSo() throws {
        let server = try SyncRoutesTests().world()
        let ana = try #require(try server.app.store.accounts.user(named: "ana"))
        #expect(Self.put(server, Data("first".utf8), as: "ana").status == 204)
        // Ana's earlier uploads fill the quota but for 4 bytes.
        try server.app.store.queue.write { db in
            try db.execute(
                "INSERT INTO uploads(user_id, sha256, size, uploaded_at) VALUES (?, 'earlier', ?, 0)",
                arguments: [ana.id, ServerLimits.maxUploadBytesPerUser - 9])
        }
        let data = Data("too big by one".utf8)
        let answer = Self.put(server, data, as: "ana")
        #expect(answer.status == 507)
        #expect(answer.json["error"]?["code"]?.stringValue == "quota_exceeded")
        #expect(answer.json["error"]?["message"]?.stringValue?.contains("1024 MiB") == true)
        #expect(!server.app.blobs.contains(SHA256.hash(data).hex))
        // The same file again counts once; another user has a quota of their own.
        #expect(Self.put(server, Data("first".utf8), as: "ana").status == 204)
        #expect(Self.put(server, data, as: "ben").status == 204)
    }

    @Test func unreferencedUploads_AreCollectedAfterTheGrace_SubmittedFilesAndPackagesStay() throws {
        let server = try SyncRoutesTests().world()
        let orphan = Data("uploaded, never submitted".utf8)
        let kept = Data("my essay.txt".utf8)
        let fresh = Data("uploaded a minute ago".utf8)
        for data in [orphan, kept] { #expect(Self.put(server, data, as: "ana").status == 204) }
        let pushed = server.push(
            "ana", device: "dev-aaaaaaaa",
            entries: [
                [
                    "seq": 1, "prev": 0, "kind": "submission", "entity": "sub-file", "at": 1,
                    "payload": [
                        "course": "intro-programming", "assignment": "practice/reflection", "version": 1,
                        "text": "see file",
                        "files": [
                            [
                                "name": "essay.txt", "size": .init(.number(Double(kept.count))),
                                "sha256": .init(.string(SHA256.hash(kept).hex))
                            ]
                        ], "submittedAt": .init(.number(Double(nowMilliseconds())))
                    ]
                ]
            ])
        #expect(pushed.json["rejected"]?.arrayValue?.isEmpty == true, "\(pushed.json)")
        // Eight days pass.
        try server.app.store.queue.write { db in try db.execute("UPDATE uploads SET uploaded_at = 0") }
        #expect(Self.put(server, fresh, as: "ben").status == 204)
        let packages = try server.app.blobs.allHashes().count - 3
        let collection = try server.app.collectUnreferencedUploads()
        #expect(collection.files == 1 && collection.bytes == Int64(orphan.count))
        #expect(!server.app.blobs.contains(SHA256.hash(orphan).hex))
        #expect(server.app.blobs.contains(SHA256.hash(kept).hex))
        #expect(server.app.blobs.contains(SHA256.hash(fresh).hex))
        #expect(try server.app.blobs.allHashes().count == packages + 2, "no package blob is touched")
    }

    /// The race the collection had: a device asks which files the server lacks, is told it has an
    /// old upload, and pushes a submission naming it; a collection between the answer and the push
    /// left the submission naming a missing file. The answer now starts the file's grace again.
    @Test func aFileTheServerSaysItHas_IsNotCollectedBeforeTheDevicePushes() throws {
        let server = try SyncRoutesTests().world()
        let old = Data("uploaded eight days ago".utf8)
        let other = Data("also old, not asked about".utf8)
        for data in [old, other] { #expect(Self.put(server, data, as: "ana").status == 204) }
        try server.app.store.queue.write { db in try db.execute("UPDATE uploads SET uploaded_at = 0") }
        let asked = server.request(
            .post, "/api/v1/sync/blobs/missing", as: "ana",
            json: ["sha256": [.init(.string(SHA256.hash(old).hex)), .init(.string(String(repeating: "a", count: 64)))]])
        #expect(asked.status == 200)
        #expect(asked.json["missing"]?.arrayValue?.map(\.stringValue) == [String(repeating: "a", count: 64)])
        let collection = try server.app.collectUnreferencedUploads()
        #expect(collection.files == 1 && collection.bytes == Int64(other.count))
        #expect(server.app.blobs.contains(SHA256.hash(old).hex))
    }
}
