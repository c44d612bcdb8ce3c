import Foundation
import GRDB
import Testing

/// Issue 14, classes 1–4 and 10, through the real binary: backups that cannot be hijacked or
/// mixed, restores that cannot swap caseloads, databases created only on purpose, paths that are
/// what they should be, and damage and read-only files named for what they are.
@Suite("Files: backups, restores, creation, paths, damage")
struct FileSafetyTests {
    let today = ["--today", "2026-11-24"]

    /// Every row of every case table, as one text, read by sqlite3: what "equal" means for two databases.
    static func contents(_ database: String) throws -> String {
        var text = ""
        for table in ["cases", "advice", "exceptions", "reviews", "auditTrail", "databaseIdentity"] {
            text += try sqlite(database, "SELECT * FROM \(table) ORDER BY 1, 2").map { $0.joined(separator: "|") }
                .joined(separator: "\n")
        }
        return text
    }

    @Test("backup over an earlier backup with a stale -wal and -shm beside it equals its source (20/20)")
    func backupOverStaleWAL() throws {
        let scratch = try ScratchFolder()
        let source = try scratch.generatedDatabase(cases: 40, seed: 2)
        let other = scratch.file("other.sqlite")
        #expect(try runEhcdesk(["generate", "--cases", "60", "--seed", "9", "--db", other] + today).code == 0)
        let destination = scratch.file("backup.sqlite")
        let expected = try Self.contents(source)
        var faithful = 0
        for _ in 0..<20 {
            // An earlier backup of another database, left with its WAL (holding changes not yet
            // checkpointed) as a process that died would leave it.
            try? FileManager.default.removeItem(atPath: destination)
            #expect(try runEhcdesk(["backup", destination, "--db", other] + today).code == 0)
            let stale = try DatabaseQueue(path: destination)
            try stale.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
                try db.execute(sql: "UPDATE cases SET caseworker = 'Stale Writer'")
            }
            let wal = try #require(FileManager.default.contents(atPath: destination + "-wal"))
            let shm = try #require(FileManager.default.contents(atPath: destination + "-shm"))
            try stale.close()
            try wal.write(to: URL(fileURLWithPath: destination + "-wal"))
            try shm.write(to: URL(fileURLWithPath: destination + "-shm"))

            let result = try runEhcdesk(["backup", destination, "--db", source] + today)
            #expect(result.code == 0, "\(result.err)")
            if try Self.contents(destination) == expected { faithful += 1 }
        }
        #expect(faithful == 20)
        #expect(try sqliteValue(destination, "PRAGMA integrity_check") == "ok")
    }

    @Test("backup never writes through a planted symlink, at the destination or a temporary name")
    func backupRefusesSymlinks() throws {
        let scratch = try ScratchFolder()
        let source = try scratch.generatedDatabase(cases: 10)
        let stolen = scratch.file("stolen.sqlite")
        let destination = scratch.file("backup.sqlite")
        try FileManager.default.createSymbolicLink(atPath: destination, withDestinationPath: stolen)
        // The names the old code used for its temporary file, all planted.
        for pid in 1...4_000 {
            try? FileManager.default.createSymbolicLink(atPath: destination + ".partial-\(pid)", withDestinationPath: stolen)
        }
        let refused = try runEhcdesk(["backup", destination, "--db", source] + today)
        #expect(refused.code == 1)
        #expect(refused.err.contains("symbolic link"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: stolen))

        try FileManager.default.removeItem(atPath: destination)
        let saved = try runEhcdesk(["backup", destination, "--db", source] + today)
        #expect(saved.code == 0, "\(saved.err)")
        #expect(!FileManager.default.fileExists(atPath: stolen), "a planted temporary name received the copy")
        #expect(!SafeLink.isSymlink(destination))
        let mode = try FileManager.default.attributesOfItem(atPath: destination)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // No temporary file is left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test("backup refuses a damaged database and says it is damaged")
    func backupRefusesDamage() throws {
        let scratch = try ScratchFolder()
        let source = try scratch.generatedDatabase(cases: 400)
        // Overwrite a page in the middle of the file (not the header): a damaged b-tree.
        let handle = try #require(FileHandle(forUpdatingAtPath: source))
        try handle.seek(toOffset: 4096 * 8)
        handle.write(Data(repeating: 0xA5, count: 4096 * 4))
        try handle.close()
        let result = try runEhcdesk(["backup", scratch.file("backup.sqlite"), "--db", source] + today)
        #expect(result.code == 1)
        #expect(result.err.contains("is damaged"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("backup.sqlite")))
    }

    @Test("restore refuses, without --force, a file that is not a backup of this database, naming both")
    func restoreRefusesAnotherCaseload() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 50)
        let train = scratch.file("train.sqlite")
        #expect(try runEhcdesk(["generate", "--cases", "20", "--seed", "4", "--db", train] + today).code == 0)
        // Make the training copy "newer" than the database: more audit entries, a later one.
        for number in 1...30 {
            #expect(try runEhcdesk(["edit", try firstCaseID(train), "--caseworker", "T \(number)", "--db", train] + today).code == 0)
        }
        let before = FileManager.default.contents(atPath: database)
        let refused = try runEhcdesk(["restore", train, "--db", database] + today)
        #expect(refused.code == 1)
        #expect(refused.err.contains("is not a backup of"), "\(refused.err)")
        #expect(refused.err.contains("(50 cases") && refused.err.contains("(20 cases"), "\(refused.err)")
        #expect(FileManager.default.contents(atPath: database) == before)
        #expect(try sqliteValue(database, "SELECT COUNT(*) FROM cases") == "50")

        // A backup of this database restores; --force replaces one caseload with the other on purpose.
        let backup = scratch.file("backup.sqlite")
        #expect(try runEhcdesk(["backup", backup, "--db", database] + today).code == 0)
        let restored = try runEhcdesk(["restore", backup, "--db", database] + today)
        #expect(restored.code == 0, "\(restored.err)")
        let forced = try runEhcdesk(["restore", train, "--force", "--db", database] + today)
        #expect(forced.code == 0, "\(forced.err)")
        #expect(try sqliteValue(database, "SELECT COUNT(*) FROM cases") == "20")
    }

    @Test("read commands refuse a missing database with its path; only writing commands create one")
    func creationIsDeliberate() throws {
        let scratch = try ScratchFolder()
        let missing = scratch.file("typo.sqlite")
        for command in [["overdue"], ["export"], ["report", "timeliness", "--from", "2025-01-01", "--to", "2025-12-31"], ["case", "EHC-1"], ["history", "EHC-1"],
                        ["backup", scratch.file("b.sqlite")], ["edit", "EHC-1", "--caseworker", "X"]] {
            let result = try runEhcdesk(command + ["--db", missing] + today)
            #expect(result.code == 1, "\(command)")
            #expect(result.err.contains("there is no database at \(missing)"), "\(command): \(result.err)")
            #expect(!FileManager.default.fileExists(atPath: missing), "\(command) created it")
        }
        // Without --db, the default path is refused the same way (a new SSH session without EHCDESK_DB).
        let fallback = try runEhcdesk(["overdue"] + today)
        #expect(fallback.code == 1)
        #expect(fallback.err.contains("there is no database at"), "\(fallback.err)")
        let created = try runEhcdesk(["init", "--db", missing])
        #expect(created.code == 0, "\(created.err)")
        #expect(created.out.contains("created an empty caseload database"))
        #expect(try runEhcdesk(["overdue", "--db", missing] + today).code == 0)
    }

    @Test("two imports racing into a new path never delete the one that succeeded (20 trials)")
    func racingImportsIntoNewPath() throws {
        let scratch = try ScratchFolder()
        let source = try scratch.generatedDatabase(cases: 200)
        let file = scratch.file("all.json")
        try runEhcdesk(["export", "--db", source] + today).out.write(toFile: file, atomically: true, encoding: .utf8)
        var kept = 0
        for trial in 0..<20 {
            let target = scratch.file("race-\(trial).sqlite")
            let group = DispatchGroup()
            let codes = LockedCodes()
            for _ in 0..<2 {
                group.enter()
                Thread {
                    let code = (try? runEhcdesk(["import", file, "--db", target] + today).code) ?? -1
                    codes.append(code)
                    group.leave()
                }.start()
            }
            group.wait()
            // One import wins; the other finds every reference taken and is refused.
            #expect(codes.sorted == [0, 1], "trial \(trial): \(codes.sorted)")
            if (try? sqliteValue(target, "SELECT COUNT(*) FROM cases")) == "200" { kept += 1 }
        }
        #expect(kept == 20)
    }

    @Test("--db naming a folder, a FIFO or a device is refused by name, exit 1, nothing touched")
    func pathsThatAreNotFiles() throws {
        let scratch = try ScratchFolder()
        let fifo = scratch.file("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases: [(String, String)] = [(scratch.path, "a folder"), (fifo, "a FIFO"), ("/dev/null", "a device")]
        for (path, what) in cases {
            for command in [["overdue"], ["generate", "--cases", "5"], ["import", fifo], ["init"]] {
                let started = Date()
                let result = try runEhcdesk(command + ["--db", path] + today)
                #expect(result.code == 1, "\(command) on \(path): \(result.err)")
                #expect(result.err.contains(what) || command.first == "import", "\(command) on \(path): \(result.err)")
                #expect(!result.err.contains("Fatal error"))
                #expect(Date().timeIntervalSince(started) < 20, "hung on \(path)")
            }
        }
        let mode = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.posixPermissions] as? Int
        #expect(mode == 0o666, "/dev/null was chmod-ed")
        // Import of a FIFO names the file, it does not hang reading it.
        let imported = try runEhcdesk(["import", fifo, "--db", scratch.file("x.sqlite")] + today)
        #expect(imported.code == 1)
        #expect(imported.err.contains("FIFO"), "\(imported.err)")
    }

    @Test("a damaged database is called damaged (with how to restore), a foreign file is not ehcdesk's")
    func damageIsNamed() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 300)
        let handle = try #require(FileHandle(forUpdatingAtPath: database))
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0x5A, count: 4096 * 6))
        try handle.close()
        let result = try runEhcdesk(["export", "--db", database] + today)
        #expect(result.code == 1)
        #expect(result.err.contains("is damaged") && result.err.contains("ehcdesk restore"), "\(result.err)")
        #expect(!result.err.contains("not an ehcdesk database"))
    }
}

