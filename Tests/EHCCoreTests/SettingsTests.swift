import Testing
@testable import EHCCore

@Suite("Counting settings")
struct SettingsTests {
    @Test("T1: day-one counting makes the final plan due one day earlier")
    func dayOneCounting() {
        let calendar = StatutoryCalendar(settings: Settings(counting: .dayOne))
        let deadlines = calendar.deadlines(for: makeCase(request: "2025-01-06"), today: day("2025-01-07"))
        #expect(deadlines["finalPlan"]?.due == day("2025-05-25"))
        #expect(deadlines["decisionToAssess"]?.due == day("2025-02-16"))
    }

    @Test("day-one counting applies to the review report too")
    func dayOneReviewReport() {
        var ehcCase = makeCase(request: "2024-01-08")
        ehcCase.finalPlanIssued = day("2024-05-20")
        ehcCase.reviews = [Review(meetingDate: day("2025-03-10"))]
        let calendar = StatutoryCalendar(settings: Settings(counting: .dayOne))
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-03-11"))["reviewReport:1"]?.due == day("2025-03-23"))
    }

    @Test("T12: the anniversary reading puts the first review on the anniversary itself")
    func anniversaryReview() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.finalPlanIssued = day("2025-05-26")
        let calendar = StatutoryCalendar(settings: Settings(reviewPeriod: .anniversary))
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-06-01"))["annualReview:1"]?.due == day("2026-05-26"))
    }

    @Test("T13: the anniversary of a 29 February plan is clamped to 28 February")
    func anniversaryLeapDay() {
        var ehcCase = makeCase(request: "2023-10-12")
        ehcCase.finalPlanIssued = day("2024-02-29")
        let calendar = StatutoryCalendar(settings: Settings(reviewPeriod: .anniversary))
        #expect(calendar.deadlines(for: ehcCase, today: day("2024-03-01"))["annualReview:1"]?.due == day("2025-02-28"))
    }

    @Test("T9/T10: reading 'before' as 'by' gives 15 February and 31 March")
    func phaseDeadlineBy() {
        var ehcCase = makeCase(request: "2023-10-12")
        let calendar = StatutoryCalendar(settings: Settings(phaseDeadline: .by))
        ehcCase.phaseTransfer = PhaseTransfer(kind: .school, transferYear: 2025)
        #expect(calendar.deadlines(for: ehcCase, today: day("2024-03-01"))["phaseTransfer"]?.due == day("2025-02-15"))
        ehcCase.phaseTransfer = PhaseTransfer(kind: .postSixteen, transferYear: 2025)
        #expect(calendar.deadlines(for: ehcCase, today: day("2024-03-01"))["phaseTransfer"]?.due == day("2025-03-31"))
    }

    @Test("dueSoonDays sets how close an unmet deadline must be to be dueSoon")
    func dueSoonDays() {
        let ehcCase = makeCase(request: "2025-01-06")  // final plan due 2025-05-26
        let today = day("2025-05-06")                 // 20 days before
        #expect(StatutoryCalendar().deadlines(for: ehcCase, today: today)["finalPlan"]?.status == .pending)
        let wide = StatutoryCalendar(settings: Settings(dueSoonDays: 20))
        #expect(wide.deadlines(for: ehcCase, today: today)["finalPlan"]?.status == .dueSoon)
    }

    @Test("an unmet deadline is dueSoon on its due day and overdue the day after")
    func dueDayBoundary() {
        let calendar = StatutoryCalendar()
        let ehcCase = makeCase(request: "2025-01-06")
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-05-26"))["finalPlan"]?.status == .dueSoon)
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-05-27"))["finalPlan"]?.status == .overdue)
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-05-12"))["finalPlan"]?.status == .dueSoon)
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-05-11"))["finalPlan"]?.status == .pending)
    }
}
