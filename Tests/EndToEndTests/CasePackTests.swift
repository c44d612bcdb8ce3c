import Foundation
import Testing

@Suite("A tracked child's pack")
struct CasePackTests {
    @Test("case ID --format pack writes Markdown and a self-contained HTML page, each event with who recorded it")
    func pack() throws {
        let folder = try ScratchFolder()
        let input = folder.file("in.json")
        try """
            {"format": "ehcdesk/1", "cases": [{"id": "EHC-2026-00042",
             "child": {"givenName": "Zoë", "familyName": "O'Neill <b>", "dateOfBirth": "2016-03-02", "upn": "H801200001001"},
             "caseworker": "A. Caseworker", "requestDate": "2026-01-05", "requestSource": "school",
             "decisionToAssess": {"date": "2026-02-09", "outcome": "assess"},
             "advice": [{"agency": "health", "contact": "Dr Patel", "requested": "2026-02-10", "received": "2026-03-30",
                         "chased": [], "quality": "adequate"}]}]}
            """.write(toFile: input, atomically: true, encoding: .utf8)
        let database = folder.file("db.sqlite")
        let today = ["--today", "2026-11-24"]
        #expect(try runEhcdesk(["import", input, "--db", database, "--user", "sam.lead"] + today).code == 0)
        let output = folder.file("pack")
        let result = try runEhcdesk(["case", "EHC-2026-00042", "--format", "pack", "--output", output, "--db", database] + today)
        #expect(result.code == 0, "\(result.err)")
        let markdown = try String(contentsOfFile: output + "/EHC-2026-00042.md", encoding: .utf8)
        let html = try String(contentsOfFile: output + "/EHC-2026-00042.html", encoding: .utf8)
        for heading in ["## Chronology", "## Deadlines on 2026-11-24", "## Advice", "## Annual reviews", "## Plan audits",
                        "## SEN2 details"] {
            #expect(markdown.contains(heading), "\(heading)")
        }
        #expect(markdown.contains("| 2026-01-05 | request received from school | sam.lead, "))
        #expect(markdown.contains("advice:health") && markdown.contains("Regs 2014 reg 8\\(1\\)"))
        #expect(markdown.contains("H801200001001"))
        #expect(html.contains("<table") && html.contains("default-src 'none'") && !html.contains("<script"))
        #expect(html.contains("O'Neill &lt;b&gt;") && !html.contains("O'Neill <b>"), "names are text, never markup")
        let mode = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        let again = try runEhcdesk(["case", "EHC-2026-00042", "--format", "pack", "--output", output, "--db", database] + today)
        #expect(again.code == 1 && again.err.contains("already exists"))
    }
}
