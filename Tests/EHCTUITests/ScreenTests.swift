import EHCCore
import Testing
@testable import EHCTUI

@Suite("screen snapshots")
struct ScreenSnapshotTests {
    @Test("main screen at 80×24")
    func main80x24() throws { try assertSnapshot(Screen.render(Fixtures.loadedState()), named: "main-80x24") }

    @Test("main screen side by side at 200×50")
    func main200x50() throws {
        try assertSnapshot(Screen.render(Fixtures.loadedState(extra: 60, width: 200, height: 50)), named: "main-200x50")
    }

    @Test("detail focused at 80×24")
    func detailFocused() throws {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .openDetail)
        try assertSnapshot(Screen.render(state), named: "detail-focused-80x24")
    }

    @Test("help overlay at 80×24")
    func help() throws {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .showHelp)
        try assertSnapshot(Screen.render(state), named: "help-80x24")
    }

    @Test("too small at 20×5")
    func tooSmall() throws { try assertSnapshot(Screen.render(Fixtures.loadedState(width: 20, height: 5)), named: "too-small-20x5") }

    @Test("too small at 1×1")
    func tiny() throws { try assertSnapshot(Screen.render(Fixtures.loadedState(width: 1, height: 1)), named: "too-small-1x1") }
}

@Suite("screen layout")
struct ScreenLayoutTests {
    @Test("the caseworker column starts at the same cell on every row, whatever the names",
          arguments: [80, 200])
    func caseworkerAligned(width: Int) {
        let state = Fixtures.loadedState(width: width, height: 24)
        let canvas = Screen.render(state)
        let layout = ScreenLayout(size: state.size)
        let columns = state.caseload.indices.map { index in
            canvas.column(of: state.caseload[index].caseworker, row: layout.list.row + 1 + index)
        }
        #expect(columns.allSatisfy { $0 != nil && $0 == columns[0] })
    }

    @Test("the status column starts at the same cell on every row")
    func statusAligned() {
        let state = Fixtures.loadedState()
        let canvas = Screen.render(state)
        let words = ["OVERDUE 42d", "OVERDUE 35d", "OVERDUE 7d", "due today", "due 7d", "due 11d", "pending"]
        let columns = words.enumerated().map { canvas.column(of: $1, row: 2 + $0) }
        #expect(columns.allSatisfy { $0 != nil && $0 == columns[0] })
    }

    @Test("status is written as a word, so it survives without colour")
    func statusWords() {
        let text = Screen.render(Fixtures.loadedState()).text
        #expect(text.contains("OVERDUE 42d"))
        #expect(text.contains("due 7d"))
    }

    @Test("every size from 0×0 to 150×40 draws without trapping, each line within the width")
    func everySize() {
        for width in stride(from: 0, through: 150, by: 7) {
            for height in 0...40 {
                let canvas = Screen.render(Fixtures.loadedState(extra: 3, width: width, height: height))
                let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                #expect(lines.count == height)
                #expect(lines.allSatisfy { CellWidth.of($0) <= width })
            }
        }
    }

    @Test("a frame of 100,000 cases draws only the visible rows")
    func hundredThousand() {
        let many = (0..<100_000).map { index in
            Fixtures.summary("EHC-\(index)", "Child \(index)", "E. Patel", requested: "2025-01-06", next: nil)
        }
        var state = AppState(caseload: many, today: Fixtures.today, databaseLabel: "big")
        _ = reduce(&state, .moveToLast)
        let text = Screen.render(state).text
        #expect(text.contains("EHC-99999"))
        #expect(text.contains("100,000 cases"))
    }

    @Test("the hardware cursor sits on the selected row")
    func cursor() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .moveDown)
        #expect(Screen.render(state).cursor == Canvas.Position(row: 3, column: 0))
    }
}
