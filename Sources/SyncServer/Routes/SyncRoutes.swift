import CoursePackage
import Foundation
import LMSModel

/// The changelog sync's routes (docs/PROTOCOL.md): push, pull and submitted files.
struct SyncRoutes: Sendable {
    let changelog: ChangelogStore
    let courses: CourseStore
    let statistics: StatisticsStore
    let uploads: UploadStore
    let blobs: BlobStore
    let courseCache: CourseCache
    let courseGrades: CourseGrades
    let workGates: WorkGates
    /// The server's epoch (`ServerStore.epoch`: the `meta` table is the database's own).
    let epoch: @Sendable () throws -> String

    static let frameContentType = "application/x-lms-frame"
    /// zlib level for pull pages: 1 costs a few percent in size against 6 and is several times
    /// faster, and pages are made for every pull while pushes are compressed once on a device.
    static let pageCompressionLevel: Int32 = 1

    /// The values of a frame body, inflated when gzip'd, read in place (no value tree is built).
    func frameBody(_ request: HTTPRequest) throws -> WireValue {
        guard case .data(let data) = request.body, !data.isEmpty else {
            throw APIError.badRequest("send a sync frame as the body (docs/PROTOCOL.md §3)", code: "invalid_frame")
        }
        var bytes = [UInt8](data)
        if request.headers["Content-Encoding"]?.lowercased() == "gzip" {
            do { bytes = try Gzip.decompress(bytes, maxBytes: SyncLimits.maxPushInflatedBytes) } catch {
                throw APIError.badRequest("the gzip body is invalid: \(error)", code: "invalid_frame")
            }
        }
        do { return try WireDocument(frame: bytes, limits: SyncLimits.pushFrame).root } catch {
            throw APIError.badRequest("the frame is invalid: \(error)", code: "invalid_frame")
        }
    }

    /// A frame response, gzip'd when the client accepts it.
    func frameResponse(_ value: JSONValue, request: HTTPRequest) throws -> HTTPResponse {
        try frameResponse(bytes: WireCodec.encode(value), request: request)
    }

    /// A frame response from its bytes, gzip'd when the client accepts it.
    func frameResponse(bytes frame: [UInt8], request: HTTPRequest) throws -> HTTPResponse {
        var bytes = frame
        var response = HTTPResponse(status: 200)
        if request.headers["Accept-Encoding"]?.lowercased().contains("gzip") == true {
            bytes = try Gzip.compress(bytes, level: Self.pageCompressionLevel)
            response.headers["Content-Encoding"] = "gzip"
        }
        response.headers["Content-Type"] = Self.frameContentType
        response.body = .data(Data(bytes))
        return response
    }

    /// `v1.<epoch>.<sseq>`.
    func makeCursor(_ sseq: Int64, epoch: String) -> String { "v1.\(epoch).\(sseq)" }

    /// The server change number of a cursor, or nil for an empty cursor; 409 `epoch_changed` for another epoch.
    func readCursor(_ text: String?, epoch: String) throws -> Int64 {
        guard let text, !text.isEmpty else { return 0 }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let sseq = Int64(parts[2]), sseq >= 0 else {
            throw APIError.badRequest(
                "the cursor is not one this server made; pull with an empty cursor", code: "invalid_cursor")
        }
        guard parts[1] == epoch else {
            throw APIError(
                status: 409, code: "epoch_changed",
                message:
                    "the server was restored from a backup: push your work again from the acknowledged point and pull from the start"
            )
        }
        return sseq
    }

    /// `POST /api/v1/sync/push`.
    func syncPush(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        try workGates.push.enter()
        defer { workGates.push.leave() }
        let frame = try frameBody(context.request)
        guard let device = frame["device"]?.stringValue, (8...64).contains(device.utf8.count),
            device.utf8.allSatisfy({
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45
            })
        else {
            throw APIError.badRequest(
                "\"device\" must be the device's id (8 to 64 letters, digits or -)", code: "invalid_frame")
        }
        guard let clock = frame["clock"]?.milliseconds else {
            throw APIError.badRequest(
                "\"clock\" must be the device's time in milliseconds since 1970 (up to 9999999999999)",
                code: "invalid_frame")
        }
        let list = frame["entries"]
        let entries = list.flatMap { $0.isArray ? Array($0.elements) : nil } ?? []
        guard entries.count <= SyncLimits.maxPushEntries else {
            throw APIError.tooLarge("send at most \(SyncLimits.maxPushEntries) entries per push")
        }
        let ingest = SyncIngest(
            changelog: changelog, courseStore: courses, courseCache: courseCache, blobs: blobs, user: user,
            device: device,
            deviceClock: clock)
        let outcome = try ingest.run(entries)
        courseGrades.issueIfEarned(outcome.certificateCandidates)
        statistics.recordSync(.push(entries: entries.count, request: context.request))
        return JSONOut.response(
            200,
            JSONOut.obj([
                ("acked", JSONOut.n(Double(outcome.acked))),
                ("resumeFrom", outcome.resumeFrom.map { JSONOut.n(Double($0)) } ?? JSONOut.null),
                (
                    "rejected",
                    JSONOut.arr(
                        outcome.rejected.map {
                            JSONOut.obj(
                                [("seq", JSONOut.n(Double($0.seq))), ("reason", JSONOut.s($0.rejection.reason))]
                                    + $0.rejection.codeFields)
                        })
                ),
                ("epoch", JSONOut.s(try epoch())),
                ("serverTime", JSONOut.n(Double(nowMilliseconds())))
            ]))
    }

