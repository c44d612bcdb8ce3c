import Testing
@testable import EHCCore

@Suite("Summarising audits for team leads")
struct AuditSummaryTests {
    func audit(_ caseID: String, finished: String?, grade: AuditGrade?, moderated: AuditGrade? = nil,
               answers: [(String, AuditAnswer.Value)] = []) -> PlanAudit {
        PlanAudit(caseID: caseID, templateID: "t", auditor: "R", started: CalendarDate("2025-01-01")!,
                  finished: finished.flatMap { CalendarDate($0) },
                  answers: answers.map { AuditAnswer(questionID: $0.0, value: $0.1) }, grade: grade,
                  moderation: moderated.map { .init(moderator: "M", date: CalendarDate("2025-03-01")!, grade: $0) })
    }

    @Test("finished audits in the period count by month and caseworker, with the moderated grade")
    func groups() {
        let audits = [
            audit("c1", finished: "2025-01-10", grade: .good),
            audit("c2", finished: "2025-01-20", grade: .good, moderated: .requiresImprovement),
            audit("c3", finished: "2025-02-05", grade: .outstanding),
            audit("c4", finished: nil, grade: nil),               // not finished
            audit("c5", finished: "2024-12-31", grade: .inadequate), // before the period
        ]
        let summary = AuditSummary(audits: audits, caseworkerOf: ["c1": "A", "c2": "B", "c3": "A"],
                                   from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-03-31")!)
        #expect(summary.overall.total == 3)
        #expect(summary.byMonth.map(\.key) == ["2025-01", "2025-02", "2025-03"])
        #expect(summary.byMonth[0].counts == [.good: 1, .requiresImprovement: 1])
        #expect(summary.byMonth[2].total == 0)
        #expect(summary.byCaseworker.map(\.key) == ["A", "B"])
        #expect(summary.byCaseworker[0].caseIDs == ["c1", "c3"])
    }

    @Test("questions most often failed come first; not applicable is not an answer")
    func mostOftenNo() {
        let audits = [
            audit("c1", finished: "2025-01-10", grade: .good, answers: [("F1", .no), ("E1", .no), ("A1", .yes)]),
            audit("c2", finished: "2025-01-11", grade: .good, answers: [("F1", .no), ("E1", .notApplicable), ("M2", .grade(1))]),
        ]
        let summary = AuditSummary(audits: audits, caseworkerOf: [:], from: CalendarDate("2025-01-01")!,
                                   to: CalendarDate("2025-01-31")!)
        #expect(summary.mostOftenNo.map(\.questionID) == ["F1", "E1", "M2"])
        #expect(summary.mostOftenNo[0].failed == 2)
        #expect(summary.mostOftenNo[1].answered == 1)
    }
}
