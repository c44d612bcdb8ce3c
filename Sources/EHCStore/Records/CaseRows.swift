import EHCCore
import Foundation
import GRDB

/// Maps cases to the rows of `cases`, `advice`, `exceptions` and `reviews`, and back.
///
/// Rows are written with cached statements and read by ``CaseStream`` straight from SQLite's
/// column buffers: 100,000 cases load and save in a fraction of a second this way.
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
            INSERT INTO advice (caseId, position, agency, detail, requested, received, chased) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, item) in ehcCase.advice.enumerated() {
            try advice.execute(arguments: [
                ehcCase.id, position, item.agency.rawValue, item.detail, text(item.requested), text(item.received),
                list(item.chased.map(\.description)),
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
            }
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
