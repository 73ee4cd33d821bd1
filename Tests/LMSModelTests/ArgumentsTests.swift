import Testing

@testable import LMSModel

@Suite struct ArgumentsTests {
    let flags: Set<String> = ["force", "help"]
    let options: Set<String> = ["data", "output", "tag"]

    @Test func optionsFlagsAndPositionals_AreReadInEveryForm() throws {
        let parsed = try Arguments(
            ["add", "--data", "/srv", "--output=out.zip", "--force", "-o", "last.zip", "--tag", "a", "--tag=b", "x"],
            flags: flags, options: options, shortNames: ["o": "output"])
        #expect(parsed.positionals == ["add", "x"])
        #expect(parsed.value("data") == "/srv")
        #expect(parsed.value("output") == "last.zip", "the last value wins")
        #expect(parsed.values("tag") == ["a", "b"])
        #expect(parsed.has("force"))
        #expect(!parsed.has("help"))
    }

    @Test func afterDoubleDash_AndALoneDash_ArePositionals() throws {
        let parsed = try Arguments(["-", "--", "--force", "-o"], flags: flags, options: options)
        #expect(parsed.positionals == ["-", "--force", "-o"])
        #expect(!parsed.has("force"))
    }

    @Test func unknownOption_IsAnError_ThatNamesTheNearestKnownOne() {
        #expect { try Arguments(["--dta", "/srv"], flags: flags, options: options) } throws: {
            "\($0)" == "unknown option --dta (did you mean --data?)"
        }
        #expect { try Arguments(["-x"], flags: flags, options: options) } throws: {
            "\($0)".hasPrefix("unknown option -x")
        }
        #expect { try Arguments(["--outside"], flags: flags, options: options) } throws: {
            "\($0)" == "unknown option --outside"
        }
    }

    @Test func theParsersMistakes_AreValues_ForAProgramToSayInItsLanguage() {
        #expect { try Arguments(["--dta", "/srv"], flags: flags, options: options) } throws: {
            ($0 as? Arguments.UsageError)?.problem == .unknownOption("--dta", suggestion: "data")
        }
        #expect { try Arguments(["--data"], flags: flags, options: options) } throws: {
            ($0 as? Arguments.UsageError)?.problem == .needsValue(option: "data")
                && "\($0)" == "--data needs a value (--data VALUE)"
        }
        #expect { try Arguments(["a", "b"], flags: flags, options: options).expectPositionals(atMost: 1) } throws: {
            ($0 as? Arguments.UsageError)?.problem == .unexpectedArgument("b")
        }
        #expect(Arguments.UsageError(description: "a command's own words").problem == nil)
    }

    @Test func shortNames_AreOnlyThoseGiven() throws {
        #expect(throws: Arguments.UsageError.self) { try Arguments(["-o", "f"], flags: flags, options: options) }
        #expect(try Arguments(["-h"], flags: flags, options: options, shortNames: ["h": "help"]).has("help"))
    }

    @Test func valueMistakes_SayWhatToWrite() {
        #expect { try Arguments(["--data"], flags: flags, options: options) } throws: {
            "\($0)" == "--data needs a value (--data VALUE)"
        }
        #expect { try Arguments(["--force=yes"], flags: flags, options: options) } throws: {
            "\($0)" == "--force takes no value"
        }
    }

    @Test func positionals_AreCheckedByCountAndNamed() throws {
        let parsed = try Arguments(["a", "b"], flags: [], options: [])
        #expect(try parsed.positional(1, "NAME") == "b")
        #expect { try parsed.positional(2, "NAME") } throws: { "\($0)" == "missing NAME" }
        #expect { try parsed.expectPositionals(atMost: 1) } throws: { "\($0)" == "unexpected argument b" }
    }

    @Test func tooManyArguments_AreRefused() {
        let many = [String](repeating: "x", count: Arguments.maxCount + 1)
        #expect(throws: Arguments.UsageError.self) { try Arguments(many, flags: [], options: []) }
    }
}
