import Testing
@testable import EHCCore

@Suite("The catalogue of measures")
struct MeasureCatalogueTests {
    let catalogue = MeasureCatalogue(settings: Settings())
    let today = CalendarDate("2026-11-24")!

    func plan(_ id: String, request: String, issued: String?) -> EHCCase {
        var ehcCase = EHCCase(id: id, child: Child(givenName: "A", familyName: "B", dateOfBirth: CalendarDate("2016-01-01")!),
                              caseworker: "C. Smith", requestDate: CalendarDate(request)!, requestSource: .parent)
        ehcCase.decisionToAssess = Decision(date: CalendarDate(request)!.adding(days: 30), outcome: .assess)
        if let issued {
            ehcCase.decisionToIssue = Decision(date: CalendarDate(issued)!.adding(days: -20), outcome: .issue)
            ehcCase.finalPlanIssued = CalendarDate(issued)!
        }
        return ehcCase
    }

    func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// A plan issued on `issued` after an assessment of 20 weeks.
    func issuedPlan(_ id: String, issued: String, reviews: [Review] = [], transfer: PhaseTransfer? = nil) -> EHCCase {
        var ehcCase = plan(id, request: date(issued).adding(weeks: -20).description, issued: issued)
        ehcCase.reviews = reviews
        ehcCase.phaseTransfer = transfer
        return ehcCase
    }

    @Test("W6: annual reviews due in the period, concluded on time, decided within 4 weeks or later, and overdue today")
    func reviews() {
        let cases = [
            // W6: plan 2025-05-26 → review 1 due 2026-05-25, concluded 2026-05-20 (meeting 2026-04-30, decision in 20 days).
            issuedPlan("on-time", issued: "2025-05-26", reviews: [Review(meetingDate: date("2026-04-30"), reportSent: date("2026-05-08"),
                                                                       decisionDate: date("2026-05-20"), decision: .maintain)]),
            // Due 2026-03-01, meeting 2026-02-01, decision 2026-03-10: late on both counts.
            issuedPlan("late", issued: "2025-03-02", reviews: [Review(meetingDate: date("2026-02-01"), decisionDate: date("2026-03-10"),
                                                                   decision: .maintain)]),
            // Due 2026-06-30 with no review at all: overdue on 2026-11-24.
            issuedPlan("missing", issued: "2025-07-01"),
        ]
        let measures = catalogue.measures(for: cases, from: date("2026-01-01"), to: date("2026-12-31"), today: today)
        #expect(measures["reviews.expected"]?.cases == ["late", "missing", "on-time"])
        #expect(measures["reviews.concludedOnTime"]?.cases == ["on-time"])
        #expect(measures["reviews.meetingRecorded"]?.cases == ["late", "on-time"])
        #expect(measures["reviews.decisionWithin4Weeks"]?.cases == ["on-time"])
        #expect(measures["reviews.decisionAfter4Weeks"]?.cases == ["late"])
        #expect(measures["reviews.noMeeting"]?.cases == ["missing"])
        #expect(measures["reviews.outcomeMaintain"]?.value == 2)
        #expect(measures["caseload.reviewsOverdue"]?.cases == ["missing"])
        #expect(measures["caseload.reviewsOverdueNoMeeting"]?.cases == ["missing"])
    }

    @Test("W7: a phase transfer counts where its deadline (2025-02-14) falls; issued by it is on time, a day later late")
    func phaseTransfers() {
        let cases = [
            issuedPlan("met", issued: "2023-06-01", transfer: PhaseTransfer(kind: .school, transferYear: 2025,
                                                                           amendedPlanIssued: date("2025-02-14"))),
            issuedPlan("late", issued: "2023-06-01", transfer: PhaseTransfer(kind: .school, transferYear: 2025,
                                                                            amendedPlanIssued: date("2025-02-15"))),
            issuedPlan("next year", issued: "2023-06-01", transfer: PhaseTransfer(kind: .postSixteen, transferYear: 2026)),
        ]
        let measures = catalogue.measures(for: cases, from: date("2025-01-01"), to: date("2025-12-31"), today: date("2025-11-24"))
        #expect(measures["phaseTransfers.due"]?.cases == ["late", "met"])
        #expect(measures["phaseTransfers.issuedOnTime"]?.cases == ["met"])
        #expect(measures["phaseTransfers.issuedLate"]?.cases == ["late"])
        let next = catalogue.measures(for: cases, from: date("2026-01-01"), to: date("2026-12-31"), today: date("2025-11-24"))
        #expect(next["phaseTransfers.notYetDue"]?.cases == ["next year"])
    }

