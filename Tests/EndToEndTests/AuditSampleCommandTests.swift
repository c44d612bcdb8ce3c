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
