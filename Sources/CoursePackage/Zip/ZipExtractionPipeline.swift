import Dispatch

/// Copies decoded entry data to a file, optionally hashing it with SHA-256 on a second thread.
///
/// Two output buffers alternate: while chunk *n* is hashed in the background, chunk *n+1* is
/// decoded, CRC-checked and written, so hashing and I/O use both cores.
final class ZipExtractionPipeline {
    /// How the SHA-256 of an entry is computed.
    enum HashMode {
        /// Not at all.
        case none
        /// On the calling thread.
        case inline
        /// On a background serial queue, overlapping with decoding and writing.
        case background
    }

    /// Mutable hasher shared with the background queue; only touched on that queue until
    /// the final `sync`.
    private final class HashBox: @unchecked Sendable {
        /// The running hash.
        var hasher = SHA256()
    }

    /// A buffer handed to the hashing queue; the pipeline does not reuse it until the
    /// corresponding group is done.
    private struct Chunk: @unchecked Sendable {
        /// The bytes to hash.
        let bytes: UnsafeRawBufferPointer
    }

    /// The two alternating output buffers.
    private let buffers: [UnsafeMutableRawBufferPointer]
    /// One group per buffer, tracking its pending hash task.
    private let groups = [DispatchGroup(), DispatchGroup()]
    /// Serial queue running hash tasks in order.
    private let queue = DispatchQueue(label: "CoursePackage.zip.sha256")

    /// Allocates two buffers of `chunkBytes` bytes.
    init(chunkBytes: Int) {
        buffers = [.allocate(byteCount: chunkBytes, alignment: 16), .allocate(byteCount: chunkBytes, alignment: 16)]
    }

    deinit {
        for group in groups { group.wait() }
        for buffer in buffers { buffer.deallocate() }
    }

    /// Streams `stream` into `file`; returns the SHA-256 unless `hashMode` is `.none`.
    func copy(_ stream: ZipEntryStream, to file: ZipFileDescriptor, hashMode: HashMode) throws -> SHA256Digest? {
        let box = HashBox()
        defer { for group in groups { group.wait() } }
        var turn = 0
        // Bounded: the stream ends after the declared size (+1 byte, which throws).
        while true {
            let buffer = buffers[turn]
            groups[turn].wait()
            let count = try stream.next(into: buffer)
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            try file.write(chunk)
            switch hashMode {
            case .none: break
            case .inline: box.hasher.update(chunk)
            case .background:
                let pending = Chunk(bytes: chunk)
                queue.async(group: groups[turn]) { box.hasher.update(pending.bytes) }
            }
            turn ^= 1
        }
        guard hashMode != .none else { return nil }
        return queue.sync { box.hasher.finalize() }
    }
}
