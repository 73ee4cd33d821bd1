import CZlib
import Foundation

/// A streaming CRC-32 (ISO-HDLC / ZIP polynomial) backed by zlib's `crc32`.
public struct CRC32: Sendable {
    /// zlib's `crc32` takes a `uInt` length, so larger buffers are fed in slices of this many bytes (1 GiB).
    static let maxSliceBytes = 1 << 30

    /// The checksum of all bytes fed so far (0 before any update).
    public private(set) var value: UInt32 = 0

    /// Creates a checksum in its initial state.
    public init() {}

    /// Feeds the bytes in `buffer`.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        // Bounded: each iteration consumes up to maxSliceBytes of a finite buffer.
        while offset < buffer.count {
            let length = min(Self.maxSliceBytes, buffer.count - offset)
            let pointer = (base + offset).assumingMemoryBound(to: Bytef.self)
            value = UInt32(truncatingIfNeeded: crc32(uLong(value), pointer, uInt(length)))
            offset += length
        }
    }

    /// Feeds the bytes of `data`.
    public mutating func update(data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Feeds `bytes` (for example `[UInt8]`).
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Returns the CRC-32 of `data`.
    public static func checksum(_ data: Data) -> UInt32 {
        var crc = CRC32()
        crc.update(data: data)
        return crc.value
    }

    /// Returns the CRC-32 of `bytes`.
    public static func checksum(bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        bytes.withUnsafeBytes { crc.update($0) }
        return crc.value
    }
}
