import Foundation
import LMSModel

/// The pull (docs/PROTOCOL.md §5).
extension SyncSession {
    /// Pulls pages from the cursor while the server says there is `more`; each page is applied
    /// and the cursor moved in one transaction, so a cut pull repeats at most one page, harmlessly.
    func pull() throws {
        for _ in 0..<SyncLimits.maxPullPages {
            progress.note(Messages.t(.progressPulling, report.pulled.changes))
            let path =
                "/api/v1/sync/pull?cursor=\(ServerConnection.escape(account.cursor))&limit=\(SyncLimits.pullPageLimit)"
            let answer = try http.send(
                "GET", path, headers: ["Accept": SyncFrame.contentType, "Accept-Encoding": "gzip"],
                maxBytes: SyncLimits.maxFrameBytes)
            let page = try SyncFrame.decode(answer.body)
            guard let cursor = page["cursor"]?.stringValue, let changes = page["changes"]?.arrayValue else {
                throw SyncError(.badAnswer("a pull page without \"cursor\" or \"changes\""))
            }
            let counts = try ChangeApplier.applyPage(
                changes, cursor: cursor, profile: profile, userID: account.userID,
                queue: queue, now: clock())
            account.cursor = cursor
            report.pulled.add(counts)
            if page["more"]?.boolValue != true { return }
        }
        throw SyncError(.badAnswer("more than \(SyncLimits.maxPullPages) pull pages"))
    }
}
