import EHCCore
import Foundation
import GRDB

/// Maps cases to the rows of `cases`, `advice`, `exceptions` and `reviews`, and back.
///
/// Rows are written through ``RawStatement`` and read by ``CaseStream``, both straight to and
/// from SQLite's buffers: 100,000 cases save and load in a fraction of a second this way.
enum CaseRows {
    static func exists(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?)", arguments: [id]) ?? false
    }

    /// The stored case with its version (for optimistic concurrency), or `nil` when there is none:
    /// one indexed lookup for a reference not stored, the whole case only when there is one.
    static func stored(_ db: Database, id: String) throws -> (ehcCase: EHCCase, version: Int)? {
        guard let version = try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM cases WHERE id = ?"), arguments: [id]),
              let ehcCase = try fetchCases(db, whereID: id).first
        else { return nil }
        return (ehcCase, version)
    }

    // MARK: Writing

    /// Writes the case's rows, then its stored deadlines computed by `calendar` (the recorded
    /// settings, ``StoredDeadlines/calendar(_:)``), in the caller's transaction.
    static func insert(_ ehcCase: EHCCase, version: Int = 1, calendar: StatutoryCalendar, _ db: Database) throws {
        try insert(ehcCase, version: version, deadlines: calendar.storedDeadlines(of: ehcCase), db)
    }

    /// Writes the case's rows and `deadlines`, computed from it beforehand (an import computes them
    /// on its reading thread).
    static func insert(_ ehcCase: EHCCase, version: Int, deadlines: [StoredDeadline], _ db: Database) throws {
        try insertFacts(ehcCase, version: version, db)
        try StoredDeadlines.write(deadlines, caseID: ehcCase.id, replacing: false, db)
    }

    /// Writes the case's own rows and nothing derived from them.
    private static func insertFacts(_ ehcCase: EHCCase, version: Int = 1, _ db: Database) throws {
        let row = try RawStatement(cached: """
            INSERT INTO cases (id, givenName, familyName, dateOfBirth, setting, caseworker, requestDate, requestSource,
                decisionToAssessDate, decisionToAssessOutcome, decisionToIssueDate, decisionToIssueOutcome,
                draftPlanIssued, finalPlanIssued, phaseTransferKind, phaseTransferYear, phaseTransferAmendedPlanIssued,
                closedDate, closedReason, version,
                personId, upn, uln, upnUnknown, sex, ethnicity, postcode, youthAccommodation, challenges,
                exportedToAnotherLA, transferredFromLA, primaryNeed, secondaryNeed, planResidential, planWorkBased,
                personalBudget, ceaseReason, planReportedWeek20)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, db)
        row.bind(1, text: ehcCase.id)
        row.bind(2, text: ehcCase.child.givenName)
        row.bind(3, text: ehcCase.child.familyName)
        row.bind(4, date: ehcCase.child.dateOfBirth)
        row.bind(5, text: ehcCase.child.setting)
        row.bind(6, text: ehcCase.caseworker)
        row.bind(7, date: ehcCase.requestDate)
        row.bind(8, text: ehcCase.requestSource.rawValue)
        row.bind(9, date: ehcCase.decisionToAssess?.date)
        row.bind(10, text: ehcCase.decisionToAssess?.outcome.rawValue)
        row.bind(11, date: ehcCase.decisionToIssue?.date)
        row.bind(12, text: ehcCase.decisionToIssue?.outcome.rawValue)
        row.bind(13, date: ehcCase.draftPlanIssued)
        row.bind(14, date: ehcCase.finalPlanIssued)
        row.bind(15, text: ehcCase.phaseTransfer?.kind.rawValue)
        row.bind(16, integer: ehcCase.phaseTransfer?.transferYear)
        row.bind(17, date: ehcCase.phaseTransfer?.amendedPlanIssued)
        row.bind(18, date: ehcCase.closed?.date)
        row.bind(19, text: ehcCase.closed?.reason)
        row.bind(20, integer: version)
        let child = ehcCase.child, details = child.details, plan = ehcCase.plan
        row.bind(21, text: ehcCase.recordedPersonID)
        row.bind(22, text: details.upn)
        row.bind(23, text: details.uln)
        row.bind(24, text: details.upnUnknown?.rawValue)
        row.bind(25, text: details.sex?.rawValue)
        row.bind(26, text: details.ethnicity)
        row.bind(27, text: details.postcode)
        row.bind(28, flag: ehcCase.youthAccommodation)
        row.bind(29, text: words(ehcCase.challenges))
        row.bind(30, flag: ehcCase.exportedToAnotherLA)
        row.bind(31, text: ehcCase.transferredIn?.formerLA)
        row.bind(32, text: plan.primaryNeed?.rawValue)
        row.bind(33, text: plan.secondaryNeed?.rawValue)
        row.bind(34, text: plan.residential?.rawValue)
        row.bind(35, flag: plan.workBasedPlacement)
        row.bind(36, text: words(plan.personalBudget))
        row.bind(37, integer: ehcCase.closed?.ceaseReason?.rawValue)
        row.bind(38, integer: plan.reportedWeek20.map { $0 ? 1 : 0 })
        try row.execute()
        try insertRows(of: ehcCase.advice, into: .advice, caseID: ehcCase.id, db) { row, item, at in
            row.bind(at, text: item.agency.rawValue)
            row.bind(at + 1, text: item.detail)
            row.bind(at + 2, date: item.requested)
            row.bind(at + 3, date: item.received)
            row.bind(at + 4, dates: item.chased)
            row.bind(at + 5, text: item.contact)
            row.bind(at + 6, text: item.quality?.rawValue)
            row.bind(at + 7, text: item.qualityNote)
            row.bind(at + 8, date: item.returned)
        }
        try insertRows(of: ehcCase.exceptions, into: .exceptions, caseID: ehcCase.id, db) { row, item, at in
            row.bind(at, text: item.ground.rawValue)
            row.bind(at + 1, text: list(item.appliesTo))
            row.bind(at + 2, date: item.from)
            row.bind(at + 3, date: item.to)
            row.bind(at + 4, text: item.note)
            row.bind(at + 5, date: item.parentInformed)
        }
        try insertRows(of: ehcCase.reviews, into: .reviews, caseID: ehcCase.id, db) { row, item, at in
            row.bind(at, date: item.meetingDate)
            row.bind(at + 1, date: item.reportSent)
            row.bind(at + 2, date: item.decisionDate)
            row.bind(at + 3, text: item.decision?.rawValue)
            row.bind(at + 4, date: item.amendmentProposed)
            row.bind(at + 5, date: item.amendedPlanIssued)
        }
        try insertRows(of: plan.placements, into: .placements, caseID: ehcCase.id, db) { row, item, at in
            switch item.establishment {
            case let .urn(urn): row.bind(at, text: urn)
            case let .ukprn(ukprn): row.bind(at + 1, text: ukprn)
            case let .setting(setting, other):
                row.bind(at + 2, text: setting.rawValue)
                row.bind(at + 3, text: other)
            }
            row.bind(at + 4, integer: item.rank)
            row.bind(at + 5, flag: item.namedInPlan)
            row.bind(at + 6, flag: item.senUnit)
            row.bind(at + 7, flag: item.resourcedProvision)
            row.bind(at + 8, date: item.entry)
            row.bind(at + 9, date: item.leaving)
        }
    }

    /// A set of words as the JSON array the store keeps it in, in the vocabulary's own order.
    static func words<Word: RawRepresentable & CaseIterable & Hashable>(_ set: Set<Word>) -> String
    where Word.RawValue == String {
        list(Word.allCases.filter(set.contains).map(\.rawValue))
    }

    /// A table of a case's child rows, with its INSERT statements for one to ``rowsPerStatement`` rows.
    struct ChildTable: Sendable {
        static let rowsPerStatement = 8
        static let advice = ChildTable(
            "advice", ["agency", "detail", "requested", "received", "chased", "contact", "quality", "qualityNote", "returned"])
        static let exceptions = ChildTable(
            "exceptions", ["ground", "appliesTo", "fromDate", "toDate", "note", "parentInformed"])
        static let reviews = ChildTable(
            "reviews", ["meetingDate", "reportSent", "decisionDate", "decision", "amendmentProposed", "amendedPlanIssued"])
        static let placements = ChildTable(
            "placements", ["urn", "ukprn", "setting", "settingOther", "rank", "namedInPlan", "senUnit",
                           "resourcedProvision", "entry", "leaving"])

        /// Parameters per row: `caseId`, `position`, then the table's own columns.
        let width: Int32
        /// `inserting[n - 1]` inserts n rows.
        let inserting: [String]

        init(_ table: String, _ columns: [String]) {
            width = Int32(2 + columns.count)
            let row = "(" + Array(repeating: "?", count: 2 + columns.count).joined(separator: ", ") + ")"
            let head = "INSERT INTO \(table) (caseId, position, \(columns.joined(separator: ", "))) VALUES "
            inserting = (1...Self.rowsPerStatement).map { head + Array(repeating: row, count: $0).joined(separator: ", ") }
        }
    }

    /// Inserts a case's child rows, several per statement: one statement per table for most cases
    /// instead of one per row. `bind` binds one item's own columns from parameter `at` on.
    static func insertRows<Item>(
        of items: [Item], into table: ChildTable, caseID: String, _ db: Database, bind: (RawStatement, Item, Int32) -> Void
    ) throws {
        for first in stride(from: 0, to: items.count, by: ChildTable.rowsPerStatement) {
            let count = min(ChildTable.rowsPerStatement, items.count - first)
            let row = try RawStatement(cached: table.inserting[count - 1], db)
            for offset in 0..<count {
                let at = Int32(offset) * table.width + 1
                row.bind(at, text: caseID)
                row.bind(at + 1, integer: first + offset)
                bind(row, items[first + offset], at + 2)
            }
            try row.execute()
        }
    }

    /// Replaces every row of an existing case (its child rows go with it through ON DELETE CASCADE).
    static func replace(_ ehcCase: EHCCase, version: Int, calendar: StatutoryCalendar, _ db: Database) throws {
        try replace(ehcCase, version: version, deadlines: calendar.storedDeadlines(of: ehcCase), db)
    }

    static func replace(_ ehcCase: EHCCase, version: Int, deadlines: [StoredDeadline], _ db: Database) throws {
        try db.execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [ehcCase.id])
        try insert(ehcCase, version: version, deadlines: deadlines, db)
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
        /// References from `from` (included) to `before` (excluded); `nil` leaves that end open.
        case references(from: String?, before: String?)
        /// The cases of a range of references (as `references`) holding an exception with no end date.
        case lastingException(from: String?, before: String?)

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
            case let .references(from, before): Self.range(column: "id", from: from, before: before)
            case let .lastingException(from, before):
                Self.range(column: "id", from: from, before: before, and: "id IN (SELECT caseId FROM exceptions WHERE toDate IS NULL)")
            }
        }

        /// The condition on a table of child rows (`advice`, `exceptions`, `reviews`) and its arguments.
        var childCondition: (sql: String, arguments: StatementArguments) {
            switch self {
            case .all: ("", [])
            // A range of references reads the child tables through their primary keys.
            case let .references(from, before): Self.range(column: "caseId", from: from, before: before)
            default:
                (condition.sql.isEmpty ? "" : " WHERE caseId IN (SELECT id FROM cases\(condition.sql))", condition.arguments)
            }
        }

        private static func range(column: String, from: String?, before: String?, and other: String? = nil)
            -> (sql: String, arguments: StatementArguments) {
            let bounds = [from.map { ("\(column) >= ?", $0) }, before.map { ("\(column) < ?", $0) }].compactMap { $0 }
            let conditions = bounds.map(\.0) + (other.map { [$0] } ?? [])
            return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "),
                    StatementArguments(bounds.map(\.1)))
        }
    }

    /// References that split the cases into `parts` ranges of about the same size (`parts - 1` of them,
    /// fewer for a small caseload): each is the first reference of the next range.
    static func splitReferences(_ db: Database, parts: Int) throws -> [String] {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0
        guard parts > 1, count >= 2 * parts else { return [] }
        return try (1..<parts).compactMap { part in
            try String.fetchOne(db, sql: "SELECT id FROM cases ORDER BY id LIMIT 1 OFFSET ?", arguments: [count * part / parts])
        }
    }

    /// Cases (all, or the one with `id`) with their advice, exceptions and reviews, ordered by reference.
    static func fetchCases(_ db: Database, whereID id: String?) throws -> [EHCCase] {
        try fetchCases(db, matching: id.map { .id($0) } ?? .all)
    }

    /// The cases a filter selects, with their advice, exceptions and reviews, ordered by reference.
    static func fetchCases(_ db: Database, matching filter: Filter) throws -> [EHCCase] {
        try CaseStream(db, matching: filter).all()
    }

    /// A stored value that the schema should have prevented: the file was edited outside ehcdesk.
    struct CorruptValue: Error, Equatable, CustomStringConvertible {
        var value: String
        var description: String { "the database holds an unreadable value \"\(value)\"; was it edited outside ehcdesk?" }
    }

    /// A stored `YYYY-MM-DD`, or ``CorruptValue`` naming what was found.
    static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(text) else { throw CorruptValue(value: text) }
        return date
    }

    /// A stored JSON array of strings.
    static func strings(_ text: String) throws -> [String] {
        guard case let .array(items)? = try? JSONValue.parse(Array(text.utf8)) else { throw CorruptValue(value: text) }
        return try items.map { item in
            guard let string = item.string else { throw CorruptValue(value: text) }
            return string
        }
    }

}
