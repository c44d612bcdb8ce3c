import Foundation
import Testing

/// The team lead's dashboard in the real binary: one key away, and every figure opens to its cases.
@Suite("The dashboard, end to end", .serialized)
struct DashboardJourneyTests {
    static let today = "2026-11-24"

    @Test("drilling down from 'over 20 wk' lists exactly the plans of the period issued 141 to 364 days after the request")
    func drillDownOverTwentyWeeks() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 200, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        // The default period: the last twelve whole months before today (2026-11-24): November 2025 to October 2026.
        let expected = Set(try sqlite(database.path, """
            SELECT id FROM cases WHERE finalPlanIssued BETWEEN '2025-11-01' AND '2026-10-31'
              AND julianday(finalPlanIssued) - julianday(requestDate) BETWEEN 141 AND 364
            """).map { $0[0] })
        #expect(!expected.isEmpty)
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today],
                                   width: 200, height: 60)
        try tmux.waitFor("200 cases")
        let dashboard = try tmux.press("d", thenSee: "New EHC plans issued")
        #expect(dashboard.contains("Nov 2025 to Oct 2026"))
        try tmux.send("j")
        try tmux.send("j")
        try tmux.send("Enter")
        // Waits for the whole list: a capture can fall between the title and the last row being painted.
        let list = try tmux.waitUntil("exactly the \(expected.count) plans over 20 weeks") { screen in
            screen.contains("New EHC plans issued: over 20 weeks, within a year")
                && Set(TriageJourneyTests.rows(screen).map(\.reference)) == expected
        }
        #expect(list.contains("Requested") && list.contains("Weeks"), "the columns that fit plans")
        #expect(list.contains("\(expected.count) cases"))
        try tmux.press("Escape", thenSee: "% within 20 weeks by month of issue")
        // ? on a figure says what it counts, in the catalogue's words.
        try tmux.press("?", thenSee: "(plans.over20WithinYear). Of those, issued after the deadline")
        try tmux.send("Escape")
        // Away from the case list, q asks first.
        try tmux.press("q", thenSee: "Quit ehcdesk?")
        try tmux.send("y")
        try tmux.waitFor("EXIT=0")
    }
}
