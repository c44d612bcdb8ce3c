import EHCCore
import Testing
@testable import EHCTUI

@Suite("Recording a review by keyboard")
struct ReviewRecordingTests {
    let today = CalendarDate("2026-11-24")!

    func plan() -> EHCCase {
        EHCCase(id: "EHC-R", child: Child(givenName: "A", familyName: "B", dateOfBirth: CalendarDate("2014-01-01")!),
                caseworker: "A", requestDate: CalendarDate("2025-06-02")!, requestSource: .parent,
                decisionToAssess: Decision(date: CalendarDate("2025-07-01")!, outcome: .assess),
                decisionToIssue: Decision(date: CalendarDate("2025-09-01")!, outcome: .issue),
                finalPlanIssued: CalendarDate("2025-10-13")!)
    }

    @Test("a meeting is scheduled, then moved, reported and decided: one review, every fact, no consistency error")
    func reviewCycle() throws {
        var ehcCase = plan()
        (ehcCase, _) = try RecordableEvent.reviewMeeting.apply([.date(CalendarDate("2026-12-10")!)], to: ehcCase)
        #expect(ConsistencyCheck().findings(for: ehcCase, today: today).filter { $0.severity == .error }.isEmpty)
        (ehcCase, _) = try RecordableEvent.reviewMeeting.apply([.date(CalendarDate("2026-11-20")!)], to: ehcCase)
        #expect(ehcCase.reviews.count == 1)
        (ehcCase, _) = try RecordableEvent.reviewReportSent.apply([.date(CalendarDate("2026-11-23")!)], to: ehcCase)
        let (decided, summary) = try RecordableEvent.reviewDecision.apply([.text("amend"), .date(today)], to: ehcCase)
        #expect(summary == "review 1 decision amend notified on 2026-11-24")
        #expect(decided.reviews == [Review(meetingDate: CalendarDate("2026-11-20")!, reportSent: CalendarDate("2026-11-23")!,
                                           decisionDate: today, decision: .amend)])
        let deadlines = StatutoryCalendar().deadlines(for: decided, today: today)
        #expect(deadlines.first { $0.key == "amendedPlan:1" }?.due == CalendarDate("2027-01-19"))
        #expect(deadlines.first { $0.key == "annualReview:2" }?.due == CalendarDate("2027-11-23"))
    }

    @Test("a report before any meeting is refused with what to do first")
    func reportNeedsMeeting() {
        #expect(throws: FormRefusal(field: nil, message: "Record the review meeting first (m).")) {
            try RecordableEvent.reviewReportSent.apply([.date(today)], to: plan())
        }
    }
}
