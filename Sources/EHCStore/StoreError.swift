/// Why the store refused an operation; `description` is the sentence the user reads.
///
/// ```swift
/// StoreError.notAnEhcdeskDatabase(path: "notes.txt").description
/// // "notes.txt is not an ehcdesk database; it was left untouched"
/// ```
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAnEhcdeskDatabase(path: String)
    case newerSchema(path: String)
    case cannotCreate(path: String, reason: String)
    case duplicateCase(id: String)
    case caseNotFound(id: String)
    case auditNotFound(id: Int64)
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
