import Testing
@testable import EHCCore

/// Branches issue 20 found untested: exception rulings, the headline figure with an invalid
/// exception, breach-forecast refusals and drafts, and audit grading edges. Expected values are
/// written by hand from the rules.
@Suite("Exception rulings: the branches")
struct ExceptionBranchTests {
    let calendar = StatutoryCalendar()

    /// Request 2025-06-20, assessed, education advice asked on `educationAsked`.
    func assessed(educationAsked: String = "2025-07-18") -> EHCCase {
        var ehcCase = makeCase(request: "2025-06-20")
        ehcCase.decisionToAssess = Decision(date: day("2025-07-01"), outcome: .assess)
        ehcCase.advice = [AdviceRequest(agency: .education, requested: day(educationAsked))]
        return ehcCase
    }

    func ruling(_ ehcCase: EHCCase, today: String = "2025-10-01") -> ExceptionRuling {
        calendar.exceptionRulings(for: ehcCase, today: day(today))[0]
    }

    @Test("an early-years closure of 4 weeks with education advice asked in its window excepts the final plan")
    func earlyYearsClosure() {
        var ehcCase = assessed()
        ehcCase.exceptions = [StatutoryException(ground: .earlyYearsClosure, appliesTo: ["finalPlan"],
                                                 from: day("2025-07-23"), to: day("2025-08-20"))]
        #expect(ruling(ehcCase).isAllowed)
        let finalPlan = calendar.deadlines(for: ehcCase, today: day("2025-10-01"))["finalPlan"]
        #expect(finalPlan?.excepted == true)
        #expect(finalPlan?.explanation.contains("early-years provider closure from 2025-07-23 to 2025-08-20") == true)
        // One day shorter (27 days) is refused, with the length said.
        ehcCase.exceptions[0].to = day("2025-08-19")
        #expect(ruling(ehcCase).refusals == ["A early-years provider closure must last at least 4 weeks (28 days), "
                                             + "but 2025-07-23 to 2025-08-19 is 27 days."])
    }

    @Test("a closure still lasting is measured to today and its advice window runs to today")
    func closureStillLasting() {
        var ehcCase = assessed(educationAsked: "2025-09-10")
        ehcCase.exceptions = [StatutoryException(ground: .schoolClosure, appliesTo: ["finalPlan"],
                                                 from: day("2025-09-01"), to: nil)]
        // 2025-09-01 to 2025-09-20 is 19 days: not yet 4 weeks.
        #expect(ruling(ehcCase, today: "2025-09-20").refusals.first?.hasPrefix("A school or post-16 institution closure must last at least 4 weeks") == true)
        // By 2025-10-01 it has lasted 30 days, and advice asked on 2025-09-10 is inside the window that runs to today.
        #expect(ruling(ehcCase, today: "2025-10-01").isAllowed)
        let finalPlan = calendar.deadlines(for: ehcCase, today: day("2025-10-01"))["finalPlan"]
        #expect(finalPlan?.explanation.contains(", still lasting") == true)
    }

    @Test("a refusal naming several deadlines gives one reason for each")
    func severalDeadlines() {
        var ehcCase = assessed()
        ehcCase.exceptions = [StatutoryException(ground: .missedAppointment, appliesTo: ["finalPlan", "decisionToAssess"],
                                                 from: day("2025-07-01"), to: day("2025-07-10"))]
        #expect(ruling(ehcCase).refusals == [
            "A missed appointment relieves only an advice-giver's deadline (reg 8(2)(c)), not finalPlan.",
            "A missed appointment relieves only an advice-giver's deadline (reg 8(2)(c)), not decisionToAssess.",
        ])
    }

    @Test("reversed dates and unknown keys are refused by name")
    func reversedAndUnknown() {
        var reversed = assessed()
        reversed.exceptions = [StatutoryException(ground: .absence, appliesTo: ["finalPlan"],
                                                  from: day("2025-08-10"), to: day("2025-08-01"))]
        #expect(ruling(reversed).refusals == ["The exception ends on 2025-08-01, before it starts on 2025-08-10."])
        var unknown = assessed()
        unknown.exceptions = [StatutoryException(ground: .personalCircumstances, appliesTo: ["final"],
                                                 from: day("2025-08-01"), to: day("2025-08-20"), note: "illness")]
        #expect(ruling(unknown).refusals == ["\"final\" is not a deadline key."])
    }
}

