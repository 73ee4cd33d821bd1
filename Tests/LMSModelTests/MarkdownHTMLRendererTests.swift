import Foundation
import LMSModel
import Testing

/// The HTML renderer: the CommonMark spec's examples, GitHub's extensions, and safe output.
struct MarkdownHTMLRendererTests {
    /// The number of the spec's 655 examples that match; it may rise, never fall.
    static let conformanceFloor = 655

    struct Example: Decodable {
        var example: Int
        var section: String
        var markdown: String
        var html: String
    }

    /// The spec's examples, kept in `Fixtures/commonmark/` (see its README for the licence).
    static func loadExamples() -> [Example]? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/commonmark/spec-0.31.2.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode([Example].self, from: data)
    }

    func html(_ text: String, _ options: MarkdownOptions = .init(), safe: Bool = false) -> String {
        MarkdownHTMLRenderer(isSafe: safe).render(MarkdownParser.parse(text, options: options))
    }

    @Test func specExamples_MatchAtLeastTheRecordedFloor() throws {
        let examples = try #require(
            Self.loadExamples(), "the CommonMark examples are missing from Tests/LMSModelTests/Fixtures/commonmark")
        #expect(examples.count == 655)
        var failing: [Int] = []
        for example in examples {
            let output = html(example.markdown, .commonMark)
            if output != example.html
                && MarkdownHTMLNormalizer.normalize(output) != MarkdownHTMLNormalizer.normalize(example.html)
            {
                failing.append(example.example)
            }
        }
        let passing = examples.count - failing.count
        #expect(passing >= Self.conformanceFloor, "failing examples: \(failing)")
    }

    @Test func normalizer_SortsAttributesAndCollapsesWhitespaceBetweenBlockTags() {
        #expect(
            MarkdownHTMLNormalizer.normalize("<p>\n<a title=\"t\" href=\"/u\">x  y</a></p>\n<ul>\n  <li>a</li>\n</ul>")
                == "<p><a href=\"/u\" title=\"t\">x y</a></p><ul><li>a</li></ul>")
        #expect(MarkdownHTMLNormalizer.normalize("<p>a</p>") != MarkdownHTMLNormalizer.normalize("<p>b</p>"))
    }

    @Test func tablesStrikethroughAndTasks_RenderAsGitHubDoes() {
        #expect(
            html("| a | b |\n|---|:-:|\n| 1 | ~~2~~ |")
                == "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"center\">b</th>\n</tr>\n</thead>\n<tbody>\n"
                + "<tr>\n<td>1</td>\n<td align=\"center\"><del>2</del></td>\n</tr>\n</tbody>\n</table>\n")
        #expect(
            html("- [ ] a\n- [x] b")
                == "<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> a</li>\n"
                + "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> b</li>\n</ul>\n")
    }

    @Test func extendedAutolinks_FollowGitHubsTrimmingRules() {
        #expect(
            html("\"http://a.org\" (see www.b.org/x_(y)). http://intranet, not xhttp://c.org")
                == "<p>&quot;<a href=\"http://a.org\">http://a.org</a>&quot; (see <a href=\"http://www.b.org/x_(y)\">"
                + "www.b.org/x_(y)</a>). <a href=\"http://intranet\">http://intranet</a>, not xhttp://c.org</p>\n")
        #expect(
            html("~one~ ~~two~~ ~~~three~~~ <www.c.org>")
                == "<p><del>one</del> <del>two</del> ~~~three~~~ &lt;www.c.org&gt;</p>\n")
    }

    @Test func urls_ArePercentEncodedAsTheReferenceDoes() {
        #expect(html("[a](<b c>) [d](ä%20\\\\)") == "<p><a href=\"b%20c\">a</a> <a href=\"%C3%A4%20%5C\">d</a></p>\n")
    }

    @Test func safeOutput_KeepsFormattingTagsOnly() {
        let text =
            "<!-- meta -->\n<script>alert(1)</script>\n\nCO<sub onclick=\"x()\">2</sub> <img src=x onerror=y> <br>"
        #expect(
            html(text, safe: true)
                == "&lt;script&gt;alert(1)&lt;/script&gt;\n<p>CO<sub>2</sub> &lt;img src=x onerror=y&gt; <br /></p>\n")
    }

    @Test func safeOutput_KeepsDetailsAndEntities_InHTMLBlocks() {
        #expect(
            html("<details>\n<summary>More &amp; less</summary>\n\nText\n\n</details>", safe: true)
                == "<details>\n<summary>More &amp; less</summary>\n<p>Text</p>\n</details>\n")
    }

    @Test func safeOutput_StripsAttributesAndClosesSelfClosingTags() {
        #expect(
            html("<details ontoggle=alert(1) open>\n<summary>s</summary>\n</details>", safe: true)
                == "<details>\n<summary>s</summary>\n</details>\n")
        #expect(
            html("<B>x</B> <sub/>y <iframe src=x>", safe: true) == "<p><b>x</b> <sub></sub>y &lt;iframe src=x&gt;</p>\n"
        )
    }

    @Test func safeOutput_DropsScriptURLs_EvenWhenEncoded() {
        #expect(
            html("[a](&#106;avascript:x) <javascript:y> [b](<java\tscript:z>) ![c](data:image/svg+xml,q)", safe: true)
                == "<p><a href=\"\">a</a> <a href=\"\">javascript:y</a> <a href=\"\">b</a> <img src=\"\" alt=\"c\" /></p>\n"
        )
    }

    @Test func safeOutput_DropsScriptURLs() {
        #expect(
            html("[x](javascript:alert(1)) ![y](JAVASCRIPT:z) [ok](https://a.org)", safe: true)
                == "<p><a href=\"\">x</a> <img src=\"\" alt=\"y\" /> <a href=\"https://a.org\">ok</a></p>\n")
        #expect(html("[x](javascript:alert(1))") == "<p><a href=\"javascript:alert(1)\">x</a></p>\n")
    }
}
