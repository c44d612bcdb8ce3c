/// The slices of a caseload a caseworker works through, each one keystroke in the TUI.
///
/// Membership is decided from the ``CaseSummary`` alone, so switching view over 100,000 cases
/// is one pass over small values.
///
/// ```swift
/// let overdue = summaries.filter { TriageView.overdue.contains($0, today: today) }
/// ```
public enum TriageView: String, Sendable, Hashable, CaseIterable {
    case overdue, dueSoon, awaitingDecision, awaitingAdvice, draftIssued, reviewsDue, allOpen, closed, atRisk

    /// How many days ahead "due soon" reaches in the triage view.
    public static let dueSoonDays = 14

    /// The view's name in full, as help and the title bar say it.
    public var title: String {
        switch self {
        case .overdue: "Overdue"
        case .dueSoon: "Due in the next 14 days"
        case .awaitingDecision: "Awaiting decision to assess"
        case .awaitingAdvice: "Awaiting advice"
        case .draftIssued: "Draft issued (awaiting final)"
        case .reviewsDue: "Reviews due"
        case .allOpen: "All open"
        case .closed: "Closed"
        case .atRisk: "At risk of missing 20 weeks"
        }
    }

    /// A word or two for the tab strip.
    public var shortTitle: String {
        switch self {
        case .overdue: "Overdue"
        case .dueSoon: "Due 14d"
        case .awaitingDecision: "Decide"
        case .awaitingAdvice: "Advice"
        case .draftIssued: "Draft"
        case .reviewsDue: "Reviews"
        case .allOpen: "Open"
        case .closed: "Closed"
        case .atRisk: "At risk"
        }
    }

    /// Whether the case belongs in this view on `today`.
    public func contains(_ summary: CaseSummary, today: CalendarDate) -> Bool {
        let isClosed = summary.status == .closed || summary.status == .ceased
        switch self {
        case .overdue:
            guard let next = summary.nextDeadline, !isClosed else { return false }
            return next.met == nil && next.due < today
        case .dueSoon:
            guard let next = summary.nextDeadline, !isClosed else { return false }
            let left = next.daysLeft(on: today)
            return left >= 0 && left <= Self.dueSoonDays
        case .awaitingDecision: return summary.stage.contains(.awaitingDecision)
        case .awaitingAdvice: return summary.stage.contains(.awaitingAdvice)
        case .draftIssued: return summary.stage.contains(.draftIssued)
        case .reviewsDue: return summary.stage.contains(.reviewDue)
        case .allOpen: return !isClosed
        case .closed: return isClosed
        case .atRisk: return summary.isAtRisk
        }
    }
}

extension CaseSummary {
    /// The views the case belongs in on `today`, one bit per ``TriageView`` (its place in `allCases`):
    /// what a list index keeps so that switching views never re-tests a case.
    public func triageBits(today: CalendarDate) -> UInt16 {
        var bits: UInt16 = 0
        for (bit, view) in TriageView.allCases.enumerated() where view.contains(self, today: today) { bits |= 1 << bit }
        return bits
    }
}
