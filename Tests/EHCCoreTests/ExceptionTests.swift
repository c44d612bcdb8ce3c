import Testing
@testable import EHCCore

@Suite("Exceptions")
struct ExceptionTests {
    let calendar = StatutoryCalendar()

    /// W8: request 2025-06-20, school closed 2025-07-23 to 2025-09-03.
    func summerClosure(educationAdviceOn requested: String) -> EHCCase {
        var ehcCase = makeCase(request: "2025-06-20")
        ehcCase.decisionToAssess = Decision(date: day("2025-07-01"), outcome: .assess)
        ehcCase.advice = [AdviceRequest(agency: .education, requested: day(requested))]
        ehcCase.exceptions = [StatutoryException(ground: .schoolClosure, appliesTo: ["finalPlan"],
                                                 from: day("2025-07-23"), to: day("2025-09-03"))]
        return ehcCase
    }

    func ruling(_ ehcCase: EHCCase, today: String = "2025-10-01") -> ExceptionRuling {
        calendar.exceptionRulings(for: ehcCase, today: day(today))[0]
    }

    @Test("W8/T4: education advice requested in the closure window excepts the final plan")
    func workedExampleW8() {
        let deadlines = calendar.deadlines(for: summerClosure(educationAdviceOn: "2025-07-18"), today: day("2025-10-01"))
        #expect(deadlines["finalPlan"]?.due == day("2025-11-07"))
        #expect(deadlines["finalPlan"]?.excepted == true)
        #expect(deadlines["finalPlan"]?.explanation.contains("school or post-16 institution closure") == true)
        #expect(ruling(summerClosure(educationAdviceOn: "2025-07-18")).regulation == "13(3) via 10(4)(a)")
    }

    @Test("W8/T4: education advice requested before the window refuses the exception")
    func workedExampleW8Refused() {
        let ehcCase = summerClosure(educationAdviceOn: "2025-07-10")
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-10-01"))["finalPlan"]?.excepted == false)
        #expect(ruling(ehcCase).refusals == [
            "No education advice was requested between 2025-07-16 and 2025-08-27 "
                + "(from one week before the closure to one week before it re-opens).",
        ])
    }

    @Test("T4: education advice requested on 2025-08-28, after the window, refuses the exception")
    func adviceAfterWindow() {
        #expect(!ruling(summerClosure(educationAdviceOn: "2025-08-28")).isAllowed)
        #expect(ruling(summerClosure(educationAdviceOn: "2025-08-27")).isAllowed)
    }

    @Test("a closure shorter than 28 days is refused")
    func shortClosure() {
        var ehcCase = summerClosure(educationAdviceOn: "2025-07-18")
        ehcCase.exceptions[0].to = day("2025-08-19")  // 27 days
        #expect(ruling(ehcCase).refusals.contains { $0.contains("27 days") })
    }

    @Test("an absence of 28 days excepts the final plan, 27 days does not")
    func absenceLength() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["finalPlan"],
                                                 from: day("2025-02-01"), to: day("2025-03-01"))]
        #expect(ruling(ehcCase).isAllowed)
        ehcCase.exceptions[0].to = day("2025-02-28")
        #expect(ruling(ehcCase).refusals == [
            "An absence from the area must last at least 4 weeks (28 days), but 2025-02-01 to 2025-02-28 is 27 days.",
        ])
    }

    @Test("an absence still lasting is measured to today")
    func openEndedAbsence() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["finalPlan"], from: day("2025-02-01"))]
        #expect(!ruling(ehcCase, today: "2025-02-20").isAllowed)
        #expect(ruling(ehcCase, today: "2025-03-01").isAllowed)
    }

    @Test("personal circumstances need a note")
    func personalCircumstancesNote() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.exceptions = [StatutoryException(ground: .personalCircumstances, appliesTo: ["finalPlan"],
                                                 from: day("2025-03-01"), to: day("2025-03-28"), note: "  ")]
        #expect(ruling(ehcCase).refusals == ["Exceptional personal circumstances need a note saying what they are."])
        ehcCase.exceptions[0].note = "family bereavement"
        #expect(ruling(ehcCase).regulation == "13(3) via 10(4)(c)")
        #expect(ruling(ehcCase).isAllowed)
    }

    @Test("a missed appointment excepts an advice deadline under reg 8(2)(c)")
    func missedAppointmentOnAdvice() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.advice = [AdviceRequest(agency: .health, requested: day("2025-02-18"))]
        ehcCase.exceptions = [StatutoryException(ground: .missedAppointment, appliesTo: ["advice:health"],
                                                 from: day("2025-03-05"), to: day("2025-03-05"))]
        #expect(ruling(ehcCase).isAllowed)
        #expect(ruling(ehcCase).regulation == "8(2)(c)")
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-03-10"))["advice:health"]?.excepted == true)
    }

    @Test("a missed appointment cannot except the final plan")
    func missedAppointmentOnFinalPlan() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.exceptions = [StatutoryException(ground: .missedAppointment, appliesTo: ["finalPlan"],
                                                 from: day("2025-03-05"), to: day("2025-03-05"))]
        #expect(ruling(ehcCase).refusals
            == ["A missed appointment relieves only an advice-giver's deadline (reg 8(2)(c)), not finalPlan."])
    }

    @Test("a school closure cannot except an advice deadline")
    func closureOnAdvice() {
        var ehcCase = summerClosure(educationAdviceOn: "2025-07-18")
        ehcCase.exceptions[0].appliesTo = ["advice:education"]
        #expect(ruling(ehcCase).refusals.contains { $0.hasPrefix("A school or post-16 institution closure cannot relieve advice:education") })
    }

    @Test("no exception applies to a decision not to assess")
    func noExceptionAgainstNotAssess() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-03-01"), outcome: .notAssess)
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["decisionToAssess"],
                                                 from: day("2025-01-10"), to: day("2025-02-20"))]
        #expect(ruling(ehcCase).refusals == ["No exception applies to a decision not to assess (Regs 2014 reg 4(1) has none)."])
        ehcCase.decisionToAssess?.outcome = .assess
        #expect(ruling(ehcCase).regulation == "5(4)(d)")
        #expect(ruling(ehcCase).isAllowed)
    }

    @Test("an advice key must match an advice item of the case")
    func unknownAdviceKey() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["advice:health"],
                                                 from: day("2025-01-10"), to: day("2025-02-20"))]
        #expect(ruling(ehcCase).refusals == ["No advice item of the case matches advice:health."])
    }

    @Test("an exception outside the deadline's period is refused")
    func noOverlap() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["decisionToAssess"],
                                                 from: day("2025-03-01"), to: day("2025-04-01"))]
        #expect(ruling(ehcCase).refusals
            == ["The exception from 2025-03-01 to 2025-04-01 does not overlap the period of decisionToAssess, 2025-01-06 to 2025-02-17."])
    }

    @Test("an exception naming several deadlines joins their regulations")
    func severalRegulations() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.advice = [AdviceRequest(agency: .health, requested: day("2025-02-18"))]
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["finalPlan", "advice:health"],
                                                 from: day("2025-03-01"), to: day("2025-04-01"))]
        #expect(ruling(ehcCase).regulation == "13(3) via 10(4)(d); 8(2)(b)")
    }

    @Test("an exception on the final plan sets excepted on it alone")
    func exceptedOnlyWhereNamed() {
        let deadlines = calendar.deadlines(for: summerClosure(educationAdviceOn: "2025-07-18"), today: day("2025-10-01"))
        #expect(deadlines.filter(\.excepted).map(\.key) == ["finalPlan"])
    }
}
