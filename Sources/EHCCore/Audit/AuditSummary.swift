/// What team leads read from a period's audits: grades by month and by caseworker, and the
/// questions most often answered "no".
///
/// Only finished audits count, by the day they were finished; the grade that counts is the
/// moderated one where there is one.
///
/// ```swift
/// let summary = AuditSummary(audits: audits, caseworkerOf: caseworkers, from: from, to: to)
/// summary.byMonth.first?.counts[.good]   // 3
/// summary.mostOftenNo.first?.questionID  // "F1"
/// ```
public struct AuditSummary: Sendable, Hashable {
    /// The audits of one group (a month `YYYY-MM` or a caseworker) by grade.
    public struct Group: Sendable, Hashable {
        public var key: String
        /// The audited cases of the group by the grade that counts, for drill-down.
        public var caseIDsByGrade: [AuditGrade: [String]]
        public var caseIDs: [String]

        public var counts: [AuditGrade: Int] { caseIDsByGrade.mapValues(\.count) }
        public var total: Int { caseIDs.count }
    }

    /// How often one question was answered "no" (or the lowest grade) among the audits that answered it.
    public struct QuestionFailures: Sendable, Hashable {
        public var questionID: String
        public var failed: Int
        public var answered: Int
    }

    public var from: CalendarDate
    public var to: CalendarDate
    public var overall: Group
    public var byMonth: [Group]
    public var byCaseworker: [Group]
    /// Questions with at least one failure, most failures first (then by question id).
    public var mostOftenNo: [QuestionFailures]

    public init(audits: [PlanAudit], caseworkerOf: [String: String], from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
        // The finished, graded audits of the period, each with its day and grade.
        typealias Counted = (audit: PlanAudit, caseID: String, finished: CalendarDate, grade: AuditGrade)
        let counted = audits.compactMap { audit -> Counted? in
            guard let finished = audit.finished, let grade = audit.finalGrade, finished >= from, finished <= to else { return nil }
            return (audit, audit.caseID, finished, grade)
        }.sorted { ($0.finished, $0.caseID) < ($1.finished, $1.caseID) }
        func group(_ key: String, _ members: [Counted]) -> Group {
            Group(key: key, caseIDsByGrade: Dictionary(grouping: members, by: \.grade).mapValues { $0.map(\.caseID) },
                  caseIDs: members.map(\.caseID))
        }
        overall = group("all", counted)
        var months: [String] = []
        var month = from.firstOfMonth
        while month <= to {
            months.append(String(month.description.prefix(7)))
            month = month.adding(months: 1)
        }
        byMonth = months.map { key in group(key, counted.filter { $0.finished.description.hasPrefix(key) }) }
        let caseworkers = Set(counted.map { caseworkerOf[$0.caseID] ?? "unknown" }).sorted()
        byCaseworker = caseworkers.map { name in group(name, counted.filter { (caseworkerOf[$0.caseID] ?? "unknown") == name }) }
        var failures: [String: QuestionFailures] = [:]
        for audit in counted.map(\.audit) {
            for answer in audit.answers where answer.value != .notApplicable {
                var entry = failures[answer.questionID] ?? QuestionFailures(questionID: answer.questionID, failed: 0, answered: 0)
                entry.answered += 1
                if answer.value.isFail { entry.failed += 1 }
                failures[answer.questionID] = entry
            }
        }
        mostOftenNo = failures.values.filter { $0.failed > 0 }
            .sorted { ($1.failed, $0.questionID) < ($0.failed, $1.questionID) }
    }
}
