import EHCCore
import GRDB

/// What an import changed.
public struct ImportResult: Sendable, Equatable {
    public var inserted: Int
    public var updated: Int
}

extension CaseStore {
    /// Writes imported cases in one transaction after checking all of them; on any problem nothing is written.
    ///
    /// A reference that already exists is refused unless `updateExisting`, in which case the case is
    /// replaced and the audit trail records its facts before and after.
    ///
    /// Every case is first checked by the statutory engine's ``ConsistencyCheck`` on `today`: an
    /// error (a date before the request, an invalid exception, …) refuses the whole import, naming
    /// the case, its JSON path and the rule; warnings do not.
    ///
    /// ```swift
    /// let imported = try ImportedCases.read(path: "in.json")
    /// try store.importCases(imported, updateExisting: false, by: "sam", check: ConsistencyCheck(), today: today)
    /// ```
    ///
    /// `progress` is told how far it has got, as (done, total) steps: checking then writing each case.
    public func importCases(_ imported: ImportedCases, updateExisting: Bool, by user: String,
                            check: ConsistencyCheck, today: CalendarDate,
                            progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> ImportResult {
        try importCases(imported.cases, file: imported.places.file, places: imported.places,
                        updateExisting: updateExisting, by: user, check: check, today: today, progress: progress)
    }

    /// Imports cases read from a JSON file named `file`; problems are placed by their JSON path.
    public func importCases(_ cases: [EHCCase], file: String, updateExisting: Bool, by user: String,
                            check: ConsistencyCheck, today: CalendarDate) throws -> ImportResult {
        try importCases(cases, file: file, places: ImportPlaces(file: file), updateExisting: updateExisting,
                        by: user, check: check, today: today, progress: { _, _ in })
    }

    private func importCases(_ cases: [EHCCase], file: String, places: ImportPlaces, updateExisting: Bool,
                             by user: String, check: ConsistencyCheck, today: CalendarDate,
                             progress: (Int, Int) -> Void) throws -> ImportResult {
        var problems: [ImportProblem] = []
        var firstIndex: [String: Int] = [:]
        for (index, ehcCase) in cases.enumerated() {
            progress(index, 2 * cases.count)
            for finding in check.findings(for: ehcCase, today: today) where finding.severity == .error {
                let rule = finding.rule.map { " (\($0))" } ?? ""
                problems.append(places.problem("cases[\(index)].\(finding.path)", "\(ehcCase.id): \(finding.message)\(rule)"))
            }
            if let earlier = firstIndex[ehcCase.id] {
                problems.append(places.problem("cases[\(index)].id", "the reference \(ehcCase.id) is also used by \(places.name(of: "cases[\(earlier)]"))"))
            } else {
                firstIndex[ehcCase.id] = index
            }
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
        return try write { db in
            var result = ImportResult(inserted: 0, updated: 0)
            var existing: [(index: Int, before: EHCCase)] = []
            let storedIDs = try Set(String.fetchAll(db, sql: "SELECT id FROM cases"))
            for (index, ehcCase) in cases.enumerated() where storedIDs.contains(ehcCase.id) {
                if let before = try CaseRows.fetchCases(db, whereID: ehcCase.id).first {
                    existing.append((index, before))
                }
            }
            if !updateExisting, !existing.isEmpty {
                throw ImportFailure(problems: existing.map { item in
                    places.problem("cases[\(item.index)].id", "\(cases[item.index].id) already exists; use --update to replace it")
                })
            }
            let beforeByIndex = Dictionary(uniqueKeysWithValues: existing.map { ($0.index, $0.before) })
            for (index, ehcCase) in cases.enumerated() {
                progress(cases.count + index, 2 * cases.count)
                if let before = beforeByIndex[index] {
                    guard before != ehcCase else { continue }
                    let version = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE id = ?", arguments: [ehcCase.id]) ?? 1
                    try CaseRows.replace(ehcCase, version: version + 1, db)
                    try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: "update",
                                          summary: "updated by import of \(file)", before: before, after: ehcCase)
                    result.updated += 1
                } else {
                    try CaseRows.insert(ehcCase, db)
                    try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: "insert",
                                          summary: "imported from \(file)", before: nil, after: ehcCase)
                    result.inserted += 1
                }
            }
            progress(2 * cases.count, 2 * cases.count)
            return result
        }
    }
}
