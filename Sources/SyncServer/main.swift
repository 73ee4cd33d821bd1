import Foundation

/// The `lms-server` program. For now it reports its version; serving comes with the server issue.
let version = "0.1.0"
let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "--version", "version":
    print("lms-server \(version)")
    exit(0)
case "http-selftest":
    exit(runHTTPSelfTest(arguments: Array(args.dropFirst())))
case nil, "help", "--help", "-h":
    print("lms-server \(version)\nusage: lms-server --version\n(the server commands init, serve, backup and restore are not built yet)")
    exit(0)
default:
    FileHandle.standardError.write(Data("lms-server: unknown command \"\(args[0])\"; run lms-server --help\n".utf8))
    exit(2)
}
