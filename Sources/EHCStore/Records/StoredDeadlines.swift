import EHCCore
import Foundation
import GRDB

/// Each case's deadlines kept in the database beside its facts (schema v10, v12): key, kind, due day,
/// the day met, whether switched off or excepted, and the advice request or review each belongs
/// to, computed under the counting settings recorded with them.
/// Only a deadline's status depends on `today`, and it is derived when read, so a whole-caseload
/// question ("what is overdue?") is one indexed query instead of the rule engine over every case.
///
/// Kept true three ways:
/// - every write of a case (``CaseRows/insert(_:version:calendar:_:)``) rewrites its deadlines in the
///   same transaction, under the recorded settings;
/// - triggers on the four fact tables forget a case's stamp (`deadlineStamps`) whenever any writer,
///   ehcdesk or not, changes its facts, so a case changed behind ehcdesk's back is known to be stale;
/// - a reader with other settings, or finding stale cases, recomputes them in one transaction when
///   it may write, and otherwise computes from the facts and says so (``CaseStore/overdueDeadlines(today:settings:)``).
///
/// ```swift
/// let calendar = try StoredDeadlines.calendar(db)          // the settings they were computed under
/// try StoredDeadlines.write(ehcCase, calendar: calendar, db)
/// ```
enum StoredDeadlines {
    /// The counting settings the stored deadlines were computed under.
    static func settings(_ db: Database) throws -> Settings {
        guard let row = try Row.fetchOne(db, sql: "SELECT counting, reviewPeriod, phaseDeadline FROM deadlineSettings")
        else { return Settings() }
        guard let counting = Settings.Counting(rawValue: row["counting"]),
              let reviewPeriod = Settings.ReviewPeriod(rawValue: row["reviewPeriod"]),
              let phaseDeadline = Settings.PhaseDeadline(rawValue: row["phaseDeadline"]) else {
            throw CaseRows.CorruptValue(value: "deadlineSettings")
        }
        return Settings(counting: counting, reviewPeriod: reviewPeriod, phaseDeadline: phaseDeadline)
    }

    /// The calendar every write computes deadlines with.
    static func calendar(_ db: Database) throws -> StatutoryCalendar {
        StatutoryCalendar(settings: try settings(db))
    }

    /// Whether two settings give the same due dates (`dueSoonDays` only changes statuses).
    static func sameDueDates(_ one: Settings, _ other: Settings) -> Bool {
        (one.counting, one.reviewPeriod, one.phaseDeadline) == (other.counting, other.reviewPeriod, other.phaseDeadline)
    }

    static let table = CaseRows.ChildTable("deadlines", ["key", "kind", "due", "met", "switchedOff", "excepted", "item"])

    /// Replaces the case's stored deadlines with those of its facts now, and stamps it fresh.
    static func write(_ ehcCase: EHCCase, calendar: StatutoryCalendar, _ db: Database) throws {
        try write(calendar.storedDeadlines(of: ehcCase), caseID: ehcCase.id, replacing: true, db)
    }

    /// Stores `deadlines` (``StatutoryCalendar/storedDeadlines(of:)`` under the recorded settings) as
    /// the case's, and stamps it fresh. A case just inserted has none to replace: its old rows went
    /// with its old row (`ON DELETE CASCADE`).
    static func write(_ deadlines: [StoredDeadline], caseID: String, replacing: Bool, _ db: Database) throws {
        if replacing {
            let delete = try RawStatement(cached: "DELETE FROM deadlines WHERE caseId = ?", db)
            delete.bind(1, text: caseID)
            try delete.execute()
        }
        try CaseRows.insertRows(of: deadlines, into: table, caseID: caseID, db) { row, item, at in
            row.bind(at, text: item.key)
            row.bind(at + 1, text: item.kind.rawValue)
            row.bind(at + 2, date: item.due)
            row.bind(at + 3, date: item.met)
            row.bind(at + 4, integer: item.switchedOff ? 1 : 0)
            row.bind(at + 5, integer: item.excepted ? 1 : 0)
            row.bind(at + 6, integer: item.item)
        }
        let stamp = try RawStatement(cached: "INSERT OR REPLACE INTO deadlineStamps (caseId) VALUES (?)", db)
        stamp.bind(1, text: caseID)
        try stamp.execute()
    }

