import Testing

@testable import SyncServer

/// The allocator setting `serve` makes (its effect on memory is measured by
/// scripts/bench/hostile_memory.py, docs/BENCHMARKS.md).
struct ProcessMemoryTests {
    @Test func glibcTakesTheFixedMappingThreshold() {
        #expect(ProcessMemory.mapAllocations(atLeast: ServerLimits.mappedAllocationBytes))
    }
}
