import EHCCore
import Foundation
import GRDB

/// What an import changed.
public struct ImportResult: Sendable, Equatable {
    public var inserted: Int
    public var updated: Int
}

/// Cases to import, read in file order as often as the import needs: ``ImportedCases`` holds them
/// in memory (tests), ``JSONCaseStream`` and ``CSVCaseStream`` read their files again for each
/// pass, one case at a time.
public protocol ImportSource: Sendable {
    /// The name the import goes by in messages and the audit trail.
    var file: String { get }
    /// The lists the file gives; a list it does not give is kept from the stored case on `--update`.
    var givenLists: Set<CaseList> { get }
    /// Calls `body` with each case that reads, in file order; throws an ``ImportFailure`` with
    /// every reading problem once the file is read.
    func forEachCase(_ body: (ImportedCase) throws -> Void) throws
}

/// One case as an import read it, with what the importer needs to place a problem found later.
public struct ImportedCase: Sendable {
    /// Its position in the file, from 0: problems are placed under `cases[index]`.
    public var index: Int
    public var ehcCase: EHCCase
    /// Its plan audits (JSON only).
    public var audits: [PlanAudit]
    /// Its `version` as exported.
    public var version: Int?
    /// How much of the source has been read, 0 to 1, for progress.
    public var fractionRead: Double
    /// Where its facts are in the file (for CSV, each cell's line and column).
    public var places: ImportPlaces
}

extension ImportSource {
    /// The imported case, with the lists this import did not give taken from the stored case.
    func merged(_ imported: EHCCase, keepingFrom stored: EHCCase) -> EHCCase {
        var result = imported
        if !givenLists.contains(.advice) { result.advice = stored.advice }
        if !givenLists.contains(.exceptions) { result.exceptions = stored.exceptions }
        if !givenLists.contains(.reviews) { result.reviews = stored.reviews }
        if !givenLists.contains(.placements) { result.plan.placements = stored.plan.placements }
        return result
    }
}

extension ImportedCases: ImportSource {
    public func forEachCase(_ body: (ImportedCase) throws -> Void) throws {
        let auditsByCase = Dictionary(grouping: audits, by: \.caseID)
        for (index, ehcCase) in cases.enumerated() {
            try body(ImportedCase(index: index, ehcCase: ehcCase, audits: auditsByCase[ehcCase.id] ?? [],
                                  version: versions[ehcCase.id], fractionRead: Double(index + 1) / Double(cases.count),
                                  places: ImportPlaces(file: file)))
        }
    }
}

extension CaseStore {
    /// Checks an import against the database at `path` without opening it for writing.
    ///
    /// Opening a database for writing touches its file (SQLite and GRDB set up the WAL), so a refused
    /// import runs this first: a database it refuses is left byte-for-byte as it was. Finds every
    /// problem ``importCases(_:updateExisting:force:by:check:today:progress:)`` would; a case added
    /// or saved by someone else in between is still caught there, inside the write transaction.
    /// Returns the number of cases, for progress.
    ///
    /// ```swift
    /// try CaseStore.checkImport(imported, databasePath: "caseload.sqlite", updateExisting: false,
    ///                           check: ConsistencyCheck(), today: today)
    /// ```
    @discardableResult
    public static func checkImport(_ source: some ImportSource, databasePath path: String, updateExisting: Bool,
                                   force: Bool = false, check: ConsistencyCheck, today: CalendarDate) throws -> Int {
        guard case .regular = SafeFile.kind(at: path) else {
            return try Self.pass(over: source, against: nil, updateExisting: updateExisting, force: force,
                                 check: check, today: today, write: nil)
        }
        try checkIsEhcdeskDatabase(at: path)
        return try readOnly(path) { db in
            try Self.pass(over: source, against: db, updateExisting: updateExisting, force: force,
                          check: check, today: today, write: nil)
        }
    }

