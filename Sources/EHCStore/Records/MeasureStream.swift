import EHCCore
import GRDB

/// Reads cases as the catalogue of measures reads them (``MeasureCase``): the dates of their facts,
/// their stored deadlines and their advice and reviews, a chunk at a time, in reference order.
///
/// Nothing is recomputed: the due dates, switches and exception rulings are the ones stored beside
/// the facts (``StoredDeadlines``). Only a case with a lasting exception, whose ruling depends on
/// `today`, is read whole and measured from its facts. Like ``CaseStream``, the tables are stepped
/// side by side in reference order and merged as they go.
///
/// ```swift
/// try MeasureStream(db, from: nil, before: nil, calendar: calendar, today: today, period: from)
///     .forEachChunk(of: 1_024) { print($0.count) }
/// ```
struct MeasureStream {
    private let cases: RawStatement
    private let deadlines: RawStatement
    private let advice: RawStatement
    private let reviews: RawStatement
    /// The cases with a lasting exception, read whole first and measured from their facts.
    private let lasting: [String: MeasureCase]

    /// The cases with references from `from` (included) to `before` (excluded); `nil` leaves that end open.
    /// They are measured for a period starting on `period`.
    init(_ db: Database, from: String?, before: String?, calendar: StatutoryCalendar, today: CalendarDate,
         period: CalendarDate) throws {
        let range = CaseRows.Filter.references(from: from, before: before)
        let (condition, arguments) = range.condition
        let (childFilter, childArguments) = range.childCondition
        cases = try RawStatement(db, sql: """
            SELECT id, caseworker, requestDate, decisionToAssessDate, decisionToAssessOutcome, decisionToIssueDate,
                decisionToIssueOutcome, draftPlanIssued, finalPlanIssued, closedDate
            FROM cases\(condition) ORDER BY id
            """, arguments: arguments)
        // MeasureCase.reads(kind:due:met:from:): what is open, or met or due in the period and not a review's paperwork.
        let paperwork = DeadlineKind.allCases.filter(\.isReviewPaperwork).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        deadlines = try RawStatement(db, sql: """
            SELECT caseId, kind, item, due, met, switchedOff, excepted FROM deadlines
            \(childFilter.isEmpty ? "WHERE" : childFilter + " AND") (met IS NULL OR (
                kind NOT IN (\(paperwork)) AND (met >= ? OR due >= ?)))
            ORDER BY caseId, position
            """, arguments: childArguments + [period.description, period.description])
        advice = try RawStatement(db, sql: """
            SELECT caseId, agency, requested, received, quality FROM advice\(childFilter) ORDER BY caseId, position
            """, arguments: childArguments)
        reviews = try RawStatement(db, sql: """
            SELECT caseId, meetingDate, decisionDate, decision FROM reviews\(childFilter) ORDER BY caseId, position
            """, arguments: childArguments)
        var lasting: [String: MeasureCase] = [:]
        try CaseStream(db, matching: .lastingException(from: from, before: before)).forEachChunk(of: 256) { cases in
            for whole in cases { lasting[whole.id] = MeasureCase(whole, calendar: calendar, today: today, from: period) }
        }
        self.lasting = lasting
    }

    /// Hands the cases to `body` in reference order, `size` at a time (the last chunk may be smaller).
    func forEachChunk(of size: Int, _ body: ([MeasureCase]) throws -> Void) throws {
        for statement in [deadlines, advice, reviews] { try statement.step() }
        var chunk: [MeasureCase] = []
        chunk.reserveCapacity(size)
        while try cases.step() {
            let id = cases.column(0)
            var (measured, decided) = try Self.caseFromRow(cases)
            let ceased = try attach(&measured, id: id)
            measured.status = CaseStatus(closed: measured.closed != nil, ceased: ceased, notAssessed: decided.notAssessed,
                                         notIssued: decided.notIssued, planIssued: measured.finalPlanIssued != nil)
            if !lasting.isEmpty, let whole = lasting[measured.id] { measured = whole }
            chunk.append(measured)
            if chunk.count == size {
                try body(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { try body(chunk) }
    }

    /// The case's own row, and the decisions its status needs besides the reviews (its status is
    /// set once the reviews are read).
    private static func caseFromRow(_ row: RawStatement) throws -> (MeasureCase, (notAssessed: Bool, notIssued: Bool)) {
        let assessOutcome: AssessmentOutcome? = try row.optionalWord(4)
        let issueOutcome: IssueOutcome? = try row.optionalWord(6)
        let measured = MeasureCase(
            id: row.text(0) ?? "", caseworker: row.text(1) ?? "", status: .open,
            requestDate: try row.date(2), decisionToAssess: try row.optionalDate(3),
            notIssueDecided: issueOutcome == .notIssue ? try row.optionalDate(5) : nil,
            draftPlanIssued: try row.optionalDate(7), finalPlanIssued: try row.optionalDate(8), closed: try row.optionalDate(9),
            deadlines: [], advice: [], reviews: [])
        return (measured, (assessOutcome == .notAssess, issueOutcome == .notIssue))
    }

    /// Appends the child rows of the case whose reference is `id` (rows of cases not read are
    /// skipped); whether a review ceased the plan.
    private func attach(_ measured: inout MeasureCase, id: RawColumn) throws -> Bool {
        while deadlines.hasRow, deadlines.column(0).precedes(orEquals: id) {
            if deadlines.column(0) == id {
                measured.deadlines.append(MeasureCase.Limit(
                    kind: try deadlines.word(1), item: deadlines.integer(2), due: try deadlines.date(3),
                    met: try deadlines.optionalDate(4), switchedOff: try deadlines.flag(5), excepted: try deadlines.flag(6)))
            }
            try deadlines.step()
        }
        while advice.hasRow, advice.column(0).precedes(orEquals: id) {
            if advice.column(0) == id {
                let quality: AdviceQuality? = try advice.optionalWord(4)
                measured.advice.append(MeasureCase.Advice(
                    agency: try advice.word(1), requested: try advice.date(2), received: try advice.optionalDate(3),
                    returned: quality == .returned))
            }
            try advice.step()
        }
        var ceased = false
        while reviews.hasRow, reviews.column(0).precedes(orEquals: id) {
            if reviews.column(0) == id {
                let decision: ReviewDecision? = try reviews.optionalWord(3)
                if decision == .cease { ceased = true }
                measured.reviews.append(MeasureCase.Meeting(
                    held: try reviews.date(1), decided: try reviews.optionalDate(2), decision: decision))
            }
            try reviews.step()
        }
        measured.reviews = StatutoryCalendar.inMeetingOrder(measured.reviews, held: \.held)
        return ceased
    }
}
