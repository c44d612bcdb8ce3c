import Testing
@testable import EHCCore

@Suite("The amendment notice after a review")
struct AmendmentNoticeTests {
    func plan(review: Review) -> EHCCase {
        EHCCase(id: "T7", child: Child(givenName: "A", familyName: "B", dateOfBirth: CalendarDate("2012-01-01")!),
                caseworker: "A", requestDate: CalendarDate("2023-09-01")!, requestSource: .parent,
                decisionToAssess: Decision(date: CalendarDate("2023-10-01")!, outcome: .assess),
                decisionToIssue: Decision(date: CalendarDate("2023-12-01")!, outcome: .issue),
                finalPlanIssued: CalendarDate("2024-01-15")!, reviews: [review])
    }

    @Test("research T7: a notice sent early on 2025-03-20 makes the amended plan due 2025-05-15, 8 weeks from the notice")
    func earlyNotice() {
        let review = Review(meetingDate: CalendarDate("2025-03-10")!, decisionDate: CalendarDate("2025-04-07")!,
                            decision: .amend, amendmentProposed: CalendarDate("2025-03-20")!)
        let amended = StatutoryCalendar().deadlines(for: plan(review: review), today: CalendarDate("2025-04-10")!)
            .first { $0.key == "amendedPlan:1" }
        #expect(amended?.due == CalendarDate("2025-05-15"))
        #expect(amended?.explanation.contains("8 weeks from the notice of proposed amendments sent 2025-03-20") == true)
    }

    @Test("without a recorded notice the 8 weeks run from the decision to amend (W5: 2025-06-02)")
    func noticeWithDecision() {
        let review = Review(meetingDate: CalendarDate("2025-03-10")!, decisionDate: CalendarDate("2025-04-07")!,
                            decision: .amend)
        let amended = StatutoryCalendar().deadlines(for: plan(review: review), today: CalendarDate("2025-04-10")!)
            .first { $0.key == "amendedPlan:1" }
        #expect(amended?.due == CalendarDate("2025-06-02"))
    }

    @Test("a notice of amendments contradicts a decision to maintain")
    func contradiction() {
        let review = Review(meetingDate: CalendarDate("2025-03-10")!, decisionDate: CalendarDate("2025-04-07")!,
                            decision: .maintain, amendmentProposed: CalendarDate("2025-03-20")!)
        let findings = ConsistencyCheck().findings(for: plan(review: review), today: CalendarDate("2025-05-01")!)
        #expect(findings.map(\.path) == ["reviews[0].amendmentProposed"])
        #expect(findings.first?.rule == "Regs 2014 reg 22(2)")
    }
}
