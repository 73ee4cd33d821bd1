// The CommonMark conformance and speed benchmark, compiled by scripts/bench/commonmark.sh
// together with the Markdown sources of LMSModel (no SwiftPM). Prints how many of the spec's
// examples render as the spec writes them (after its normalisation), per section, and timings.
import Foundation

struct Example: Decodable {
    var example: Int
    var section: String
    var markdown: String
    var html: String
}

/// CPU time of this thread (not wall time: the benchmark machine is shared, and a busy neighbour
/// would otherwise count as our time).
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]),
    let examples = try? JSONDecoder().decode([Example].self, from: data)
else {
    FileHandle.standardError.write(Data("usage: commonmark-bench SPEC.json [LESSON.md] [--failures]\n".utf8))
    exit(2)
}
let showFailures = arguments.contains("--failures")
var sections: [(String, Int, Int)] = []
var failed: [Int] = []
var exactCount = 0
for example in examples {
    let document = MarkdownParser.parse(example.markdown, options: .commonMark)
    let html = MarkdownHTMLRenderer.html(document)
    let exact = html == example.html
    if exact { exactCount += 1 }
    let pass = exact
        || MarkdownHTMLNormalizer.normalize(html) == MarkdownHTMLNormalizer.normalize(example.html)
    if sections.last?.0 != example.section { sections.append((example.section, 0, 0)) }
    sections[sections.count - 1].1 += pass ? 1 : 0
    sections[sections.count - 1].2 += 1
    if !pass {
        failed.append(example.example)
        if showFailures {
            print("--- example \(example.example) (\(example.section))")
            print(example.markdown.debugDescription)
            print("expected: \(example.html.debugDescription)")
            print("got:      \(html.debugDescription)")
        }
    }
}
for (name, pass, total) in sections {
    print("\(name.padding(toLength: 40, withPad: " ", startingAt: 0)) \(pass)/\(total)")
}
let passed = examples.count - failed.count
print("passed: \(passed) of \(examples.count) (\(exactCount) byte for byte)")
if !failed.isEmpty { print("failing examples: \(failed.map(String.init).joined(separator: " "))") }

var best = Double.infinity
for _ in 0..<5 {
    best = min(best, seconds {
        for example in examples {
            _ = MarkdownHTMLRenderer.html(MarkdownParser.parse(example.markdown, options: .commonMark))
        }
    })
}
print(String(format: "all %d examples, parse + render: %.1f ms (best of 5, CPU time)", examples.count, best * 1000))

for path in arguments.dropFirst(2) where !path.hasPrefix("--") {
    guard let lesson = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
    var parse = Double.infinity
    var total = Double.infinity
    for _ in 0..<20 {
        parse = min(parse, seconds { _ = MarkdownParser.parse(lesson) })
        total = min(total, seconds { _ = MarkdownHTMLRenderer.html(MarkdownParser.parse(lesson)) })
    }
    let name = (path as NSString).lastPathComponent
    print(String(format: "%@ (%d KB): parse %.2f ms, parse + render %.2f ms (best of 20, CPU time)",
        name, lesson.utf8.count / 1024, parse * 1000, total * 1000))
    // The terminal renderer (what read and the study app show) on the parsed document, per width.
    let document = MarkdownParser.parse(lesson)
    for width in [100, 60, 20] {
        let renderer = MarkdownTerminalRenderer(width: width, color: true) { MarkdownTerminalRenderer.defaultTarget($0) }
        var layout = Double.infinity
        var lines = 0
        for _ in 0..<20 { layout = min(layout, seconds { lines = renderer.render(document).lines.count }) }
        print(String(format: "%@ at %d columns: terminal render %.2f ms, %d lines (best of 20, CPU time)",
            name, width, layout * 1000, lines))
    }
}
