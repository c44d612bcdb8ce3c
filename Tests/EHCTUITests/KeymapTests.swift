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
    func anyKeyClosesHelp() { #expect(Keymap.standard.action(for: .character("q"), in: .help) == .closeHelp) }

    @Test("Esc in the list only leaves a dashboard drill-down; without one it changes nothing")
    func escapeInList() {
        #expect(Keymap.standard.action(for: .escape, in: .list) == .endDrillDown)
        var state = Fixtures.loadedState()
        let before = Screen.render(state).text
        #expect(reduce(&state, .endDrillDown).isEmpty)
        #expect(Screen.render(state).text == before)
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
        #expect(hints.contains("Esc back to list"))
        #expect(!Keymap.standard.footerHints(in: .list).contains("Esc"))
    }
}
