import Testing
@testable import EHCCore

@Suite("Who owes what")
struct WhoOwesWhatTests {
    let calendar = StatutoryCalendar()
    let today = day("2025-04-01")

    /// Request 2025-01-06, assessment decided 2025-02-03, advice asked 2025-02-03 (due 2025-03-17).
    func assessment(_ id: String, advice: [AdviceRequest]) -> EHCCase {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.id = id
        ehcCase.decisionToAssess = Decision(date: day("2025-02-03"), outcome: .assess)
        ehcCase.advice = advice
        return ehcCase
    }

    func asked(_ agency: Agency, on requested: String = "2025-02-03", received: String? = nil) -> AdviceRequest {
        AdviceRequest(agency: agency, requested: day(requested), received: received.map(day))
    }

    @Test("owed items are grouped by agency in agency order, with days outstanding and overdue counts")
    func groupsByAgency() {
        let owed = WhoOwesWhat(cases: [
            assessment("EHC-1", advice: [asked(.health), asked(.educationalPsychology, received: "2025-03-01")]),
            assessment("EHC-2", advice: [asked(.health, on: "2025-03-10"), asked(.educationalPsychology)]),
        ], calendar: calendar, today: today)
        #expect(owed.groups.map(\.agency) == [.educationalPsychology, .health])
        #expect(owed.groups.map(\.items.count) == [1, 2])
        #expect(owed.groups.map(\.overdue) == [1, 1])
        #expect(owed.groups[1].items.map(\.caseID) == ["EHC-1", "EHC-2"])
        #expect(owed.groups[1].items.map(\.daysOutstanding) == [57, 22])
        #expect(owed.groups[1].items.map(\.deadline.due) == [day("2025-03-17"), day("2025-04-21")])
        #expect((owed.outstanding, owed.overdue) == (3, 2))
    }

    @Test("a returned item is owed again and still due from the original request")
    func returnedItemIsOwed() {
        var item = asked(.health, received: "2025-03-10")
        item.returnForMoreDetail(on: day("2025-03-12"), note: "no outcomes")
        let owed = WhoOwesWhat(cases: [assessment("EHC-1", advice: [item])], calendar: calendar, today: today)
        #expect(owed.groups.first?.items.first?.deadline.due == day("2025-03-17"))
        #expect(owed.groups.first?.items.first?.isOverdue == true)
    }

    @Test("an excepted item is owed but not counted overdue")
    func exceptedItemNotOverdue() {
        var ehcCase = assessment("EHC-1", advice: [asked(.health)])
        ehcCase.exceptions = [StatutoryException(ground: .absence, appliesTo: ["advice:health"],
                                                 from: day("2025-02-20"), to: day("2025-03-31"))]
        let owed = WhoOwesWhat(cases: [ehcCase], calendar: calendar, today: today)
        #expect(owed.outstanding == 1)
        #expect(owed.overdue == 0)
        #expect(owed.groups[0].items[0].deadline.excepted)
    }

    @Test("closed, refused and issued cases owe nothing")
    func finishedCasesOweNothing() {
        var closed = assessment("EHC-1", advice: [asked(.health)])
        closed.closed = Closure(date: day("2025-03-20"), reason: "moved away")
        var issued = assessment("EHC-2", advice: [asked(.health)])
        issued.finalPlanIssued = day("2025-03-30")
        var refused = assessment("EHC-3", advice: [asked(.health)])
        refused.decisionToAssess = Decision(date: day("2025-02-03"), outcome: .notAssess)
        #expect(WhoOwesWhat(cases: [closed, issued, refused], calendar: calendar, today: today).groups.isEmpty)
    }
}
