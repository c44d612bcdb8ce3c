import Foundation
import Testing

/// The screen stack and the keys every screen shares, in the real binary.
@Suite("Every screen behaves alike, end to end", .serialized)
struct ScreenStackJourneyTests {
    static let today = TerminalJourneyTests.today

    @Test("Home and End under TERM=xterm-256color inside tmux (sent as ESC [1~ and ESC [4~) move the selection, never switch views")
    func homeAndEndAreKeys() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 60)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today],
                                   width: 100, height: 30, environment: ["TERM": "xterm-256color"])
        let first = try tmux.waitFor("60 cases")
        let title = try #require(first.split(separator: "\n").first.map(String.init))
        let top = try #require(TerminalJourneyTests.selectedReference(first))
        try tmux.send("End")
        let end = try tmux.waitUntil("the selection to move to the end") { screen in
            TerminalJourneyTests.selectedReference(screen).map { $0 != top } ?? false
        }
        #expect(end.split(separator: "\n").first.map(String.init) == title, "the view and its count are unchanged")
        try tmux.send("Home")
        try tmux.waitUntil("the selection back at the top") { TerminalJourneyTests.selectedReference($0) == top }
        #expect(try tmux.screen().split(separator: "\n").first.map(String.init) == title)
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("TERM=dumb is refused with a message naming a TERM that works, not a blank screen")
    func dumbTerminalRefused() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 5)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today],
                                   width: 100, height: 30, environment: ["TERM": "dumb"])
        let screen = try tmux.waitFor("EXIT=1")
        #expect(screen.contains("cannot move the cursor"))
        #expect(screen.contains("TERM=xterm-256color"))
    }

    @Test("a lead's walk: reviews filtered with /, a case opened and Esc back to the same filtered list, q asks")
    func reviewsWalk() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 300)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let caseworker = try #require(try sqlite(database.path,
            "SELECT caseworker FROM cases WHERE finalPlanIssued IS NOT NULL GROUP BY caseworker ORDER BY count(*) DESC LIMIT 1").first?.first)
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today],
                                   width: 200, height: 50)
        try tmux.waitFor("300 cases")
        try tmux.press("r", thenSee: "Reviews ·")
        try tmux.waitUntil("the plans to be read") { !$0.contains("reading…") }
        try tmux.send("/")
        // The family name alone, lower case: the filter folds.
        let family = String(caseworker.split(separator: " ").last ?? "").lowercased()
        try tmux.send(family)
        try tmux.send("Enter")
        let filtered = try tmux.waitUntil("only \(caseworker)'s plans") { screen in
            let rows = screen.split(separator: "\n").filter { $0.hasPrefix("▸ EHC-") || $0.hasPrefix("  EHC-") }
            return screen.contains("/" + family) && !rows.isEmpty && rows.allSatisfy { $0.contains(caseworker) }
        }
        let reference = try #require(TerminalJourneyTests.selectedReference(filtered))
        try tmux.press("Enter", thenSee: "▶ Case detail")
        try tmux.press("Escape", thenSee: "Reviews ·")
        try tmux.waitUntil("the same filtered list") { $0.contains("/" + family) && TerminalJourneyTests.selectedReference($0) == reference }
        try tmux.press("q", thenSee: "Quit ehcdesk?")
        try tmux.send("n")
        try tmux.waitUntil("the question gone, the reviews still there") { !$0.contains("Quit ehcdesk?") && $0.contains("/" + family) }
        try tmux.send("Escape")
        try tmux.waitUntil("the case list") { $0.contains("300 cases") && !$0.contains("Reviews ·") }
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }
}
