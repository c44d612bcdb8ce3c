import Testing
@testable import EHCCore

@Suite("Review and phase-transfer compliance")
struct ReviewComplianceTests {
    let compliance = ReviewCompliance(calendar: StatutoryCalendar())

    func plan(_ id: String, issued: String, reviews: [Review] = [], transfer: PhaseTransfer? = nil) -> EHCCase {
        EHCCase(id: id, child: Child(givenName: "A", familyName: id, dateOfBirth: CalendarDate("2014-01-01")!),
                caseworker: "A", requestDate: CalendarDate(issued)!.adding(weeks: -20), requestSource: .parent,
                decisionToAssess: Decision(date: CalendarDate(issued)!.adding(weeks: -16), outcome: .assess),
                decisionToIssue: Decision(date: CalendarDate(issued)!.adding(weeks: -6), outcome: .issue),
                finalPlanIssued: CalendarDate(issued)!, reviews: reviews, phaseTransfer: transfer)
    }

    func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    @Test("reviews due in the period, concluded on time, decisions within 4 weeks, overdue now")
    func reviews() {
        let cases = [
            // W6: plan 2025-05-26 → review 1 due 2026-05-25, concluded 2026-05-20 (meeting 2026-04-30, decision in 20 days).
            plan("on-time", issued: "2025-05-26", reviews: [Review(meetingDate: date("2026-04-30"), reportSent: date("2026-05-08"),
                                                                  decisionDate: date("2026-05-20"), decision: .maintain)]),
            // Due 2026-03-01, meeting 2026-02-01, decision 2026-03-10: late on both counts.
            plan("late", issued: "2025-03-02", reviews: [Review(meetingDate: date("2026-02-01"), decisionDate: date("2026-03-10"),
                                                              decision: .maintain)]),
            // Due 2026-06-30 with no review at all: overdue on 2026-11-24.
            plan("missing", issued: "2025-07-01"),
        ]
        let figures = compliance.figures(for: cases, from: date("2026-01-01"), to: date("2026-12-31"), today: date("2026-11-24"))
        #expect(figures.reviewsDue == ["on-time", "late", "missing"])
        #expect(figures.reviewsConcludedOnTime == ["on-time"])
        #expect(figures.reviewMeetings == ["on-time", "late"])
        #expect(figures.decisionsWithinFourWeeks == ["on-time"])
        #expect(figures.reviewsOverdue == ["missing"])
        #expect(ReviewCompliance.Figures.percent(figures.reviewsConcludedOnTime, of: figures.reviewsDue) == 33.3)
    }

    @Test("the phase-transfer cohort is the period's end year; met means amended by the deadline (W7: 2025-02-14)")
    func phaseTransfers() {
        let cases = [
            plan("met", issued: "2023-06-01", transfer: PhaseTransfer(kind: .school, transferYear: 2025,
                                                                   amendedPlanIssued: date("2025-02-14"))),
            plan("late", issued: "2023-06-01", transfer: PhaseTransfer(kind: .school, transferYear: 2025,
                                                                    amendedPlanIssued: date("2025-02-15"))),
            plan("next year", issued: "2023-06-01", transfer: PhaseTransfer(kind: .postSixteen, transferYear: 2026)),
        ]
        let figures = compliance.figures(for: cases, from: date("2025-01-01"), to: date("2025-12-31"), today: date("2025-11-24"))
        #expect(figures.phaseTransferYear == 2025)
        #expect(figures.phaseTransfersDue == ["met", "late"])
        #expect(figures.phaseTransfersMet == ["met"])
    }
}
