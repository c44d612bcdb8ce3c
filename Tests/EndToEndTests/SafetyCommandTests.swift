import Foundation
import GRDB
import Testing

/// Round trips, history, backup and restore, and file permissions, through the real binary.
@Suite("Data safety commands")
struct SafetyCommandTests {
    let today = ["--today", "2026-11-24"]

    @Test("10,000 cases: export, import into an empty database, export again is identical, in JSON and in CSV")
    func roundTripTenThousand() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.path
        let source = folder + "/source.sqlite"
        #expect(try runEhcdesk(["generate", "--cases", "10000", "--seed", "11", "--db", source] + today).code == 0)

        let json = try runEhcdesk(["export", "--db", source] + today)
        try json.out.write(toFile: folder + "/all.json", atomically: true, encoding: .utf8)
        let fromJSON = try runEhcdesk(["import", folder + "/all.json", "--db", folder + "/json.sqlite"] + today)
        #expect(fromJSON.out.contains("imported 10000 new"), "\(fromJSON.err)")
        #expect(try runEhcdesk(["export", "--db", folder + "/json.sqlite"] + today).out == json.out)

        #expect(try runEhcdesk(["export", "--format", "csv", "--output", folder + "/first", "--db", source] + today).code == 0)
        let fromCSV = try runEhcdesk(["import", folder + "/first", "--db", folder + "/csv.sqlite"] + today)
        #expect(fromCSV.out.contains("imported 10000 new"), "\(fromCSV.err)")
        #expect(try runEhcdesk(["export", "--format", "csv", "--output", folder + "/second", "--db", folder + "/csv.sqlite"] + today).code == 0)
        for name in ["cases.csv", "advice.csv", "exceptions.csv", "reviews.csv", "deadlines.csv"] {
            let first = FileManager.default.contents(atPath: folder + "/first/" + name)
            #expect(first != nil && first == FileManager.default.contents(atPath: folder + "/second/" + name), "\(name)")
        }
        // The CSV copy holds the same facts as the JSON copy.
        #expect(try runEhcdesk(["export", "--db", folder + "/csv.sqlite"] + today).out == json.out)
    }

    @Test("export --format csv to stdout prints cases.csv only")
    func csvToStdout() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.path
        let database = try scratch.generatedDatabase(cases: 30)
        #expect(try runEhcdesk(["export", "--format", "csv", "--output", folder + "/out", "--db", database] + today).code == 0)
        let printed = try runEhcdesk(["export", "--format", "csv", "--db", database] + today)
        #expect(printed.out == (try String(contentsOfFile: folder + "/out/cases.csv", encoding: .utf8)))
        #expect(printed.out.hasPrefix("id,child_givenName,child_familyName,"))
    }

    @Test("re-importing with --update changes the case and history shows who changed what")
    func updateAndHistory() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.path
        let database = try scratch.generatedDatabase(cases: 3)
        let csv = try runEhcdesk(["export", "--format", "csv", "--db", database] + today).out
        let id = try firstCaseID(database)
        let row = try #require(csv.split(separator: "\n").first { $0.hasPrefix(id + ",") })
        let columns = row.split(separator: ",", omittingEmptySubsequences: false)
        let changed = csv.replacingOccurrences(of: row, with: row.replacingOccurrences(of: "," + columns[5] + ",", with: ",Nia Newworker,"))
        try changed.write(toFile: folder + "/changed.csv", atomically: true, encoding: .utf8)
        let refused = try runEhcdesk(["import", folder + "/changed.csv", "--db", database] + today)
        #expect(refused.code == 1)
        let updated = try runEhcdesk(["import", folder + "/changed.csv", "--update", "--db", database, "--user", "amir"] + today)
        #expect(updated.out.contains("imported 0 new and 1 updated"), "\(updated.err)")
        let history = try runEhcdesk(["history", id, "--db", database] + today)
        #expect(history.code == 0)
        #expect(history.out.contains("amir  update: updated by import of \(folder)/changed.csv"))
        #expect(history.out.contains("    caseworker: \"\(columns[5])\" → \"Nia Newworker\""))
        try expectTrailVerified(database)
    }

    @Test("backup makes a 0600 copy while another process writes; restore refuses a newer database without --force")
    func backupAndRestore() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.path
        let database = folder + "/db.sqlite"
        let backup = folder + "/backup.sqlite"
        #expect(try runEhcdesk(["generate", "--cases", "500", "--db", database] + today).code == 0)
        let id = try firstCaseID(database)
        let writer = try startEhcdesk(["edit", id, "--caseworker", "busy", "--repeat", "300", "--db", database])
        let backedUp = try runEhcdesk(["backup", backup, "--db", database])
        #expect(backedUp.code == 0, "\(backedUp.err)")
        #expect(writer.finish().code == 0)
        #expect((try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int) == 0o600)
        let copy = try DatabaseQueue(path: backup)
        #expect(try copy.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try copy.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") } == 500)
        try copy.close()

        let before = FileManager.default.contents(atPath: database)
        let refused = try runEhcdesk(["restore", backup, "--db", database])
        #expect(refused.code == 1)
        #expect(refused.err.contains("is newer than the backup"))
        #expect(FileManager.default.contents(atPath: database) == before)

        let forced = try runEhcdesk(["restore", backup, "--force", "--db", database, "--user", "admin"])
        #expect(forced.code == 0, "\(forced.err)")
        #expect(try runEhcdesk(["export", "--db", database] + today).out == (try runEhcdesk(["export", "--db", backup] + today).out))
        try expectTrailVerified(backup)
        try expectTrailVerified(database)
    }

    @Test("restore from a file that is not a database fails and leaves the database untouched")
    func restoreFromGarbage() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.path
        let database = try scratch.generatedDatabase(cases: 5)
        let garbage = folder + "/garbage.sqlite"
        try "not a backup".write(toFile: garbage, atomically: true, encoding: .utf8)
        let exportBefore = try runEhcdesk(["export", "--db", database] + today).out
        let before = FileManager.default.contents(atPath: database)
        let result = try runEhcdesk(["restore", garbage, "--force", "--db", database])
        #expect(result.code == 1)
        #expect(result.err.contains("garbage.sqlite is not an ehcdesk database"))
        #expect(FileManager.default.contents(atPath: database) == before)
        #expect(try runEhcdesk(["export", "--db", database] + today).out == exportBefore)
    }

    @Test("opening a database others can read warns on stderr and still works")
    func warnsWhenReadableByOthers() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 5)
        #expect(try runEhcdesk(["overdue", "--db", database] + today).err.isEmpty)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: database)
        let result = try runEhcdesk(["overdue", "--db", database] + today)
        #expect(result.code == 0)
        #expect(result.err.contains("warning: \(database) can be read by other users of this computer"))
    }
}
