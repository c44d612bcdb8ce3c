import GRDB

/// Why the store refused an operation; `description` is the sentence the user reads.
///
/// ```swift
/// StoreError.notAnEhcdeskDatabase(path: "notes.txt").description
/// // "notes.txt is not an ehcdesk database; it was left untouched"
/// ```
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAnEhcdeskDatabase(path: String)
    /// `--db` names a folder, FIFO, socket or device: refused before anything opens it.
    case notARegularFile(path: String, what: String)
    /// No database at the path, and the command does not create one.
    case noDatabase(path: String)
    /// The file is an ehcdesk database but SQLite finds it damaged.
    case damaged(path: String, detail: String)
    /// The file or its folder cannot be written, and the command must write.
    case readOnly(path: String, doing: String)
    case cannotRead(path: String, reason: String)
    case diskFull(path: String)
    /// Any other SQLite failure, in SQLite's words; the transaction was rolled back.
    case failed(path: String, doing: String, reason: String)
    /// A restore source that is a backup of another database.
    case restoreFromOtherDatabase(target: String, current: DatabaseDescription, backup: DatabaseDescription)
    case newerSchema(path: String)
    case cannotCreate(path: String, reason: String)
    case duplicateCase(id: String)
    case caseNotFound(id: String)
    case auditNotFound(id: Int64)
    /// Another session saved the same plan audit since this one read it.
    case staleAudit(id: Int64, by: String, at: String)
    /// Someone else saved the case since it was read: the edit is refused, not applied.
    case staleEdit(id: String, expectedVersion: Int, actualVersion: Int)
    /// Other ehcdesk users kept the database busy for over a minute; nothing was changed.
    case busy(path: String)
    /// A restore would replace a database with later changes than the backup.
    case restoreWouldLoseChanges(target: String, current: ChangeMark, backup: ChangeMark)
    case backupFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notAnEhcdeskDatabase(path):
            "\(path) is not an ehcdesk database; it was left untouched"
        case let .notARegularFile(path, what):
            "\(path) is \(what), not a database file; nothing was opened"
        case let .noDatabase(path):
            "there is no database at \(path) (check --db or $EHCDESK_DB; "
                + "`ehcdesk init --db \(path)` creates an empty one, `import` or `generate` one with cases)"
        case let .damaged(path, detail):
            "\(path) is damaged (SQLite: \(detail)); nothing was changed. Restore it from the latest backup "
                + "with `ehcdesk restore BACKUP --db \(path)` after moving the damaged file aside"
        case let .readOnly(path, doing):
            "\(path) is read-only to you (the file, its folder or the disk), so ehcdesk cannot \(doing); nothing was changed"
        case let .cannotRead(path, reason):
            "cannot read \(path): \(reason)"
        case let .failed(path, doing, reason):
            "ehcdesk could not \(doing) in \(path): \(reason); nothing was changed"
        case let .diskFull(path):
            "the disk holding \(path) is full; nothing was changed"
        case let .restoreFromOtherDatabase(target, current, backup):
            "\(backup.path) is not a backup of \(target): \(target) is \(current), but \(backup.path) is \(backup); "
                + "nothing was restored (use --force to replace one caseload with the other)"
        case let .newerSchema(path):
            "\(path) was written by a newer version of ehcdesk; upgrade ehcdesk to open it (the file was left untouched)"
        case let .cannotCreate(path, reason):
            "cannot create the database \(path): \(reason)"
        case let .duplicateCase(id):
            "a case with the reference \(id) already exists"
        case let .caseNotFound(id):
            "no case with the reference \(id)"
        case let .auditNotFound(id):
            "no audit number \(id)"
        case let .staleAudit(_, user, at):
            "\(user) saved this audit at \(at) in another session; close it and open it again to see their answers"
        case let .staleEdit(id, expected, actual):
            "\(id) was changed by someone else (version \(actual), you edited version \(expected)); reload it and try again"
        case let .busy(path):
            "\(path) is busy with other ehcdesk users; nothing was changed, please try again in a moment"
        case let .restoreWouldLoseChanges(target, current, backup):
            "\(target) is newer than the backup (\(current.entries) audit-trail entries up to \(current.latest); "
                + "the backup has \(backup.entries) up to \(backup.latest)); nothing was restored "
                + "(use --force to replace it and lose the later changes)"
        case let .backupFailed(path, reason):
            "cannot copy the database to \(path): \(reason); nothing was changed"
        }
    }
}

extension StoreError {
    /// SQLite's failure as the sentence a user can act on; anything unexpected keeps SQLite's own words.
    init(_ error: DatabaseError, path: String, doing: String) {
        switch error.resultCode {
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: self = .readOnly(path: path, doing: doing)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged(path: path, detail: error.message ?? "\(error)")
        case .SQLITE_CANTOPEN: self = .cannotRead(path: path, reason: error.message ?? "unable to open the file")
        default: self = .failed(path: path, doing: doing, reason: error.message ?? "\(error)")
        }
    }
}

/// Which database a file is, in the words `restore` uses to tell two apart.
///
/// ```swift
/// DatabaseDescription(path: "train.sqlite", identity: "5F0C…", cases: 20,
///                     mark: ChangeMark(entries: 21, latest: "2026-11-02T10:00:00Z")).description
/// // "database 5F0C… (20 cases, last change 2026-11-02T10:00:00Z)"
/// ```
public struct DatabaseDescription: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var identity: String
    public var cases: Int
    /// Its audit trail's size and latest entry: which of two copies has changes the other lacks.
    public var mark: ChangeMark

    public var description: String { "database \(identity) (\(cases) cases, last change \(mark.latest))" }
}
