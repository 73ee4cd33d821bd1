import Foundation
import Testing

@testable import lms_offline

/// List lines on a narrow terminal fold at spaces, never mid-word.
struct LineWrapTests {
    @Test func longLine_FoldsAtSpaces_WithAnIndent() {
        let line = "  lesson     foundations/worksheet  Worksheet: counting things  [not started]"
        let folded = LineWrap.fold(line, width: 60, indent: 13)
        #expect(folded.count == 2)
        #expect(folded.allSatisfy { $0.count <= 60 })
        #expect(
            folded[1].hasPrefix(String(repeating: " ", count: 13))
                && !folded[1].hasPrefix(String(repeating: " ", count: 14)))
        #expect(folded.joined(separator: " ").split(separator: " ") == line.split(separator: " "), "no word is cut")
    }

    @Test func shortLine_IsUnchanged() {
        #expect(LineWrap.fold("  quiz  a/b  Q  [done]", width: 60, indent: 13) == ["  quiz  a/b  Q  [done]"])
    }

    @Test func wordLongerThanTheWidth_StaysWhole() {
        let id = String(repeating: "x", count: 70)
        let folded = LineWrap.fold("  lesson " + id + " title", width: 60, indent: 4)
        #expect(folded.contains { $0.contains(id) })
    }
}
