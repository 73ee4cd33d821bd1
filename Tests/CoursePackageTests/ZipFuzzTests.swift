import Foundation
import LMSModel
import Testing
@testable import CoursePackage

@Suite struct ZipFuzzTests {
    /// Number of mutated archives tried.
    static let iterations = 3_000
    /// Wall-clock budget for the whole loop, in seconds.
    static let budgetSeconds = 120.0

    /// A small valid archive with stored, deflated, empty and directory entries.
    private func seedArchive() throws -> [UInt8] {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try ZipWriter(path: dir.file("seed.zip"))
        try writer.addData(path: "a.txt", Data(String(repeating: "abc ", count: 200).utf8), method: .deflate)
        try writer.addData(path: "b/c.bin", Data((0..<300).map { UInt8($0 % 251) }), method: .store)
        try writer.addData(path: "b/empty", Data(), method: .deflate)
        try writer.finish()
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.file("seed.zip"))))
    }

    @Test func mutatedArchivesNeverCrash() throws {
        let seed = try seedArchive()
        var generator = SplitMix64(seed: 0xC0FFEE)
        let dir = try TempDir()
        defer { dir.cleanup() }
        let start = Date()
        var accepted = 0
        for iteration in 0..<Self.iterations {
            var bytes = seed
            let mutations = 1 + Int(generator.next() % 4)
            for _ in 0..<mutations {
                let position = Int(generator.next() % UInt64(max(1, bytes.count)))
                switch generator.next() % 5 {
                case 0, 1: if !bytes.isEmpty { bytes[position] ^= UInt8(truncatingIfNeeded: generator.next() | 1) }
                case 2: if !bytes.isEmpty { bytes[position] = [0x00, 0xFF, 0x7F, 0x80][Int(generator.next() % 4)] }
                case 3: bytes.removeSubrange(position..<min(bytes.count, position + Int(generator.next() % 16)))
                default: bytes.insert(contentsOf: generator.bytes(Int(generator.next() % 8) + 1), at: position)
                }
            }
            do {
                try openAndReadAll(bytes)
                // Extraction through the file path as well, every 10th iteration (it is slower).
                if iteration % 10 == 0 {
                    try write(bytes, to: dir.file("m.zip"))
                    try ZipReader(path: dir.file("m.zip")).extractAll(to: dir.file("out\(iteration)")) { _, _ in }
                }
                accepted += 1
            } catch is ZipError {
                if iteration % 10 == 0 {
                    #expect(!FileManager.default.fileExists(atPath: dir.file("out\(iteration)")))
                }
            }
            #expect(Date().timeIntervalSince(start) < Self.budgetSeconds)
        }
        // No temp directories may be left behind.
        #expect(!dir.listing().contains { $0.hasPrefix(".") })
        print("fuzz: \(accepted) of \(Self.iterations) mutated archives accepted")
    }
}
