import Foundation
import Testing

/// A quality-assurance audit by keyboard in the real binary: start to grade, and resume after quitting.
@Suite("Auditing a plan, end to end", .serialized)
struct AuditJourneyTests {
    static let today = "2026-11-24"

    func open(_ path: String) throws -> TmuxSession {
        try TmuxSession(command: [ehcdeskBinary(), "--db", path, "--today", Self.today, "--user", "r.auditor"],
                        width: 120, height: 40)
    }

    @Test("a full audit by keyboard ends with its grade; a half-done one resumes where it stopped after a restart")
    func auditByKeyboard() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 60, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        var tmux: TmuxSession? = try open(database.path)
        try tmux!.waitFor("60 cases")
        try tmux!.press("a", thenSee: "0/24")
        for answered in 1...23 {
            try tmux!.press("y", thenSee: "\(answered)/24")
        }
        try tmux!.press("4", thenSee: "24/24")
        try tmux!.press("f", thenSee: "Grade: Outstanding (score 100 %)")
        try tmux!.send("Escape")
        try tmux!.waitUntil("the case list again") { !$0.contains("Audit ·") }
        // Auditing the same plan again asks first, naming the finished audit; v reads it.
        let asked = try tmux!.press("a", thenSee: "This plan has a finished audit")
        #expect(asked.contains("Outstanding (score 100 %) by r.auditor"))
        try tmux!.press("v", thenSee: "Grade: Outstanding (score 100 %)")
        try tmux!.send("Escape")
        try tmux!.waitUntil("the case list again") { !$0.contains("Audit ·") }

        // A second case: five answers, then close the audit and quit ehcdesk.
        try tmux!.send("j")
        try tmux!.press("a", thenSee: "0/24")
        for answered in 1...5 {
            try tmux!.press(answered == 3 ? "n" : "y", thenSee: "\(answered)/24")
        }
        try tmux!.send("Escape")
        try tmux!.waitUntil("the case list again") { !$0.contains("Audit ·") }
        try tmux!.send("q")
        try tmux!.waitFor("EXIT=0")
        tmux = nil

        let reopened = try open(database.path)
        try reopened.waitFor("60 cases")
        try reopened.send("j")
        let resumed = try reopened.press("a", thenSee: "5/24")
        #expect(resumed.contains("▸ A2"), "resumes at the first unanswered question")
        #expect(resumed.contains("NO"), "the earlier answers are there")
        try reopened.send("Escape")
        try reopened.send("q")
        try reopened.waitFor("EXIT=0")

        // The summary report agrees with an independent count of the finished audits.
        let report = try runEhcdesk(["report", "audits", "--format", "json", "--db", database.path, "--today", Self.today])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.out.utf8)) as? [String: Any])
        let grades = try #require(json["grades"] as? [String: Int])
        let counted = try sqlite(database.path, """
            SELECT grade || '=' || COUNT(*) FROM planAudits WHERE finished IS NOT NULL GROUP BY grade
            """)
        #expect(counted == [["outstanding=1"]])
        #expect(grades == ["outstanding": 1, "good": 0, "requiresImprovement": 0, "inadequate": 0])
        #expect(json["audits"] as? Int == 1)
        #expect(try sqlite(database.path, "SELECT COUNT(*) FROM planAudits WHERE finished IS NULL") == [["1"]])

        // A second auditor moderates the finished audit; the auditor's own grade is kept beside it.
        let finishedCase = try sqliteValue(database.path, "SELECT caseId FROM planAudits WHERE finished IS NOT NULL")
        let ownAudit = try runEhcdesk(["audit", "moderate", finishedCase, "--grade", "good", "--db", database.path,
                                       "--today", Self.today, "--user", "r.auditor"])
        #expect(ownAudit.code == 1)
        let moderated = try runEhcdesk(["audit", "moderate", finishedCase, "--grade", "good", "--note", "E1 too vague",
                                        "--db", database.path, "--today", Self.today, "--user", "m.moderator"])
        #expect(moderated.code == 0, "\(moderated.err)")
        #expect(try sqlite(database.path, "SELECT grade, moderatedGrade, moderator FROM planAudits WHERE finished IS NOT NULL")
                == [["outstanding", "good", "m.moderator"]])

        // Audits travel with their cases: export, import into an empty database, export again.
        let first = try runEhcdesk(["export", "--db", database.path, "--today", Self.today])
        #expect(first.out.contains("\"audits\": ["))
        let file = database.folder + "/with-audits.json"
        try first.out.write(toFile: file, atomically: true, encoding: .utf8)
        let copy = database.folder + "/copy.sqlite"
        let imported = try runEhcdesk(["import", file, "--db", copy, "--today", Self.today])
        #expect(imported.code == 0, "\(imported.err)")
        #expect(try runEhcdesk(["export", "--db", copy, "--today", Self.today]).out == first.out)
    }

    @Test("two auditors on one plan: the second save is refused on screen, naming who saved; nothing of it is stored")
    func concurrentAuditsAreRefused() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 60, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let first = try open(database.path)
        try first.waitFor("60 cases")
        try first.press("a", thenSee: "0/24")
        let second = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today,
                                               "--user", "s.second"], width: 120, height: 40)
        try second.waitFor("60 cases")
        try second.press("a", thenSee: "0/24")
        try first.press("y", thenSee: "1/24")
        let before = try second.screen()
        #expect(!before.contains("Not saved"))
        let refused = try second.press("n", thenSee: "Not saved: r.auditor saved this audit at")
        #expect(refused.contains("s saves them again"))
        #expect(try sqlite(database.path, "SELECT answer FROM planAuditAnswers") == [["yes"]])
        // Closing asks first, because an answer is only on the screen.
        try second.press("Escape", thenSee: "Some answers are not saved")
        try second.send("Escape")
        try second.waitUntil("the case list again") { !$0.contains("Audit ·") }
        try first.send("Escape")
        try first.waitUntil("the case list again") { !$0.contains("Audit ·") }
    }
}
