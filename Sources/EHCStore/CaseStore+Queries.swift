import EHCCore

extension CaseStore {
    /// The cases whose final plan was issued in a period (both days included), through the index:
    /// what a timeliness report needs, without loading the rest of the caseload.
    ///
    /// ```swift
    /// let plans = try store.cases(finalPlanIssuedFrom: from, to: to)
    /// Timeliness(settings: settings).report(for: plans, from: from, to: to, groupedBy: .month, today: today)
    /// ```
    public func cases(finalPlanIssuedFrom from: CalendarDate, to: CalendarDate) throws -> [EHCCase] {
        try pool.read { db in try CaseRows.fetchCases(db, matching: .finalPlanIssued(from: from, to: to)) }
    }
}
