@testable import EHCCore
import Testing

/// The outcome codes of the SEN2 return, derived from the facts, for the 2026 collection (census
/// 2026-01-15, activity in 2025), each against the guide's wording (`sen2.md` §3).
@Suite("SEN2 outcome codes")
struct SEN2RequestTests {
    static let collection = SEN2Collection.year(2026)!

    private func request(_ ehcCase: EHCCase) -> SEN2Request? {
        SEN2Request(ehcCase, collection: Self.collection, calendar: StatutoryCalendar())
    }

    @Test("the known census dates, and a year not known is not guessed")
    func collections() {
        #expect(SEN2Collection.year(2026)?.census == day("2026-01-15"))
        #expect(SEN2Collection.year(2027)?.census == day("2027-01-21"))
        #expect(SEN2Collection.year(2031) == nil)
        #expect(Self.collection.periodStart == day("2025-01-01") && Self.collection.periodEnd == day("2025-12-31"))
        #expect(SEN2Collection.coming(after: day("2026-12-01"))?.year == 2027)
    }

    @Test("A: no decision yet; W: withdrawn before one, dated the day it ended; N: not to assess, dated")
    func requestOutcomes() {
        var open = makeCase(request: "2025-11-03")
        #expect(request(open)?.outcome == .init(code: "A", date: nil))
        open.closed = Closure(date: day("2025-12-01"), reason: "moved away")
        #expect(request(open)?.outcome == .init(code: "W", date: day("2025-12-01")))
        var refused = makeCase(request: "2025-03-03")
        refused.decisionToAssess = Decision(date: day("2025-04-10"), outcome: .notAssess)
        #expect(request(refused)?.outcome == .init(code: "N", date: day("2025-04-10")))
        #expect(request(refused)?.assessment == nil)
    }

    @Test("a request received after the census, or refused before the period, is not in the return")
    func scope() {
        #expect(request(makeCase(request: "2026-01-16")) == nil)
        var refused = makeCase(request: "2024-03-03")
        refused.decisionToAssess = Decision(date: day("2024-04-10"), outcome: .notAssess)
        #expect(request(refused) == nil)
    }

    @Test("Y, then the plan: the assessment's Y is dated the day the plan was issued, blank until then")
    func assessmentOutcomes() {
        var ehcCase = makeCase(request: "2025-03-03")
        ehcCase.decisionToAssess = Decision(date: day("2025-04-10"), outcome: .assess)
        #expect(request(ehcCase)?.assessment?.outcome == .init(code: "A", date: nil))
        ehcCase.decisionToIssue = Decision(date: day("2025-06-30"), outcome: .issue)
        #expect(request(ehcCase)?.assessment?.outcome == .init(code: "Y", date: nil))
        ehcCase.finalPlanIssued = day("2025-07-21")
        let issued = request(ehcCase)
        #expect(issued?.outcome == .init(code: "Y", date: day("2025-04-10")))
        #expect(issued?.assessment?.outcome == .init(code: "Y", date: day("2025-07-21")))
        #expect(issued?.assessment?.plan?.startDate == day("2025-07-21"))
        #expect(issued?.assessment?.week20 == false)
        #expect(issued?.activePlan != nil)
        ehcCase.finalPlanIssued = nil
        ehcCase.decisionToIssue = Decision(date: day("2025-06-30"), outcome: .notIssue)
        #expect(request(ehcCase)?.assessment?.outcome == .init(code: "N", date: day("2025-06-30")))
    }

    @Test("H: decided before the period, and a plan transferred in from another authority")
    func historical() {
        var old = makeIssuedCase(request: "2023-01-09", final: "2023-05-22")
        old.decisionToAssess = Decision(date: day("2023-02-20"), outcome: .assess)
        let reported = request(old)
        #expect(reported?.outcome == .init(code: "H", date: day("2023-02-20")))
        #expect(reported?.assessment?.outcome.code == "H")
        var transferred = makeIssuedCase(request: "2025-09-01", final: "2025-09-01")
        transferred.transferredIn = TransferIn(formerLA: "886")
        #expect(request(transferred)?.outcome.code == "H")
        #expect(request(transferred)?.assessment?.outcome.code == "H")
        #expect(request(transferred)?.activePlan?.transferLA == "886")
    }

    @Test("the review as of the census: the last meeting by then, its outcome only once the decision was sent")
    func review() {
        var plan = makeIssuedCase(request: "2023-01-09", final: "2023-05-22")
        plan.decisionToAssess = Decision(date: day("2023-02-20"), outcome: .assess)
        plan.reviews = [Review(meetingDate: day("2024-04-30"), decisionDate: day("2024-05-20"), decision: .maintain),
                        Review(meetingDate: day("2025-12-10"), decisionDate: day("2026-01-20"), decision: .amend),
                        Review(meetingDate: day("2026-04-30"))]
        let active = request(plan)?.activePlan
        #expect(active?.reviewMeeting == day("2025-12-10"))
        #expect(active?.reviewOutcome == nil && active?.lastReview == nil, "decided after the census")
    }

    @Test("Week20 is the rule engine's verdict on the final plan's exception, or what another system reported")
    func week20() {
        var excepted = makeIssuedCase(request: "2025-01-06", final: "2025-07-01", excepted: true)
        excepted.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .assess)
        #expect(request(excepted)?.assessment?.week20 == true)
        excepted.plan.reportedWeek20 = false
        #expect(request(excepted)?.assessment?.week20 == false)
    }
}
