import Foundation
import Testing

/// `sync` as cron runs it: a failure is quiet on standard output and plain on standard error.
struct SyncCommandsTests {
    @Test func failedSyncAll_UnderQuiet_PrintsNothingOnStdout_AndNamesTheServerAndCause() throws {
        let world = try SyncWorld(publish: false)
        try world.createUser("joseph")
        let device = try world.device("joseph")
        kill(world.process.processIdentifier, SIGKILL)
        world.process.waitUntilExit()
        let quiet = try device.run(["sync", "--all", "--quiet"])
        #expect(quiet.status == 1)
        #expect(quiet.stdout.isEmpty, "stdout: \(quiet.stdout)")
        #expect(
            quiet.stderr.contains(
                "joseph: cannot reach the server \(world.base): nothing answers there (the server is not running"),
            "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("Couldn't connect") && !quiet.stderr.contains("Failed to connect"))
        let loud = try device.run(["sync"])
        #expect(!loud.stdout.contains("pushed 0, pulled 0"), "a failed sync reports no empty summary")
    }

    @Test func spanish_NamesTheCauseInSpanish() throws {
        let world = try SyncWorld(publish: false)
        try world.createUser("joseph")
        let device = try world.device("joseph")
        kill(world.process.processIdentifier, SIGKILL)
        world.process.waitUntilExit()
        let result = try device.run(["sync", "--quiet"], ["LANG": "es_ES.UTF-8"])
        #expect(result.stderr.contains("no se puede contactar con el servidor \(world.base): nada responde allí"))
    }
}
