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

extension CaseStore {
    /// The size and age of this database's audit trail.
    public func changeMark() throws -> ChangeMark {
        try pool.read(ChangeMark.read)
    }

    /// Copies the database to `destination` with SQLite's online backup, consistent while others write.
    ///
    /// The copy is written beside `destination` (mode 0600) and renamed into place only when complete,
    /// so an interrupted backup never leaves a half-written file under that name. An existing file
    /// is replaced only if it is an ehcdesk database (an older backup).
    ///
    /// ```swift
    /// try store.backup(to: "/backups/caseload-2026-11-24.sqlite")
    /// ```
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            try Self.checkIsEhcdeskDatabase(at: destination)
        }
        let partial = destination + ".partial-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        do {
            try Self.createPrivateFile(at: partial)
            let copy = try DatabaseQueue(path: partial)
            try Self.retryingWhileBusy(path: path) { try pool.backup(to: copy) }
            try copy.close()
        } catch let error as DatabaseError {
            throw StoreError.backupFailed(path: destination, reason: error.message ?? "\(error)")
        }
        guard rename(partial, destination) == 0 else {
            throw StoreError.backupFailed(path: destination, reason: String(cString: strerror(errno)))
        }
    }

    /// Replaces the contents of the database at `path` with the backup at `source`, in one step others see whole.
    ///
    /// Refused, changing nothing, when `source` is not a sound ehcdesk database, or when the database
    /// is newer than the backup (see ``ChangeMark``) unless `force`. Both are checked read-only before
    /// the database is opened for writing, so a refusal leaves its file byte-for-byte as it was. The
    /// restore itself is recorded in the audit trail of the restored database.
    ///
    /// ```swift
    /// try CaseStore.restore(from: "/backups/caseload-2026-11-24.sqlite", into: "caseload.sqlite", force: false, by: "sam")
    /// ```
    @discardableResult
    public static func restore(from source: String, into path: String, force: Bool, by user: String) throws -> CaseStore {
        try checkIsEhcdeskDatabase(at: source)
        let (integrity, backupMark) = try readOnly(source) { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "", try ChangeMark.read(db))
        }
        guard integrity == "ok" else { throw StoreError.notAnEhcdeskDatabase(path: source) }
        if FileManager.default.fileExists(atPath: path) {
            try checkIsEhcdeskDatabase(at: path)
            let currentMark = try readOnly(path, ChangeMark.read)
            if !force, currentMark.isNewer(than: backupMark) {
                throw StoreError.restoreWouldLoseChanges(target: path, current: currentMark, backup: backupMark)
            }
        }
        let store = try open(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let backup = try DatabaseQueue(path: source, configuration: configuration)
            // SQLite's backup writes the whole copy in one transaction of the target: all or nothing.
            try retryingWhileBusy(path: path) { try backup.backup(to: store.pool) }
            try backup.close()
        } catch let error as DatabaseError {
            throw StoreError.backupFailed(path: path, reason: error.message ?? "\(error)")
        }
        try store.write { db in
            try AuditTrail.record(db, user: user, caseID: nil, action: "restore",
                                  summary: "restored from \((source as NSString).lastPathComponent)", before: nil, after: nil)
        }
        return store
    }
}
