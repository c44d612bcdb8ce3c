import Testing
@testable import EHCCore

/// Worked examples of the review and phase-transfer calendar at its edges: leap days, month ends,
/// transfer years and an under-5, in the counting of the rules page (`strict`, `before`) unless named.
@Suite("Review calendar at leap years, month ends and transfer years")
struct ReviewCalendarExampleTests {
    let calendar = StatutoryCalendar()

    func plan(issued: String, born: String = "2016-03-02", reviews: [Review] = [],
              transfer: PhaseTransfer? = nil) -> EHCCase {
        var ehcCase = makeCase(request: "2022-09-05")
        ehcCase.child.dateOfBirth = day(born)
        ehcCase.finalPlanIssued = day(issued)
        ehcCase.reviews = reviews
        ehcCase.phaseTransfer = transfer
        return ehcCase
    }

    func due(_ key: String, of ehcCase: EHCCase, settings: Settings = Settings()) -> CalendarDate? {
        StatutoryCalendar(settings: settings).deadlines(for: ehcCase, today: day("2029-01-01"))[key]?.due
    }

    @Test("a plan issued on 29 February 2024 is reviewed by 28 February 2025 when the year is read as the anniversary")
    func leapDayAnniversary() {
        // strict (the default): 2024-02-29 + 12 months clamps to 2025-02-28, less one day = 2025-02-27 (T13).
        #expect(due("annualReview:1", of: plan(issued: "2024-02-29")) == day("2025-02-27"))
        #expect(due("annualReview:1", of: plan(issued: "2024-02-29"), settings: Settings(reviewPeriod: .anniversary))
            == day("2025-02-28"))
    }

    @Test("a plan issued on 1 March 2023 is reviewed by the leap day 29 February 2024")
    func reviewDueOnLeapDay() {
        #expect(due("annualReview:1", of: plan(issued: "2023-03-01")) == day("2024-02-29"))
    }

    @Test("a plan issued on 1 March 2024 is reviewed by 28 February 2025: no leap day that year")
    func reviewAfterLeapYear() {
        #expect(due("annualReview:1", of: plan(issued: "2024-03-01")) == day("2025-02-28"))
    }

    @Test("a plan issued on 31 January 2025 is reviewed by 30 January 2026, then from a decision on 31 December")
    func monthEnds() {
        #expect(due("annualReview:1", of: plan(issued: "2025-01-31")) == day("2026-01-30"))
        let reviewed = plan(issued: "2025-01-31", reviews: [
            Review(meetingDate: day("2025-12-03"), decisionDate: day("2025-12-31"), decision: .amend),
        ])
        #expect(due("reviewDecision:1", of: reviewed) == day("2025-12-31"))
        #expect(due("amendedPlan:1", of: reviewed) == day("2026-02-25"))
        #expect(due("annualReview:2", of: reviewed) == day("2026-12-30"))
    }

    @Test("a meeting on 15 February 2028 has its report due on the leap day and its decision on 14 March")
    func meetingInLeapFebruary() {
        let reviewed = plan(issued: "2027-03-15", reviews: [Review(meetingDate: day("2028-02-15"))])
        #expect(due("reviewReport:1", of: reviewed) == day("2028-02-29"))
        #expect(due("reviewDecision:1", of: reviewed) == day("2028-03-14"))
    }

    @Test("transfer year 2028: a school move before 15 February is due the 14th, into post-16 before 31 March the 30th")
    func transferYear() {
        let school = plan(issued: "2024-05-20", transfer: PhaseTransfer(kind: .school, transferYear: 2028))
        let postSixteen = plan(issued: "2024-05-20", transfer: PhaseTransfer(kind: .postSixteen, transferYear: 2028))
        #expect(due("phaseTransfer", of: school) == day("2028-02-14"))
        #expect(due("phaseTransfer", of: postSixteen) == day("2028-03-30"))
        #expect(due("phaseTransfer", of: school, settings: Settings(phaseDeadline: .by)) == day("2028-02-15"))
        #expect(due("phaseTransfer", of: postSixteen, settings: Settings(phaseDeadline: .by)) == day("2028-03-31"))
    }

    @Test("a school transfer's plan amended on 15 February is late under 'before 15 February'")
    func transferAmendedOnTheFifteenth() {
        let amended = plan(issued: "2024-05-20",
                           transfer: PhaseTransfer(kind: .school, transferYear: 2027, amendedPlanIssued: day("2027-02-15")))
        let deadline = calendar.deadlines(for: amended, today: day("2027-03-01"))["phaseTransfer"]
        #expect(deadline?.status == .metLate)
    }

    @Test("an under-5's plan issued on 31 August is worth reviewing between 30 November and 28 February (month ends clamp)")
    func underFiveAtMonthEnd() {
        let toddler = plan(issued: "2025-08-31", born: "2022-06-01")
        let guidance = calendar.guidance(for: toddler, today: day("2025-09-01"))
        #expect(guidance.first { $0.title == "Under-5 review window" }?.explanation
            .contains("between 2025-11-30 and 2026-02-28") == true)
        // Guidance only: the statutory review stays a year less a day away.
        #expect(due("annualReview:1", of: toddler) == day("2026-08-30"))
    }
}
