import EHCCore
import GRDB

extension CaseStore {
    /// The open assessments still owed advice (an item never received, or returned for more detail),
    /// with the version each was read at: what "Who owes what" needs, without the rest of the caseload.
    ///
    /// Only these cases are read, with their advice and exceptions (they have no reviews yet).
    ///
    /// ```swift
    /// let owed = try store.casesAwaitingAdvice()
    /// WhoOwesWhat(cases: owed.map(\.ehcCase), calendar: calendar, today: today).outstanding
    /// ```
    public func casesAwaitingAdvice() throws -> [(ehcCase: EHCCase, version: Int)] {
        try pool.read { db in
            let filter = CaseRows.Filter.awaitingAdvice
            let cases = try CaseRows.fetchCases(db, matching: filter)
            var versions: [String: Int] = [:]
            let (condition, arguments) = filter.condition
            let rows = try Row.fetchCursor(db, sql: "SELECT id, version FROM cases\(condition)", arguments: arguments)
            while let row = try rows.next() { versions[row[0]] = row[1] }
            return cases.map { ($0, versions[$0.id] ?? 0) }
        }
    }
}
