import EHCCore
import Foundation
import GRDB

/// What an import changed.
public struct ImportResult: Sendable, Equatable {
    public var inserted: Int
    public var updated: Int
}

extension CaseStore {
    /// Checks an import against the database at `path` without opening it for writing.
    ///
    /// Opening a database for writing touches its file (SQLite and GRDB set up the WAL), so a refused
    /// import runs this first: a database it refuses is left byte-for-byte as it was. Finds every
    /// problem ``importCases(_:updateExisting:by:check:today:progress:)`` would, but a case added by
    /// someone else in between is still caught there, inside the write transaction.
    ///
    /// ```swift
    /// try CaseStore.checkImport(imported, databasePath: "caseload.sqlite", updateExisting: false,
    ///                           check: ConsistencyCheck(), today: today)
    /// ```
    public static func checkImport(_ imported: ImportedCases, databasePath path: String, updateExisting: Bool,
                                   force: Bool = false, check: ConsistencyCheck, today: CalendarDate) throws {
        let cases = imported.cases
        try refuseInvalid(cases, places: imported.places, check: check, today: today, progress: { _, _ in })
        guard case .regular = SafeFile.kind(at: path) else { return }
        try checkIsEhcdeskDatabase(at: path)
        if updateExisting {
            if !force { try readOnly(path) { db in try refuseStale(imported, db) } }
            return
        }
        let storedIDs = try readOnly(path) { db in try Set(String.fetchAll(db, sql: "SELECT id FROM cases")) }
        try refuseExisting(cases, storedIDs: storedIDs, places: imported.places)
    }

    /// Refuses an update from a stale file: a case whose exported `version` is not the stored one,
    /// and whose facts differ, was saved by someone after the export, and replacing it would
    /// silently revert their change. Names each case, the versions and who saved it last.
    private static func refuseStale(_ imported: ImportedCases, _ db: Database) throws {
        guard !imported.versions.isEmpty else { return }
        let stored = try Dictionary(Row.fetchAll(db, sql: "SELECT id, version FROM cases").map { row -> (String, Int) in
            (row[0], row[1])
        }, uniquingKeysWith: { first, _ in first })
        var problems: [ImportProblem] = []
        for (index, ehcCase) in imported.cases.enumerated() {
            guard let exported = imported.versions[ehcCase.id], let current = stored[ehcCase.id], exported != current,
                  let before = try CaseRows.fetchCases(db, whereID: ehcCase.id).first,
                  imported.merged(ehcCase, keepingFrom: before) != before else { continue }
            let last = try AuditTrail.lastEntry(db, caseID: ehcCase.id)
            let who = last.map { " by \($0.user) at \($0.at)" } ?? ""
            problems.append(imported.places.problem(
                "cases[\(index)].version",
                "\(ehcCase.id) was saved\(who) after this file was exported (the file has version \(exported), "
                    + "the database version \(current)); importing it would undo that change (use --force to overwrite it)"))
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
    }

    /// Writes imported cases in one transaction after checking all of them; on any problem nothing is written.
    ///
    /// A reference that already exists is refused unless `updateExisting`, in which case the case is
    /// replaced and the audit trail records its facts before and after. Lists the import did not give
    /// (a CSV without `advice.csv`) are kept from the stored case, and the merged case is checked again.
    ///
    /// Every case is first checked by the statutory engine's ``ConsistencyCheck`` on `today`: an
    /// error (a date before the request, an invalid exception, …) refuses the whole import, naming
    /// the case, its place and the rule; warnings do not. `progress` is told how far it has got, as
    /// (done, total) steps: checking, then writing, each case.
    ///
    /// ```swift
    /// let imported = try ImportedCases.read(path: "in.json")
    /// try store.importCases(imported, updateExisting: false, by: "sam", check: ConsistencyCheck(), today: today)
    /// ```
    public func importCases(_ imported: ImportedCases, updateExisting: Bool, force: Bool = false, by user: String,
                            check: ConsistencyCheck, today: CalendarDate,
                            progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> ImportResult {
        let cases = imported.cases
        let places = imported.places
        try Self.refuseInvalid(cases, places: places, check: check, today: today, progress: progress)
        return try write { db in
            var result = ImportResult(inserted: 0, updated: 0)
            let storedIDs = try Set(String.fetchAll(db, sql: "SELECT id FROM cases"))
            if !updateExisting { try Self.refuseExisting(cases, storedIDs: storedIDs, places: places) }
            if updateExisting, !force { try Self.refuseStale(imported, db) }
            for (index, ehcCase) in cases.enumerated() {
                progress(cases.count + index, 2 * cases.count)
                if storedIDs.contains(ehcCase.id), let before = try CaseRows.fetchCases(db, whereID: ehcCase.id).first {
                    let ehcCase = imported.merged(ehcCase, keepingFrom: before)
                    guard before != ehcCase else { continue }
                    let problems = Self.statutoryProblems(ehcCase, index: index, places: places, check: check, today: today)
                    if !problems.isEmpty { throw ImportFailure(problems: problems) }
                    let version = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE id = ?", arguments: [ehcCase.id]) ?? 1
                    try CaseRows.replace(ehcCase, version: version + 1, db)
                    try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: "update",
                                          summary: "updated by import of \(places.file)", before: before, after: ehcCase)
                    result.updated += 1
                } else {
                    // The exported version is kept, so an export of the copy is the export it came from.
                    try CaseRows.insert(ehcCase, version: imported.versions[ehcCase.id] ?? 1, db)
                    try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: "insert",
                                          summary: "imported from \(places.file)", before: nil, after: ehcCase)
                    result.inserted += 1
                }
            }
            try Self.writeAudits(imported.audits, from: places.file, by: user, db)
            progress(2 * cases.count, 2 * cases.count)
            return result
        }
    }

