import Testing

@testable import CoursePackage

/// Finding links by walking the document model, from strings.
struct MarkdownLinksTests {
    func found(_ markdown: String, startLine: Int = 1) -> [String] {
        MarkdownLinks.find(in: markdown, startLine: startLine).map {
            "\($0.line) \($0.isImage ? "image" : "link") \($0.target)"
        }
    }

    @Test func linksAndImages_InEveryBlock_WithTheirLines() {
        let markdown = """
            # Title with [a link](a.md)

            1. Step one

               ![inside a list item](img/step.png)

               - nested [deeper](b.md)

            > quoted ![in a quote](img/quote.png)

            | A | B |
            |---|---|
            | [cell](c.md) | ![cell image](img/cell.png) |

            [ref]: d.md
            See [the reference][ref].
            """
        #expect(
            found(markdown) == [
                "1 link a.md", "5 image img/step.png", "7 link b.md", "9 image img/quote.png", "13 link c.md",
                "13 image img/cell.png", "16 link d.md"
            ])
    }

    @Test func rawHTML_SourcesAreFound_OnTheirOwnLines() {
        let markdown = """
            <p align="center">
              <img src="img/logo.png" alt="Logo">
            </p>

            Text with <img src="img/inline.png"> inside.
            """
        #expect(found(markdown, startLine: 10) == ["11 image img/logo.png", "14 image img/inline.png"])
    }

    @Test func codeHoldsNoLinks() {
        #expect(found("```\n![x](nowhere.png)\n```\n\n    [y](nowhere.md)\n\n`[z](nowhere.md)`\n").isEmpty)
    }

    @Test func anImageInsideALink_IsBothFound() {
        #expect(
            found("[![thumb](img/t.png)](https://youtu.be/x)") == ["1 link https://youtu.be/x", "1 image img/t.png"])
    }
}
