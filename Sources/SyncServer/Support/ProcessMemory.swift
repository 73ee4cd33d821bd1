/// glibc's `mallopt` (malloc.h is not part of Swift's Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// The process's allocator settings.
enum ProcessMemory {
    /// malloc.h's `M_MMAP_THRESHOLD`.
    private static let mmapThreshold: Int32 = -3

    /// Maps allocations of at least `bytes` on their own and gives them back to the system when
    /// freed. Setting it fixes the threshold: glibc otherwise raises its own after each large free,
    /// and each request thread's arena then keeps a push's value list (≈16 MB at the 500,000-value
    /// cap) for good. Returns whether glibc took it.
    @discardableResult
    static func mapAllocations(atLeast bytes: Int) -> Bool {
        glibcMallopt(mmapThreshold, Int32(clamping: bytes)) == 1
    }
}
