import Foundation
import Testing

/// Issue 14, class 5, through the real binary: out-of-range values are refused with their place,
/// and one already stored (by an older version, or by hand) crashes nothing.
@Suite("Values in range, end to end")
struct RangeSafetyTests {
    let today = ["--today", "2026-11-24"]

    @Test("import refuses a huge or negative transfer year and a decomposed-accent reference, at their places")
    func importRefusesOutOfRange() throws {
        let scratch = try ScratchFolder()
        let file = scratch.file("bad.json")
        func plan(_ id: String, year: Int) -> [String: Any] {
            ["id": id, "child": ["givenName": "Sam", "familyName": "Example", "dateOfBirth": "2016-03-02"],
             "caseworker": "A. Caseworker", "requestDate": "2025-01-06", "requestSource": "parent",
             "decisionToAssess": ["date": "2025-02-10", "outcome": "assess"],
             "decisionToIssue": ["date": "2025-04-01", "outcome": "issue"],
             "draftPlanIssued": "2025-04-14", "finalPlanIssued": "2025-05-20",
             "phaseTransfer": ["kind": "school", "transferYear": year]]
        }
        let document: [String: Any] = ["format": "ehcdesk/1", "cases": [
            plan("EHC-2025-00001", year: 100_000_000_000_000_000), plan("EHC-2025-00002", year: -5),
            plan("EHC-2025-0000e\u{301}", year: 2027),
        ]]
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: file))
        let database = scratch.file("db.sqlite")
        let result = try runEhcdesk(["import", file, "--db", database] + today)
        #expect(result.code == 1)
        #expect(result.err.contains("cases[0].phaseTransfer.transferYear: EHC-2025-00001: Transfer year 100000000000000000"),
                "\(result.err)")
        #expect(result.err.contains("cases[1].phaseTransfer.transferYear: EHC-2025-00002: Transfer year -5"))
        #expect(result.err.contains("cases[2].id: "))
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test("edit runs the import's check: an empty caseworker is refused and nothing changes")
    func editIsChecked() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 5)
        let id = try firstCaseID(database)
        let before = try sqliteValue(database, "SELECT caseworker || '/' || version FROM cases WHERE id = '\(id)'")
        let result = try runEhcdesk(["edit", id, "--caseworker", "", "--db", database] + today)
        #expect(result.code == 1)
        #expect(result.err.contains("\(id): caseworker: Caseworker is empty. Nothing was changed."), "\(result.err)")
        #expect(try sqliteValue(database, "SELECT caseworker || '/' || version FROM cases WHERE id = '\(id)'") == before)
    }

    @Test("a transfer year stored out of range by hand crashes no command; case names the error")
    func storedOutOfRange() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 200)
        let id = try sqliteValue(database, "SELECT id FROM cases WHERE finalPlanIssued IS NOT NULL ORDER BY id LIMIT 1")
        _ = try sqlite(database, "UPDATE cases SET phaseTransferKind = 'school', "
                           + "phaseTransferYear = 100000000000000000 WHERE id = '\(id)'", changing: true)
        for command in [["overdue"], ["export"], ["export", "--format", "csv"], ["case", id],
                        ["report", "reviews", "--from", "2026-01-01", "--to", "2026-12-31"]] {
            let result = try runEhcdesk(command + ["--db", database] + today)
            #expect(result.code == 0, "\(command): \(result.err)")
            #expect(!result.err.contains("Fatal error") && !result.err.contains("crashed"), "\(command)")
        }
        let shown = try runEhcdesk(["case", id, "--db", database] + today)
        #expect(shown.out.contains("error at phaseTransfer.transferYear: Transfer year 100000000000000000"), "\(shown.out)")
    }

    @Test("--today and EHCDESK_TODAY outside 2000–2099 are refused, so no computed date leaves four digits")
    func todayInRange() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 5)
        let flag = try runEhcdesk(["overdue", "--db", database, "--today", "9999-12-31"])
        #expect(flag.code == 2)
        #expect(flag.err.contains("--today 9999-12-31 is not between 2000-01-01 and 2099-12-31"), "\(flag.err)")
        let variable = try runEhcdesk(["overdue", "--db", database], environment: ["EHCDESK_TODAY": "0001-01-01"])
        #expect(variable.code == 1)
        #expect(variable.err.contains("EHCDESK_TODAY \"0001-01-01\" is not a date from 2000-01-01 to 2099-12-31"), "\(variable.err)")
        #expect(try runEhcdesk(["overdue", "--db", database, "--today", "2099-12-31"]).code == 0)
    }
}
