import EHCCore
import Testing
@testable import EHCTUI

@Suite("reducer")
struct ReducerTests {
    @Test("the caseload is sorted most overdue first, then soonest due, then no deadline")
    func urgencyOrder() {
        let state = Fixtures.state()
        #expect(state.caseload.map(\.id) == [
            "EHC-2025-00002", "EHC-2025-00001", "EHC-2025-00007", "EHC-2025-00006", "EHC-2025-00003", "EHC-2025-00005",
            "EHC-2025-00004",
        ])
    }

    @Test("starting asks for the detail of the first case")
    func start() {
        var state = Fixtures.state()
        #expect(state.start() == [.loadDetail(caseID: "EHC-2025-00002")])
    }

    @Test("moving down selects the next case and asks for its detail")
    func moveDown() {
        var state = Fixtures.loadedState()
        let effects = reduce(&state, .moveDown)
        #expect(state.selection == 1)
        #expect(effects == [.loadDetail(caseID: "EHC-2025-00001")])
    }

    @Test("moving up from the first case stays there and loads nothing")
    func moveUpAtTop() {
        var state = Fixtures.loadedState()
        #expect(reduce(&state, .moveUp).isEmpty)
        #expect(state.selection == 0)
    }

    @Test("page down moves by the rows on screen and keeps the selection visible")
    func pageDown() {
        var state = Fixtures.loadedState(extra: 40)
        let rows = ScreenLayout(size: state.size).visibleListRows
        _ = reduce(&state, .pageDown)
        _ = reduce(&state, .pageDown)
        #expect(state.selection == 2 * rows)
        #expect((state.listScroll..<(state.listScroll + rows)).contains(state.selection))
    }

    @Test("page up from the top stays at the top")
    func pageUp() {
        var state = Fixtures.loadedState(extra: 40)
        _ = reduce(&state, .pageUp)
        #expect(state.selection == 0)
    }

    @Test("G goes to the last case and g back to the first")
    func firstAndLast() {
        var state = Fixtures.loadedState(extra: 40)
        _ = reduce(&state, .moveToLast)
        #expect(state.selection == state.caseCount - 1)
        _ = reduce(&state, .moveToFirst)
        #expect(state.selection == 0)
        #expect(state.listScroll == 0)
    }

    @Test("Enter focuses the detail, Esc returns to the list")
    func focus() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .openDetail)
        #expect(state.focus == .detail)
        _ = reduce(&state, .back)
        #expect(state.focus == .list)
    }

    @Test("Tab switches between the panes both ways")
    func switchPane() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .switchPane)
        #expect(state.keyContext == .detail)
        _ = reduce(&state, .switchPane)
        #expect(state.keyContext == .list)
    }

    @Test("moving down with the detail focused scrolls it and keeps the selection")
    func scrollDetail() {
        var state = Fixtures.loadedState(height: 12)
        _ = reduce(&state, .openDetail)
        _ = reduce(&state, .moveDown)
        #expect(state.detailScroll == 1)
        #expect(state.selection == 0)
    }

    @Test("the detail stops scrolling at its last line")
    func detailScrollLimit() {
        var state = Fixtures.loadedState(height: 12)
        _ = reduce(&state, .openDetail)
        _ = reduce(&state, .moveToLast)
        let layout = ScreenLayout(size: state.size)
        let lines = DetailView.lines(for: state, width: layout.detailContent.width).count
        #expect(state.detailScroll == lines - layout.detailContent.height)
    }

    @Test("help opens and closes")
    func help() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .showHelp)
        #expect(state.keyContext == .help)
        _ = reduce(&state, .back)
        #expect(state.keyContext == .list)
    }

    @Test("shrinking the terminal scrolls so the selection stays on screen")
    func resizeKeepsSelectionVisible() {
        var state = Fixtures.loadedState(extra: 40, height: 50)
        for _ in 0..<20 { _ = reduce(&state, .moveDown) }
        _ = reduce(&state, .resize(TerminalSize(width: 80, height: 12)))
        let rows = ScreenLayout(size: state.size).visibleListRows
        #expect(state.selection == 20)
        #expect((state.listScroll..<(state.listScroll + rows)).contains(state.selection))
    }

    @Test("resizing to 1×1 keeps the selection in range")
    func resizeTiny() {
        var state = Fixtures.loadedState(extra: 5)
        _ = reduce(&state, .moveToLast)
        _ = reduce(&state, .resize(TerminalSize(width: 1, height: 1)))
        #expect(state.caseload.indices.contains(state.selection))
    }

    @Test("a detail that arrives for a case no longer selected is dropped")
    func staleDetail() {
        var state = Fixtures.state()
        _ = state.start()
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .detailLoaded(Fixtures.lukaszDetail))
        #expect(state.detail == nil)
    }

    @Test("q asks the runtime to quit")
    func quit() {
        var state = Fixtures.loadedState()
        #expect(reduce(&state, .quit) == [.quit])
    }

    @Test("moving in an empty caseload does nothing")
    func emptyCaseload() {
        var state = AppState(caseload: [], today: Fixtures.today, databaseLabel: "empty")
        #expect(reduce(&state, .moveDown).isEmpty)
        #expect(state.selectedCase == nil)
    }
}

@Suite("The detail opens at what brought the case here")
struct DetailSectionsTests {
    @Test("the first section is the urgent deadline with its rule, before the timeline and events")
    func nowFirst() throws {
        let state = Fixtures.loadedState(width: 80, height: 40)
        let lines = DetailView.lines(for: state, width: 60).map { $0.map(\.text).joined() }
        let now = try #require(lines.firstIndex(of: "Now"))
        let timeline = try #require(lines.firstIndex(of: "Timeline"))
        #expect(now < timeline)
        #expect(lines[now + 1].contains("OVERDUE by 42 days") && lines[now + 1].contains("decisionToAssess"))
    }

    @Test("] and [ in the detail jump from section to section")
    func jumps() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        _ = reduce(&state, .openDetail)
        let layout = ScreenLayout(size: state.size)
        let starts = DetailView.sectionStarts(for: state, width: layout.detailContent.width)
        #expect(starts.count >= 4)
        #expect(Keymap.standard.action(for: .character("]"), in: .detail) == .nextSection)
        _ = reduce(&state, .nextSection)
        #expect(state.detailScroll == starts[0])
        _ = reduce(&state, .nextSection)
        #expect(state.detailScroll == starts[1])
        _ = reduce(&state, .previousSection)
        #expect(state.detailScroll == starts[0])
        _ = reduce(&state, .previousSection)
        #expect(state.detailScroll == 0)
    }
}
