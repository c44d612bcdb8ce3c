import GRDB
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

    /// The plans issued in a period (both days included), ordered by reference, read light: four
    /// columns per plan, and whole cases only for those with an exception naming the final plan.
    ///
    /// ```swift
    /// let plans = try store.issuedPlans(from: from, to: to)
    /// Timeliness(settings: settings).report(forPlans: plans, from: from, to: to, today: today)
    /// ```
    public func issuedPlans(from: CalendarDate, to: CalendarDate) throws -> [IssuedPlan] {
        try pool.read { db in
            var excepted: [String: EHCCase] = [:]
            for ehcCase in try CaseRows.fetchCases(db, matching: .finalPlanExcepted(from: from, to: to)) {
                excepted[ehcCase.id] = ehcCase
            }
            var plans: [IssuedPlan] = []
            let rows = try RawStatement(db, sql: """
                SELECT id, caseworker, requestDate, finalPlanIssued FROM cases
                WHERE finalPlanIssued BETWEEN ? AND ? ORDER BY id
                """, arguments: [from.description, to.description])
            while try rows.step() {
                let id = rows.text(0) ?? ""
                plans.append(IssuedPlan(caseID: id, caseworker: rows.text(1) ?? "", requestDate: try rows.date(2),
                                        finalPlanIssued: try rows.date(3),
                                        caseWithException: excepted.isEmpty ? nil : excepted[id]))
            }
            return plans
        }
    }
}
