import Foundation
@testable import CoursePackage

/// A folder under the system temp directory, removed when the value is released.
final class ScratchFolder {
    let path: String

    init(_ name: String = "t") {
        path = NSTemporaryDirectory() + "lms-\(name)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` at a relative path, creating folders.
    func write(_ relative: String, _ text: String) {
        write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: data)
    }

    func sub(_ relative: String) -> String { path + "/" + relative }
}

/// The repository's root (for samples/).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Copies a sample course into `folder` and returns its path.
func copySample(_ name: String, into folder: ScratchFolder, as newName: String? = nil) throws -> String {
    let target = folder.sub(newName ?? name)
    try FileManager.default.copyItem(atPath: repositoryRoot + "/samples/" + name, toPath: target)
    return target
}

/// Runs a tool and returns its exit status and combined output.
@discardableResult
func runTool(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> (
    status: Int32, output: String
) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
