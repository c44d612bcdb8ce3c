import EHCCore
import Foundation
import GRDB

/// Maps cases to the rows of `cases`, `advice`, `exceptions` and `reviews`, and back.
///
/// Rows are read with hand-written, index-based decoding and written with cached statements:
/// 100,000 cases load and save in a fraction of a second this way.
enum CaseRows {
    static func exists(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?)", arguments: [id]) ?? false
    }

    // MARK: Writing

    static func insert(_ ehcCase: EHCCase, version: Int = 1, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO cases (id, givenName, familyName, dateOfBirth, setting, caseworker, requestDate, requestSource,
                decisionToAssessDate, decisionToAssessOutcome, decisionToIssueDate, decisionToIssueOutcome,
                draftPlanIssued, finalPlanIssued, phaseTransferKind, phaseTransferYear, phaseTransferAmendedPlanIssued,
                closedDate, closedReason, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            ehcCase.id, ehcCase.child.givenName, ehcCase.child.familyName, text(ehcCase.child.dateOfBirth),
            ehcCase.child.setting, ehcCase.caseworker, text(ehcCase.requestDate), ehcCase.requestSource.rawValue,
            text(ehcCase.decisionToAssess?.date), ehcCase.decisionToAssess?.outcome.rawValue,
            text(ehcCase.decisionToIssue?.date), ehcCase.decisionToIssue?.outcome.rawValue,
            text(ehcCase.draftPlanIssued), text(ehcCase.finalPlanIssued),
            ehcCase.phaseTransfer?.kind.rawValue, ehcCase.phaseTransfer?.transferYear,
            text(ehcCase.phaseTransfer?.amendedPlanIssued), text(ehcCase.closed?.date), ehcCase.closed?.reason, version,
        ])
        let advice = try db.cachedStatement(sql: """
            INSERT INTO advice (caseId, position, agency, detail, requested, received, chased, contact, quality,
                qualityNote, returned)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, item) in ehcCase.advice.enumerated() {
            try advice.execute(arguments: [
                ehcCase.id, position, item.agency.rawValue, item.detail, text(item.requested), text(item.received),
                list(item.chased.map(\.description)), item.contact, item.quality?.rawValue, item.qualityNote,
                text(item.returned),
            ])
        }
        let exception = try db.cachedStatement(sql: """
            INSERT INTO exceptions (caseId, position, ground, appliesTo, fromDate, toDate, note, parentInformed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, item) in ehcCase.exceptions.enumerated() {
            try exception.execute(arguments: [
                ehcCase.id, position, item.ground.rawValue, list(item.appliesTo), text(item.from), text(item.to),
                item.note, text(item.parentInformed),
            ])
        }
        let review = try db.cachedStatement(sql: """
            INSERT INTO reviews (caseId, position, meetingDate, reportSent, decisionDate, decision, amendmentProposed,
                amendedPlanIssued)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, item) in ehcCase.reviews.enumerated() {
            try review.execute(arguments: [
                ehcCase.id, position, text(item.meetingDate), text(item.reportSent), text(item.decisionDate),
                item.decision?.rawValue, text(item.amendmentProposed), text(item.amendedPlanIssued),
            ])
        }
    }

    /// Replaces every row of an existing case (its child rows go with it through ON DELETE CASCADE).
    static func replace(_ ehcCase: EHCCase, version: Int, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [ehcCase.id])
        try insert(ehcCase, version: version, db)
    }

    private static func text(_ date: CalendarDate?) -> String? {
        date?.description
    }

    /// A list of short words or dates as a JSON array, readable with SQLite's json functions.
    private static func list(_ items: [String]) -> String {
        JSONValue.array(items.map { .string($0) }).serialized(pretty: false)
    }

    // MARK: Reading

    /// Which cases a read loads.
    enum Filter {
        case all
        case id(String)
        /// Plans issued in a period (both days included), through the `finalPlanIssued` index.
        case finalPlanIssued(from: CalendarDate, to: CalendarDate)
        /// Plans issued in a period with an exception naming the final plan.
        case finalPlanExcepted(from: CalendarDate, to: CalendarDate)
        /// Assessments with no final plan, not refused or closed, with advice never received or returned.
        case awaitingAdvice

        /// The condition on `cases` and its arguments.
        var condition: (sql: String, arguments: StatementArguments) {
            switch self {
            case .all: ("", [])
            case let .id(id): (" WHERE id = ?", [id])
            case let .finalPlanIssued(from, to): (" WHERE finalPlanIssued BETWEEN ? AND ?", [from.description, to.description])
            case let .finalPlanExcepted(from, to):
                (" WHERE finalPlanIssued BETWEEN ? AND ? AND id IN (SELECT caseId FROM exceptions, "
                    + "json_each(exceptions.appliesTo) WHERE json_each.value = 'finalPlan')",
                 [from.description, to.description])
            case .awaitingAdvice:
                (" WHERE finalPlanIssued IS NULL AND closedDate IS NULL AND decisionToAssessOutcome IS NOT 'notAssess'"
                    + " AND decisionToIssueOutcome IS NOT 'notIssue' AND id IN (SELECT caseId FROM advice"
                    + " WHERE received IS NULL OR quality = 'returned')", [])
            }
        }
    }

    /// Cases (all, or the one with `id`) with their advice, exceptions and reviews, ordered by reference.
    static func fetchCases(_ db: Database, whereID id: String?) throws -> [EHCCase] {
        try fetchCases(db, matching: id.map { .id($0) } ?? .all)
    }

    /// The cases a filter selects, with their advice, exceptions and reviews, ordered by reference.
    static func fetchCases(_ db: Database, matching filter: Filter) throws -> [EHCCase] {
        var cases = try fetchCaseRows(db, matching: filter)
        attach(try fetchChildRows(db, matching: filter), to: &cases)
        return cases
    }

    /// Every case, the `cases` table read on one core while the child tables are read on another.
    ///
    /// Both reads start from the writer's queue, so they see the same committed state whatever
    /// other processes write meanwhile; the writer is held only until both have begun.
    static func fetchAllCases(_ pool: DatabasePool) throws -> [EHCCase] {
        let caseRows = ReadResult<[EHCCase]>()
        let childRows = ReadResult<ChildRows>()
        pool.writeWithoutTransaction { _ in
            pool.asyncConcurrentRead { db in
                caseRows.set(Result { try fetchCaseRows(try db.get(), matching: .all) })
            }
            pool.asyncConcurrentRead { db in
                childRows.set(Result { try fetchChildRows(try db.get(), matching: .all) })
            }
        }
        var cases = try caseRows.get()
        attach(try childRows.get(), to: &cases)
        return cases
    }

    /// The rows of `cases` a filter selects, as cases without advice, exceptions or reviews.
    private static func fetchCaseRows(_ db: Database, matching filter: Filter) throws -> [EHCCase] {
        let (condition, arguments) = filter.condition
        var cases: [EHCCase] = []
        let caseRows = try Row.fetchCursor(db, sql: """
            SELECT id, givenName, familyName, dateOfBirth, setting, caseworker, requestDate, requestSource,
                decisionToAssessDate, decisionToAssessOutcome, decisionToIssueDate, decisionToIssueOutcome,
                draftPlanIssued, finalPlanIssued, phaseTransferKind, phaseTransferYear, phaseTransferAmendedPlanIssued,
                closedDate, closedReason
            FROM cases\(condition) ORDER BY id
            """, arguments: arguments)
        while let row = try caseRows.next() {
            cases.append(try caseFromRow(row))
        }
        return cases
    }

    /// Advice, exceptions and reviews of the cases a filter selects, each with its case's reference, in position order.
    struct ChildRows: Sendable {
        var advice: [(caseID: String, item: AdviceRequest)] = []
        var exceptions: [(caseID: String, item: StatutoryException)] = []
        var reviews: [(caseID: String, item: Review)] = []
    }

    private static func fetchChildRows(_ db: Database, matching filter: Filter) throws -> ChildRows {
        let (condition, arguments) = filter.condition
        let childFilter = condition.isEmpty ? "" : " WHERE caseId IN (SELECT id FROM cases\(condition))"
        var children = ChildRows()
        let adviceRows = try Row.fetchCursor(db, sql: """
            SELECT caseId, agency, detail, requested, received, chased, contact, quality, qualityNote, returned
            FROM advice\(childFilter) ORDER BY caseId, position
            """, arguments: arguments)
        while let row = try adviceRows.next() {
            children.advice.append((row[0], try adviceFromRow(row, from: 1)))
        }
        let exceptionRows = try Row.fetchCursor(db, sql: """
            SELECT caseId, ground, appliesTo, fromDate, toDate, note, parentInformed FROM exceptions\(childFilter)
            ORDER BY caseId, position
            """, arguments: arguments)
        while let row = try exceptionRows.next() {
            children.exceptions.append((row[0], StatutoryException(
                ground: try word(row[1]), appliesTo: try strings(row[2]), from: try date(row[3]),
                to: try optionalDate(row[4]), note: row[5], parentInformed: try optionalDate(row[6]))))
        }
        let reviewRows = try Row.fetchCursor(db, sql: """
            SELECT caseId, meetingDate, reportSent, decisionDate, decision, amendmentProposed, amendedPlanIssued
            FROM reviews\(childFilter)
            ORDER BY caseId, position
            """, arguments: arguments)
        while let row = try reviewRows.next() {
            children.reviews.append((row[0], Review(
                meetingDate: try date(row[1]), reportSent: try optionalDate(row[2]),
                decisionDate: try optionalDate(row[3]), decision: try optionalWord(row[4]),
                amendmentProposed: try optionalDate(row[5]), amendedPlanIssued: try optionalDate(row[6]))))
        }
        return children
    }

    /// Puts each child row on its case; rows come grouped by case, so the index is looked up once per case.
    private static func attach(_ children: ChildRows, to cases: inout [EHCCase]) {
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(cases.count)
        for (index, ehcCase) in cases.enumerated() { indexByID[ehcCase.id] = index }
        func each<Item>(_ rows: [(caseID: String, item: Item)], _ add: (inout EHCCase, Item) -> Void) {
            var last: (id: String, index: Int?)?
            for (caseID, item) in rows {
                if last?.id != caseID { last = (caseID, indexByID[caseID]) }
                guard let index = last?.index else { continue }
                add(&cases[index], item)
            }
        }
        each(children.advice) { $0.advice.append($1) }
        each(children.exceptions) { $0.exceptions.append($1) }
        each(children.reviews) { $0.reviews.append($1) }
    }

    /// One part's result of a concurrent read: ``get()`` waits until the reading worker has set it.
    private final class ReadResult<Value: Sendable>: @unchecked Sendable {
        private var result: Result<Value, any Error>?
        private let done = DispatchSemaphore(value: 0)

        func set(_ value: Result<Value, any Error>) {
            result = value
            done.signal()
        }

        func get() throws -> Value {
            done.wait()
            done.signal()
            return try result!.get()
        }
    }

    /// An advice item from the row's columns `agency, detail, requested, received, chased, contact, quality,
    /// qualityNote, returned`, starting at column `first`.
    static func adviceFromRow(_ row: Row, from first: Int) throws -> AdviceRequest {
        AdviceRequest(
            agency: try word(row[first]), detail: row[first + 1], contact: row[first + 5],
            requested: try date(row[first + 2]), received: try optionalDate(row[first + 3]),
            chased: try dates(row[first + 4]), quality: try optionalWord(row[first + 6]), qualityNote: row[first + 7],
            returned: try optionalDate(row[first + 8]))
    }

    private static func caseFromRow(_ row: Row) throws -> EHCCase {
        var ehcCase = EHCCase(
            id: row[0],
            child: Child(givenName: row[1], familyName: row[2], dateOfBirth: try date(row[3]), setting: row[4]),
            caseworker: row[5], requestDate: try date(row[6]), requestSource: try word(row[7]))
        if let decided = try optionalDate(row[8]) {
            ehcCase.decisionToAssess = Decision(date: decided, outcome: try word(row[9]))
        }
        if let decided = try optionalDate(row[10]) {
            ehcCase.decisionToIssue = Decision(date: decided, outcome: try word(row[11]))
        }
        ehcCase.draftPlanIssued = try optionalDate(row[12])
        ehcCase.finalPlanIssued = try optionalDate(row[13])
        if let kind: String = row[14], let year: Int = row[15] {
            ehcCase.phaseTransfer = PhaseTransfer(
                kind: try word(kind), transferYear: year, amendedPlanIssued: try optionalDate(row[16]))
        }
        if let closedOn = try optionalDate(row[17]) {
            ehcCase.closed = Closure(date: closedOn, reason: row[18] ?? "")
        }
        return ehcCase
    }

    /// A stored value that the schema should have prevented: the file was edited outside ehcdesk.
    struct CorruptValue: Error, CustomStringConvertible {
        var value: String
        var description: String { "the database holds an unreadable value \"\(value)\"; was it edited outside ehcdesk?" }
    }

    /// A stored `YYYY-MM-DD`, or ``CorruptValue`` naming what was found.
    static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(text) else { throw CorruptValue(value: text) }
        return date
    }

    private static func optionalDate(_ text: String?) throws -> CalendarDate? {
        try text.map(date)
    }

    private static func word<Word: RawRepresentable>(_ text: String) throws -> Word where Word.RawValue == String {
        guard let word = Word(rawValue: text) else { throw CorruptValue(value: text) }
        return word
    }

    private static func optionalWord<Word: RawRepresentable>(_ text: String?) throws -> Word?
    where Word.RawValue == String {
        try text.map { try word($0) }
    }

    private static func strings(_ text: String) throws -> [String] {
        guard case let .array(items)? = try? JSONValue.parse(Array(text.utf8)) else { throw CorruptValue(value: text) }
        return try items.map { item in
            guard let string = item.string else { throw CorruptValue(value: text) }
            return string
        }
    }

    private static func dates(_ text: String) throws -> [CalendarDate] {
        try strings(text).map(date)
    }
}
