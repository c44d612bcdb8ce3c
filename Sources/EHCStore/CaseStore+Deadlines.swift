import EHCCore
import Foundation
import GRDB

/// A deadline overdue on a day, as `ehcdesk overdue` lists it.
public struct OverdueDeadline: Sendable, Hashable {
    public var caseID: String
    public var key: String
    public var due: CalendarDate
    public var caseworker: String
}

extension CaseStore {
    /// Makes the stored deadlines those of `settings` and of every case's facts now, or says why not.
    ///
    /// - Returns: `nil` when they are (already, or once recomputed in one transaction); otherwise
    ///   why they cannot be trusted (a database that cannot be written to and is out of date), so
    ///   the caller computes from the facts. `notice` hears what was recomputed, for the user.
    public func prepareStoredDeadlines(for settings: Settings, notice: (String) -> Void = { _ in },
                                       progress: @escaping (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> String? {
        let (present, recorded, stale) = try pool.read { db -> (Bool, Settings, [String]) in
            guard try db.tableExists("deadlineStamps") else { return (false, settings, []) }
            return (true, try StoredDeadlines.settings(db), try StoredDeadlines.staleCaseIDs(db))
        }
        guard present else { return "this database has no stored deadlines (it is read-only and older than this ehcdesk)" }
        let sameSettings = StoredDeadlines.sameDueDates(recorded, settings)
        if sameSettings && stale.isEmpty { return nil }
        let why = sameSettings
            ? "\(stale.count) case\(stale.count == 1 ? " was" : "s were") changed outside ehcdesk since \(stale.count == 1 ? "its" : "their") deadlines were stored"
            : "the stored deadlines were computed under counting = \(recorded.counting.rawValue), reviewPeriod = "
                + "\(recorded.reviewPeriod.rawValue), phaseDeadline = \(recorded.phaseDeadline.rawValue)"
        guard !isReadOnly else { return why + "; the database cannot be written to, so they are computed from the facts" }
        try write { db in
            try StoredDeadlines.recompute(sameSettings ? stale : nil, settings: settings, db, progress: progress)
        }
        notice("ehcdesk: \(why): recomputed from the facts and stored")
        return nil
    }

    /// Every deadline overdue on `today` under `settings`, most overdue first (then by case and
    /// key): one indexed query over the stored deadlines, or, when they cannot be made true
    /// (``prepareStoredDeadlines(for:notice:progress:)``), the rule engine over every case, with the reason.
    public func overdueDeadlines(today: CalendarDate, settings: Settings, notice: (String) -> Void = { _ in },
                                 progress: @escaping (_ done: Int, _ total: Int) -> Void = { _, _ in })
        throws -> [OverdueDeadline] {
        if let reason = try prepareStoredDeadlines(for: settings, notice: notice, progress: progress) {
            notice("ehcdesk: \(reason)")
            let calendar = StatutoryCalendar(settings: settings)
            var rows: [OverdueDeadline] = []
            for ehcCase in try allCases() {
                for deadline in calendar.storedDeadlines(of: ehcCase) where deadline.isOverdue(on: today) {
                    rows.append(OverdueDeadline(caseID: ehcCase.id, key: deadline.key, due: deadline.due,
                                                caseworker: ehcCase.caseworker))
                }
            }
            return rows.sorted { ($0.due, $0.caseID, $0.key) < ($1.due, $1.caseID, $1.key) }
        }
        return try pool.read { db in
            let statement = try RawStatement(db, sql: """
                SELECT d.caseId, d.key, d.due, c.caseworker FROM deadlines d JOIN cases c ON c.id = d.caseId
                WHERE d.met IS NULL AND d.switchedOff = 0 AND d.due < ? ORDER BY d.due, d.caseId, d.key
                """, arguments: [today.description])
            var rows: [OverdueDeadline] = []
            while try statement.step() {
                rows.append(OverdueDeadline(caseID: statement.text(0) ?? "", key: statement.text(1) ?? "",
                                            due: try statement.date(2), caseworker: statement.text(3) ?? ""))
            }
            return rows
        }
    }

    /// The cases whose stored deadlines differ from their facts under the recorded settings (what
    /// `ehcdesk verify` reports; empty for a store true to its facts).
    public func storedDeadlineDifferences() throws -> [String] {
        try pool.read { db in
            guard try db.tableExists("deadlines") else { return [] }
            return try StoredDeadlines.differences(db)
        }
    }
}
