import Foundation
import Testing

/// Issue 14, class 9: a stale export cannot silently revert a save.
@Suite("Stale files and import --update")
struct StaleImportTests {
    let today = ["--today", "2026-11-24"]

    @Test("import --update of an export taken before a save is refused, naming the case and who saved it", arguments: ["json", "csv"])
    func staleUpdateIsRefused(format: String) throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 30)
        let exported: String
        if format == "json" {
            exported = scratch.file("before.json")
            try runEhcdesk(["export", "--db", database] + today).out.write(toFile: exported, atomically: true, encoding: .utf8)
        } else {
            exported = scratch.file("before")
            #expect(try runEhcdesk(["export", "--format", "csv", "--output", exported, "--db", database] + today).code == 0)
        }
        let id = try firstCaseID(database)
        let saved = try runEhcdesk(["edit", id, "--caseworker", "Nia Newworker", "--db", database, "--user", "nia"] + today)
        #expect(saved.code == 0, "\(saved.err)")
        let before = FileManager.default.contents(atPath: database)

        let refused = try runEhcdesk(["import", exported, "--update", "--db", database] + today)
        #expect(refused.code == 1)
        #expect(refused.err.contains("\(id) was saved by nia at "), "\(refused.err)")
        #expect(refused.err.contains("(the file has version 1, the database version 2)"), "\(refused.err)")
        #expect(FileManager.default.contents(atPath: database) == before, "a refused import changed the file")
        #expect(try sqliteValue(database, "SELECT caseworker FROM cases WHERE id = '\(id)'") == "Nia Newworker")

        let forced = try runEhcdesk(["import", exported, "--update", "--force", "--db", database] + today)
        #expect(forced.code == 0, "\(forced.err)")
        #expect(try sqliteValue(database, "SELECT caseworker FROM cases WHERE id = '\(id)'") != "Nia Newworker")
    }

    @Test("an export taken after the save updates without --force; versions round-trip through an empty database")
    func freshUpdateIsAccepted() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 30)
        let id = try firstCaseID(database)
        #expect(try runEhcdesk(["edit", id, "--caseworker", "Nia Newworker", "--db", database] + today).code == 0)
        let export = try runEhcdesk(["export", "--db", database] + today).out
        #expect(export.contains("\"version\": 2"))
        let changed = export.replacingOccurrences(of: "Nia Newworker", with: "Omar Other")
        let file = scratch.file("after.json")
        try changed.write(toFile: file, atomically: true, encoding: .utf8)
        let updated = try runEhcdesk(["import", file, "--update", "--db", database] + today)
        #expect(updated.code == 0, "\(updated.err)")
        #expect(try sqliteValue(database, "SELECT caseworker || '/' || version FROM cases WHERE id = '\(id)'") == "Omar Other/3")

        // A copy keeps each case's version, so its export is the export it came from.
        let copy = scratch.file("copy.sqlite")
        try export.write(toFile: scratch.file("all.json"), atomically: true, encoding: .utf8)
        #expect(try runEhcdesk(["import", scratch.file("all.json"), "--db", copy] + today).code == 0)
        #expect(try runEhcdesk(["export", "--db", copy] + today).out == export)
    }

    @Test("a refused import --update (a bad date, an unsupported format) leaves the database byte for byte as it was")
    func refusedUpdateChangesNothing() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 30)
        let export = try runEhcdesk(["export", "--db", database] + today).out
        let id = try firstCaseID(database)
        let before = FileManager.default.contents(atPath: database)
        let wal = FileManager.default.contents(atPath: database + "-wal")
        // The first case's caseworker changed (a real update), and its request date made impossible.
        let caseStart = try #require(export.range(of: "\"id\": \"\(id)\""))
        var changed = export
        let requestLine = try #require(changed.range(of: #""requestDate": "[0-9-]+""#, options: .regularExpression,
                                                     range: caseStart.upperBound..<changed.endIndex))
        changed.replaceSubrange(requestLine, with: #""requestDate": "2025-02-30""#)
        let bad = scratch.file("bad.json")
        try changed.write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try runEhcdesk(["import", bad, "--update", "--db", database] + today)
        #expect(refused.code == 1)
        #expect(refused.err.contains("cases[0].requestDate: \"2025-02-30\" is not a date"), "\(refused.err)")

        let wrongFormat = scratch.file("format.json")
        try export.replacingOccurrences(of: "\"ehcdesk/1\"", with: "\"ehcdesk/2\"")
            .write(toFile: wrongFormat, atomically: true, encoding: .utf8)
        let unsupported = try runEhcdesk(["import", wrongFormat, "--update", "--db", database] + today)
        #expect(unsupported.code == 1)
        #expect(unsupported.err.contains("format: \"ehcdesk/2\" is not a format this ehcdesk reads (expected \"ehcdesk/1\")"),
                "\(unsupported.err)")
        #expect(FileManager.default.contents(atPath: database) == before)
        // A reader may create an empty -wal beside a WAL database; it must hold nothing new.
        #expect((FileManager.default.contents(atPath: database + "-wal") ?? Data()) == (wal ?? Data()))
    }
}
