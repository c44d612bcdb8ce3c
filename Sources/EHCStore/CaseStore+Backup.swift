import Foundation
import GRDB

/// How much history a database holds: to tell which of two copies is newer, and whether another
/// process has changed anything since a screen last looked.
///
/// A database is newer than a backup when its audit trail has an entry the backup's has not: more
/// entries, or a later latest entry. Every change writes the trail, so this is "has changes since".
///
/// ```swift
/// let mark = try store.changeMark()   // ChangeMark(entries: 42, latest: "2026-11-24T09:10:00Z")
/// ```
public struct ChangeMark: Sendable, Equatable {
    public var entries: Int
    /// The time of the latest audit-trail entry, or "no changes".
    public var latest: String

    public func isNewer(than other: ChangeMark) -> Bool {
        entries > other.entries || latest > other.latest
    }

    static func read(_ db: Database) throws -> ChangeMark {
        // The trail is append-only with AUTOINCREMENT ids, so the largest id is the number of entries
        // ever written, read from the index instead of counted.
        let row = try Row.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0), MAX(at) FROM auditTrail")
        return ChangeMark(entries: row?[0] ?? 0, latest: row?[1] ?? "no changes")
    }
}

extension DatabaseDescription {
    /// Reads identity, case count and latest change of an open database.
    static func read(_ db: Database, path: String) throws -> DatabaseDescription {
        let identity = try db.tableExists("databaseIdentity")
            ? try String.fetchOne(db, sql: "SELECT identity FROM databaseIdentity") ?? "unknown"
            : "unknown (made before ehcdesk recorded identities)"
        return DatabaseDescription(path: path, identity: identity,
                                   cases: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0,
                                   mark: try ChangeMark.read(db))
    }
}

extension CaseStore {
    /// The size and age of this database's audit trail.
    public func changeMark() throws -> ChangeMark {
        try pool.read(ChangeMark.read)
    }

    /// Which database this is: its identity (made once, copied by backup), cases and last change.
    public func describe() throws -> DatabaseDescription {
        try pool.read { db in try DatabaseDescription.read(db, path: path) }
    }

    /// Reads which database the file at `path` is, without opening it for writing.
    public static func describe(path: String) throws -> DatabaseDescription {
        try checkIsEhcdeskDatabase(at: path)
        return try readOnly(path) { db in try DatabaseDescription.read(db, path: path) }
    }

    /// Copies the database to `destination` with SQLite's online backup, consistent while others write.
    ///
    /// The source is checked first (`PRAGMA quick_check`): a damaged database is refused, not copied.
    /// The copy is written to a new file beside `destination`, created exclusively under a name
    /// nobody can guess (so a planted symlink never receives it), turned into a single
    /// self-contained file (rollback journal, no `-wal`), synced, and renamed into place; the folder
    /// is synced too, so "backed up" survives a power cut. Side files left beside an earlier backup
    /// (`-wal`, `-shm`, `-journal`) are removed first: SQLite would otherwise replay them over the
    /// new copy. `destination` must be missing or an earlier ehcdesk backup, and never a symlink.
    ///
    /// ```swift
    /// try store.backup(to: "/backups/caseload-2026-11-24.sqlite")
    /// ```
    public func backup(to destination: String) throws {
        if SafeFile.isSymlink(destination) {
            throw StoreError.backupFailed(path: destination, reason: "it is a symbolic link, which ehcdesk does not write through")
        }
        switch SafeFile.kind(at: destination) {
        case .missing, .regular(size: 0, _): break
        case let .other(what): throw StoreError.notARegularFile(path: destination, what: what)
        case .regular: try Self.checkIsEhcdeskDatabase(at: destination)
        }
        try checkSound()
        let temporary: String
        do {
            temporary = try SafeFile.createExclusiveTemporary(beside: destination)
        } catch let problem as FileProblem {
            throw StoreError.backupFailed(path: destination, reason: problem.message)
        }
        defer { SafeFile.removeDatabase(at: temporary) }
        do {
            let copy = try DatabaseQueue(path: temporary, configuration: .ehcdesk())
            try Self.retryingWhileBusy(path: path) { try pool.backup(to: copy) }
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            try SafeFile.sync(file: temporary)
            for suffix in ["-wal", "-shm", "-journal"] { unlink(destination + suffix) }
            try SafeFile.replace(destination, with: temporary)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_FULL { throw StoreError.diskFull(path: destination) }
            throw StoreError.backupFailed(path: destination, reason: error.message ?? "\(error)")
        } catch let problem as FileProblem {
            throw StoreError.backupFailed(path: destination, reason: problem.message)
        }
    }

    /// Refuses a damaged database (`PRAGMA quick_check`), naming SQLite's first findings.
    public func checkSound() throws {
        let findings = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        guard findings == ["ok"] else {
            throw StoreError.damaged(path: path, detail: findings.joined(separator: "; "))
        }
    }

    /// Replaces the contents of the database at `path` with the backup at `source`, in one step others see whole.
    ///
    /// Refused, changing nothing, when `source` is not a sound ehcdesk database; and, unless `force`,
    /// when it is a backup of another database (its identity differs, or it has none) or when the
    /// database has changes the backup lacks (see ``ChangeMark``). All is checked read-only before
    /// the database is opened for writing, so a refusal leaves its file byte-for-byte as it was. The
    /// restore is recorded in the audit trail of the restored database, and a backup made by an
    /// earlier version is brought up to this one.
    ///
    /// ```swift
    /// try CaseStore.restore(from: "/backups/caseload-2026-11-24.sqlite", into: "caseload.sqlite", force: false, by: "sam")
    /// ```
    @discardableResult
    public static func restore(from source: String, into path: String, force: Bool, by user: String) throws -> CaseStore {
        if case let .other(what) = SafeFile.kind(at: source) { throw StoreError.notARegularFile(path: source, what: what) }
        try checkIsEhcdeskDatabase(at: source)
        let (integrity, backup) = try readOnly(source) { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check(5)"), try DatabaseDescription.read(db, path: source))
        }
        guard integrity == ["ok"] else { throw StoreError.damaged(path: source, detail: integrity.joined(separator: "; ")) }
        if case .regular = SafeFile.kind(at: path) {
            let current = try describe(path: path)
            if !force, current.identity != backup.identity {
                throw StoreError.restoreFromOtherDatabase(target: path, current: current, backup: backup)
            }
            if !force, current.mark.isNewer(than: backup.mark) {
                throw StoreError.restoreWouldLoseChanges(target: path, current: current.mark, backup: backup.mark)
            }
        }
        let store = try open(path: path, access: .create)
        do {
            let backupQueue = try DatabaseQueue(path: source, configuration: .ehcdesk(readonly: true))
            // SQLite's backup writes the whole copy in one transaction of the target: all or nothing.
            try retryingWhileBusy(path: path) { try backupQueue.backup(to: store.pool) }
            try backupQueue.close()
            try Schema.migrator.migrate(store.pool)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path, doing: "restore the backup")
        }
        try store.write { db in
            try AuditTrail.record(db, user: user, caseID: nil, action: "restore",
                                  summary: "restored from \((source as NSString).lastPathComponent)", before: nil, after: nil)
        }
        return store
    }
}
