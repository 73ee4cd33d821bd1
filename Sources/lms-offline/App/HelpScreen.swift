import LMSModel

/// `?`: every key of the screen it was opened from, and the keys every screen shares.
struct HelpScreen: AppScreen {
    var title: String
    var list: MenuList

    init(for screen: any AppScreen) {
        title = AppText.helpTitle.t(screen.title)
        let shared = [
            KeyHelp("?", .keyHelp), KeyHelp("Ctrl-Z", .keySuspend), KeyHelp("Ctrl-L", .keyRedraw),
            KeyHelp("Ctrl-C", .keyQuit)
        ]
        let width = (screen.keys + shared).map { DisplayWidth.of($0.keys) }.max() ?? 8
        func row(_ help: KeyHelp) -> MenuRow {
            MenuRow(
                text: "  " + help.keys + String(repeating: " ", count: max(1, width - DisplayWidth.of(help.keys) + 2))
                    + help.action)
        }
        list = MenuList(
            [MenuRow(text: AppText.helpThisScreen.text, style: .bold)] + screen.keys.map(row)
                + [MenuRow(text: ""), MenuRow(text: AppText.helpEverywhere.text, style: .bold)] + shared.map(row))
    }

    var hints: [KeyHelp] { [KeyHelp("q", .keyBack)] }
    var keys: [KeyHelp] { hints }

    mutating func update(_ key: Key, size: ScreenSize) -> AppEffect { list.browse(key, height: size.bodyHeight) }

    func body(_ size: ScreenSize) -> [ScreenLine] { list.lines(height: size.bodyHeight) }
}
