import EHCCore

/// Everything the detail pane shows about one case: its recorded facts and its deadlines.
///
/// The runtime loads it when the selection changes (``Effect/loadDetail(caseID:)``) and answers
/// with ``Action/detailLoaded(_:)``; the list itself holds only compact summaries.
///
/// ```swift
/// let detail = CaseDetail(ehcCase: sam, deadlines: StatutoryCalendar().deadlines(for: sam, today: today))
/// ```
public struct CaseDetail: Sendable, Hashable {
    public var ehcCase: EHCCase
    public var deadlines: [Deadline]
    /// Doubtful or impossible facts found by the statutory engine's consistency check.
    public var checks: [ConsistencyFinding]
    /// The stored version the facts were read at: a save is refused if it moved on.
    public var version: Int
    /// The ruling on each recorded exception (index `i` is `ehcCase.exceptions[i]`).
    public var exceptionRulings: [ExceptionRuling]

    /// Whether an open assessment can still meet its 20-week deadline (`nil` once there is a plan or a refusal).
    public var forecast: BreachForecast?
    /// The people who have this case open on another screen now.
    public var alsoOpen: [String] = []
    /// The plan's quality-assurance audits, oldest first, with their grading (finished ones).
    public var audits: [AuditRecord] = []

    public init(ehcCase: EHCCase, deadlines: [Deadline], checks: [ConsistencyFinding] = [], version: Int = 0,
                exceptionRulings: [ExceptionRuling] = [], forecast: BreachForecast? = nil) {
        self.ehcCase = ehcCase
        self.deadlines = deadlines
        self.checks = checks
        self.version = version
        self.exceptionRulings = exceptionRulings
        self.forecast = forecast
    }
}

/// One audit of the plan as the detail lists it: who, when, how far, and the grade.
///
/// ```swift
/// AuditRecord(audit: audit, result: AuditGrading.grade(audit.answers, with: template), questions: 24).line
/// // "2026-03-04 Good (score 86 %) by r.auditor · moderated Requires improvement by s.lead"
/// ```
public struct AuditRecord: Sendable, Hashable {
    public var audit: PlanAudit
    /// The grading of its answers (a finished audit's grade and any limiting cap), when its template is known.
    public var result: AuditResult?
    /// Questions in its template, for "5 of 24 answered".
    public var questions: Int
    /// The best grade its template allows with a limiting question failed.
    public var cap: AuditGrade

    public init(audit: PlanAudit, result: AuditResult?, questions: Int, cap: AuditGrade = .requiresImprovement) {
        self.audit = audit
        self.result = result
        self.questions = questions
        self.cap = cap
    }

    /// The audit in one line, moderation and any override of a limiting cap included.
    public func line() -> String {
        guard let finished = audit.finished else {
            return "started \(audit.started) by \(audit.auditor), in progress (\(audit.answers.count) of \(questions) answered)"
        }
        let score = audit.score.map { " (score \(Int(($0 * 100).rounded())) %)" } ?? ""
        var line = "\(finished) \(audit.grade?.displayName ?? "not graded")\(score) by \(audit.auditor)"
        if let moderation = audit.moderation {
            line += " · moderated \(moderation.grade.displayName) by \(moderation.moderator)"
            if let override = result?.override(by: moderation.grade, cap: cap) { line += ", which " + override }
        }
        return line
    }
}
