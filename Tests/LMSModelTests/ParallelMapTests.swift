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

    @Test func longListsAreSpreadOverSeveralThreads() {
        let threads = Mutex<Set<UInt>>([])
        _ = ParallelMap.map(Array(0..<20_000)) { item in
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
            var x = item
            for _ in 0..<200 { x = x &* 31 &+ 7 }
            return x
        }
        let used = threads.withLock { $0.count }
        if ProcessInfo.processInfo.activeProcessorCount > 1 { #expect(used > 1) } else { #expect(used == 1) }
    }
}
