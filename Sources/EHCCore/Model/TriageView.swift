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
    public func contains(_ summary: CaseSummary) -> Bool { contains(summary.triage) }

    /// Whether a case standing so belongs in this view.
    public func contains(_ facts: TriageFacts) -> Bool {
        switch self {
        case .overdue: facts.isOverdue
        case .dueSoon: facts.isDueSoon
        case .awaitingDecision: facts.stage.contains(.awaitingDecision)
        case .awaitingAdvice: facts.stage.contains(.awaitingAdvice)
        case .draftIssued: facts.stage.contains(.draftIssued)
        case .reviewsDue: facts.stage.contains(.reviewDue)
        case .allOpen: facts.isActive
        case .closed: !facts.isActive
        case .atRisk: facts.isAtRisk
        }
    }
}

/// What decides which of the list's views a case is in on a day: what a ``CaseSummary`` says of
/// it, or what the measures find from the stored deadlines (``MeasureCase/triage(calendar:today:)``).
///
/// ```swift
/// TriageView.overdue.contains(summary.triage)   // the same as TriageView.overdue.contains(summary)
/// ```
public struct TriageFacts: Sendable, Hashable {
    public var isActive: Bool
    public var isOverdue: Bool
    public var isDueSoon: Bool
    public var stage: CaseSummary.Stage
    public var isAtRisk: Bool

    public init(isActive: Bool, isOverdue: Bool, isDueSoon: Bool, stage: CaseSummary.Stage, isAtRisk: Bool) {
        (self.isActive, self.isOverdue, self.isDueSoon, self.stage, self.isAtRisk) = (isActive, isOverdue, isDueSoon, stage, isAtRisk)
    }
}

extension CaseSummary {
    /// What decides the case's views.
    public var triage: TriageFacts {
        TriageFacts(isActive: isActive, isOverdue: isOverdue, isDueSoon: isDueSoon, stage: stage, isAtRisk: isAtRisk)
    }

    /// The views the case belongs in, one bit per ``TriageView`` (its place in `allCases`):
    /// what a list index keeps so that switching views never re-tests a case.
    public var triageBits: UInt16 {
        let facts = triage
        var bits: UInt16 = 0
        for (bit, view) in TriageView.allCases.enumerated() where view.contains(facts) { bits |= 1 << bit }
        return bits
    }
}
