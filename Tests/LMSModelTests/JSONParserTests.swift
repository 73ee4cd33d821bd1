import Testing
@testable import LMSModel

struct JSONParserTests {
    @Test func values_RecordTheirLines() throws {
        let json = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null\n  ]\n}")
        #expect(json.line == 1)
        #expect(json["a"]?.line == 2)
        #expect(json["b"]?.arrayValue?[1].line == 5)
        #expect(json["a"]?.numberValue == 1)
    }

    @Test func strings_DecodeEscapesAndSurrogates() throws {
        let json = try JSONParser.parse(#"["a\"b\\c\/d\n\t", "\u00e9\ud83d\ude00"]"#)
        #expect(json.arrayValue?[0].stringValue == "a\"b\\c/d\n\t")
        #expect(json.arrayValue?[1].stringValue == "é😀")
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, "trailing comma"),
        ("{\n\"a\": 01}", 2, "may not start with 0"),
        ("[1, 2", 1, "missing ]"),
        ("{'a': 1}", 1, "double quotes"),
        ("{\"a\": tru}", 1, "unexpected text"),
        ("{}\n{}", 2, "after the end"),
        ("\"\\ud800\"", 1, "surrogate"),
        ("\"line\nbreak\"", 1, "line break")
    ])
    func malformed_ReportsLineAndReason(_ text: String, _ line: Int, _ fragment: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("expected an error for \(text)")
        } catch let error as JSONParser.ParseError {
            #expect(error.line == line)
            #expect(error.message.contains(fragment), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func deepNesting_IsRefusedNotCrashed() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func writer_SortsKeysAndRoundTrips() throws {
        let value: JSONValue = ["b": 1, "a": ["x", 2.5, nil, true], "c": "é\n\u{1}"]
        let text = JSONWriter.write(value, sortKeys: true)
        #expect(text == #"{"a":["x",2.5,null,true],"b":1,"c":"é\n\u0001"}"#)
        #expect(try JSONParser.parse(text)["c"]?.stringValue == "é\n\u{1}")
    }
}
