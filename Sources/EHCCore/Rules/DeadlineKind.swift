/// The kinds of statutory time limit ehcdesk tracks (placeholder; the rule table lands with the statutory engine).
public enum DeadlineKind: String, Sendable, Hashable, CaseIterable {
    case decisionToAssess, advice, noticeNotToIssue, finalPlan
    case annualReview, reviewReport, reviewDecision, amendedPlan, phaseTransfer
}
