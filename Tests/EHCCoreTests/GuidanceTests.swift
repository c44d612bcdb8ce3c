import Testing
@testable import EHCCore

@Suite("Guidance dates beside the deadlines")
struct GuidanceTests {
    let calendar = StatutoryCalendar()

    func child(born: String) -> Child {
        Child(givenName: "Sam", familyName: "Example", dateOfBirth: CalendarDate(born)!)
    }

    @Test("research T1: request 2025-01-06 → draft target 2025-04-14, latest draft for an on-time final 2025-05-11")
    func draftTargets() {
        let ehcCase = EHCCase(id: "T1", child: child(born: "2016-03-02"), caseworker: "A",
                              requestDate: CalendarDate("2025-01-06")!, requestSource: .parent)
        let guidance = calendar.guidance(for: ehcCase, today: CalendarDate("2025-02-01")!)
        #expect(guidance.map(\.date.description) == ["2025-04-14", "2025-05-11"])
        #expect(guidance[1].explanation.contains("reg 13(1)(a)"))
    }

    @Test("research T7: a meeting on 2025-03-10 still ahead needs notice and advice out by 2025-02-24")
    func meetingNotice() {
        var ehcCase = EHCCase(id: "T7", child: child(born: "2012-01-01"), caseworker: "A",
                              requestDate: CalendarDate("2023-09-01")!, requestSource: .parent,
                              finalPlanIssued: CalendarDate("2024-01-15")!)
        ehcCase.reviews = [Review(meetingDate: CalendarDate("2025-03-10")!)]
        let before = calendar.guidance(for: ehcCase, today: CalendarDate("2025-02-01")!)
        #expect(before.map(\.date.description) == ["2025-02-24"])
        #expect(before[0].explanation.contains("reg 20(3), (4)"))
        #expect(calendar.guidance(for: ehcCase, today: CalendarDate("2025-03-10")!).isEmpty)
    }

    @Test("research T14: an under-5's plan issued 2025-05-26 should be reviewed between 2025-08-26 and 2025-11-26")
    func underFiveWindow() {
        let ehcCase = EHCCase(id: "T14", child: child(born: "2022-01-10"), caseworker: "A",
                              requestDate: CalendarDate("2025-01-06")!, requestSource: .parent,
                              finalPlanIssued: CalendarDate("2025-05-26")!)
        let guidance = calendar.guidance(for: ehcCase, today: CalendarDate("2025-06-01")!)
        #expect(guidance.map(\.date.description) == ["2025-11-26"])
        #expect(guidance[0].explanation.contains("between 2025-08-26 and 2025-11-26"))
        let olderChild = EHCCase(id: "T14b", child: child(born: "2015-01-10"), caseworker: "A",
                                 requestDate: CalendarDate("2025-01-06")!, requestSource: .parent,
                                 finalPlanIssued: CalendarDate("2025-05-26")!)
        #expect(calendar.guidance(for: olderChild, today: CalendarDate("2025-06-01")!).isEmpty)
    }

    @Test("a refused or closed case has no guidance")
    func noGuidanceWhenRefused() {
        let refused = EHCCase(id: "R", child: child(born: "2016-03-02"), caseworker: "A",
                              requestDate: CalendarDate("2025-01-06")!, requestSource: .parent,
                              decisionToAssess: Decision(date: CalendarDate("2025-02-01")!, outcome: .notAssess))
        #expect(calendar.guidance(for: refused, today: CalendarDate("2025-03-01")!).isEmpty)
    }
}

@Suite("A plan recorded without every decision")
struct ImpliedDecisionTests {
    let calendar = StatutoryCalendar()
    let today = CalendarDate("2025-11-24")!

    func planOnly(decisionToAssess: Bool) -> EHCCase {
        EHCCase(id: "X", child: Child(givenName: "A", familyName: "B", dateOfBirth: CalendarDate("2016-03-02")!),
                caseworker: "A", requestDate: CalendarDate("2025-01-06")!, requestSource: .parent,
                decisionToAssess: decisionToAssess ? Decision(date: CalendarDate("2025-02-10")!, outcome: .assess) : nil,
                draftPlanIssued: CalendarDate("2025-04-20")!, finalPlanIssued: CalendarDate("2025-05-20")!)
    }

    @Test("a draft or final plan without a recorded decision to issue switches the notice not to issue off")
    func noticeSwitchedOffByPlan() {
        let notice = calendar.deadlines(for: planOnly(decisionToAssess: true), today: today)
            .first { $0.key == "noticeNotToIssue" }
        #expect(notice?.status == .notApplicable)
        #expect(notice?.explanation.hasSuffix("not applicable: a draft plan was issued on 2025-04-20") == true)
    }

    @Test("a plan recorded without the decision to assess is a warning naming the missing date")
    func missingDecisionToAssessWarns() {
        let findings = ConsistencyCheck().findings(for: planOnly(decisionToAssess: false), today: today)
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.path == "draftPlanIssued")
        #expect(findings.first?.message.contains("without the decision whether to assess") == true)
    }
}
