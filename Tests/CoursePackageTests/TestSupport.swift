import Foundation
import LMSModel
import Testing
@testable import CoursePackage

/// A fresh temporary directory removed by `cleanup()`.
struct TempDir {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "cptest-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
    /// Names in the directory (to check that no temp dirs are left behind).
    func listing() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? [] }
}

/// Runs a command; returns (exit status, stdout+stderr).
@discardableResult
func run(_ arguments: [String], cwd: String? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Builds a ZIP by hand so every field can be made hostile.
struct RawZip {
    struct Entry {
        var name: [UInt8]
        var data: [UInt8] // stored bytes as written (already compressed if method 8)
        var method: UInt16 = 0
        var flags: UInt16 = 0x0800
        var crc: UInt32
        var uncompressedSize: UInt32
        var madeBy: UInt16 = 0x031E
        var externalAttributes: UInt32 = (0o100644 as UInt32) << 16
        var localName: [UInt8]? = nil
        var localMethod: UInt16? = nil
        var localFlags: UInt16? = nil
        var offsetOverride: UInt32? = nil
        var centralCompressedSize: UInt32? = nil
        var diskStart: UInt16 = 0

        init(_ name: String, _ text: String) {
            self.name = Array(name.utf8)
            data = Array(text.utf8)
            crc = CRC32.checksum(bytes: data)
            uncompressedSize = UInt32(data.count)
            if name.hasSuffix("/") { externalAttributes = (0o40755 as UInt32) << 16 | 0x10 }
        }
    }

    var entries: [Entry]
    var eocdDisk: UInt16 = 0
    var eocdEntryCount: UInt16? = nil
    var comment: [UInt8] = []

    func build() -> [UInt8] {
        var out = ZipByteWriter()
        var offsets: [UInt32] = []
        for entry in entries {
            offsets.append(UInt32(out.bytes.count))
            let name = entry.localName ?? entry.name
            out.u32(0x0403_4b50)
            out.u16(20)
            out.u16(entry.localFlags ?? entry.flags)
            out.u16(entry.localMethod ?? entry.method)
            out.u16(0)
            out.u16(0x21)
            out.u32(entry.crc)
            out.u32(UInt32(entry.data.count))
            out.u32(entry.uncompressedSize)
            out.u16(UInt16(name.count))
            out.u16(0)
            out.append(name)
            out.append(entry.data)
        }
        let centralStart = out.bytes.count
        for (index, entry) in entries.enumerated() {
            out.u32(0x0201_4b50)
            out.u16(entry.madeBy)
            out.u16(20)
            out.u16(entry.flags)
            out.u16(entry.method)
            out.u16(0)
            out.u16(0x21)
            out.u32(entry.crc)
            out.u32(entry.centralCompressedSize ?? UInt32(entry.data.count))
            out.u32(entry.uncompressedSize)
            out.u16(UInt16(entry.name.count))
            out.u16(0)
            out.u16(0)
            out.u16(entry.diskStart)
            out.u16(0)
            out.u32(entry.externalAttributes)
            out.u32(entry.offsetOverride ?? offsets[index])
            out.append(entry.name)
        }
        let centralSize = out.bytes.count - centralStart
        let count = eocdEntryCount ?? UInt16(entries.count)
        out.u32(0x0605_4b50)
        out.u16(eocdDisk)
        out.u16(eocdDisk)
        out.u16(count)
        out.u16(count)
        out.u32(UInt32(centralSize))
        out.u32(UInt32(centralStart))
        out.u16(UInt16(comment.count))
        out.append(comment)
        return out.bytes
    }
}

/// Raw-deflates `bytes` with zlib (level 6) through the writer's deflater.
func rawDeflate(_ bytes: [UInt8]) throws -> [UInt8] {
    let deflater = try ZipDeflater()
    let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { output.deallocate() }
    var result: [UInt8] = []
    try bytes.withUnsafeBytes { input in
        try deflater.compress(input, finish: true, output: output) { result.append(contentsOf: $0) }
    }
    return result
}

/// Writes `bytes` to `path`.
func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Reads and fully extracts an archive from memory-or-file bytes; returns the error, if any.
func openAndReadAll(_ bytes: [UInt8], limits: ZipLimits = .default) throws {
    let reader = try ZipReader(bytes: bytes, limits: limits)
    for entry in reader.entries where !entry.isDirectory { try reader.read(entry) { _ in } }
}

/// Asserts that opening (and reading) `bytes` fails with exactly `expected`.
func expectRefusal(
    _ bytes: [UInt8], _ expected: ZipError, limits: ZipLimits = .default,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        try openAndReadAll(bytes, limits: limits)
        Issue.record("expected \(expected), but the archive was accepted", sourceLocation: sourceLocation)
    } catch let error as ZipError {
        #expect(error == expected, sourceLocation: sourceLocation)
        #expect(!error.description.isEmpty, sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

extension SplitMix64 {
    /// `count` deterministic pseudo-random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
