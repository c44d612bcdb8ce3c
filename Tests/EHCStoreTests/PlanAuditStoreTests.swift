import EHCCore
import Testing
@testable import EHCStore

@Suite("Storing plan audits")
struct PlanAuditStoreTests {
    let today = CalendarDate("2026-11-24")!

    func template() throws -> AuditTemplate {
        try AuditTemplateFile.parse(DefaultAuditTemplate.text, file: DefaultAuditTemplate.name)
    }

    @Test("a half-done audit is saved, resumed with its answers, finished and graded")
    func saveResumeFinish() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        var audit = PlanAudit(caseID: "EHC-2025-00001", templateID: "ehc-plan", auditor: "R. Auditor", started: today)
        audit.answer(AuditAnswer(questionID: "X1", value: .yes))
        audit.answer(AuditAnswer(questionID: "F1", value: .no, comment: "no hours for speech therapy"))
        audit.id = try store.save(audit, by: "R. Auditor", summary: "audit started")

        var resumed = try #require(try store.planAudits(caseID: "EHC-2025-00001").first)
        #expect(resumed == audit)
        for question in try template().questions where resumed.answers.allSatisfy({ $0.questionID != question.id }) {
            resumed.answer(AuditAnswer(questionID: question.id, value: question.scale == .grade ? .grade(4) : .yes))
        }
        let result = resumed.finish(with: try template(), on: today)
        try store.save(resumed, by: "R. Auditor", summary: "audit finished")
        #expect(result.grade == .requiresImprovement)   // F1 is limiting
        let stored = try #require(try store.planAudits().first)
        #expect(stored.grade == .requiresImprovement)
        #expect(stored.finished == today)
        #expect(stored.answers.count == (try template().questions.count))
        #expect(try store.history(of: "EHC-2025-00001").map(\.summary) == ["created", "audit started", "audit finished"])
    }

    @Test("moderation keeps the auditor's grade beside the moderator's")
    func moderation() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        var audit = PlanAudit(caseID: "EHC-2025-00001", templateID: "ehc-plan", auditor: "R. Auditor", started: today,
                              finished: today, grade: .good, score: 0.8)
        audit.id = try store.save(audit, by: "R. Auditor", summary: "audit finished")
        audit.moderation = .init(moderator: "M. Moderator", date: today, grade: .requiresImprovement, note: "F too vague")
        try store.save(audit, by: "M. Moderator", summary: "audit moderated")
        let stored = try #require(try store.planAudits().first)
        #expect(stored.grade == .good)
        #expect(stored.finalGrade == .requiresImprovement)
    }

    @Test("updating a case keeps its audits")
    func caseUpdateKeepsAudits() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        var ehcCase = sampleCase()
        try store.insert([ehcCase], by: "tester")
        try store.save(PlanAudit(caseID: ehcCase.id, templateID: "ehc-plan", auditor: "R", started: today),
                       by: "R", summary: "audit started")
        ehcCase.caseworker = "B. Caseworker"
        try store.update(ehcCase, expectedVersion: 1, by: "tester", summary: "caseworker changed")
        #expect(try store.planAudits(caseID: ehcCase.id).count == 1)
    }

    @Test("an audit of an unknown case is refused")
    func unknownCase() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        #expect(throws: StoreError.caseNotFound(id: "EHC-NOPE")) {
            try store.save(PlanAudit(caseID: "EHC-NOPE", templateID: "ehc-plan", auditor: "R", started: today),
                           by: "R", summary: "audit started")
        }
    }

    @Test("two sessions on one audit: the second save of a stale version is refused, naming who saved, and stores nothing")
    func concurrentSessionsAreRefused() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        var first = PlanAudit(caseID: "EHC-2025-00001", templateID: "ehc-plan", auditor: "R. Auditor", started: today)
        let started = try store.save(first, by: "R. Auditor", summary: "audit started", expectedVersion: nil)
        first.id = started.id
        #expect(started.version == 1)
        var second = first
        first.answer(AuditAnswer(questionID: "X1", value: .yes))
        #expect(try store.save(first, by: "R. Auditor", summary: "X1", expectedVersion: 1).version == 2)
        second.answer(AuditAnswer(questionID: "F1", value: .no))
        #expect(throws: StoreError.staleAudit(id: started.id, by: "R. Auditor", at: try #require(try store.lastChange(of: "EHC-2025-00001")?.at))) {
            try store.save(second, by: "S. Second", summary: "F1", expectedVersion: 1)
        }
        let stored = try #require(try store.planAudits(caseID: "EHC-2025-00001").first)
        #expect(stored.answers.map(\.questionID) == ["X1"])
        #expect(try store.auditVersion(id: started.id) == 2)
    }
}