@Suite("Headline timeliness with an invalid exception")
struct InvalidExceptionHeadlineTests {
    @Test("an exception the rules refuse does not take a late plan out of the 'excluding exceptions' figure")
    func invalidExceptionCountsAsLate() {
        var late = makeIssuedCase(id: "LATE", request: "2025-01-06", final: "2025-07-01")
        // Personal circumstances with no note: refused, so the plan is an ordinary late plan.
        late.exceptions = [StatutoryException(ground: .personalCircumstances, appliesTo: ["finalPlan"],
                                              from: day("2025-02-01"), to: day("2025-03-01"), note: nil)]
        let figures = Timeliness(settings: Settings()).report(
            for: [late], from: day("2025-01-01"), to: day("2025-12-31"), groupedBy: nil, today: day("2026-01-10")).overall
        #expect(figures.plansIssued == 1)
        #expect(figures.withinTwentyWeeks == 0)
        #expect(figures.plansIssuedExcludingExceptions == 1)
        #expect(figures.withinTwentyWeeksExcludingExceptions == 0)
    }
}

@Suite("Breach forecast: drafts and refusals")
struct BreachForecastBranchTests {
    let calendar = StatutoryCalendar()

    func forecast(_ ehcCase: EHCCase, today: String) -> BreachForecast? {
        BreachForecast.forecast(for: ehcCase, deadlines: calendar.deadlines(for: ehcCase, today: day(today)),
                                calendar: calendar, today: day(today))
    }

    /// Request 2025-01-06 (final plan due 2025-05-26), assessed, EP advice asked 2025-02-18 and not received.
    func assessment() -> EHCCase {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .assess)
        ehcCase.advice = [AdviceRequest(agency: .educationalPsychology, requested: day("2025-02-18"))]
        return ehcCase
    }

    @Test("with the draft issued, the final plan can follow 15 days after the draft, and no advice is said to hold it")
    func draftIssued() throws {
        var ehcCase = assessment()
        ehcCase.draftPlanIssued = day("2025-05-15")
        let result = try #require(forecast(ehcCase, today: "2025-05-16"))
        #expect(result.earliestFinalPlan == day("2025-05-30"))
        #expect(result.awaitedAdvice.isEmpty)
        #expect(result.isAtRisk)
    }

    @Test("a decision not to assess or not to issue leaves nothing to forecast")
    func refusals() {
        var notAssessed = assessment()
        notAssessed.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .notAssess)
        #expect(forecast(notAssessed, today: "2025-03-01") == nil)
        var notIssued = assessment()
        notIssued.decisionToIssue = Decision(date: day("2025-04-01"), outcome: .notIssue)
        #expect(forecast(notIssued, today: "2025-04-10") == nil)
    }
}

@Suite("Audit grading: edges")
struct AuditGradingEdgeTests {
    let template = AuditTemplate(id: "t", title: "Test", sections: [
        .init(code: "A", title: "Views", questions: [
            .init(id: "Q1", text: "Overall quality", scale: .grade, limiting: true),
            .init(id: "Q2", text: "Aspirations", scale: .yesPartlyNo),
        ]),
    ], grading: .standard)

    @Test("grade 1 on a limiting graded question caps the grade and says so first")
    func gradeOneOnLimiting() {
        let result = AuditGrading.grade([AuditAnswer(questionID: "Q1", value: .grade(1)),
                                         AuditAnswer(questionID: "Q2", value: .yes)], with: template)
        // Score (0 + 1) / 2 = 0.5: Requires improvement, which the cap does not raise.
        #expect(result.score == 0.5)
        #expect(result.grade == .requiresImprovement)
        #expect(result.reasons.first == "Q1 answered 1 (limiting): caps the grade at Requires improvement")
        // Grade 2 on the limiting question is no fail: no cap.
        let two = AuditGrading.grade([AuditAnswer(questionID: "Q1", value: .grade(2)),
                                      AuditAnswer(questionID: "Q2", value: .yes)], with: template)
        #expect(!two.reasons.contains { $0.contains("(limiting)") })
    }

    @Test("every answer not applicable: nothing is marked down, the score is 1, all questions answered")
    func everythingNotApplicable() {
        let result = AuditGrading.grade([AuditAnswer(questionID: "Q1", value: .notApplicable),
                                         AuditAnswer(questionID: "Q2", value: .notApplicable)], with: template)
        #expect(result.score == 1)
        #expect(result.grade == .outstanding)
        #expect(result.answered == 2)
        #expect(result.reasons.isEmpty)
    }
}
