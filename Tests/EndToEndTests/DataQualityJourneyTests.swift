import Foundation
import Testing

/// The Data quality screen in the real binary, on a caseload with planted faults: its counts are
/// `check`'s, Enter opens the case at the field, and a fix saved elsewhere takes the finding away.
@Suite("Data quality, end to end", .serialized)
struct DataQualityJourneyTests {
    static let today = "2026-11-24"

    @Test("Q lists check's findings by rule; Enter opens the case with the fix; a fix saved takes the finding away")
    func findAndFix() throws {
        let folder = NSTemporaryDirectory() + "ehcdesk-quality-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/caseload.sqlite"
        #expect(try runEhcdesk(["generate", "--cases", "300", "--faults", "--db", database, "--today", Self.today]).code == 0)
        let check = try runEhcdesk(["check", "--format", "json", "--db", database, "--today", Self.today])
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(check.out.utf8)) as? [[String: String]])
        let errors = findings.filter { $0["severity"] == "error" }.count
        let mistyped = try #require(findings.first { $0["rule"] == "P02" })
        let caseID = try #require(mistyped["case"])

        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database, "--today", Self.today], width: 160, height: 50)
        try tmux.waitFor("300 cases")
        let screen = try tmux.press("Q", thenSee: "Data quality · census 2027-01-21")
        #expect(screen.contains("\(errors) errors"), "\(screen)")
        #expect(screen.contains("P02 error · "))

        // Fix the mistyped UPN elsewhere, as another member would: the finding goes from the screen.
        let message = try #require(mistyped["message"])
        let digits = try #require(message.range(of: #"of (\d{11}[0-9A-Z]) is ([A-Z]), not ([A-Z])"#, options: .regularExpression))
        let words = message[digits].split(separator: " ")
        let (rest, right, wrong) = (String(words[1]), String(words[3].dropLast()), String(words[5]))
        let export = try runEhcdesk(["export", "--db", database, "--today", Self.today])
        let fixed = export.out.replacingOccurrences(of: "\"upn\": \"\(wrong)\(rest)\"", with: "\"upn\": \"\(right)\(rest)\"")
        #expect(fixed != export.out)
        try fixed.write(toFile: folder + "/fixed.json", atomically: true, encoding: .utf8)
        let update = try runEhcdesk(["import", folder + "/fixed.json", "--update", "--db", database, "--today", Self.today])
        #expect(update.code == 0, "\(update.err)")
        try tmux.waitUntil(seconds: 20, "the error count to drop by one") { $0.contains("\(errors - 1) errors") }
        #expect(try runEhcdesk(["check", "--format", "json", "--db", database, "--today", Self.today]).out
                    .contains(#""case": "\#(caseID)""#) == (findings.filter { $0["case"] == caseID }.count > 1))

        // Enter on the first finding (P01, no identifier at all) opens its case at the SEN2 section,
        // saying the field and the fix; e s records a UPN there, and back on the screen the finding is gone.
        let opened = try tmux.press("Enter", thenSee: "Fix child.upn: no UPN, ULN or UPNunknown reason is recorded")
        #expect(opened.contains("no UPN, ULN or reason recorded"), "the detail is scrolled to the field")
        try tmux.press("e", thenSee: "SEN2: UPN, ULN, sex, ethnicity, postcode")
        try tmux.press("s", thenSee: "No UPN or ULN because")
        try tmux.send("H", "8", "0", "1", "2", "0", "0", "0", "0", "1", "0", "0", "1")
        try tmux.press("Enter", thenSee: "Saved ")
        try tmux.send("Escape")
        try tmux.waitUntil(seconds: 20, "the error count to drop by two") { $0.contains("\(errors - 2) errors") }
        try tmux.press("q", thenSee: "Quit ehcdesk?")
        try tmux.send("y")
        try tmux.waitFor("EXIT=0")
    }
}
