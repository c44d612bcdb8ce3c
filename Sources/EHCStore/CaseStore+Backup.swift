import Foundation
import GRDB

/// How much history a database holds, to tell which of two copies is newer.
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
        let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MAX(at) FROM auditTrail")
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

    /// Replaces this database's contents with the backup at `source`, in one step that others see whole.
    ///
    /// Refused, changing nothing, when `source` is not a sound ehcdesk database, or when this database
    /// is newer than the backup (see ``ChangeMark``) unless `force`. The restore itself is recorded in
    /// the audit trail of the restored database.
    ///
    /// ```swift
    /// try store.restore(from: "/backups/caseload-2026-11-24.sqlite", force: false, by: "sam")
    /// ```
    public func restore(from source: String, force: Bool, by user: String) throws {
        try Self.checkIsEhcdeskDatabase(at: source)
        var configuration = Configuration()
        configuration.readonly = true
        let backup: DatabaseQueue
        let backupMark: ChangeMark
        do {
            backup = try DatabaseQueue(path: source, configuration: configuration)
            let (integrity, mark) = try backup.read { db in
                (try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "", try ChangeMark.read(db))
            }
            guard integrity == "ok" else { throw StoreError.notAnEhcdeskDatabase(path: source) }
            backupMark = mark
        } catch let error as DatabaseError {
            throw StoreError.backupFailed(path: path, reason: "\(source) cannot be read: \(error.message ?? "\(error)")")
        }
        let currentMark = try changeMark()
        if !force, currentMark.isNewer(than: backupMark) {
            throw StoreError.restoreWouldLoseChanges(target: path, current: currentMark, backup: backupMark)
        }
        do {
            // SQLite's backup writes the whole copy in one transaction of this database: all or nothing.
            try Self.retryingWhileBusy(path: path) { try backup.backup(to: pool) }
            try backup.close()
        } catch let error as DatabaseError {
            throw StoreError.backupFailed(path: path, reason: error.message ?? "\(error)")
        }
        try write { db in
            try AuditTrail.record(db, user: user, caseID: nil, action: "restore",
                                  summary: "restored from \((source as NSString).lastPathComponent)", before: nil, after: nil)
        }
    }
}
