import EHCCore
import Testing

@Suite("Review rows of plans in force")
struct PlanReviewRowTests {
    let today = CalendarDate("2026-11-24")!
    let calendar = StatutoryCalendar()

    func plan(reviews: [Review] = []) -> EHCCase {
        EHCCase(id: "EHC-1", child: Child(givenName: "A", familyName: "B", dateOfBirth: CalendarDate("2014-01-01")!),
                caseworker: "A", requestDate: CalendarDate("2025-01-06")!, requestSource: .parent,
                decisionToAssess: Decision(date: CalendarDate("2025-02-03")!, outcome: .assess),
                decisionToIssue: Decision(date: CalendarDate("2025-04-28")!, outcome: .issue),
                finalPlanIssued: CalendarDate("2025-05-26")!, reviews: reviews)
    }

    func rowOf(_ ehcCase: EHCCase) -> PlanReviewRow? {
        PlanReviewRow(ehcCase, calendar: calendar, today: today)
    }

    @Test("W6: review 1 due 2026-05-25 is overdue on 2026-11-24 with no meeting: a meeting to book")
    func awaitingMeeting() throws {
        let row = try #require(rowOf(plan()))
        #expect(row.review?.key == "annualReview:1")
        #expect(row.review?.due == CalendarDate("2026-05-25"))
        #expect(row.isAwaitingMeeting)
        #expect(row.inFlight == nil)
    }

    @Test("a meeting held today leaves the meetings to book; its report is in flight, due in 2 weeks")
    func meetingHeld() throws {
        let row = try #require(rowOf(plan(reviews: [Review(meetingDate: today)])))
        #expect(!row.isAwaitingMeeting)
        #expect(row.review?.status == .overdue)   // concluded only by the decision (CFA s.44(1))
        #expect(row.inFlight?.key == "reviewReport:1")
        #expect(row.inFlight?.due == CalendarDate("2026-12-08"))
    }

    @Test("the row's deadlines are the calendar's own, explanation and all")
    func sameDeadlines() throws {
        var ehcCase = plan(reviews: [Review(meetingDate: CalendarDate("2026-11-02")!)])
        ehcCase.phaseTransfer = PhaseTransfer(kind: .school, transferYear: 2027)
        let row = try #require(rowOf(ehcCase))
        let deadlines = calendar.deadlines(for: ehcCase, today: today)
        #expect(row.review == deadlines.first { $0.key == "annualReview:1" })
        #expect(row.inFlight == deadlines.first { $0.key == "reviewReport:1" })
        #expect(row.phaseTransfer == deadlines.first { $0.key == "phaseTransfer" })
    }

    @Test("once the report is sent the decision is what is in flight")
    func reportSent() throws {
        let row = try #require(rowOf(plan(reviews: [Review(meetingDate: CalendarDate("2026-11-02")!,
                                                           reportSent: CalendarDate("2026-11-09")!)])))
        #expect(row.inFlight?.key == "reviewDecision:1")
        #expect(row.inFlight?.due == CalendarDate("2026-11-30"))
    }

    @Test("an under-5's row carries the end of the 3-to-6-month window the guidance gives; an older child's does not")
    func underFive() throws {
        var toddler = plan()
        toddler.child.dateOfBirth = CalendarDate("2022-06-01")!
        let row = try #require(rowOf(toddler))
        #expect(row.isUnderFive)
        #expect(row.underFiveReviewBy == CalendarDate("2025-11-26"))
        #expect(calendar.guidance(for: toddler, today: today).map(\.date).contains(CalendarDate("2025-11-26")!))
        #expect(try #require(rowOf(plan())).underFiveReviewBy == nil)
    }

    @Test("a meeting booked for later puts nothing in flight")
    func meetingBooked() throws {
        let row = try #require(rowOf(plan(reviews: [Review(meetingDate: CalendarDate("2026-12-10")!)])))
        #expect(row.meeting == CalendarDate("2026-12-10"))
        #expect(row.inFlight == nil)
        #expect(row.isAwaitingMeeting)
    }

    @Test("a plan ceased at review, a closed case and a plan not yet issued have no row")
    func notInForce() {
        var unissued = plan()
        unissued.finalPlanIssued = nil
        var closed = plan()
        closed.closed = Closure(date: CalendarDate("2026-01-05")!, reason: "moved away")
        let ceased = plan(reviews: [Review(meetingDate: CalendarDate("2026-05-11")!, decisionDate: CalendarDate("2026-05-18")!,
                                           decision: .cease)])
        #expect(PlanReviewRow.rows(of: [unissued, closed, ceased], calendar: calendar, today: today).isEmpty)
    }

    @Test("the coming transfer year is this year to the end of March, then next year")
    func comingTransferYear() {
        #expect(PhaseTransfer.comingTransferYear(on: CalendarDate("2027-03-31")!) == 2027)
        #expect(PhaseTransfer.comingTransferYear(on: CalendarDate("2027-04-01")!) == 2028)
        #expect(PhaseTransfer.comingTransferYear(on: today) == 2027)
    }
}
