import Testing
@testable import EHCCore

@Suite("Consistency checks")
struct ConsistencyCheckTests {
    let check = ConsistencyCheck()
    let today = day("2025-12-01")

    func paths(_ ehcCase: EHCCase, _ severity: ConsistencyFinding.Severity = .error) -> [String] {
        check.findings(for: ehcCase, today: today).filter { $0.severity == severity }.map(\.path)
    }

    @Test("a complete, orderly case has no findings")
    func cleanCase() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .assess)
        ehcCase.advice = [AdviceRequest(agency: .educationalPsychology, requested: day("2025-02-11"),
                                        received: day("2025-03-20"), chased: [day("2025-03-18")])]
        ehcCase.decisionToIssue = Decision(date: day("2025-04-01"), outcome: .issue)
        ehcCase.draftPlanIssued = day("2025-04-14")
        ehcCase.finalPlanIssued = day("2025-05-20")
        ehcCase.reviews = [Review(meetingDate: day("2026-04-30"))]
        #expect(check.findings(for: ehcCase, today: today).isEmpty)
    }

    @Test("advice received before it was requested is an error at its path")
    func adviceOrder() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.advice = [AdviceRequest(agency: .health, requested: day("2025-02-18"), received: day("2025-02-01"))]
        let finding = check.findings(for: ehcCase, today: today).first
        #expect(finding?.path == "advice[0].received")
        #expect(finding?.message == "Health advice received 2025-02-01 is before its request on 2025-02-18.")
    }

    @Test("an event before the request is an error")
    func beforeRequest() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-01-01"), outcome: .assess)
        #expect(paths(ehcCase) == ["decisionToAssess.date"])
    }

    @Test("a date after today is an error, a scheduled review meeting is not")
    func futureDates() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.finalPlanIssued = day("2025-05-20")
        ehcCase.reviews = [Review(meetingDate: day("2026-04-30"), reportSent: day("2026-05-08"))]
        #expect(paths(ehcCase) == ["reviews[0].reportSent"])
    }

    @Test("a final plan before the draft or the decision to issue is an error")
    func finalPlanOrder() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToIssue = Decision(date: day("2025-04-01"), outcome: .issue)
        ehcCase.draftPlanIssued = day("2025-04-14")
        ehcCase.finalPlanIssued = day("2025-03-20")
        #expect(paths(ehcCase) == ["finalPlanIssued", "finalPlanIssued"])
    }

    @Test("a plan after a decision not to assess contradicts it")
    func contradictions() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .notAssess)
        ehcCase.finalPlanIssued = day("2025-05-20")
        #expect(paths(ehcCase) == ["finalPlanIssued"])
    }

    @Test("a final plan after a decision not to issue contradicts it")
    func finalAfterNotIssue() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToIssue = Decision(date: day("2025-04-01"), outcome: .notIssue)
        ehcCase.finalPlanIssued = day("2025-05-20")
        #expect(paths(ehcCase) == ["finalPlanIssued"])
    }

    @Test("reviews without a final plan, and decisions before the meeting, are errors")
    func reviewErrors() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.reviews = [Review(meetingDate: day("2025-06-10"), decisionDate: day("2025-06-01"), decision: .maintain,
                                  amendedPlanIssued: day("2025-07-01"))]
        #expect(paths(ehcCase) == ["reviews[0]", "reviews[0].decisionDate", "reviews[0].amendedPlanIssued"])
    }

    @Test("a refused exception is an error naming its reason and regulation")
    func refusedException() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["finalPlan"],
                                                 from: day("2025-02-01"), to: day("2025-02-10"))]
        let finding = check.findings(for: ehcCase, today: today).first
        #expect(finding?.path == "exceptions[0]")
        #expect(finding?.rule == "Regs 2014 reg 13(3) via 10(4)(d)")
        #expect(finding?.message.contains("9 days") == true)
    }

    @Test("T6: a final plan 14 days after the draft is a warning under reg 13(1)(a)")
    func shortRepresentationPeriod() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .assess)
        ehcCase.draftPlanIssued = day("2025-04-14")
        ehcCase.finalPlanIssued = day("2025-04-28")
        let finding = check.findings(for: ehcCase, today: today).first
        #expect(finding?.severity == .warning)
        #expect(finding?.rule == "Regs 2014 reg 13(1)(a)")
        ehcCase.finalPlanIssued = day("2025-04-29")
        #expect(check.findings(for: ehcCase, today: today).isEmpty)
    }

    @Test("T13: a plan issued on 29 February is a warning")
    func leapDayWarning() {
        var ehcCase = makeCase(request: "2023-10-12")
        ehcCase.decisionToAssess = Decision(date: day("2023-11-20"), outcome: .assess)
        ehcCase.finalPlanIssued = day("2024-02-29")
        #expect(paths(ehcCase, .warning) == ["finalPlanIssued"])
        #expect(paths(ehcCase).isEmpty)
    }
}