    @Test("a review switched off by a closure before it fell due is expected of nobody")
    func closedPlanReviewsNotExpected() {
        var closed = issuedPlan("closed", issued: "2025-05-26")
        closed.closed = Closure(date: date("2026-01-10"), reason: "moved away")
        let measures = catalogue.measures(for: [closed], from: date("2026-01-01"), to: date("2026-12-31"), today: today)
        #expect(measures["reviews.expected"]?.value == 0)
        #expect(measures["reviews.noMeeting"]?.value == 0)
    }

    @Test("plans are placed by days from request: 140 within, 141 and 364 over but within a year, 365 a year or more")
    func planBands() {
        let cases = [plan("P140", request: "2025-06-02", issued: "2025-10-20"),   // 140 days
                     plan("P141", request: "2025-06-02", issued: "2025-10-21"),
                     plan("P364", request: "2025-01-06", issued: "2026-01-05"),
                     plan("P365", request: "2025-01-06", issued: "2026-01-06")]
        let measures = catalogue.measures(for: cases, from: CalendarDate("2025-01-01")!, to: CalendarDate("2026-12-31")!, today: today)
        #expect(measures["plans.within20Weeks"]?.cases == ["P140"])
        #expect(measures["plans.over20WithinYear"]?.cases == ["P141", "P364"])
        #expect(measures["plans.overYear"]?.cases == ["P365"])
        // (140 + 141 + 364 + 365) / 4 / 7 = 36.07…
        #expect(measures["plans.averageWeeks"]?.value == 36.1)
    }

    @Test("an empty period is zeros, never a division by zero, and every measure is still listed")
    func emptyPeriod() {
        let measures = catalogue.measures(for: [plan("P", request: "2025-06-02", issued: "2025-10-20")],
                                          from: CalendarDate("1990-01-01")!, to: CalendarDate("1990-12-31")!, today: today)
        #expect(measures["plans.issued"]?.value == 0)
        #expect(measures["plans.averageWeeks"]?.value == 0)
        #expect(measures["requests.received"]?.cases.isEmpty == true)
        #expect(measures.count > 60)
        #expect(Set(measures.map(\.id)).count == measures.count, "ids are unique")
        #expect(measures.allSatisfy { !$0.definition.isEmpty && !$0.label.isEmpty })
    }

    @Test("a returned advice is not received within 6 weeks and stays outstanding")
    func returnedAdvice() {
        var ehcCase = plan("A", request: "2026-09-01", issued: nil)
        ehcCase.advice = [AdviceRequest(agency: .health, requested: CalendarDate("2026-09-10")!, received: CalendarDate("2026-09-20")!,
                                        quality: .returned, qualityNote: "no outcomes", returned: CalendarDate("2026-09-21")!)]
        let measures = catalogue.measures(for: [ehcCase], from: CalendarDate("2026-09-01")!, to: CalendarDate("2026-11-30")!,
                                          today: today)
        #expect(measures["advice.requested.health"]?.value == 1)
        #expect(measures["advice.withinSixWeeks.health"]?.value == 0)
        #expect(measures["advice.outstanding.health"]?.value == 1)
        #expect(measures["advice.outstandingOverdue.health"]?.value == 1)
    }

    @Test("tallies of parts of the caseload, merged, give the measures of the whole")
    func partsMerge() {
        let cases = (0..<40).map { index in
            plan(String(format: "P%03d", index), request: "2025-0\(1 + index % 9)-0\(1 + index % 9)",
                 issued: index % 3 == 0 ? nil : "2025-12-1\(index % 10)")
        }
        let (from, to) = (CalendarDate("2025-01-01")!, CalendarDate("2026-06-30")!)
        let whole = catalogue.measures(for: cases, from: from, to: to, today: today)
        let parts = catalogue.measures(merging: [catalogue.tally(Array(cases[..<13]), from: from, to: to, today: today),
                                                 catalogue.tally(Array(cases[13...]), from: from, to: to, today: today)])
        #expect(parts == whole)
        #expect(whole["plans.issued"]?.value == 26)
    }
}
