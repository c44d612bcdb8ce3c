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