    /// Imports cases read from a JSON file named `file`; problems are placed by their JSON path.
    public func importCases(_ cases: [EHCCase], file: String, updateExisting: Bool, by user: String,
                            check: ConsistencyCheck, today: CalendarDate) throws -> ImportResult {
        try importCases(ImportedCases(cases: cases, places: ImportPlaces(file: file)), updateExisting: updateExisting,
                        by: user, check: check, today: today)
    }

    /// Refuses the import when a case breaks a statutory rule or a reference is used twice in the file.
    private static func refuseInvalid(_ cases: [EHCCase], places: ImportPlaces, check: ConsistencyCheck,
                                      today: CalendarDate, progress: (Int, Int) -> Void) throws {
        var problems: [ImportProblem] = []
        var firstIndex: [String: Int] = [:]
        for (index, ehcCase) in cases.enumerated() {
            progress(index, 2 * cases.count)
            problems += statutoryProblems(ehcCase, index: index, places: places, check: check, today: today)
            if let earlier = firstIndex[ehcCase.id] {
                problems.append(places.problem(
                    "cases[\(index)].id", "the reference \(ehcCase.id) is also used by \(places.name(of: "cases[\(earlier)]"))"))
            } else {
                firstIndex[ehcCase.id] = index
            }
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
    }

    /// The statutory engine's errors for one case (a date before the request, an invalid exception, …).
    private static func statutoryProblems(_ ehcCase: EHCCase, index: Int, places: ImportPlaces, check: ConsistencyCheck,
                                          today: CalendarDate) -> [ImportProblem] {
        check.findings(for: ehcCase, today: today).filter { $0.severity == .error }.map { finding in
            let rule = finding.rule.map { " (\($0))" } ?? ""
            return places.problem("cases[\(index)].\(finding.path)", "\(ehcCase.id): \(finding.message)\(rule)")
        }
    }

    /// Refuses the import when a reference is already in the database (an update needs `--update`).
    private static func refuseExisting(_ cases: [EHCCase], storedIDs: Set<String>, places: ImportPlaces) throws {
        let problems = cases.enumerated().filter { storedIDs.contains($0.element.id) }.map { index, ehcCase in
            places.problem("cases[\(index)].id", "\(ehcCase.id) already exists; use --update to replace it")
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
    }

    /// The imported audits replace the stored audits of their cases, each in the audit trail.
    private static func writeAudits(_ audits: [PlanAudit], from file: String, by user: String, _ db: Database) throws {
        for caseID in Set(audits.map(\.caseID)).sorted() {
            try db.execute(sql: "DELETE FROM planAudits WHERE caseId = ?", arguments: [caseID])
        }
        for audit in audits {
            var stored = audit
            stored.id = try PlanAuditRows.write(audit, db)
            try AuditTrail.record(db, user: user, caseID: audit.caseID, action: "audit",
                                  summary: "audit imported from \(file)", beforeJSON: nil,
                                  afterJSON: PlanAuditRows.json(stored))
        }
    }
}