    /// `GET /api/v1/sync/pull?cursor=&limit=`.
    func syncPull(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.user
        let epoch = try epoch()
        let after = try readCursor(context.request.query["cursor"], epoch: epoch)
        var limit = SyncLimits.defaultPullLimit
        if let text = context.request.query["limit"] {
            guard let n = Int(text), (1...SyncLimits.maxPullLimit).contains(n) else {
                throw APIError.badRequest("limit must be 1 to \(SyncLimits.maxPullLimit)")
            }
            limit = n
        }
        let page = try changelog.changes(for: user, after: after, limit: limit, maxBytes: SyncLimits.maxPullBytes)
        // The page is built around the stored payload bytes: nothing is decoded and encoded again.
        // `cursor` and `more` come first so that a client can read them before the changes.
        var frame = WireCodec.Builder()
        frame.reserveCapacity(page.changes.reduce(256) { $0 + $1.payloadFrame.count + $1.entity.utf8.count + 64 })
        frame.beginObject(count: 4)
        frame.key("cursor")
        frame.string(makeCursor(page.next, epoch: epoch))
        frame.key("more")
        frame.bool(page.more)
        frame.key("epoch")
        frame.string(epoch)
        frame.key("changes")
        frame.beginArray(count: page.changes.count)
        for change in page.changes {
            frame.beginObject(count: 5)
            frame.key("sseq")
            frame.number(Double(change.sseq))
            frame.key("kind")
            frame.string(change.kind)
            frame.key("entity")
            frame.string(change.entity)
            frame.key("course")
            frame.value(JSONOut.opt(change.courseID))
            frame.key("payload")
            frame.splice(frame: change.payloadFrame)
        }
        let response = try frameResponse(bytes: frame.bytes, request: context.request)
        statistics.recordSync(.pull(changes: page.changes.count, response: response, request: context.request))
        return response
    }

    /// `POST /api/v1/sync/blobs/missing` `{"sha256": [...]}` → `{"missing": [...]}`.
    func syncMissingBlobs(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONBody(context.request, allowing: ["sha256"])
        let hashes = try body.strings("sha256") ?? []
        guard hashes.count <= SyncLimits.maxMissingQuery else {
            throw APIError.tooLarge("ask about at most \(SyncLimits.maxMissingQuery) files")
        }
        var (present, missing): ([String], [String]) = ([], [])
        for hash in hashes where blobs.path(for: hash) != nil {
            if blobs.contains(hash) { present.append(hash) } else { missing.append(hash) }
        }
        // What the device will now name in a submission must outlive the upload collection's grace.
        try uploads.keep(present, now: nowMilliseconds())
        return JSONOut.response(200, JSONOut.obj([("missing", JSONOut.arr(missing.map(JSONOut.s)))]))
    }

    /// `PUT /api/v1/sync/blobs/{sha256}`: a submitted file, checked against its name.
    func syncPutBlob(_ context: RequestContext) throws -> HTTPResponse {
        let hash = context.parameter("sha256")
        try workGates.upload.enter()
        defer { workGates.upload.leave() }
        guard blobs.path(for: hash) != nil else {
            throw APIError.badRequest("the path must end with the file's SHA-256 in lowercase hex")
        }
        guard case .file(let upload, _) = context.request.body else {
            throw APIError.badRequest("send the file's bytes as the body")
        }
        let user = try context.user
        // The hash is checked before anything is kept: a wrong upload leaves nothing behind.
        let digest = try SHA256.hash(fileAt: upload).hex
        guard digest == hash else {
            throw APIError.unprocessable(
                "the bytes' SHA-256 is \(digest), not \(hash): upload the right file", code: "hash_mismatch")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: upload)[.size] as? NSNumber)?.int64Value ?? 0
        let quota = try uploads.record(userID: user.id, sha256: hash, size: size, now: nowMilliseconds())
        guard quota.recorded else {
            let mib = { (bytes: Int64) in "\((bytes + (1 << 20) - 1) >> 20) MiB" }
            throw APIError(
                status: 507, code: "quota_exceeded",
                message:
                    "your files on the server use \(mib(quota.used)) of \(mib(ServerLimits.maxUploadBytesPerUser)); "
                    + "this one (\(mib(size))) does not fit: ask your teacher or admin")
        }
        if blobs.contains(hash) { return HTTPResponse(status: 204) }
        do { try blobs.storeCopy(ofFileAt: upload, verifiedSHA256: digest, hardLink: true) } catch {
            throw StorageFull.matches(error)
                ? APIError.insufficientStorage() : APIError.internalError("cannot keep the upload")
        }
        return HTTPResponse(status: 204)
    }
}