/// Exit codes gathered from several threads.
final class LockedCodes: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [Int32] = []
    func append(_ code: Int32) { lock.lock(); codes.append(code); lock.unlock() }
    var sorted: [Int32] { lock.lock(); defer { lock.unlock() }; return codes.sorted() }
}

/// `lstat` for the tests: is the path itself a symbolic link?
enum SafeLink {
    static func isSymlink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }
}

/// Issue 14, class 10, as a second user would meet it: a WAL database they may read but not write.
@Suite("Reading a database you cannot write")
struct ReadOnlyDatabaseTests {
    let today = ["--today", "2026-11-24"]

    /// Runs ehcdesk as a user who cannot write the database: as `nobody` (through setpriv) when the
    /// tests run as root (CI), else as ourselves with the file and its folder made read-only.
    func runWithoutWriteAccess(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        try runEhcdesk(arguments, launcher: getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [])
    }

    @Test("read commands work on a WAL database you cannot write, and leave no side files; a write is refused as read-only")
    func readOnlyDatabase() throws {
        let scratch = try ScratchFolder()
        let database = try scratch.generatedDatabase(cases: 40)
        #expect(try sqliteValue(database, "PRAGMA journal_mode") == "wal")
        let expected = try runEhcdesk(["export", "--db", database] + today).out
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        if getuid() == 0 {
            #expect(chmod(database, 0o644) == 0 && chmod(scratch.path, 0o755) == 0)
        } else {
            #expect(chmod(database, 0o444) == 0 && chmod(scratch.path, 0o555) == 0)
        }
        defer { _ = chmod(scratch.path, 0o700) }
        let exported = try runWithoutWriteAccess(["export", "--db", database] + today)
        #expect(exported.code == 0, "\(exported.err)")
        #expect(exported.out == expected)
        let overdue = try runWithoutWriteAccess(["overdue", "--db", database] + today)
        #expect(overdue.code == 0, "\(overdue.err)")
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: database + "-shm"))
        let edit = try runWithoutWriteAccess(["edit", try firstCaseID(database), "--caseworker", "X", "--db", database] + today)
        #expect(edit.code == 1)
        #expect(edit.err.contains("is read-only to you"), "\(edit.err)")
    }
}
