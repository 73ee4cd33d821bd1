import Dispatch
import Foundation

/// Pure work over a list spread across the machine's cores, the results in the list's order.
///
/// For CPU-bound steps that need no shared state (decoding a push's entries, grading its
/// attempts): the list is cut into contiguous chunks, one `DispatchQueue.concurrentPerform`
/// iteration each; the caller's thread takes part and returns when every chunk is done.
public enum ParallelMap {
    /// Lists shorter than this are mapped on the caller's thread: handing out the chunks
    /// costs more than it saves (a few microseconds per chunk).
    public static let minimumItemsPerChunk = 64

    /// Chunks per core: a little more than one, so that a core that finishes early takes another.
    static let chunksPerCore = 2

    /// `items.map(transform)`, computed on all cores. `transform` must not touch shared mutable state.
    public static func map<Item: Sendable, Mapped: Sendable>(
        _ items: [Item], _ transform: @Sendable (Item) -> Mapped
    ) -> [Mapped] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = min(cores * chunksPerCore, items.count / minimumItemsPerChunk)
        guard cores > 1, chunks > 1 else { return items.map(transform) }
        let chunkSize = (items.count + chunks - 1) / chunks
        return [Mapped](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let output = SendableBuffer(base: buffer.baseAddress)
            items.withUnsafeBufferPointer { input in
                let source = SendableInput(buffer: input)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = chunk * chunkSize
                    let end = min(start + chunkSize, source.buffer.count)
                    guard start < end, let base = output.base else { return }
                    // Each chunk initialises only its own slots.
                    for index in start..<end { (base + index).initialize(to: transform(source.buffer[index])) }
                }
            }
            initialized = items.count
        }
    }

    /// The output's memory, shared by the chunks: each writes a disjoint range.
    private struct SendableBuffer<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>?
    }

    /// The input, read by every chunk while `map` waits for them.
    private struct SendableInput<Element>: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<Element>
    }
}
