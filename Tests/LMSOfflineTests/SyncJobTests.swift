import Foundation
import Testing

@testable import lms_offline

/// The study app's sync line: what came and went, read from `sync --json`.
struct SyncJobTests {
    func report(_ profile: String) -> Data { Data(#"{"ok": true, "profiles": [\#(profile)]}"#.utf8) }

    @Test func summary_SaysWhatWasSentAndReceived_AndCourseUpdates() {
        let json = report(
            #"{"profile": "ana", "ok": true, "pushed": 3, "rejected": 0, "pulled": 5, "grades": 2, "rejections": 0,"#
                + #""updates": [{"course": "cooking", "from": "1.0.0", "to": "1.1.0"},"#
                + #"{"course": "art", "from": null, "to": "2.0.0"}], "error": null, "loginExpired": false}"#)
        #expect(
            SyncJob.summary(json: json, errors: Data())
                == "Synced: sent 3, received 5 (2 grades), updated cooking to 1.1.0, installed art 2.0.0.")
        let one = report(#"{"profile": "ana", "ok": true, "pushed": 0, "pulled": 3, "grades": 1, "updates": []}"#)
        #expect(SyncJob.summary(json: one, errors: Data()).contains("received 3 (1 grade)"))
    }

    @Test func summary_NoNetwork_IsACalmLine() {
        let json = report(
            #"{"profile": "ana", "ok": false, "pushed": 0, "pulled": 0, "grades": 0, "updates": [],"#
                + #""error": "cannot reach http://x: Could not resolve host\nmore", "loginExpired": false}"#)
        let line = SyncJob.summary(json: json, errors: Data())
        #expect(line.hasPrefix("Not synced now (cannot reach http://x: Could not resolve host): nothing is lost"))
        #expect(!line.contains("\n"))
    }

    @Test func summary_WithoutAReport_ShowsTheLastErrorLine() {
        let errors = Data("warning\nlms-offline sync: not logged in: run lms-offline login\n".utf8)
        #expect(SyncJob.summary(json: Data(), errors: errors) == "not logged in: run lms-offline login")
        #expect(SyncJob.summary(json: Data(), errors: Data()) == "Sync ended.")
    }

    @Test func bar_StaysInsideItsWidth() {
        for step in 0..<40 {
            let bar = SyncJob.bar(elapsed: Double(step) / 4)
            #expect(bar.count == 12)
            #expect(bar.filter { $0 == "▰" }.count == 3)
        }
    }
}
