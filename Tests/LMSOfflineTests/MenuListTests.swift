import Testing

@testable import lms_offline

/// The list cursor skips headings and keeps the selection in view.
struct MenuListTests {
    func makeList() -> MenuList {
        MenuList(
            [MenuRow(text: "Heading")] + (1...20).map { MenuRow(text: "row \($0)", route: .course("c\($0)")) })
    }

    @Test func cursor_StartsOnFirstSelectable_AndSkipsHeadings() {
        var list = makeList()
        #expect(list.selectedRoute == .course("c1"))
        _ = list.handle(.char("k"), height: 5)
        #expect(list.selectedRoute == .course("c1"))
        _ = list.handle(.char("j"), height: 5)
        #expect(list.selectedRoute == .course("c2"))
        _ = list.handle(.char("G"), height: 5)
        #expect(list.selectedRoute == .course("c20"))
        _ = list.handle(.char("g"), height: 5)
        #expect(list.selectedRoute == .course("c1"))
    }

    @Test func selection_StaysVisible_WhenPaging() {
        var list = makeList()
        _ = list.handle(.pageDown, height: 5)
        let lines = list.lines(height: 5)
        #expect(lines.count == 5)
        #expect(lines.contains { $0.selected })
        _ = list.handle(.end, height: 5)
        #expect(list.lines(height: 5).last?.text == "row 20")
        #expect(list.lines(height: 5).last?.selected == true)
    }

    @Test func otherKeys_AreNotHandled() {
        var list = makeList()
        let handled = list.handle(.char("x"), height: 5)
        #expect(!handled)
    }
}
