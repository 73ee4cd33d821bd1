import LMSModel
import Testing

struct TerminalPagePicturesTests {
    /// A page: text, an image label on line 1, a heading on line 3 with a link after it.
    private var page: TerminalPage {
        TerminalPage(
            lines: [
                TerminalLine("intro"), TerminalLine("[diagram]"), TerminalLine(""), TerminalLine("Setup"),
                TerminalLine("see [x]")
            ],
            links: [
                TerminalPageLink(
                    line: 1, columns: 0..<9, target: .file(path: "d.png", absolutePath: "/c/d.png"), isImage: true),
                TerminalPageLink(line: 4, columns: 4..<7, target: .anchor("setup"), isImage: false)
            ],
            anchors: ["setup": 3, "top": 0])
    }

    @Test func pictureLinesGoUnderTheLabelAndLaterIndexesMoveDown() {
        let picture = [TerminalLine("▀▀"), TerminalLine("▀▀")]
        let drawn = page.insertingPictures { _ in picture }
        #expect(drawn.lines.map(\.text) == ["intro", "[diagram]", "▀▀", "▀▀", "", "Setup", "see [x]"])
        #expect(drawn.links.map(\.line) == [1, 6])
        #expect(drawn.anchors == ["setup": 5, "top": 0])
    }

    @Test func aWrappedLabelIsNotCutThePictureGoesAtTheEndOfItsBlock() {
        let wrapped = TerminalPage(
            lines: [
                TerminalLine("[image: How a"), TerminalLine("program runs]"), TerminalLine(""), TerminalLine("next")
            ],
            links: [
                TerminalPageLink(
                    line: 0, columns: 0..<13, target: .file(path: "d.png", absolutePath: nil), isImage: true)
            ],
            anchors: ["next": 3])
        let drawn = wrapped.insertingPictures { _ in [TerminalLine("▀")] }
        #expect(drawn.lines.map(\.text) == ["[image: How a", "program runs]", "▀", "", "next"])
        #expect(drawn.links.map(\.line) == [0])
        #expect(drawn.anchors == ["next": 4])
    }

    @Test func aLabelOnTheLastLineGetsItsPictureAtTheEnd() {
        let last = TerminalPage(
            lines: [TerminalLine("text"), TerminalLine("[d]")],
            links: [
                TerminalPageLink(
                    line: 1, columns: 0..<3, target: .file(path: "d.png", absolutePath: nil), isImage: true)
            ])
        #expect(last.insertingPictures { _ in [TerminalLine("▀")] }.lines.map(\.text) == ["text", "[d]", "▀"])
    }

    @Test func linksThatAreNotImagesAreNotAsked() {
        var asked: [LinkTarget] = []
        _ = page.insertingPictures { link in
            asked.append(link.target)
            return nil
        }
        #expect(asked == [.file(path: "d.png", absolutePath: "/c/d.png")])
    }

    @Test func withoutPicturesThePageIsUnchanged() {
        #expect(page.insertingPictures { _ in nil } == page)
        #expect(page.insertingPictures { _ in [] } == page)
    }

    @Test func twoImagesOnOneLineAreDrawnInReadingOrder() {
        var twoImages = page
        twoImages.links.insert(
            TerminalPageLink(line: 1, columns: 10..<12, target: .file(path: "e.png", absolutePath: nil), isImage: true),
            at: 1)
        let drawn = twoImages.insertingPictures { link in
            guard case .file(let path, _) = link.target else { return nil }
            return [TerminalLine(path)]
        }
        #expect(drawn.lines.map(\.text) == ["intro", "[diagram]", "d.png", "e.png", "", "Setup", "see [x]"])
        #expect(drawn.links.map(\.line) == [1, 1, 6])
    }
}
