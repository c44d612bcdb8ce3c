/// The slices of a caseload a caseworker works through, each one keystroke in the TUI.
///
/// Membership is decided from the ``CaseSummary`` alone, so switching view over 100,000 cases
/// is one pass over small values.
///
/// ```swift
/// let overdue = summaries.filter { TriageView.overdue.contains($0) }
/// ```
public enum TriageView: String, Sendable, Hashable, CaseIterable {
    case overdue, dueSoon, awaitingDecision, awaitingAdvice, draftIssued, reviewsDue, allOpen, closed, atRisk

    /// The view's name in full, as help and the title bar say it.
    public var title: String {
        switch self {
        case .overdue: "Overdue"
        case .dueSoon: "Next deadline due soon"
        case .awaitingDecision: "Awaiting decision to assess"
        case .awaitingAdvice: "Awaiting advice"
        case .draftIssued: "Draft issued (awaiting final)"
        case .reviewsDue: "Reviews due"
        case .allOpen: "Active: open requests and plans in force"
        case .closed: "Ended: not assessed, not issued, ceased or closed"
        case .atRisk: "At risk of missing 20 weeks"
        }
    }

    /// A word or two for the tab strip.
    public var shortTitle: String {
        switch self {
        case .overdue: "Overdue"
        case .dueSoon: "Due soon"
        case .awaitingDecision: "Decide"
        case .awaitingAdvice: "Advice"
        case .draftIssued: "Draft"
        case .reviewsDue: "Reviews"
        case .allOpen: "Active"
        case .closed: "Ended"
        case .atRisk: "At risk"
        }
    }

    /// The catalogue measure this view's count is (``MeasureCatalogue``): the same cases,
    /// by the same predicate, on every screen and in every report.
    public var measureID: String {
        switch self {
        case .overdue: "caseload.overdue"
        case .dueSoon: "caseload.dueSoon"
        case .awaitingDecision: "caseload.awaitingDecision"
        case .awaitingAdvice: "caseload.awaitingAdvice"
        case .draftIssued: "caseload.draftIssued"
        case .reviewsDue: "caseload.reviewsDue"
        case .allOpen: "caseload.active"
        case .closed: "caseload.ended"
        case .atRisk: "caseload.atRisk"
        }
    }

    /// Whether the case belongs in this view (on the day its summary was computed for).
    public func contains(_ summary: CaseSummary) -> Bool {
        switch self {
        case .overdue: summary.isOverdue
        case .dueSoon: summary.isDueSoon
        case .awaitingDecision: summary.stage.contains(.awaitingDecision)
        case .awaitingAdvice: summary.stage.contains(.awaitingAdvice)
        case .draftIssued: summary.stage.contains(.draftIssued)
        case .reviewsDue: summary.stage.contains(.reviewDue)
        case .allOpen: summary.isActive
        case .closed: !summary.isActive
        case .atRisk: summary.isAtRisk
        }
    }
}

extension CaseSummary {
    /// The views the case belongs in, one bit per ``TriageView`` (its place in `allCases`):
    /// what a list index keeps so that switching views never re-tests a case.
    public var triageBits: UInt16 {
        var bits: UInt16 = 0
        for (bit, view) in TriageView.allCases.enumerated() where view.contains(self) { bits |= 1 << bit }
        return bits
    }
}
