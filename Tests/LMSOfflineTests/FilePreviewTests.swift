import Foundation
import Testing

@testable import lms_offline

/// Submitted files shown inline while grading.
struct FilePreviewTests {
    @Test func textFile_IsShownWhole_WhenShort() {
        let lines = FilePreview.lines(Data("print(1)\nprint(2)\n".utf8), name: "a.py")
        #expect(lines.first?.hasPrefix("  ── a.py (") == true)
        #expect(Array(lines.dropFirst()) == ["  │ print(1)", "  │ print(2)"])
    }

    @Test func longTextFile_ShowsItsFirstPage_AndSaysHowMuchIsLeft() {
        let text = (1...100).map { "line \($0)" }.joined(separator: "\n")
        let lines = FilePreview.lines(Data(text.utf8), name: "long.txt")
        #expect(lines.count == 1 + FilePreview.maximumLines + 1)
        #expect(lines.last?.contains("60 more lines") == true)
    }

    @Test func binaryFile_IsNamedNotPrinted() {
        let lines = FilePreview.lines(Data([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF]), name: "essay.pdf")
        #expect(lines.count == 2 && lines[1].contains("not a text file"))
    }

    @Test func controlSequences_AreNeutralised() {
        let lines = FilePreview.lines(Data("hi\u{1B}[2J\n".utf8), name: "x.txt")
        #expect(!lines.joined().contains("\u{1B}"))
    }
}
