import Testing

@testable import LMSModel
@testable import SyncServer

/// `lms-server`'s command lines, as docs/OPERATIONS.md and the tests write them, through the shared parser.
@Suite struct ServerCommandTests {
    @Test func everyDocumentedCommandLine_Parses() throws {
        let lines: [[String]] = [
            ["init", "--data", "/d", "--admin", "admin", "--admin-password-stdin"],
            ["serve", "--data", "/d", "--host", "127.0.0.1", "--port", "8080"],
            ["serve", "--data=/d", "--trusted-proxy", "127.0.0.1,10.0.0.1"],
            ["backup", "--data", "/d", "--to", "/b.zip"], ["gc", "--data", "/d"],
            ["restore", "--data", "/d", "--from", "/b.zip", "--force"], ["serve"], ["--version"], ["version"]
        ]
        for line in lines {
            #expect(throws: Never.self, "\(line)") {
                try ServerCommand.parseOptions(Array(line.dropFirst()), command: line[0])
            }
        }
        let restore = try ServerCommand.parseOptions(
            ["--data", "/d", "--from", "/b.zip", "--force"], command: "restore")
        #expect(restore.value("from") == "/b.zip" && restore.value("data") == "/d" && restore.has("force"))
    }

    @Test func anOptionOfAnotherCommand_IsRefused_NamingTheCommandThatTakesIt() {
        #expect { try ServerCommand.parseOptions(["--data", "/d", "--force"], command: "backup") } throws: {
            "\($0)" == "--force is an option of lms-server restore, not of backup (backup takes --data, --to)"
        }
        #expect { try ServerCommand.parseOptions(["--data", "/d", "--port=80"], command: "gc") } throws: {
            "\($0)" == "--port is an option of lms-server serve, not of gc (gc takes --data)"
        }
        #expect { try ServerCommand.parseOptions(["--data", "/d", "--to", "/b"], command: "init") } throws: {
            "\($0)".hasPrefix("--to is an option of lms-server backup, not of init (init takes --admin, --data,")
        }
        #expect { try ServerCommand.parseOptions(["--dat", "/d"], command: "gc") } throws: {
            "\($0)" == "unknown option --dat (did you mean --data?)"
        }
    }

    @Test func positionalsAndUnknownCommands_AreUsageErrors() {
        #expect { try ServerCommand.parseOptions(["/d"], command: "serve") } throws: {
            "\($0)" == "unexpected argument /d"
        }
        #expect { try ServerCommand.parseOptions([], command: "serv") } throws: {
            "\($0)" == "unknown command \"serv\" (did you mean serve?)"
        }
    }

    @Test func aUsageMistake_ShowsTheUsageOfItsCommand_NotOfEveryCommand() {
        #expect(
            ServerCommand.usage(of: "backup")
                == "usage:\n  lms-server backup --data DIR --to FILE\n(lms-server help shows every command)")
        #expect(ServerCommand.usage(of: "serv") == ServerCommand.usage, "an unknown command: all of them")
    }

    @Test func help_AfterACommand_PrintsUsage() throws {
        #expect(try ServerCommand.parseOptions(["-h"], command: "backup").has("help"))
    }
}
