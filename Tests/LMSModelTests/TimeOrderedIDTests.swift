import Foundation
import LMSModel
import Testing

@Suite struct TimeOrderedIDTests {

    @Test func idsAreLowercaseVersion7UUIDsWithTheRFCVariant() throws {
        var generator = SplitMix64(seed: 1)
        for _ in 0..<1_000 {
            let id = TimeOrderedID.make(milliseconds: 1_767_225_600_000, using: &generator)
            #expect(id.count == 36)
            #expect(id == id.lowercased())
            let uuid = try #require(UUID(uuidString: id))
            let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 7)
            #expect(bytes[8] >> 6 == 0b10)
        }
    }

    @Test func theTimeComesBackAndLeadsTheId() {
        var generator = SplitMix64(seed: 2)
        let id = TimeOrderedID.make(milliseconds: 0x0190_1234_5678, using: &generator)
        #expect(id.hasPrefix("01901234-5678-7"))
        #expect(TimeOrderedID.milliseconds(of: id) == 0x0190_1234_5678)
        #expect(TimeOrderedID.milliseconds(of: UUID().uuidString) == nil) // version 4
        #expect(TimeOrderedID.milliseconds(of: "not an id") == nil)
    }

    @Test func idsMadeLaterSortAfterEarlierOnes() {
        var generator = SplitMix64(seed: 3)
        var previous = ""
        for millisecond in stride(from: UInt64(1_700_000_000_000), to: 1_700_000_000_000 + 5_000, by: 7) {
            let id = TimeOrderedID.make(milliseconds: millisecond, using: &generator)
            #expect(id > previous, "\(id) after \(previous)")
            previous = id
        }
    }

    @Test func idsMadeInTheSameMillisecondDiffer() {
        var ids: Set<String> = []
        for _ in 0..<10_000 { ids.insert(TimeOrderedID.make()) }
        #expect(ids.count == 10_000)
        let now = UInt64(Date().timeIntervalSince1970 * 1000)
        let made = TimeOrderedID.milliseconds(of: TimeOrderedID.make()) ?? 0
        #expect(made <= now + 1_000 && made + 60_000 >= now)
    }
}