    /// Writes imported cases in one transaction, checking each as it goes; on any problem nothing is written.
    ///
    /// A reference that already exists is refused unless `updateExisting`, in which case the case is
    /// replaced and the audit trail records its facts before and after; a case saved since the file
    /// was exported (its `version`) is refused unless `force`. Lists the import did not give (a CSV
    /// without `advice.csv`) are kept from the stored case, and the merged case is checked again.
    ///
    /// Every case is checked by the statutory engine's ``ConsistencyCheck`` on `today`: an error (a
    /// date before the request, an invalid exception, …) refuses the whole import, naming the case,
    /// its place and the rule; warnings do not. `progress` is told (done, total) as cases are written:
    /// thousandths of the source read.
    ///
    /// ```swift
    /// let imported = try ImportSources.open(path: "in.csv")
    /// try store.importCases(imported, updateExisting: false, by: "sam", check: ConsistencyCheck(), today: today)
    /// ```
    public func importCases(_ source: some ImportSource, updateExisting: Bool, force: Bool = false, by user: String,
                            check: ConsistencyCheck, today: CalendarDate,
                            progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> ImportResult {
        try write { db in
            try Self.importCases(source, into: db, updateExisting: updateExisting, force: force, by: user, check: check,
                                 today: today, progress: progress)
        }
    }

    /// Builds a new database at `path` from an import: the schema as ``open(path:access:)`` makes
    /// it, then every case written in one transaction straight into the file.
    ///
    /// A database in WAL mode writes every page twice, to the WAL and then, at the checkpoint,
    /// into the file (a second or more of a 100,000-case import). A file nobody else can have
    /// open yet (``ImportCommand`` builds it under a private temporary name) is written with a
    /// rollback journal instead, which a new page does not need, and turned to WAL once done.
    /// All or nothing as ever: a problem rolls the transaction back and the file holds no case.
    ///
    /// ```swift
    /// let temporary = try SafeFile.createExclusiveTemporary(beside: "caseload.sqlite")
    /// try CaseStore.importIntoNewDatabase(at: temporary, try ImportSources.open(path: "return.xml"), by: "sam",
    ///                                     check: ConsistencyCheck(), today: today)
    /// ```
    public static func importIntoNewDatabase(at path: String, _ source: some ImportSource, by user: String,
                                             check: ConsistencyCheck, today: CalendarDate,
                                             progress: (_ done: Int, _ total: Int) -> Void = { _, _ in })
        throws -> ImportResult {
        try open(path: path, access: .create).close()
        do {
            let queue = try DatabaseQueue(path: path, configuration: .ehcdesk())
            defer { try? queue.close() }
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            let result = try queue.write { db in
                try importCases(source, into: db, updateExisting: false, by: user, check: check, today: today,
                                progress: progress)
            }
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            return result
        } catch let error as DatabaseError {
            throw StoreError(error, path: path, doing: "import into it")
        }
    }

    /// The import itself, in the caller's write transaction on `db`.
    private static func importCases(_ source: some ImportSource, into db: Database, updateExisting: Bool,
                                    force: Bool = false, by user: String, check: ConsistencyCheck, today: CalendarDate,
                                    progress: (_ done: Int, _ total: Int) -> Void) throws -> ImportResult {
        try withoutActuallyEscaping(progress) { progress in
            var result = ImportResult(inserted: 0, updated: 0)
            let calendar = try StoredDeadlines.calendar(db)
            // A large import rewrites the same index pages again and again: 64 MB of page cache keeps
            // them in memory until the commit instead of spilling them to the WAL (about 5 % faster).
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            _ = try StoredDeadlines.withoutStaleTriggers(db) { try Self.pass(
                over: source, against: db, updateExisting: updateExisting, force: force, check: check,
                today: today, writingWith: calendar) { ehcCase, stored, read in
                let item = read.item
                progress(Int(item.fractionRead * 1_000), 1_000)
                // What the reading thread made from the case read, unless merging with the stored case changed it.
                let made = ehcCase == item.ehcCase ? read.made : nil
                let deadlines = made?.deadlines ?? calendar.storedDeadlines(of: ehcCase)
                let facts = made?.facts ?? AuditTrail.facts(ehcCase)
                if let stored {
                    if ehcCase != stored.ehcCase {
                        try CaseRows.replace(ehcCase, version: stored.version + 1, deadlines: deadlines, db)
                        try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: "update",
                                              summary: "updated by import of \(source.file)",
                                              beforeFacts: AuditTrail.facts(stored.ehcCase), afterFacts: facts,
                                              version: stored.version + 1)
                        result.updated += 1
                    }
                } else {
                    // The exported version is kept, so an export of the copy is the export it came from.
                    try CaseRows.insert(ehcCase, version: item.version ?? 1, deadlines: deadlines, db)
                    try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: "insert",
                                          summary: "imported from \(source.file)", beforeFacts: nil, afterFacts: facts,
                                          version: item.version ?? 1)
                    result.inserted += 1
                }
                if !item.audits.isEmpty { try Self.writeAudits(item.audits, from: source.file, by: user, db) }
            } }
            return result
        }
    }

    /// Imports cases read from a JSON file named `file`; problems are placed by their JSON path.
    public func importCases(_ cases: [EHCCase], file: String, updateExisting: Bool, by user: String,
                            check: ConsistencyCheck, today: CalendarDate) throws -> ImportResult {
        try importCases(ImportedCases(cases: cases, file: file), updateExisting: updateExisting,
                        by: user, check: check, today: today)
    }

    /// One case as the reading thread leaves it: checked, and, for a writing pass, with what its rows
    /// and its audit entry need made, so that the thread holding the database only writes.
    private struct ReadCase: Sendable {
        var item: ImportedCase
        /// The statutory engine's errors.
        var problems: [ImportProblem]
        /// Its deadlines under the recorded settings and its facts as the trail keeps them.
        var made: (deadlines: [StoredDeadline], facts: String)?
    }

    /// One pass over the source: every case is checked (statutory errors, a reference used twice,
    /// one already stored without `updateExisting`, one saved since the export without `force`,
    /// against `db` when there is one) and, when nothing is wrong so far, handed to `write`: merged
    /// with the stored case it replaces (the lists the file does not give kept), with that stored
    /// case and its version. The file is read, each case checked and (`writingWith` a calendar) its
    /// deadlines and audit facts made, on a thread of its own, ahead of what needs the database.
    /// Every problem is collected and thrown at the end, so a writing pass is rolled back whole.
    /// Returns the number of cases.
    private static func pass(over source: some ImportSource, against db: Database?, updateExisting: Bool, force: Bool,
                             check: ConsistencyCheck, today: CalendarDate, writingWith calendar: StatutoryCalendar? = nil,
                             write: ((EHCCase, (ehcCase: EHCCase, version: Int)?, ReadCase) throws -> Void)?)
        throws -> Int {
        var problems: [ImportProblem] = []
        // Where each reference was first used, in the user's words ("line 3", "cases[2]").
        var firstUse: [String: String] = [:]
        var count = 0
        // Into a database with no cases (a new one, the usual first import) nothing is stored to
        // look up: the write transaction keeps it so until the import is done.
        let startsEmpty = try db.map { try !(Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM cases)") ?? false) } ?? true
        try ReadAhead.forEach(source, prepare: { item in
            let found = statutoryProblems(item.ehcCase, index: item.index, places: item.places, check: check, today: today)
            let made = found.isEmpty ? calendar.map { ($0.storedDeadlines(of: item.ehcCase), AuditTrail.facts(item.ehcCase)) } : nil
            return ReadCase(item: item, problems: found, made: made)
        }) { read in
            count += 1
            let (item, index, ehcCase, places) = (read.item, read.item.index, read.item.ehcCase, read.item.places)
            var found = read.problems
            if let earlier = firstUse[ehcCase.id] {
                found.append(places.problem("cases[\(index)].id", "the reference \(ehcCase.id) is also used by \(earlier)"))
            } else {
                firstUse[ehcCase.id] = places.name(of: "cases[\(index)]")
            }
            var stored: (ehcCase: EHCCase, version: Int)?
            var toWrite = ehcCase
            if let db, found.isEmpty, !startsEmpty {
                stored = try CaseRows.stored(db, id: ehcCase.id)
                if let (storedCase, current) = stored {
                    toWrite = source.merged(ehcCase, keepingFrom: storedCase)
                    if !updateExisting {
                        found.append(places.problem("cases[\(index)].id", "\(ehcCase.id) already exists; use --update to replace it"))
                    } else if !force, let exported = item.version, exported != current, toWrite != storedCase {
                        let last = try AuditTrail.lastEntry(db, caseID: ehcCase.id)
                        let who = last.map { " by \($0.user) at \($0.at)" } ?? ""
                        found.append(places.problem(
                            "cases[\(index)].version",
                            "\(ehcCase.id) was saved\(who) after this file was exported (the file has version \(exported), "
                                + "the database version \(current)); importing it would undo that change (use --force to overwrite it)"))
                    }
                }
            }
            if toWrite != ehcCase, found.isEmpty {
                found += statutoryProblems(toWrite, index: index, places: places, check: check, today: today)
            }
            problems += found
            if problems.isEmpty, let write { try write(toWrite, stored, read) }
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
        return count
    }

    /// The statutory engine's errors for one case (a date before the request, an invalid exception, …).
    private static func statutoryProblems(_ ehcCase: EHCCase, index: Int, places: ImportPlaces, check: ConsistencyCheck,
                                          today: CalendarDate) -> [ImportProblem] {
        check.findings(for: ehcCase, today: today).filter { $0.severity == .error }.map { finding in
            let rule = finding.rule.map { " (\($0))" } ?? ""
            return places.problem("cases[\(index)].\(finding.path)", "\(ehcCase.id): \(finding.message)\(rule)")
        }
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
