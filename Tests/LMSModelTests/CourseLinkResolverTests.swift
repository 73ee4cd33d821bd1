import LMSModel
import Testing

/// Resolving a lesson's links against its course.
struct CourseLinkResolverTests {
    let resolver = CourseLinkResolver(
        itemIDsByPath: ["01-basics/02-why.md": "basics/why", "02-loops/01-for.md": "loops/for"],
        documentPath: "01-basics/01-intro.md", folder: "/data/courses/abc")

    @Test func aLinkToAnotherItemsFile_IsThatItem_WithItsAnchor() {
        #expect(resolver.target("02-why.md") == .item(id: "basics/why", anchor: nil))
        #expect(resolver.target("../02-loops/01-for.md#nested-loops") == .item(id: "loops/for", anchor: "nested-loops"))
        #expect(resolver.target("./02-why.md?plain=1") == .item(id: "basics/why", anchor: nil))
    }

    @Test func anchorsInThePage_AreAnchors() {
        #expect(resolver.target("#setup") == .anchor("setup"))
        #expect(resolver.target("01-intro.md#setup") == .anchor("setup"))
    }

    @Test func otherCourseFiles_AreFilesWithTheirPathOnThisDevice() {
        #expect(
            resolver.target("../media/loop%20diagram.png")
                == .file(path: "media/loop diagram.png", absolutePath: "/data/courses/abc/media/loop diagram.png"))
        #expect(resolver.target("../../etc/passwd") == .file(path: "../../etc/passwd", absolutePath: nil))
        #expect(resolver.target("/etc/passwd") == .file(path: "/etc/passwd", absolutePath: nil))
    }

    @Test func addresses_AreExternal() {
        #expect(resolver.target("https://example.org/a_(b)") == .external("https://example.org/a_(b)"))
        #expect(resolver.target("mailto:t@example.org") == .external("mailto:t@example.org"))
        #expect(resolver.target("//cdn.example.org/x.js") == .external("//cdn.example.org/x.js"))
    }
}
