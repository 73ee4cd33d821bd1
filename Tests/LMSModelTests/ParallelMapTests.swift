import Foundation
import LMSModel
import Synchronization
import Testing

@Suite struct ParallelMapTests {
    @Test(arguments: [0, 1, 63, 64, 65, 1_000, 10_007])
    func mapsEveryItemOnceInOrder(count: Int) {
        let items = Array(0..<count)
        let calls = Atomic<Int>(0)
        let mapped = ParallelMap.map(items) { item in
            calls.add(1, ordering: .relaxed)
            return "\(item * 3)"
        }
        #expect(mapped == items.map { "\($0 * 3)" })
        #expect(calls.load(ordering: .relaxed) == count)
    }
}
