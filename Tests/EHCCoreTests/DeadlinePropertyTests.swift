import Testing
@testable import EHCCore

@Suite("Deadline properties over many days")
struct DeadlinePropertyTests {
    let calendar = StatutoryCalendar()

    var busyCase: EHCCase {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.decisionToAssess = Decision(date: day("2025-02-10"), outcome: .assess)
        ehcCase.advice = [AdviceRequest(agency: .health, requested: day("2025-02-11"), received: day("2025-04-01"))]
        ehcCase.decisionToIssue = Decision(date: day("2025-04-01"), outcome: .issue)
        ehcCase.finalPlanIssued = day("2025-05-20")
        ehcCase.reviews = [Review(meetingDate: day("2026-04-30"))]
        ehcCase.phaseTransfer = PhaseTransfer(kind: .school, transferYear: 2027)
        return ehcCase
    }

    var days: [CalendarDate] { (0..<900).map { day("2025-01-01").adding(days: $0) } }

    @Test("only the status changes when only today changes")
    func todayChangesOnlyStatus() {
        let reference = calendar.deadlines(for: busyCase, today: day("2025-01-01"))
        for today in days {
            let deadlines = calendar.deadlines(for: busyCase, today: today)
            #expect(deadlines.map(\.key) == reference.map(\.key))
            #expect(deadlines.map(\.due) == reference.map(\.due))
            #expect(deadlines.map(\.explanation) == reference.map(\.explanation))
        }
    }

    @Test("a met deadline's status never depends on today")
    func metNeverOverdue() {
        for today in days {
            for deadline in calendar.deadlines(for: busyCase, today: today) where deadline.met != nil {
                #expect(deadline.status.isMet)
            }
        }
    }

    @Test("an unmet deadline never goes back from overdue as days pass")
    func overdueStaysOverdue() {
        var seenOverdue: Set<String> = []
        for today in days {
            for deadline in calendar.deadlines(for: busyCase, today: today) {
                if seenOverdue.contains(deadline.key) { #expect(deadline.status == .overdue) }
                if deadline.status == .overdue { seenOverdue.insert(deadline.key) }
            }
        }
        #expect(!seenOverdue.isEmpty)
    }

    @Test("every deadline's explanation starts with its own due date")
    func explanationsNameDue() {
        for deadline in calendar.deadlines(for: busyCase, today: day("2026-05-01")) {
            #expect(deadline.explanation.contains(" due \(deadline.due):"))
        }
    }
}
