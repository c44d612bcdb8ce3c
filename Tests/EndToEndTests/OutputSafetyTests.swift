import Foundation
import Testing

/// Issue 14, class 7: nothing stored reaches a terminal or a spreadsheet raw.
@Suite("Output: terminal escapes, spreadsheet formulas, Markdown, alignment")
struct OutputSafetyTests {
    let today = ["--today", "2026-11-24"]
    static let hostileName = "Sam\u{1B}]0;pwned\u{07}\u{1B}[2J"

    /// A database holding one overdue case whose names and caseworker are hostile.
    static func hostileDatabase(_ scratch: ScratchFolder, familyName: String = "Evil", caseworker: String = "=HYPERLINK(\"http://x\")",
                                hostileGivenName: Bool = true) throws -> String {
        let file = scratch.file("hostile.json")
        let json: [String: Any] = ["format": "ehcdesk/1", "cases": [[
            "id": "EHC-2025-00001",
            "child": ["givenName": "Placeholder", "familyName": familyName, "dateOfBirth": "2016-03-02"],
            "caseworker": caseworker, "requestDate": "2025-01-06", "requestSource": "parent",
            "decisionToAssess": ["date": "2025-02-10", "outcome": "assess"],
            "decisionToIssue": ["date": "2025-04-01", "outcome": "issue"],
            "draftPlanIssued": "2025-04-14", "finalPlanIssued": "2025-05-20",
        ]]]
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: file))
        let database = scratch.file("db.sqlite")
        let imported = try runEhcdesk(["import", file, "--db", database, "--today", "2026-11-24"])
        #expect(imported.code == 0, "\(imported.err)")
        guard hostileGivenName else { return database }
        // Import now refuses control characters in names, so the hostile name is written as an older
        // version (or someone with sqlite3) could have stored it.
        _ = try sqlite(database, "UPDATE cases SET givenName = 'Sam' || char(27) || ']0;pwned' || char(7) "
                           + "|| char(27) || '[2J'", changing: true)
        #expect(try sqliteValue(database, "SELECT length(givenName) FROM cases") == String(hostileName.count))
        return database
    }

    @Test("case, history, overdue (table, markdown) and error messages print no control characters")
    func noEscapesReachTheTerminal() throws {
        let scratch = try ScratchFolder()
        let database = try Self.hostileDatabase(scratch)
        let outputs: [[String]] = [
            ["case", "EHC-2025-00001"], ["history", "EHC-2025-00001"],
            ["overdue"], ["overdue", "--format", "markdown"],
        ]
        for command in outputs {
            let result = try runEhcdesk(command + ["--db", database] + today)
            #expect(result.code == 0, "\(command): \(result.err)")
            let controls = result.out.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" }
            #expect(controls.isEmpty, "\(command) printed \(controls.map { String($0.value, radix: 16) })")
        }
        let shown = try runEhcdesk(["case", "EHC-2025-00001", "--db", database] + today)
        #expect(shown.out.contains("Sam\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J"), "\(shown.out)")
        // JSON keeps the value exactly, escaped as JSON escapes it.
        let json = try runEhcdesk(["case", "EHC-2025-00001", "--format", "json", "--db", database] + today)
        #expect(json.out.contains("\\u001b]0;pwned\\u0007"), "\(json.out)")
    }

    @Test("CSV cells that a spreadsheet would run are neutralised, and import back as they were")
    func formulasAreNeutralised() throws {
        let scratch = try ScratchFolder()
        let database = try Self.hostileDatabase(scratch, familyName: "-2+3", caseworker: "=HYPERLINK(\"http://x\")",
                                              hostileGivenName: false)
        let overdue = try runEhcdesk(["overdue", "--format", "csv", "--db", database] + today)
        #expect(overdue.out.contains("'=HYPERLINK"), "\(overdue.out)")
        #expect(!overdue.out.contains(",=HYPERLINK") && !overdue.out.contains("\"=HYPERLINK"))
        #expect(try runEhcdesk(["export", "--format", "csv", "--output", scratch.file("out"), "--db", database] + today).code == 0)
        let cases = try String(contentsOfFile: scratch.file("out/cases.csv"), encoding: .utf8)
        #expect(cases.contains("'-2+3") && cases.contains("'=HYPERLINK"), "\(cases)")
        let copy = scratch.file("copy.sqlite")
        let imported = try runEhcdesk(["import", scratch.file("out"), "--db", copy] + today)
        #expect(imported.code == 0, "\(imported.err)")
        #expect(try sqliteValue(copy, "SELECT caseworker || '/' || familyName FROM cases") == "=HYPERLINK(\"http://x\")/-2+3")
    }

    @Test("Markdown escapes pipes, HTML and links; tables align by terminal cells")
    func markdownAndAlignment() throws {
        let scratch = try ScratchFolder()
        let database = try Self.hostileDatabase(scratch, familyName: "李", caseworker: "王芳 | <b>[x](http://y)</b>")
        let markdown = try runEhcdesk(["overdue", "--format", "markdown", "--db", database] + today).out
        #expect(markdown.contains("王芳 \\| \\<b\\>\\[x\\]\\(http://y\\)\\</b\\>"), "\(markdown)")
        // A plan issued in the period, so the caseworker's name heads a row of `report timeliness --by caseworker`.
        let report = try runEhcdesk(["report", "timeliness", "--from", "2025-01-01", "--to", "2025-12-31", "--by", "caseworker",
                                     "--db", database] + today)
        #expect(report.code == 0, "\(report.err)")
        let lines = report.out.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        let row = try #require(lines.first { $0.hasPrefix("王芳") })
        // "issued" ends in the same terminal cell in the header and in the row (王 and 芳 take two cells each).
        func cells(_ text: Substring) -> Int {
            text.unicodeScalars.reduce(0) { $0 + ((0x4E00...0x9FFF).contains($1.value) ? 2 : 1) }
        }
        let headerEnd = try #require(header.range(of: "issued")).upperBound
        let rowNumber = try #require(row.range(of: "1"))
        #expect(cells(header[..<headerEnd]) == cells(row[..<rowNumber.upperBound]), "\n\(header)\n\(row)")
    }
}
