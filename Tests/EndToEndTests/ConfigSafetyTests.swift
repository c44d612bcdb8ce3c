import Foundation
import Testing

/// Issue 14, classes 6 and 12: bad configuration fails politely; the small things.
@Suite("Config files, templates and the small things")
struct ConfigSafetyTests {
    let today = ["--today", "2026-11-24"]

    @Test("a stray [[[ in config.toml or a template gives FILE:LINE: reason and exit 1, never an abort")
    func malformedTOML() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 20)
        let config = scratch.file("config")
        try FileManager.default.createDirectory(atPath: config + "/ehcdesk/audit-templates", withIntermediateDirectories: true)
        let environment = ["XDG_CONFIG_HOME": config]
        try "[rules]\ncounting = \"dayOne\"\n[[[\n".write(toFile: config + "/ehcdesk/config.toml", atomically: true, encoding: .utf8)
        let overdue = try runEhcdesk(["overdue", "--db", database] + today, environment: environment)
        #expect(overdue.code == 1, "\(overdue.err)")
        #expect(overdue.err.hasPrefix("ehcdesk: \(config)/ehcdesk/config.toml:3:3: "), "\(overdue.err)")
        #expect(overdue.out.isEmpty, "the command ran on guesses")

        try FileManager.default.removeItem(atPath: config + "/ehcdesk/config.toml")
        try "id = \"mine\"\n[[ [sections]]\n".write(toFile: config + "/ehcdesk/audit-templates/mine.toml", atomically: true,
                                                     encoding: .utf8)
        for command in [["audit", "templates"], ["report", "audits"]] {
            let result = try runEhcdesk(command + ["--db", database] + today, environment: environment)
            #expect(result.code == 1, "\(command): \(result.err)")
            #expect(result.err.contains("mine.toml:2: "), "\(command): \(result.err)")
        }
    }

    @Test("export --output refuses to overwrite an earlier export without --force; files are 0600")
    func exportOutputIsDeliberate() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 20)
        let output = scratch.file("out")
        #expect(try runEhcdesk(["export", "--format", "csv", "--output", output, "--db", database] + today).code == 0)
        try "keep me".write(toFile: output + "/cases.csv", atomically: true, encoding: .utf8)
        let refused = try runEhcdesk(["export", "--format", "csv", "--output", output, "--db", database] + today)
        #expect(refused.code == 1)
        #expect(refused.err.contains("already holds cases.csv"), "\(refused.err)")
        #expect(try String(contentsOfFile: output + "/cases.csv", encoding: .utf8) == "keep me")
        let forced = try runEhcdesk(["export", "--format", "csv", "--output", output, "--force", "--db", database] + today)
        #expect(forced.code == 0, "\(forced.err)")
        for name in ["cases.csv", "advice.csv", "deadlines.csv"] {
            let mode = try FileManager.default.attributesOfItem(atPath: output + "/" + name)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
        let folderMode = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }

    @Test("an Excel CSV UTF-8 file (byte-order mark) imports")
    func byteOrderMark() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 5)
        let csv = try runEhcdesk(["export", "--format", "csv", "--db", database] + today).out
        let file = scratch.file("excel.csv")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(csv.utf8)).write(to: URL(fileURLWithPath: file))
        let imported = try runEhcdesk(["import", file, "--db", scratch.file("copy.sqlite")] + today)
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.out.contains("imported 5 new"))
    }

    @Test("history of a case nobody edited says so; of an unknown reference, that there is no such case")
    func historyWithoutEdits() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 5)
        let id = try firstCaseID(database)
        let quiet = try runEhcdesk(["history", id, "--db", database] + today)
        #expect(quiet.code == 0, "\(quiet.err)")
        #expect(quiet.out.contains("has no recorded changes"))
        let unknown = try runEhcdesk(["history", "EHC-1999-00001", "--db", database] + today)
        #expect(unknown.code == 1)
        #expect(unknown.err.contains("no case with the reference EHC-1999-00001"))
    }
}
