import Foundation
import LMSModel
import Testing

/// The hybrid logical clock and the merge rule of forum posts: replicas converge whatever the order.
struct PostMergeTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func base() -> Post {
        Post(
            id: "p1", courseID: "c", lessonID: "l1", authorID: "u1", authorName: "ana", title: "Q", body: "first",
            createdAt: t0, revision: HLCTimestamp(wallMilliseconds: 1_800_000_000_000, node: "devA"))
    }

    @Test func clock_IsMonotonic_WhenTheWallClockGoesBack() {
        var clock = HybridLogicalClock(node: "a")
        let first = clock.now(t0)
        let second = clock.now(t0.addingTimeInterval(-60)) // the clock was set back a minute
        let third = clock.now(t0)
        #expect(first < second && second < third)
        #expect(second.wallMilliseconds == first.wallMilliseconds && second.counter == 1)
        let later = clock.now(t0.addingTimeInterval(1))
        #expect(later.counter == 0 && later.wallMilliseconds == first.wallMilliseconds + 1000)
    }

    @Test func clock_OrdersAfterWhatItObserved_EvenFromAFastClock() {
        var slow = HybridLogicalClock(node: "slow")
        let remote = HLCTimestamp(wallMilliseconds: 1_900_000_000_000, counter: 7, node: "fast")
        slow.observe(remote)
        let next = slow.now(t0)
        #expect(next > remote)
        #expect(next.node == "slow")
        slow.observe(HLCTimestamp(wallMilliseconds: 1, node: "old")) // older: changes nothing
        #expect(slow.now(t0) > next)
    }

    @Test func timestamp_RoundTripsAndSortsAsText() throws {
        let a = HLCTimestamp(wallMilliseconds: 999, counter: 12, node: "dev-1")
        let b = HLCTimestamp(wallMilliseconds: 1000, counter: 0, node: "a")
        #expect(a.description == "0000000000999-000012-dev-1")
        #expect(HLCTimestamp(a.description) == a)
        #expect(a < b && a.description < b.description)
        for bad in ["", "1-2-3", "000000000099x-000012-n", "0000000000999-000012-", "0000000000999-12-n"] {
            #expect(HLCTimestamp(bad) == nil, "\(bad)")
        }
    }

    @Test func edits_Converge_WhateverTheOrder() {
        let p = base()
        var a = HybridLogicalClock(node: "devA", last: p.revision)
        var b = HybridLogicalClock(node: "devB", last: p.revision)
        let editA = p.edited(title: "Q?", body: "from A", at: a.now(t0.addingTimeInterval(10)))
        let editB = p.edited(title: nil, body: "from B", at: b.now(t0.addingTimeInterval(20)))
        let one = p.merged(with: editA).merged(with: editB)
        let two = p.merged(with: editB).merged(with: editA)
        let three = editB.merged(with: editA.merged(with: p))
        #expect(one == two && two == three)
        #expect(one.body == "from B" && one.title == "Q" && one.edited)
        #expect(one.merged(with: one) == one)
    }

    @Test func equalRevisions_StillConverge() {
        let p = base()
        var x = p
        x.body = "x"
        var y = p
        y.body = "y"
        #expect(x.merged(with: y) == y.merged(with: x))
    }

    @Test func delete_BeatsLaterEdits() {
        let p = base()
        var teacher = HybridLogicalClock(node: "teacher", last: p.revision)
        var author = HybridLogicalClock(node: "author", last: p.revision)
        let tomb = p.deleted(by: "t1", at: teacher.now(t0.addingTimeInterval(5)))
        let lateEdit = p.edited(title: nil, body: "edited offline later", at: author.now(t0.addingTimeInterval(50)))
        for merged in [
            tomb.merged(with: lateEdit), lateEdit.merged(with: tomb), p.merged(with: lateEdit).merged(with: tomb)
        ] {
            #expect(merged.deleted && merged.body.isEmpty && merged.title == "" && merged.deletedBy == "t1")
        }
        #expect(tomb.merged(with: lateEdit) == lateEdit.merged(with: tomb))
    }

    @Test func twoDeletes_AgreeOnWhoDeleted() {
        let p = base()
        let d1 = p.deleted(by: "u1", at: HLCTimestamp(wallMilliseconds: 2_000_000_000_000, node: "a"))
        let d2 = p.deleted(by: "t1", at: HLCTimestamp(wallMilliseconds: 2_000_000_000_001, node: "b"))
        #expect(d1.merged(with: d2) == d2.merged(with: d1))
        #expect(d1.merged(with: d2).deletedBy == "t1")
    }

    @Test func payloads_RoundTrip() {
        var post = base()
        post.threadID = "t9"
        post = post.edited(
            title: nil, body: "b", at: HLCTimestamp(wallMilliseconds: 1_800_000_000_500, counter: 3, node: "n"))
        #expect(Post(id: post.id, payload: post.payload) == post)
        let message = DirectMessage(
            id: "m1", courseID: "c", fromID: "u1", fromName: "ana", toID: "", toName: "teo", body: "hi", sentAt: t0)
        #expect(DirectMessage(id: "m1", payload: message.payload) == message)
        let note = Announcement(
            id: "a1", courseID: "c", authorID: "t", authorName: "teo", title: "T", body: "B", createdAt: t0)
        #expect(Announcement(id: "a1", payload: note.payload) == note)
        #expect(Post(id: "x", payload: ["course": "c", "body": "b"]) == nil) // no revision
        #expect(DirectMessage(id: "m", payload: ["course": "c", "body": "b", "sentAt": 1]) == nil) // no recipient
        let entry = ChangeEntry.post(post, deviceID: "d", profileID: "p", at: t0)
        #expect(entry.kind == .post && entry.entityID == post.id)
        #expect(ChangeEntry.message(message, deviceID: "d", profileID: "p", at: t0).kind == .message)
        #expect(ChangeEntry.announcement(note, deviceID: "d", profileID: "p", at: t0).kind == .announcement)
        #expect(entry.payload["user"] == nil)
    }

    @Test func anyOrderOfDelivery_Converges_WithEditsAndDeletesFromManyDevices() {
        let p = base()
        var replicas: [Post] = [p]
        for (i, node) in ["a", "b", "c", "d"].enumerated() {
            var clock = HybridLogicalClock(node: node, last: p.revision)
            let at = clock.now(t0.addingTimeInterval(Double(i * 7 % 5))) // clocks that disagree
            replicas.append(
                i == 2 ? p.deleted(by: "t", at: at) : p.edited(title: "T\(i)", body: "from \(node)", at: at))
        }
        var generator = SystemRandomNumberGenerator()
        var results: Set<Post> = []
        for _ in 0..<200 {
            let order = replicas.shuffled(using: &generator)
            // Merged left to right, and as a tree (pairs first): the same.
            results.insert(order.dropFirst().reduce(order[0]) { $0.merged(with: $1) })
            let pairs = stride(from: 0, to: order.count, by: 2).map { i in
                i + 1 < order.count ? order[i].merged(with: order[i + 1]) : order[i]
            }
            results.insert(pairs.dropFirst().reduce(pairs[0]) { $0.merged(with: $1) })
        }
        #expect(results.count == 1)
        #expect(results.first?.deleted == true && results.first?.deletedBy == "t")
    }
}
