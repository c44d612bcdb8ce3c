import Testing
@testable import EHCCore

@Suite("Annual reviews and phase transfers")
struct ReviewDeadlineTests {
    let calendar = StatutoryCalendar()

    func planIssued(_ date: String) -> EHCCase {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .assess)
        ehcCase.decisionToIssue = Decision(date: day("2025-04-01"), outcome: .issue)
        ehcCase.finalPlanIssued = day(date)
        return ehcCase
    }

    @Test("W5/T7: meeting 2025-03-10 with an amend decision on 2025-04-07")
    func workedExampleW5() {
        var ehcCase = planIssued("2024-05-20")
        ehcCase.requestDate = day("2024-01-08")
        ehcCase.decisionToAssess = Decision(date: day("2024-02-10"), outcome: .assess)
        ehcCase.decisionToIssue = Decision(date: day("2024-04-01"), outcome: .issue)
        ehcCase.reviews = [Review(meetingDate: day("2025-03-10"), decisionDate: day("2025-04-07"), decision: .amend)]
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-04-10"))
        #expect(deadlines["reviewReport:1"]?.due == day("2025-03-24"))
        #expect(deadlines["reviewDecision:1"]?.due == day("2025-04-07"))
        #expect(deadlines["reviewDecision:1"]?.status == .metOnTime)
        #expect(deadlines["amendedPlan:1"]?.due == day("2025-06-02"))
    }

    @Test("W6/T12: a plan issued 2025-05-26 has its first review due 2026-05-25")
    func workedExampleW6() {
        let deadlines = calendar.deadlines(for: planIssued("2025-05-26"), today: day("2025-06-01"))
        #expect(deadlines["annualReview:1"]?.due == day("2026-05-25"))
        #expect(deadlines["annualReview:1"]?.status == .pending)
    }

    @Test("T13: a plan issued on 29 February is reviewed by 27 February the next year")
    func leapDayPlan() {
        var ehcCase = makeCase(request: "2023-10-12")
        ehcCase.finalPlanIssued = day("2024-02-29")
        #expect(calendar.deadlines(for: ehcCase, today: day("2024-03-01"))["annualReview:1"]?.due == day("2025-02-27"))
    }

    @Test("T8: the next review runs from the last review's decision")
    func nextReviewAnchor() {
        var ehcCase = planIssued("2024-04-15")
        ehcCase.reviews = [Review(meetingDate: day("2024-11-01"), decisionDate: day("2024-11-25"), decision: .amend)]
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2024-12-01"))
        #expect(deadlines["reviewDecision:1"]?.due == day("2024-11-29"))
        #expect(deadlines["amendedPlan:1"]?.due == day("2025-01-20"))
        #expect(deadlines["annualReview:2"]?.due == day("2025-11-24"))
    }

    @Test("the next review is absent while the last one is not concluded")
    func noNextReviewUntilConcluded() {
        var ehcCase = planIssued("2025-05-26")
        ehcCase.reviews = [Review(meetingDate: day("2026-04-20"))]
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2026-04-21"))
        #expect(deadlines["annualReview:1"] != nil)
        #expect(deadlines["annualReview:2"] == nil)
    }

    @Test("reviews are numbered in meeting-date order whatever order they were recorded in")
    func reviewNumbering() {
        var ehcCase = planIssued("2023-05-26")
        ehcCase.reviews = [
            Review(meetingDate: day("2025-04-20"), decisionDate: day("2025-05-01"), decision: .maintain),
            Review(meetingDate: day("2024-04-20"), decisionDate: day("2024-05-01"), decision: .maintain),
        ]
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-06-01"))
        #expect(deadlines["reviewDecision:1"]?.met == day("2024-05-01"))
        #expect(deadlines["reviewDecision:2"]?.met == day("2025-05-01"))
    }

    @Test("amendedPlan:N exists only for a decision to amend")
    func amendedPlanOnlyForAmend() {
        var ehcCase = planIssued("2024-05-26")
        ehcCase.reviews = [Review(meetingDate: day("2025-04-20"), decisionDate: day("2025-05-01"), decision: .maintain)]
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-06-01"))["amendedPlan:1"] == nil)
    }

    @Test("a plan ceased at review has no next review and the case is ceased")
    func ceasedPlan() {
        var ehcCase = planIssued("2024-05-26")
        ehcCase.reviews = [Review(meetingDate: day("2025-04-20"), decisionDate: day("2025-05-01"), decision: .cease)]
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-06-01"))
        #expect(deadlines["annualReview:2"] == nil)
        #expect(!deadlines.contains { $0.status == .pending || $0.status == .dueSoon || $0.status == .overdue })
        #expect(calendar.status(of: ehcCase) == .ceased)
    }

    @Test("W7/T9: a school phase transfer in 2025 is due 14 February 2025")
    func schoolPhaseTransfer() {
        var ehcCase = planIssued("2024-05-26")
        ehcCase.phaseTransfer = PhaseTransfer(kind: .school, transferYear: 2025)
        #expect(calendar.deadlines(for: ehcCase, today: day("2024-12-01"))["phaseTransfer"]?.due == day("2025-02-14"))
    }

    @Test("T10: a transfer into post-16 in 2025 is due 30 March 2025")
    func postSixteenTransfer() {
        var ehcCase = planIssued("2024-05-26")
        ehcCase.phaseTransfer = PhaseTransfer(kind: .postSixteen, transferYear: 2025)
        #expect(calendar.deadlines(for: ehcCase, today: day("2024-12-01"))["phaseTransfer"]?.due == day("2025-03-30"))
    }

    @Test("a plan issued is the case status once no later decision overrides it")
    func planIssuedStatus() {
        #expect(calendar.status(of: planIssued("2025-05-26")) == .planIssued)
        #expect(calendar.status(of: makeCase(request: "2025-01-06")) == .open)
    }
}
