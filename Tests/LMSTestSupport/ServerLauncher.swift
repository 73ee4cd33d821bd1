import Foundation

/// Code that the client's and the server's test targets share (test targets cannot import each other).
/// `lms-server init` with the admin password on standard input, then `serve --port 0` in `process`;
/// waits (bounded) for the line that names the port and returns the server's base URL.
public enum ServerLauncher {
    public static func start(
        _ process: Process, output: Pipe, binary: String, data: String, adminPassword: String,
        environment: [String: String]
    ) throws -> String {
        let initialise = Process()
        initialise.executableURL = URL(fileURLWithPath: binary)
        initialise.arguments = ["init", "--data", data, "--admin-password-stdin"]
        initialise.environment = environment
        let input = Pipe()
        initialise.standardInput = input
        initialise.standardOutput = FileHandle.nullDevice
        initialise.standardError = FileHandle.nullDevice
        try initialise.run()
        input.fileHandleForWriting.write(Data((adminPassword + "\n").utf8))
        try input.fileHandleForWriting.close()
        initialise.waitUntilExit()
        guard initialise.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--data", data, "--port", "0"]
        process.environment = environment
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(10)
        while !text.contains("\n"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: "http://127.0.0.1:[0-9]+", options: .regularExpression) else {
            throw CocoaError(.executableLoad)
        }
        return String(text[range])
    }
}
