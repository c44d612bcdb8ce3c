import Testing
@testable import EHCCore

@Suite("Assessment deadlines")
struct AssessmentDeadlineTests {
    let calendar = StatutoryCalendar()

    @Test("W1/T1: a request of 2025-01-06 gives 17 February, 28 April and 26 May")
    func workedExampleW1() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .assess)
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-03-01"))
        #expect(deadlines["decisionToAssess"]?.due == day("2025-02-17"))
        #expect(deadlines["noticeNotToIssue"]?.due == day("2025-04-28"))
        #expect(deadlines["finalPlan"]?.due == day("2025-05-26"))
    }

    @Test("W2/T2: a leap-day request of 2024-02-29 gives 11 April, 20 June and 18 July")
    func workedExampleW2() {
        var ehcCase = makeCase(request: "2024-02-29")
        ehcCase.decisionToAssess = Decision(date: day("2024-03-20"), outcome: .assess)
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2024-03-01"))
        #expect(deadlines["decisionToAssess"]?.due == day("2024-04-11"))
        #expect(deadlines["noticeNotToIssue"]?.due == day("2024-06-20"))
        #expect(deadlines["finalPlan"]?.due == day("2024-07-18"))
    }

    @Test("T3: deadlines run straight through Christmas and the new year")
    func crossingYearEnd() {
        var ehcCase = makeCase(request: "2025-10-15")
        ehcCase.decisionToAssess = Decision(date: day("2025-11-20"), outcome: .assess)
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-12-01"))
        #expect(deadlines["decisionToAssess"]?.due == day("2025-11-26"))
        #expect(deadlines["noticeNotToIssue"]?.due == day("2026-02-04"))
        #expect(deadlines["finalPlan"]?.due == day("2026-03-04"))
    }

    @Test("W3/T5: advice is due 6 weeks after the agency received the request")
    func adviceDue() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.advice = [AdviceRequest(agency: .educationalPsychology, requested: day("2025-02-18"))]
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-03-01"))
        #expect(deadlines["advice:educationalPsychology"]?.due == day("2025-04-01"))
    }

    @Test("a second advice item for the same agency is keyed advice:<agency>:2")
    func secondAdviceKey() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.advice = [
            AdviceRequest(agency: .health, requested: day("2025-02-01")),
            AdviceRequest(agency: .education, requested: day("2025-02-02")),
            AdviceRequest(agency: .health, requested: day("2025-02-03")),
        ]
        let keys = calendar.deadlines(for: ehcCase, today: day("2025-03-01")).map(\.key)
        #expect(keys.filter { $0.hasPrefix("advice") } == ["advice:health", "advice:education", "advice:health:2"])
    }

    @Test("the explanation names the rule, the start event and its date, and the source")
    func explanationSentence() {
        let deadlines = calendar.deadlines(for: makeCase(request: "2025-01-06"), today: day("2025-01-07"))
        #expect(deadlines["finalPlan"]?.explanation
            == "Final plan due 2025-05-26: 20 weeks from the request received 2025-01-06 (Regs 2014 reg 13(2))")
        #expect(deadlines["decisionToAssess"]?.explanation
            == "Decision whether to assess due 2025-02-17: 6 weeks from the request received 2025-01-06 (Regs 2014 reg 5(1))")
    }

    @Test("the notice not to issue is absent until a decision to assess")
    func noticeNeedsDecisionToAssess() {
        let deadlines = calendar.deadlines(for: makeCase(request: "2025-01-06"), today: day("2025-01-07"))
        #expect(deadlines["noticeNotToIssue"] == nil)
    }

    @Test("a decision not to issue meets the notice and switches the final plan off")
    func decisionNotToIssue() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .assess)
        ehcCase.decisionToIssue = Decision(date: day("2025-04-30"), outcome: .notIssue)
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-06-01"))
        #expect(deadlines["noticeNotToIssue"]?.status == .metLate)
        #expect(deadlines["finalPlan"]?.status == .notApplicable)
        #expect(calendar.status(of: ehcCase) == .notIssued)
    }

    @Test("a decision to issue makes the notice not to issue notApplicable")
    func decisionToIssue() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .assess)
        ehcCase.decisionToIssue = Decision(date: day("2025-04-01"), outcome: .issue)
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-05-15"))
        #expect(deadlines["noticeNotToIssue"]?.status == .notApplicable)
        #expect(deadlines["finalPlan"]?.status == .dueSoon)
    }

    @Test("a decision not to assess switches the final plan off and omits the notice")
    func decisionNotToAssess() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .notAssess)
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-06-01"))
        #expect(deadlines["decisionToAssess"]?.status == .metOnTime)
        #expect(deadlines["noticeNotToIssue"] == nil)
        #expect(deadlines["finalPlan"]?.status == .notApplicable)
        #expect(calendar.status(of: ehcCase) == .notAssessed)
    }

    @Test("W4: a plan issued on day 140 is met on time, on day 141 late")
    func finalPlanBoundary() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.finalPlanIssued = day("2025-05-26")
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-06-30"))["finalPlan"]?.status == .metOnTime)
        ehcCase.finalPlanIssued = day("2025-05-27")
        #expect(calendar.deadlines(for: ehcCase, today: day("2025-06-30"))["finalPlan"]?.status == .metLate)
    }

    @Test("a closed case's unmet deadlines falling due after closure are notApplicable")
    func closedCase() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.closed = Closure(date: day("2025-03-01"), reason: "moved away")
        let deadlines = calendar.deadlines(for: ehcCase, today: day("2025-06-30"))
        #expect(deadlines["finalPlan"]?.status == .notApplicable)
        #expect(deadlines["decisionToAssess"]?.status == .overdue)
        #expect(calendar.status(of: ehcCase) == .closed)
    }
}
