/// Each caseworker's live caseload on a day, for balancing work across the team: how many cases
/// they hold, how many have a deadline overdue, and how many have one due within `dueSoonDays`.
///
/// A case is held while its assessment is open or its plan is maintained (status `open` or
/// `planIssued`); closed, ceased, not-assessed and not-issued cases are left out. A case counts once
/// in "overdue" however many of its deadlines are, and once in "due soon".
///
/// ```swift
/// let rows = CaseworkerWorkload.rows(for: cases, calendar: StatutoryCalendar(), today: today)
/// rows.first?.caseworker     // "A. Khan" (sorted by name)
/// rows.first?.overdue        // cases with at least one overdue deadline
/// ```
public enum CaseworkerWorkload {
    /// One caseworker's figures; the case id lists are in the order met (for drill-down).
    public struct Row: Sendable, Hashable {
        public var caseworker: String
        public var heldCaseIDs: [String] = []
        public var overdueCaseIDs: [String] = []
        public var dueSoonCaseIDs: [String] = []

        public init(caseworker: String) {
            self.caseworker = caseworker
        }

        public var openCases: Int { heldCaseIDs.count }
        public var overdue: Int { overdueCaseIDs.count }
        public var dueSoon: Int { dueSoonCaseIDs.count }
    }

    /// One row per caseworker holding a case, sorted by name.
    public static func rows(for cases: some Sequence<EHCCase>, calendar: StatutoryCalendar,
                            today: CalendarDate) -> [Row] {
        var byCaseworker: [String: Row] = [:]
        for ehcCase in cases {
            let status = calendar.status(of: ehcCase)
            guard status == .open || status == .planIssued else { continue }
            let statuses = Set(calendar.statuses(of: ehcCase, today: today).map(\.status))
            // Changed in place (a copy taken out and put back would copy the lists on every append).
            func add(to row: inout Row) {
                row.heldCaseIDs.append(ehcCase.id)
                if statuses.contains(.overdue) { row.overdueCaseIDs.append(ehcCase.id) }
                if statuses.contains(.dueSoon) { row.dueSoonCaseIDs.append(ehcCase.id) }
            }
            add(to: &byCaseworker[ehcCase.caseworker, default: Row(caseworker: ehcCase.caseworker)])
        }
        return byCaseworker.values.sorted { $0.caseworker < $1.caseworker }
    }
}
