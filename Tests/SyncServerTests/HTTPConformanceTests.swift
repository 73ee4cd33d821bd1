import Foundation
import Testing
@testable import SyncServer

/// Runs llhttp's request cases (Fixtures/llhttp-requests.txt) through the parser.
@Suite struct HTTPConformanceTests {
    struct Case: CustomStringConvertible {
        var title: String
        var fields: [String: String]
        var request: [UInt8]
        var description: String { title }
    }

    static func loadCases() throws -> [Case] {
        let url = try #require(
            Bundle.module.url(forResource: "llhttp-requests", withExtension: "txt", subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var cases: [Case] = []
        var current: Case?
        var inRequest = false
        var requestLines: [String] = []
        func close() {
            guard var c = current else { return }
            c.request = requestLines.flatMap(unescape)
            cases.append(c)
        }
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("=== ") {
                close()
                current = Case(title: String(line.dropFirst(4)), fields: [:], request: [])
                inRequest = false
                requestLines = []
            } else if current == nil {
                continue
            } else if inRequest {
                requestLines.append(line)
            } else if line == "---" {
                inRequest = true
            } else if let colon = line.firstIndex(of: ":") {
                current?.fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
        }
        close()
        return cases
    }

    /// One line of a request: escapes decoded, CRLF appended unless it ends in a lone "\".
    static func unescape(_ line: String) -> [UInt8] {
        var out: [UInt8] = []
        let bytes = Array(line.utf8)
        var i = 0
        var lineEnd = true
        while i < bytes.count {
            guard bytes[i] == 0x5C else {
                out.append(bytes[i])
                i += 1
                continue
            }
            guard i + 1 < bytes.count else {
                lineEnd = false
                i += 1
                continue
            }
            switch bytes[i + 1] {
            case UInt8(ascii: "r"):
                out.append(13)
                i += 2
            case UInt8(ascii: "n"):
                out.append(10)
                i += 2
            case UInt8(ascii: "t"):
                out.append(9)
                i += 2
            case UInt8(ascii: "\\"):
                out.append(0x5C)
                i += 2
            case UInt8(ascii: "x"):
                out.append(UInt8(String(decoding: bytes[(i + 2)..<(i + 4)], as: UTF8.self), radix: 16) ?? 0)
                i += 4
            default:
                out.append(0x5C)
                i += 1
            }
        }
        if lineEnd { out += [13, 10] }
        return out
    }

    @Test func corpus_HasAtLeast40Cases_AndEveryDifferenceIsExplained() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 40)
        for c in cases {
            let llhttpAccepts = c.fields["llhttp"] == "accept"
            let weAccept = c.fields["expect"]?.hasPrefix("accept") == true
            if llhttpAccepts != weAccept {
                #expect(c.fields["note"] != nil, "\(c.title): a difference from llhttp needs a note")
            }
        }
    }

    @Test func corpus_EveryCaseParsesAsExpected() throws {
        for c in try Self.loadCases() {
            let expected = try #require(c.fields["expect"], "\(c.title)")
            let parts = expected.split(separator: " ")
            // Whole, and split in two at every byte: the verdict must not depend on packets.
            var outcomes = [parse([c.request])]
            for split in stride(from: 1, to: c.request.count, by: 7) {
                outcomes.append(parse([Array(c.request[..<split]), Array(c.request[split...])]))
            }
            for outcome in outcomes {
                if parts.first == "accept" {
                    #expect(outcome.error == nil, "\(c.title): \(String(describing: outcome.error))")
                    #expect(outcome.requests.count == Int(parts.last ?? "") ?? -1, "\(c.title)")
                } else {
                    #expect(
                        outcome.error?.status == Int(parts.last ?? ""),
                        "\(c.title): got \(String(describing: outcome.error))")
                }
            }
        }
    }
}
