import Foundation
import LMSModel
import Testing
import CoursePackage

@Suite struct GIFTFuzzTests {
    /// How many random documents the in-test fuzz loop parses.
    static let iterations = 5_000
    /// The most pieces one random document is made of.
    static let maxPieces = 40

    @Test func randomInputsNeverCrash() throws {
        let specials = [
            "{", "}", "~", "=", "#", ":", "::", "->", "%", "%50%", "%-100%", "%33.33333%", "..", "\\", "\\n",
            "\\\\", "\\{", "\\}", "\\~", "\\=", "\\#", "\\:", "####", "\n", "\n\n", "\r", " ", "0", "\n0\n",
            "//", "// id: x", "// points: 2", "// title: t", "$CATEGORY:", "[html]", "[markdown]", "T", "FALSE",
            "#1..2", "#3.14:0.01", "1e999", "é", "😀", "\u{0}", "\u{FEFF}"
        ]
        var fragments = specials
        for name in ["all-types", "escapes", "moodle-docs-examples", "errors"] {
            let text = try fixtureText(name)
            fragments += text.split(separator: "\n").map(String.init)
            fragments += text.components(separatedBy: " ").prefix(200)
        }
        var random = SplitMix64(seed: 0x6166_7431)
        let start = Date()
        var questions = 0
        for _ in 0..<GIFTFuzzTests.iterations {
            var text = ""
            for _ in 0..<Int.random(in: 1...GIFTFuzzTests.maxPieces, using: &random) {
                text += fragments[Int.random(in: 0..<fragments.count, using: &random)]
            }
            let doc = GIFTParser.parse(text, file: "fuzz.gift")
            questions += doc.questions.count
            #expect(Set(doc.questions.map(\.id)).count == doc.questions.count)
        }
        #expect(questions > 0)
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test func fiveThousandQuestionsParseQuickly() throws {
        let bodies = [
            "{=Mitochondrion#Right. ~Ribosome#No. ~Nucleus ####General.}", "{T#wrong#right}",
            "{#=%100%3.14:0.01#fb =%50%3.1:0.1}", "{=a -> 1 =b -> 2 = -> 3}", "{=osmosis =%50%diffusion#Close}",
            "{~%50%a ~%50%b ~%-100%c}", "{}"
        ]
        var text = "// title: Big\n\n"
        for index in 0..<5_000 {
            text +=
                "// points: 2\n::Question \(index)::Text of question \(index) with \\{escapes\\} "
                + "\(bodies[index % bodies.count]) and more.\n\n"
        }
        let start = Date()
        let doc = GIFTParser.parse(text, file: "big.gift")
        let elapsed = Date().timeIntervalSince(start)
        print("parsed \(doc.questions.count) questions in \(Int(elapsed * 1000)) ms")
        #expect(doc.questions.count == 5_000)
        #expect(doc.diagnostics.isEmpty)
        // Speed is a benchmark's business (docs/BENCHMARKS.md), not a timed test's: a loaded machine
        // made a time limit here fail while nothing was wrong.
    }

    @Test func hugeSingleLinesStayLinear() {
        let manyTildes = "Q {" + String(repeating: "~a ", count: 50_000) + "=b}"
        let manyBraces = String(repeating: "}{", count: 50_000)
        let manyEscapes = String(repeating: "\\", count: 100_001) + "{T}"
        for text in [manyTildes, manyBraces, manyEscapes] {
            let start = Date()
            _ = GIFTParser.parse(text, file: "huge.gift")
            #expect(Date().timeIntervalSince(start) < 5)
        }
    }
}
