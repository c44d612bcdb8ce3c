/// The kinds of statutory time limit ehcdesk tracks, each with exactly one ``DeadlineRule``.
///
/// A kind is the key of a deadline without its agency or review number: `advice:health:2`
/// and `advice:education` are both `.advice`.
///
/// ```swift
/// DeadlineKind.finalPlan.rule.source        // "Regs 2014 reg 13(2)"
/// DeadlineKind(key: "annualReview:3")       // .annualReview
/// DeadlineKind(key: "advice:health:2")      // .advice
/// ```
public enum DeadlineKind: String, Sendable, Hashable, CaseIterable {
    case decisionToAssess, advice, noticeNotToIssue, finalPlan
    case annualReview, reviewReport, reviewDecision, amendedPlan, phaseTransfer

    /// The rule table's entry for this kind.
    public var rule: DeadlineRule {
        switch self {
        case .decisionToAssess: .decisionToAssess
        case .advice: .advice
        case .noticeNotToIssue: .noticeNotToIssue
        case .finalPlan: .finalPlan
        case .annualReview: .annualReview
        case .reviewReport: .reviewReport
        case .reviewDecision: .reviewDecision
        case .amendedPlan: .amendedPlan
        case .phaseTransfer: .phaseTransfer
        }
    }

    /// The kind an interchange key names (the part before the first `:`); `nil` for an unknown key.
    public init?(key: String) {
        guard let name = key.split(separator: ":", maxSplits: 1).first else { return nil }
        self.init(rawValue: String(name))
    }
}
