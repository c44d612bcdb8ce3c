import EHCCore
import Testing

@Suite("date fields")
struct DateEntryTests {
    let today = CalendarDate("2025-11-24")!

    @Test("today and yesterday are read against the pinned day")
    func words() {
        #expect(DateEntry.parse("today", today: today) == today)
        #expect(DateEntry.parse("Yesterday", today: today) == CalendarDate("2025-11-23"))
    }

    @Test("-3 is three days ago")
    func daysAgo() { #expect(DateEntry.parse("-3", today: today) == CalendarDate("2025-11-21")) }

    @Test("an ISO date is read as written")
    func iso() { #expect(DateEntry.parse(" 2025-02-28 ", today: today) == CalendarDate("2025-02-28")) }

    @Test("anything else is refused", arguments: ["31/12/2025", "2025-02-30", "tomorrow", "-x", "", "3"])
    func refused(text: String) { #expect(DateEntry.parse(text, today: today) == nil) }
}

@Suite("triage views and search keys")
struct TriageViewTests {
    let today = CalendarDate("2025-11-24")!

    func summary(due: String?, status: CaseStatus = .open, stage: CaseSummary.Stage = []) -> CaseSummary {
        let deadline = due.map {
            Deadline(key: "finalPlan", kind: .finalPlan, due: CalendarDate($0)!, met: nil,
                     status: StatutoryCalendar().status(due: CalendarDate($0)!, met: nil, today: today),
                     excepted: false, explanation: "", source: "")
        }
        return CaseSummary(id: "EHC-1", childName: "Zoë Łukasiewicz", caseworker: "A. Okafor", setting: "Ysgol Gymraeg",
                           requestDate: CalendarDate("2025-06-01")!, status: status, nextDeadline: deadline, stage: stage)
    }

    @Test("the search key is folded: zoe finds Zoë, lukas finds Łukasiewicz")
    func folding() {
        let words = CaseSummary.folded("ZOE lukas").split(separator: " ")
        #expect(summary(due: nil).matches(foldedQuery: words))
    }

    @Test("a word that is in no field does not match")
    func noMatch() { #expect(!summary(due: nil).matches(foldedQuery: ["zara"])) }

    @Test("a deadline passed is overdue; due today is due soon, not overdue")
    func overdueAndSoon() {
        #expect(TriageView.overdue.contains(summary(due: "2025-11-23")))
        #expect(!TriageView.overdue.contains(summary(due: "2025-11-24")))
        #expect(TriageView.dueSoon.contains(summary(due: "2025-11-24")))
        #expect(TriageView.dueSoon.contains(summary(due: "2025-12-08")))
        #expect(!TriageView.dueSoon.contains(summary(due: "2025-12-09")))
    }

    @Test("an excused lateness is not overdue; a case not assessed is only in Ended, never Active")
    func excusedAndEnded() {
        var excused = summary(due: "2025-11-01")
        excused.nextDeadline?.excepted = true
        #expect(!TriageView.overdue.contains(excused))
        #expect(TriageView.allOpen.contains(excused))
        let notAssessed = summary(due: "2025-11-01", status: .notAssessed)
        #expect(TriageView.allCases.filter { $0.contains(notAssessed) } == [.closed])
    }

    @Test("a closed case is only in Closed")
    func closed() {
        let closed = summary(due: "2025-11-01", status: .closed)
        #expect(TriageView.allCases.filter { $0.contains(closed) } == [.closed])
    }

    @Test("stage views follow the summary's flags")
    func stages() {
        let waiting = summary(due: nil, stage: [.awaitingAdvice, .draftIssued])
        #expect(TriageView.allCases.filter { $0.contains(waiting) } == [.awaitingAdvice, .draftIssued, .allOpen])
    }

    @Test("a case built from facts carries its stage")
    func stageFromFacts() {
        var sam = EHCCase(id: "EHC-2", child: Child(givenName: "Sam", familyName: "Example",
                                                    dateOfBirth: CalendarDate("2016-03-02")!),
                          caseworker: "B", requestDate: CalendarDate("2025-06-02")!, requestSource: .parent)
        #expect(CaseSummary(sam, calendar: StatutoryCalendar(), today: today).stage == [.awaitingDecision])
        sam.decisionToAssess = Decision(date: CalendarDate("2025-07-01")!, outcome: .assess)
        sam.advice = [AdviceRequest(agency: .health, requested: CalendarDate("2025-07-02")!)]
        #expect(CaseSummary(sam, calendar: StatutoryCalendar(), today: today).stage == [.awaitingAdvice])
    }
}
