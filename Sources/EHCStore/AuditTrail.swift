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

/// Writes and reads the audit trail; the schema's triggers make it append-only and every entry is
/// a link of a hash chain (``AuditChain``), so a change behind ehcdesk's back is found by `verify`.
enum AuditTrail {
    /// Records a change of a case's facts; `version` is the case's version after it (nil when deleted).
    static func record(_ db: Database, user: String, caseID: String?, action: String, summary: String,
                       before: EHCCase?, after: EHCCase?, version: Int? = nil) throws {
        try record(db, user: user, caseID: caseID, action: action, summary: summary, beforeFacts: before.map(facts),
                   afterFacts: after.map(facts), version: version)
    }

    /// Records a change of a case's facts given as ``facts(_:)`` made them (an import makes them on its reading thread).
    static func record(_ db: Database, user: String, caseID: String?, action: String, summary: String,
                       beforeFacts: String?, afterFacts: String?, version: Int?) throws {
        try append(db, user: user, caseID: caseID, action: action, summary: summary, before: beforeFacts,
                   after: afterFacts, caseVersion: version)
    }

    /// A case's facts as an entry keeps them: `ehcdesk/1` JSON on one line.
    static func facts(_ ehcCase: EHCCase) -> String {
        JSONValue.object(CaseJSON.facts(of: ehcCase)).serialized(pretty: false)
    }

    /// An entry whose before/after are already JSON (for records other than a case's facts).
    static func record(_ db: Database, user: String, caseID: String?, action: String, summary: String,
                       beforeJSON: JSONValue?, afterJSON: JSONValue?) throws {
        try append(db, user: user, caseID: caseID, action: action, summary: summary,
                   before: beforeJSON?.serialized(pretty: false), after: afterJSON?.serialized(pretty: false),
                   caseVersion: nil)
    }

    /// The one place an entry is written: numbered after the last and linked to its hash.
    private static func append(_ db: Database, user: String, caseID: String?, action: String, summary: String,
                               before: String?, after: String?, caseVersion: Int?) throws {
        // Straight through SQLite's buffers (``RawStatement``): an import writes one entry per case.
        let last = try RawStatement(cached: "SELECT id, hash FROM auditTrail ORDER BY id DESC LIMIT 1", db)
        let hasLast = try last.step()
        let id = Int64((hasLast ? last.integer(0) : nil) ?? 0) + 1
        let previous = try (hasLast ? last.text(1) : nil) ?? AuditChain.genesis(db)
        try last.execute()
        let content = AuditChain.Content(id: id, at: timestampNow(), user: user, caseID: caseID, action: action,
                                         summary: summary, before: before, after: after, caseVersion: caseVersion)
        let insert = try RawStatement(cached: """
            INSERT INTO auditTrail (id, at, user, caseId, action, summary, before, after, caseVersion, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, db)
        insert.bind(1, integer: Int(id))
        insert.bind(2, text: content.at)
        insert.bind(3, text: user)
        insert.bind(4, text: caseID)
        insert.bind(5, text: action)
        insert.bind(6, text: summary)
        insert.bind(7, text: before)
        insert.bind(8, text: after)
        insert.bind(9, integer: caseVersion)
        insert.bind(10, text: AuditChain.hash(previous: previous, content))
        try insert.execute()
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
