import Foundation
import Testing
@testable import SyncServer

struct WorkGateTests {
    @Test func pastItsLimit_ACallerWaitsThenIsAnsweredBusy_AndAFreedPlaceIsTaken() throws {
        let gate = WorkGate(name: "tests", limit: 1, maxWaitSeconds: 0.05)
        try gate.enter()
        #expect(throws: APIError.self) { try gate.enter() }
        do {
            try gate.enter()
        } catch let error as APIError {
            #expect(error.status == 503 && error.code == "busy")
        }
        gate.leave()
        try gate.enter()
        gate.leave()
    }

    @Test func run_QueuesUntilAPlaceIsFree_NeverMoreThanTheLimitAtOnce() async {
        let gate = WorkGate(name: "tests", limit: 2, maxWaitSeconds: 1)
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    gate.run {
                        counter.change(+1)
                        Thread.sleep(forTimeInterval: 0.01)
                        counter.change(-1)
                    }
                }
            }
        }
        #expect(counter.peak == 2 || counter.peak == 1)
        #expect(counter.value == 0)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var value = 0
        private(set) var peak = 0

        func change(_ by: Int) {
            lock.lock()
            value += by
            peak = max(peak, value)
            lock.unlock()
        }
    }
}
