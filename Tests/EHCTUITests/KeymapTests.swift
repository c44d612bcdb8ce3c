import Testing
@testable import EHCTUI

@Suite("keymap")
struct KeymapTests {
    @Test("no key does two things in one context")
    func noConflicts() { #expect(Keymap.standard.conflicts().isEmpty) }

    @Test("a key bound twice in one context is reported")
    func detectsConflicts() {
        var keymap = Keymap.standard
        keymap.bindings.append(KeyBinding(id: "clash", keys: [.character("j")], action: .quit, label: "clash",
                                          contexts: [.list], inFooter: false))
        #expect(keymap.conflicts().count == 1)
    }

    @Test("vim keys and arrows both move", arguments: [Key.character("j"), .down, .control("n")])
    func moveKeys(key: Key) { #expect(Keymap.standard.action(for: key, in: .list) == .moveDown) }

    @Test("Home, End, g and G jump", arguments: [(Key.home, Action.moveToFirst), (.character("g"), .moveToFirst),
                                                (.end, .moveToLast), (.character("G"), .moveToLast)])
    func jumpKeys(key: Key, action: Action) { #expect(Keymap.standard.action(for: key, in: .list) == action) }

    @Test("any key closes help, q included")
    func anyKeyClosesHelp() { #expect(Keymap.standard.action(for: .character("q"), in: .help) == .back) }

    @Test("Esc on the case list, the bottom of the stack, changes nothing but says how to quit")
    func escapeInList() {
        #expect(Keymap.standard.action(for: .escape, in: .list) == .back)
        var state = Fixtures.loadedState()
        let before = Screen.render(state).text.split(separator: "\n").dropLast()
        #expect(reduce(&state, .back).isEmpty)
        #expect(state.stack == [.caseList])
        #expect(state.message == "This is the case list; q quits")
        #expect(Screen.render(state).text.split(separator: "\n").dropLast() == before)
    }

    @Test("help lists every binding of the screen it was opened from, with its label and keys",
          arguments: KeyContext.allCases)
    func helpListsEveryBinding(context: KeyContext) {
        let lines = HelpOverlay.lines(keymap: .standard, context: context)
        let described = Keymap.standard.bindings(in: context)
        #expect(lines.count == described.count)
        for (line, binding) in zip(lines, described) {
            #expect(line.contains(binding.label))
            for key in binding.keys { #expect(line.contains(key.label)) }
        }
    }

    @Test("the help overlay at 80×24 shows every binding")
    func helpOverlayShowsAll() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .showHelp)
        let text = Screen.render(state).text
        for binding in HelpOverlay.helpBindings(.standard, context: .list) { #expect(text.contains(binding.label)) }
    }

    @Test("the footer hints come from the table for the focused pane")
    func footer() {
        let hints = Keymap.standard.footerHints(in: .detail)
        #expect(hints.contains("Esc back"))
        #expect(!Keymap.standard.footerHints(in: .list).contains("Esc"))
    }

    @Test("the footer shows a screen's actions before movement, and ? help at every width",
          arguments: [KeyContext.list, .detail, .drillDown, .dashboard, .reviews, .whoOwes, .audit], [40, 60, 80, 200])
    func footerActionsFirst(context: KeyContext, width: Int) {
        let hints = Keymap.standard.footerHints(in: context, width: width)
        #expect(CellWidth.of(hints) <= width)
        #expect(hints.hasSuffix("? help"))
        let shown = Keymap.standard.bindings(in: context).filter(\.inFooter)
        let firstMovement = shown.firstIndex(where: \.isMovement).map { shown[$0] }
        let firstAction = shown.first { !$0.isMovement && $0.action != .showHelp }
        if let firstAction, let firstKey = firstAction.keys.first, width >= 40 {
            #expect(hints.hasPrefix(firstKey.label + " " + firstAction.label))
        }
        if let firstMovement, let key = firstMovement.keys.first, let action = firstAction?.keys.first,
           let movementAt = hints.range(of: " " + key.label + " " + firstMovement.label + "  ") {
            #expect(hints.range(of: action.label)!.lowerBound < movementAt.lowerBound)
        }
    }

    @Test("the case list's footer offers e, d, r, w and q at 200 columns, where movement used to crowd them out")
    func footerOffersActions() {
        let hints = Keymap.standard.footerHints(in: .list, width: 200)
        for hint in ["e record event", "d dashboard", "r reviews", "w who owes what", "q quit", "? help"] {
            #expect(hints.contains(hint))
        }
    }
}
