import EHCCore
import Foundation
import GRDB

/// One entry of the append-only audit trail: who changed which case, when, from what to what.
///
/// ```swift
/// for entry in try store.history(of: "EHC-2025-00001") {
///     print(entry.at, entry.user, entry.summary)
/// }
/// ```
public struct AuditEntry: Sendable, Hashable {
    public var at: String
    public var user: String
    public var caseID: String?
    public var action: String
    public var summary: String
    /// The case's facts before and after, as `ehcdesk/1` JSON (`nil` for an insert's before).
    public var before: String?
    public var after: String?
}

/// Writes and reads the audit trail; the schema's triggers make it append-only.
enum AuditTrail {
    static func record(_ db: Database, user: String, caseID: String?, action: String, summary: String,
                       before: EHCCase?, after: EHCCase?) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO auditTrail (at, user, caseId, action, summary, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            timestampNow(), user, caseID, action, summary,
            before.map { JSONValue.object(CaseJSON.facts(of: $0)).serialized(pretty: false) },
            after.map { JSONValue.object(CaseJSON.facts(of: $0)).serialized(pretty: false) },
        ])
    }

    static func entries(_ db: Database, caseID: String) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: """
            SELECT at, user, caseId, action, summary, before, after FROM auditTrail WHERE caseId = ? ORDER BY id
            """, arguments: [caseID]).map(entry)
    }

    /// The latest entry about one case, if any.
    static func lastEntry(_ db: Database, caseID: String) throws -> AuditEntry? {
        try Row.fetchOne(db, sql: """
            SELECT at, user, caseId, action, summary, before, after FROM auditTrail
            WHERE caseId = ? ORDER BY id DESC LIMIT 1
            """, arguments: [caseID]).map(entry)
    }

    private static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(at: row[0], user: row[1], caseID: row[2], action: row[3], summary: row[4], before: row[5],
                   after: row[6])
    }

    /// The wall-clock moment of a change, in UTC (`2026-11-24T09:30:00Z`): audit entries record when
    /// it really happened, not `--today`. Formatted by hand: a formatter per entry would dominate
    /// the cost of a large import.
    static func timestampNow() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
