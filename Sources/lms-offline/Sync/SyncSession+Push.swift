import Foundation
import LMSDatabase
import LMSModel

/// The push (docs/PROTOCOL.md §4, §9).
extension SyncSession {
    /// Sends the outbox past the server's `acked` in batches of `SyncLimits.maxPushEntries`, the
    /// files of submissions first. The server's `acked` is taken as it comes: with `resumeFrom`, or
    /// after a restore, it can be lower than before, and the next batch starts right after it.
    func push() throws {
        let total = try queue.read { db in
            try OutboxReader.pendingCount(profileID: profile.id, after: account.acked, in: db)
        }
        var sent = 0
        for _ in 0..<SyncLimits.maxPushRounds {
            let batch = try queue.read { db in
                try OutboxReader.entries(
                    profileID: profile.id, after: account.acked, limit: SyncLimits.maxPushEntries, in: db)
            }
            if batch.isEmpty { return }
            progress.step(Messages.t(.progressPushing, total), min(sent, total), of: total)
            try uploadFiles(of: batch)
            let before = account.acked
            let answer = try sendPush(batch)
            try record(answer, batch: batch)
            let acknowledged = batch.filter { $0.seq > before && $0.seq <= account.acked }.count
            sent += acknowledged
            report.pushed += acknowledged
            if account.acked == before {
                throw SyncError(.badAnswer("the server acknowledged nothing past \(before)"))
            }
        }
        throw SyncError(.badAnswer("more than \(SyncLimits.maxPushRounds) push rounds"))
    }

    /// One push request; its JSON (or frame) answer.
    func sendPush(_ batch: [PushEntry]) throws -> JSONValue {
        let request: JSONValue = .obj([
            ("device", .str(deviceID)), ("clock", .num(Double(nowMilliseconds()))),
            ("cursor", .str(account.cursor)), ("entries", .list(batch.map(\.json)))
        ])
        let answer = try http.send(
            "POST", "/api/v1/sync/push", headers: SyncFrame.requestHeaders, body: try SyncFrame.encode(request),
            maxBytes: SyncLimits.maxFrameBytes)
        if answer.header("content-type")?.hasPrefix(SyncFrame.contentType) == true {
            return try SyncFrame.decode(answer.body)
        }
        do { return try JSONParser.parse(bytes: [UInt8](answer.body)) } catch {
            throw SyncError(.badAnswer("the push answer is not JSON"))
        }
    }

    /// Records a push answer in one transaction: rejections become notifications, entries up to
    /// `acked` are marked pushed, and a new epoch empties the cursor (the next pull starts afresh).
    func record(_ answer: JSONValue, batch: [PushEntry]) throws {
        guard let ackedNumber = answer["acked"]?.numberValue, ackedNumber.isFinite, ackedNumber >= 0, ackedNumber < 9e15
        else {
            throw SyncError(.badAnswer("the push answer has no \"acked\""))
        }
        let acked = Int64(ackedNumber)
        let epoch = answer["epoch"]?.stringValue
        let restored = epoch != nil && account.cursorEpoch != nil && epoch != account.cursorEpoch
        let rejected = answer["rejected"]?.arrayValue ?? []
        let now = clock()
        try queue.write { db in
            for item in rejected {
                guard let n = item["seq"]?.numberValue, n.isFinite, n >= 0, n < 9e15 else { continue }
                let seq = Int64(n)
                let entry = batch.first { $0.seq == seq }
                let stored = entry == nil ? try OutboxReader.entry(seq: seq, in: db) : nil
                try SyncNotes.rejection(
                    db, profileID: profile.id, device: deviceID, seq: seq,
                    kind: entry?.kind ?? stored?.kind ?? "?", entity: entry?.entity ?? stored?.entity ?? "?",
                    refusal: item, now: now)
            }
            try OutboxReader.markAcknowledged(profileID: profile.id, acked: acked, now: now, in: db)
            if restored {
                try SyncAccountStore.resetCursor(of: profile.id, in: db)
            }
        }
        report.rejected += rejected.count
        account.acked = acked
        if restored {
            account.cursor = ""
            report.epochChanged = true
        }
    }

    /// Uploads the files of the batch's submissions that the server lacks (§9).
    func uploadFiles(of batch: [PushEntry]) throws {
        var hashes: [String] = []
        for entry in batch where entry.kind == ChangeEntry.Kind.submission.rawValue {
            for file in entry.payload["files"]?.arrayValue ?? [] {
                if let sha = file["sha256"]?.stringValue, !hashes.contains(sha) { hashes.append(sha) }
            }
        }
        guard !hashes.isEmpty else { return }
        let answer = try http.json(
            "POST", "/api/v1/sync/blobs/missing", .obj([("sha256", .list(hashes.map(JSONValue.str)))]))
        let blobs = try home.blobs()
        for sha in answer["missing"]?.arrayValue?.compactMap(\.stringValue) ?? [] where hashes.contains(sha) {
            // A file gone from this device cannot be sent: the server rejects the submission and the student is told.
            guard let path = blobs.path(for: sha),
                let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
            else { continue }
            _ = try http.send(
                "PUT", "/api/v1/sync/blobs/\(sha)", headers: ["Content-Type": "application/octet-stream"], body: data)
        }
    }
}
