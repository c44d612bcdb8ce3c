import Foundation
import Testing

@Suite("ehcdesk audit sample")
struct AuditSampleCommandTests {
    @Test("the sample prints as a table, CSV with a header, or JSON, the same plans each way")
    func formats() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 200)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let arguments = ["audit", "sample", "--db", database.path, "--today", TerminalJourneyTests.today,
                         "--from", "2024-01-01", "--to", "2026-11-24", "--size", "4", "--seed", "7"]
        let csv = try runEhcdesk(arguments + ["--format", "csv"])
        #expect(csv.code == 0, "\(csv.err)")
        let lines = csv.out.split(separator: "\n")
        #expect(lines.first == "id,finalPlanIssued,caseworker,stratum,audit")
        #expect(lines.count == 5)
        let json = try runEhcdesk(arguments + ["--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) })
        #expect(rows.allSatisfy { $0["audit"] as? String == "to do" })
        let table = try runEhcdesk(arguments)
        #expect(table.out.hasPrefix("case "))
        #expect(table.out.contains("4 plans sampled from those issued 2024-01-01 to 2026-11-24 (seed 7, by none)"))
    }

    @Test("a reversed period is a usage error (exit 2) naming both dates; nothing is printed as a sample")
    func reversedPeriod() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 20)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let result = try runEhcdesk(["audit", "sample", "--db", database.path, "--from", "2026-01-01", "--to", "2025-11-24"])
        #expect(result.code == 2)
        #expect(result.err.contains("--from 2026-01-01 is after --to 2025-11-24"))
        #expect(result.out.isEmpty)
    }
}

@Suite("An auditor's sample as a work queue", .serialized)
struct AuditQueueJourneyTests {
    @Test("audit sample --open lists the plans to do; Enter, a, a full audit and Esc twice mark one done")
    func workQueue() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 120)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "audit", "sample", "--db", database.path,
                                             "--today", TerminalJourneyTests.today, "--user", "r.auditor",
                                             "--from", "2024-01-01", "--to", "2026-11-24", "--size", "3", "--open"],
                                   width: 120, height: 40)
        let queue = try tmux.waitFor("0 of 3 done")
        #expect(queue.components(separatedBy: "to do").count - 1 == 3)
        let first = try #require(TerminalJourneyTests.selectedReference(queue))
        try tmux.press("Enter", thenSee: "▶ Case detail")
        try tmux.press("a", thenSee: "0/24")
        for answered in 1...23 { try tmux.press("y", thenSee: "\(answered)/24") }
        try tmux.press("4", thenSee: "24/24")
        try tmux.press("f", thenSee: "Grade: Outstanding")
        try tmux.send("Escape")
        try tmux.waitUntil("the case again") { $0.contains("▶ Case detail") }
        try tmux.send("Escape")
        let done = try tmux.waitFor("1 of 3 done")
        #expect(done.contains("done: Outstanding"))
        #expect(TerminalJourneyTests.selectedReference(done) == first)
        try tmux.press("q", thenSee: "Quit ehcdesk?")
        try tmux.send("y")
        try tmux.waitFor("EXIT=0")
    }
}
