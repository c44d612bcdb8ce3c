import Foundation
import Testing

/// A caseworker's day with the real binary: starting on their own name, however they type it.
@Suite("A caseworker's day, end to end", .serialized)
struct CaseworkerDayJourneyTests {
    static let today = TerminalJourneyTests.today

    @Test("--caseworker in lower case and in part finds the caseworker: m shows their cases under their own name")
    func caseworkerTypedLoosely() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 200)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let name = try #require(try sqlite(database.path,
            "SELECT caseworker FROM cases GROUP BY caseworker ORDER BY count(*) DESC LIMIT 1").first?.first)
        let typed = String(name.split(separator: " ").last ?? "").lowercased()
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today,
                                             "--caseworker", typed], width: 120, height: 40)
        try tmux.waitFor("200 cases")
        try tmux.send("7")
        try tmux.send("m")
        let mine = try tmux.waitFor("· \(name)")
        #expect(!mine.contains("No cases in"), "the list holds \(name)'s cases")
        let rows = mine.split(separator: "\n").filter { $0.hasPrefix("▸ EHC-") || $0.hasPrefix("  EHC-") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(name) })
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("a --caseworker that matches nobody is refused with the nearest names, and nothing is remembered")
    func caseworkerMatchingNobody() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 50)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let home = database.folder + "/home"
        let environment = ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "HOME": home]
        let result = try runEhcdesk(["--db", database.path, "--today", Self.today, "--caseworker", "zzzz qqqq"],
                                    environment: environment)
        #expect(result.code == 1)
        #expect(result.err.contains("--caseworker \"zzzz qqqq\" matches no caseworker on the caseload; the nearest are "))
        #expect(!FileManager.default.fileExists(atPath: home + "/config/ehcdesk/state.toml"))
        #expect(!result.err.contains("Fatal error"))
    }
}
