import Testing
@testable import EHCCore

@Suite("Advice contact, quality and returns")
struct AdviceQualityTests {
    let calendar = StatutoryCalendar()

    /// Request 2025-01-06, health advice asked 2025-02-03 (due 2025-03-17), received 2025-03-10.
    func healthCase(_ change: (inout AdviceRequest) -> Void = { _ in }) -> EHCCase {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-03"), outcome: .assess)
        var item = AdviceRequest(agency: .health, contact: "Dr Patel", requested: day("2025-02-03"),
                                 received: day("2025-03-10"))
        change(&item)
        ehcCase.advice = [item]
        return ehcCase
    }

    @Test("advice received in time is met on time, due 6 weeks from the request")
    func receivedAdviceIsMet() {
        let advice = calendar.deadlines(for: healthCase(), today: day("2025-04-01"))["advice:health"]
        #expect(advice?.due == day("2025-03-17"))
        #expect(advice?.status == .metOnTime)
    }

    @Test("returned advice is outstanding again, still due on the original date, and overdue after it")
    func returnedAdviceKeepsItsDueDate() {
        let ehcCase = healthCase { $0.returnForMoreDetail(on: day("2025-03-12"), note: "no outcomes") }
        let advice = calendar.deadlines(for: ehcCase, today: day("2025-04-01"))["advice:health"]
        #expect(ehcCase.advice[0].isOutstanding)
        #expect(advice?.due == day("2025-03-17"))
        #expect(advice?.met == nil)
        #expect(advice?.status == .overdue)
    }

    @Test("the explanation of returned advice says when it was returned and that the clock did not restart")
    func returnedAdviceExplains() {
        let ehcCase = healthCase { $0.returnForMoreDetail(on: day("2025-03-12"), note: "no outcomes") }
        let explanation = calendar.deadlines(for: ehcCase, today: day("2025-04-01"))["advice:health"]?.explanation
        #expect(explanation?.hasSuffix("; returned for more detail on 2025-03-12: still due on 2025-03-17, "
            + "the 6 weeks run from the original request") == true)
    }

    @Test("fuller advice received after a return clears the return and meets the deadline on its day")
    func receivedAgainAfterReturn() {
        let ehcCase = healthCase {
            $0.returnForMoreDetail(on: day("2025-03-12"), note: "no outcomes")
            $0.markReceived(on: day("2025-03-24"))
        }
        let advice = calendar.deadlines(for: ehcCase, today: day("2025-04-01"))["advice:health"]
        #expect(ehcCase.advice[0].quality == nil && ehcCase.advice[0].returned == nil)
        #expect(advice?.met == day("2025-03-24"))
        #expect(advice?.status == .metLate)
    }

    @Test("an absence exception relieves returned advice like any outstanding advice")
    func exceptionRelievesReturnedAdvice() {
        var ehcCase = healthCase { $0.returnForMoreDetail(on: day("2025-03-12"), note: "no outcomes") }
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["advice:health"],
                                                 from: day("2025-03-01"), to: day("2025-04-01"))]
        let advice = calendar.deadlines(for: ehcCase, today: day("2025-04-01"))["advice:health"]
        #expect(advice?.status == .overdue)
        #expect(advice?.excepted == true)
    }

    @Test("returned advice holds the breach forecast back like advice never received")
    func returnedAdviceInForecast() {
        let ehcCase = healthCase { $0.returnForMoreDetail(on: day("2025-03-12"), note: "no outcomes") }
        let today = day("2025-05-15")
        let deadlines = calendar.deadlines(for: ehcCase, today: today)
        let forecast = BreachForecast.forecast(for: ehcCase, deadlines: deadlines, calendar: calendar, today: today)
        #expect(forecast?.awaitedAdvice == ["advice:health"])
        #expect(forecast?.isAtRisk == true)
    }

    @Test("a quality note without a verdict is an error at its path")
    func noteWithoutVerdict() {
        let findings = ConsistencyCheck().findings(for: healthCase { $0.qualityNote = "thin" }, today: day("2025-04-01"))
        #expect(findings.map(\.path) == ["advice[0].qualityNote"])
    }

    @Test("a verdict on advice never received is an error")
    func verdictWithoutReceipt() {
        let ehcCase = healthCase {
            $0.received = nil
            $0.quality = .adequate
        }
        #expect(ConsistencyCheck().findings(for: ehcCase, today: day("2025-04-01")).map(\.path) == ["advice[0].quality"])
    }

    @Test("a return dated before the advice was received is an error naming both dates")
    func returnedBeforeReceived() {
        let ehcCase = healthCase { $0.returnForMoreDetail(on: day("2025-03-01"), note: "no outcomes") }
        let findings = ConsistencyCheck().findings(for: ehcCase, today: day("2025-04-01"))
        #expect(findings.map(\.path) == ["advice[0].returned"])
        #expect(findings.first?.message == "Health advice returned for more detail 2025-03-01 is before its receipt on 2025-03-10.")
    }

    @Test("a returned verdict without its day, or a day without the verdict, is an error")
    func returnNeedsItsDay() {
        let withoutDay = healthCase { $0.quality = .returned }
        let withoutVerdict = healthCase { $0.returned = day("2025-03-12") }
        #expect(ConsistencyCheck().findings(for: withoutDay, today: day("2025-04-01")).map(\.path) == ["advice[0].returned"])
        #expect(ConsistencyCheck().findings(for: withoutVerdict, today: day("2025-04-01")).map(\.path)
            == ["advice[0].returned"])
    }
}

@Suite("At risk summaries")
struct AtRiskTests {
    @Test("an open assessment whose awaited advice leaves no time for the draft is at risk; a closed one is not")
    func atRiskOnlyWhileOpen() {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-03"), outcome: .assess)
        ehcCase.advice = [AdviceRequest(agency: .health, requested: day("2025-02-03"))]
        let today = day("2025-05-15")
        #expect(CaseSummary(ehcCase, calendar: StatutoryCalendar(), today: today).isAtRisk)
        #expect(TriageView.atRisk.contains(CaseSummary(ehcCase, calendar: StatutoryCalendar(), today: today)))
        #expect(!CaseSummary(ehcCase, calendar: StatutoryCalendar(), today: day("2025-04-01")).isAtRisk)
        ehcCase.closed = Closure(date: day("2025-05-01"), reason: "moved away")
        #expect(!CaseSummary(ehcCase, calendar: StatutoryCalendar(), today: today).isAtRisk)
    }
}