    /// Runs `body`, which writes every case it touches with its deadlines and stamp (an import),
    /// with the stale-deadline triggers set aside in the caller's transaction: each would otherwise
    /// forget, row by row, a stamp that `body` writes afresh, and makes SQLite copy every multi-row
    /// insert through a temporary table first. Schema changes are transactional in SQLite, so the
    /// triggers come back with the commit, and with the rollback if anything fails.
    static func withoutStaleTriggers<Result>(_ db: Database, _ body: () throws -> Result) throws -> Result {
        let triggers = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%!_staleDeadlines' ESCAPE '!'
            """).map { (name: $0[0] as String, sql: $0[1] as String) }
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger.name)") }
        func restore() throws { for trigger in triggers { try db.execute(sql: trigger.sql) } }
        let result: Result
        do {
            result = try body()
        } catch {
            try? restore()
            throw error
        }
        try restore()
        return result
    }

    /// The cases whose stored deadlines may not match their facts: changed since they were stamped.
    static func staleCaseIDs(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM cases WHERE id NOT IN (SELECT caseId FROM deadlineStamps) ORDER BY id")
    }

    /// Recomputes the deadlines of `ids` (every case when `nil`) under `settings` and records them
    /// as the settings of the stored deadlines; `progress` hears (done, total).
    static func recompute(_ ids: [String]?, settings: Settings, _ db: Database,
                          progress: (_ done: Int, _ total: Int) -> Void) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO deadlineSettings (singleton, counting, reviewPeriod, phaseDeadline) VALUES (1, ?, ?, ?)
            """, arguments: [settings.counting.rawValue, settings.reviewPeriod.rawValue, settings.phaseDeadline.rawValue])
        let calendar = StatutoryCalendar(settings: settings)
        let total = try ids?.count ?? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0
        var done = 0
        func rewrite(_ cases: [EHCCase]) throws {
            for ehcCase in cases { try write(ehcCase, calendar: calendar, db) }
            done += cases.count
            progress(done, total)
        }
        if let ids {
            for id in ids { try rewrite(try CaseRows.fetchCases(db, whereID: id)) }
        } else {
            try CaseStream(db, matching: .all).forEachChunk(of: 2_000, rewrite)
        }
    }

    /// The stored deadlines that differ from those computed from the facts under the recorded
    /// settings now, case by case: empty when the store is true to its facts.
    static func differences(_ db: Database) throws -> [String] {
        let calendar = try calendar(db)
        var stored: [String: [StoredDeadline]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT caseId, key, kind, due, met, switchedOff, excepted, item FROM deadlines ORDER BY caseId, position
            """) {
            let caseID: String = row["caseId"]
            guard let kind = DeadlineKind(rawValue: row["kind"]) else { throw CaseRows.CorruptValue(value: row["kind"]) }
            let met: String? = row["met"]
            stored[caseID, default: []].append(StoredDeadline(
                key: row["key"], kind: kind, due: try CaseRows.date(row["due"]), met: try met.map(CaseRows.date),
                switchedOff: (row["switchedOff"] as Int?) == 1, excepted: (row["excepted"] as Int?) == 1,
                item: row["item"]))
        }
        var different: [String] = []
        try CaseStream(db, matching: .all).forEachChunk(of: 2_000) { cases in
            for ehcCase in cases where calendar.storedDeadlines(of: ehcCase) != (stored.removeValue(forKey: ehcCase.id) ?? []) {
                different.append(ehcCase.id)
            }
        }
        return different + stored.keys.sorted()
    }
}
