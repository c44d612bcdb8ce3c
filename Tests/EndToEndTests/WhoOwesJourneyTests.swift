import Foundation
import Testing

/// "Who owes what" in the real binary: the counts per agency, and advice marked received from it.
@Suite("Who owes what, end to end", .serialized)
struct WhoOwesJourneyTests {
    static let today = "2026-11-24"

    /// Advice owed by an agency on open assessments, counted by SQL alone.
    static func owedBySQL(_ database: String, agency: String) throws -> Int {
        let owed = try sqliteValue(database, """
            SELECT count(*) FROM advice JOIN cases ON cases.id = advice.caseId
            WHERE advice.agency = '\(agency)' AND (advice.received IS NULL OR advice.quality = 'returned')
              AND cases.finalPlanIssued IS NULL AND cases.closedDate IS NULL
              AND cases.decisionToAssessOutcome IS NOT 'notAssess' AND cases.decisionToIssueOutcome IS NOT 'notIssue'
            """)
        return try #require(Int(owed), "sqlite3 answered \(owed)")
    }

    /// The number in "Educational psychology: N owed, …" on the screen.
    static func owedOnScreen(_ screen: String, agency: String) -> Int? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(agency + ": ") }),
              let range = line.range(of: agency + ": ") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    @Test("v on an owed request marks it received today: the agency's count drops by one, the row and the trail say so")
    func markReceived() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 400, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let owed = try Self.owedBySQL(database.path, agency: "educationalPsychology")
        #expect(owed > 0)
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today],
                                   width: 160, height: 50)
        try tmux.waitFor("400 cases")
        let before = try tmux.press("w", thenSee: "Educational psychology: ")
        #expect(Self.owedOnScreen(before, agency: "Educational psychology") == owed)
        let selected = before.split(separator: "\n").first { $0.hasPrefix(" ▸ EHC-") }
        let reference = try #require(selected?.split(separator: " ").dropFirst().first.map(String.init))
        let after = try tmux.press("v", thenSee: "Saved \(reference): advice received from Educational psychology on \(Self.today)")
        #expect(after.contains("Who owes what"))
        try tmux.waitUntil("the count to drop by one") {
            Self.owedOnScreen($0, agency: "Educational psychology") == owed - 1
        }
        #expect(try Self.owedBySQL(database.path, agency: "educationalPsychology") == owed - 1)
        #expect(try sqlite(database.path, """
            SELECT count(*) FROM advice WHERE caseId = '\(reference)' AND agency = 'educationalPsychology'
              AND received = '\(Self.today)'
            """) == [["1"]])
        #expect(try sqlite(database.path, """
            SELECT action, summary FROM auditTrail WHERE caseId = '\(reference)' ORDER BY id DESC LIMIT 1
            """) == [["update", "advice received from Educational psychology on \(Self.today)"]])
        // Away from the case list, q asks first.
        try tmux.press("q", thenSee: "Quit ehcdesk?")
        try tmux.send("y")
        try tmux.waitFor("EXIT=0")
    }

    @Test("u undoes a receipt made there; x returns advice for more detail with a note, and it stays owed")
    func undoAndReturn() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 400, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let owed = try Self.owedBySQL(database.path, agency: "educationalPsychology")
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today],
                                   width: 160, height: 50)
        try tmux.waitFor("400 cases")
        try tmux.press("w", thenSee: "Educational psychology: ")
        try tmux.send("v")
        try tmux.waitUntil("the count to drop") { Self.owedOnScreen($0, agency: "Educational psychology") == owed - 1 }
        try tmux.send("u")
        try tmux.waitUntil("the count to come back") { Self.owedOnScreen($0, agency: "Educational psychology") == owed }
        #expect(try Self.owedBySQL(database.path, agency: "educationalPsychology") == owed)

        let screen = try tmux.screen()
        let selected = screen.split(separator: "\n").first { $0.hasPrefix(" ▸ EHC-") }
        let reference = try #require(selected?.split(separator: " ").dropFirst().first.map(String.init))
        try tmux.press("x", thenSee: "returned for more detail because:")
        try tmux.send("-l", "no outcomes")
        try tmux.press("Enter", thenSee: "Saved \(reference): advice from Educational psychology received and returned")
        #expect(try sqlite(database.path, """
            SELECT received, quality, qualityNote, returned FROM advice
            WHERE caseId = '\(reference)' AND agency = 'educationalPsychology'
            """) == [[Self.today, "returned", "no outcomes", Self.today]])
        #expect(Self.owedOnScreen(try tmux.screen(), agency: "Educational psychology") == owed)
        // Away from the case list, q asks first.
        try tmux.press("q", thenSee: "Quit ehcdesk?")
        try tmux.send("y")
        try tmux.waitFor("EXIT=0")
        // The screen's saves and its undo rewrote the stored deadlines with the facts: verify finds
        // them equal, and overdue has nothing to recompute.
        let verified = try runEhcdesk(["verify", "--db", database.path])
        #expect(verified.code == 0 && verified.out.contains("the stored deadlines match the facts"), "\(verified.err)")
        let overdue = try runEhcdesk(["overdue", "--db", database.path, "--today", Self.today, "--format", "csv"])
        #expect(overdue.code == 0 && !overdue.err.contains("recomputed"), "\(overdue.err)")
    }
}
