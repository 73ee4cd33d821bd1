import Foundation
import LMSModel
import Testing

@testable import lms_offline

/// A lesson's page: front matter first, links resolved against the course, a first part of a
/// long lesson cut between blocks.
struct LessonPageTests {
    let folder = "/course"

    func makePage(_ markdown: String, keys: [String: String] = [:]) -> LessonPage {
        LessonPage(
            markdown: markdown, keys: keys, folder: folder, path: "01-unit/01-a.md",
            itemIDsByPath: ["01-unit/02-b.md": "unit/b"])
    }

    @Test func links_ResolveToItemsAnchorsFilesAndTheWeb() {
        let page = makePage("")
        #expect(page.target("02-b.md#setup") == .item(id: "unit/b", anchor: "setup"))
        #expect(page.target("#here") == .anchor("here"))
        #expect(page.target("https://example.org/x") == .external("https://example.org/x"))
        #expect(page.target("../media/a%20b.png") == .file(path: "media/a b.png", absolutePath: nil))
        #expect(page.target("../../../etc/passwd") == .file(path: "../../../etc/passwd", absolutePath: nil))
    }

    @Test func links_ResolveAsTheLineModeViewerDoes() {
        let page = makePage("")
        let view = LessonView(folder: folder, path: page.path, itemIDsByPath: page.itemIDsByPath)
        for destination in [
            "02-b.md", "02-b.md#setup", "./02-b.md?x=1#s", "01-a.md#top", "#here", " #padded", "mailto:a@b.c",
            "https://example.org", "../media/a%20b.png", "../../../etc/passwd", "/etc/passwd", ""
        ] {
            #expect(page.target(destination) == view.target(destination), "\(destination)")
        }
    }

    @Test func frontMatter_TitleAndMediaComeFirst() {
        let page = makePage("Body text.", keys: ["title": "Listen", "media": "../media/chime.wav", "type": "audio"])
        let lines = page.render(width: 60).lines.map(\.text)
        #expect(lines.first == "Listen")
        #expect(lines.contains { $0.contains("audio: chime.wav") })
        #expect(page.render(width: 60).links.first?.target == .file(path: "media/chime.wav", absolutePath: nil))
    }

    @Test func firstPart_EndsBetweenBlocks_NeverInsideCode() {
        let filler = String(repeating: "word ", count: 30)
        let code = "```\n" + (1...200).map { "line \($0)" }.joined(separator: "\n\n") + "\n```"
        let markdown = filler + "\n\n" + code + "\n\n" + (1...100).map { _ in filler }.joined(separator: "\n\n")
        let part = makePage(markdown).prefix(bytes: 200)
        #expect(part != nil)
        #expect(part?.hasSuffix("```") == true)
        #expect(makePage("short").prefix(bytes: 200) == nil)
    }
}
