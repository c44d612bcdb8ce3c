import Testing
@testable import EHCCore

@Suite("Breach forecast for open assessments")
struct BreachForecastTests {
    let calendar = StatutoryCalendar()

    func forecastOn(_ ehcCase: EHCCase, today: String) -> BreachForecast? {
        let day = CalendarDate(today)!
        return BreachForecast.forecast(for: ehcCase, deadlines: calendar.deadlines(for: ehcCase, today: day),
                                       calendar: calendar, today: day)
    }

    /// Request 2025-01-06 (final plan due 2025-05-26), assessed, EP advice requested on `requested`.
    func assessment(epRequested requested: String) -> EHCCase {
        EHCCase(id: "F", child: Child(givenName: "A", familyName: "B", dateOfBirth: CalendarDate("2016-01-01")!),
                caseworker: "A", requestDate: CalendarDate("2025-01-06")!, requestSource: .parent,
                decisionToAssess: Decision(date: CalendarDate("2025-02-10")!, outcome: .assess),
                advice: [AdviceRequest(agency: .educationalPsychology, requested: CalendarDate(requested)!)])
    }

    @Test("advice due 2025-04-01 leaves time: the final plan can be issued from 2025-04-16, before 2025-05-26")
    func onTrack() throws {
        let forecast = try #require(forecastOn(assessment(epRequested: "2025-02-18"), today: "2025-03-01"))
        #expect(forecast.earliestFinalPlan == CalendarDate("2025-04-16"))
        #expect(!forecast.isAtRisk)
    }

    @Test("advice due 2025-05-19 is too late: 15 days for comments put the final plan at 2025-06-03, at risk")
    func atRisk() throws {
        let forecast = try #require(forecastOn(assessment(epRequested: "2025-04-07"), today: "2025-04-10"))
        #expect(forecast.earliestFinalPlan == CalendarDate("2025-06-03"))
        #expect(forecast.isAtRisk)
        #expect(forecast.awaitedAdvice == ["advice:educationalPsychology"])
        #expect(forecast.explanation.hasPrefix("Breach forecast AT RISK: the final plan cannot be issued before 2025-06-03"))
    }

    @Test("late advice counts from today; an issued plan or a refusal has no forecast")
    func lateAdviceAndNoForecast() throws {
        let late = try #require(forecastOn(assessment(epRequested: "2025-02-18"), today: "2025-05-20"))
        #expect(late.earliestFinalPlan == CalendarDate("2025-06-04"))
        var issued = assessment(epRequested: "2025-02-18")
        issued.finalPlanIssued = CalendarDate("2025-05-01")
        #expect(forecastOn(issued, today: "2025-05-20") == nil)
    }
}

@Suite("At risk means still savable; the next deadline is the worst breach nobody excused")
struct UrgentDeadlineTests {
    let calendar = StatutoryCalendar()

    /// Request 2025-01-06 (final plan due 2025-05-26), assessed, EP advice requested 2025-02-18 (due 2025-04-01).
    func assessment() -> EHCCase {
        EHCCase(id: "F", child: Child(givenName: "A", familyName: "B", dateOfBirth: CalendarDate("2016-01-01")!),
                caseworker: "A", requestDate: CalendarDate("2025-01-06")!, requestSource: .parent,
                decisionToAssess: Decision(date: CalendarDate("2025-02-10")!, outcome: .assess),
                advice: [AdviceRequest(agency: .educationalPsychology, requested: CalendarDate("2025-02-18")!)])
    }

    @Test("a final plan already past its due date is overdue, not at risk: view 9 lists only plans still savable")
    func overdueIsNotAtRisk() throws {
        let today = CalendarDate("2025-12-24")!
        let forecast = try #require(BreachForecast.forecast(for: assessment(), deadlines: calendar.deadlines(for: assessment(), today: today),
                                                            calendar: calendar, today: today))
        #expect(forecast.isOverdue)
        #expect(!forecast.isAtRisk)
        #expect(forecast.explanation.hasPrefix("Breach forecast OVERDUE: the final plan was due on 2025-05-26"))
        let summary = CaseSummary(assessment(), calendar: calendar, today: today)
        #expect(!summary.isAtRisk)
        #expect(!TriageView.atRisk.contains(summary))
        // The day it falls due it is still savable, and at risk (the draft's 15 days cannot fit).
        #expect(CaseSummary(assessment(), calendar: calendar, today: CalendarDate("2025-05-26")!).isAtRisk)
    }

    @Test("an excepted advice item overdue longer does not hide the final plan 212 days overdue")
    func worstUnexceptedFirst() {
        var ehcCase = assessment()
        ehcCase.decisionToIssue = Decision(date: CalendarDate("2025-04-22")!, outcome: .issue)
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["advice:educationalPsychology"],
                                                 from: CalendarDate("2025-02-20")!, to: CalendarDate("2025-04-20")!)]
        let today = CalendarDate("2025-12-24")!
        #expect(calendar.deadlines(for: ehcCase, today: today)["advice:educationalPsychology"]?.excepted == true)
        let next = CaseSummary(ehcCase, calendar: calendar, today: today).nextDeadline
        #expect(next?.key == "finalPlan")
        #expect(next?.daysOverdue(on: today) == 212)
        // Without the exception the older breach, the advice, comes first.
        ehcCase.exceptions = []
        #expect(CaseSummary(ehcCase, calendar: calendar, today: today).nextDeadline?.key == "advice:educationalPsychology")
    }
}
