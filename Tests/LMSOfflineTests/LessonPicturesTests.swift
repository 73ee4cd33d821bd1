import Foundation
import LMSModel
import Testing

@testable import lms_offline

/// A 2 × 2 PNG: the top row red, the bottom row blue.
private let redOverBlue: [UInt8] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0, 253, 212, 154,
    115, 0, 0, 0, 17, 73, 68, 65, 84, 120, 156, 99, 248, 207, 192, 0, 68, 12, 96, 242, 63, 0, 27, 242, 3, 253, 243,
    231, 75, 177, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130
]

/// Writes `bytes` to a new temporary file named `name` and returns its path.
private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pictures-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

struct LessonPicturesTests {
    @Test func picturesNeedColourAndA24BitTerminal() {
        #expect(LessonPictures.available(color: true, environment: ["COLORTERM": "truecolor"]))
        #expect(LessonPictures.available(color: true, environment: ["COLORTERM": "24bit"]))
        #expect(!LessonPictures.available(color: false, environment: ["COLORTERM": "truecolor"]))
        #expect(!LessonPictures.available(color: true, environment: ["COLORTERM": "8bit"]))
        #expect(!LessonPictures.available(color: true, environment: [:]))
    }

    @Test func aPNGOfTheCourseIsDrawnUnderItsLabel() throws {
        let path = try temporaryFile("d.png", redOverBlue)
        let page = TerminalPage(
            lines: [TerminalLine("[diagram]"), TerminalLine(""), TerminalLine("after")],
            links: [
                TerminalPageLink(
                    line: 0, columns: 0..<9, target: .file(path: "d.png", absolutePath: path), isImage: true)
            ])
        let drawn = LessonPictures.draw(into: page, width: 80)
        #expect(drawn.lines.map(\.text) == ["[diagram]", "▀▀", "", "after"])
        #expect(drawn.text(color: true)[1] == "\u{1B}[38;2;255;0;0;48;2;0;0;255m▀▀\u{1B}[0m")
    }

    @Test func aFileThatIsNotAPNGKeepsJustItsLabel() throws {
        let path = try temporaryFile("d.png", Array("GIF89a not a png".utf8))
        #expect(LessonPictures.lines(path: path, width: 80) == nil)
        #expect(LessonPictures.lines(path: path + ".missing", width: 80) == nil)
        let fifo = path + ".fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(LessonPictures.lines(path: fifo, width: 80) == nil) // Returns at once instead of blocking.
    }

    @Test func aDamagedPNGSaysWhyItIsNotShown() throws {
        let path = try temporaryFile("d.png", Array(redOverBlue.prefix(50)))
        let lines = try #require(LessonPictures.lines(path: path, width: 80))
        #expect(lines.map(\.text) == ["(picture not shown: the PNG file is truncated; export the picture again)"])
    }
}
