import EHCCore
import Testing
@testable import EHCTUI

@Suite("Auditing a plan by keyboard")
struct AuditSessionTests {
    let today = CalendarDate("2026-11-24")!
    let template = AuditTemplate(id: "t", title: "Plan checklist", sections: [
        .init(code: "A", title: "Views", questions: [
            .init(id: "A1", text: "Is the child's voice recorded?", guidance: "Look for the child's own words.",
                  scale: .yesPartlyNo, limiting: true),
            .init(id: "A2", text: "Are aspirations recorded?", scale: .yesPartlyNo),
        ]),
        .init(code: "F", title: "Provision", questions: [
            .init(id: "F1", text: "Is provision quantified?", scale: .yesPartlyNo),
            .init(id: "M1", text: "Overall quality", scale: .grade),
        ]),
    ], grading: .standard)

    func newSession(answers: [AuditAnswer] = []) -> AuditSession {
        AuditSession(template: template,
                     audit: PlanAudit(id: 1, caseID: "EHC-2025-00001", templateID: "t", auditor: "R. Auditor",
                                      started: today, answers: answers),
                     childName: "Zoë Müller", today: today)
    }

    @Test("an answer is saved at once and the selection moves to the next question")
    func answerMovesOn() {
        var session = newSession()
        let effects = session.reduce(.answer(.yes))
        #expect(session.selectedQuestion?.id == "A2")
        #expect(session.progress == "1/4")
        guard case let .save(audit, summary, expectedVersion)? = effects.first else { Issue.record("no save"); return }
        #expect(expectedVersion == 1)
        #expect(audit.answers == [AuditAnswer(questionID: "A1", value: .yes)])
        #expect(summary == "audit: A1 answered yes")
    }

    @Test("an answer off the question's scale is refused in place with a message")
    func wrongScaleRefused() {
        var session = newSession()
        #expect(session.reduce(.answer(.grade(3))).isEmpty)
        #expect(session.message == "A1 is answered y, p, n or -")
        _ = session.reduce(.moveToLast)
        #expect(session.reduce(.answer(.no)).isEmpty)
        #expect(session.message == "M1 is graded: answer 1–4 or -")
        #expect(session.progress == "0/4")
    }

    @Test("a resumed audit opens at its first unanswered question")
    func resumes() {
        let session = newSession(answers: [AuditAnswer(questionID: "A1", value: .yes),
                                           AuditAnswer(questionID: "A2", value: .partly)])
        #expect(session.selectedQuestion?.id == "F1")
        #expect(session.progress == "2/4")
    }

    @Test("a comment is typed, kept with Enter and saved; Esc drops it")
    func comments() {
        var session = newSession(answers: [AuditAnswer(questionID: "A1", value: .no)])
        _ = session.reduce(.moveToFirst)
        _ = session.reduce(.startComment)
        for character in "no words" { _ = session.reduce(.typeComment(character)) }
        _ = session.reduce(.deleteCommentCharacter)
        let effects = session.reduce(.commitComment)
        #expect(session.answer(to: template.questions[0])?.comment == "no word")
        #expect(effects.count == 1)
        _ = session.reduce(.startComment)
        _ = session.reduce(.typeComment("x"))
        _ = session.reduce(.cancelComment)
        #expect(session.answer(to: template.questions[0])?.comment == "no word")
    }

    @Test("finishing with questions unanswered is refused and jumps to the first of them")
    func finishNeedsEveryAnswer() {
        var session = newSession(answers: [AuditAnswer(questionID: "A1", value: .yes)])
        #expect(session.reduce(.finish).isEmpty)
        #expect(session.message?.hasPrefix("3 questions unanswered (first A2)") == true)
        #expect(session.selectedQuestion?.id == "A2")
    }

    @Test("finishing grades the audit, dates it today and explains what pulled it down")
    func finishGrades() {
        var session = newSession(answers: [AuditAnswer(questionID: "A1", value: .no),
                                           AuditAnswer(questionID: "A2", value: .yes),
                                           AuditAnswer(questionID: "F1", value: .yes),
                                           AuditAnswer(questionID: "M1", value: .grade(4))])
        let effects = session.reduce(.finish)
        #expect(session.result?.grade == .requiresImprovement)
        #expect(session.audit.finished == today)
        #expect(session.result?.reasons.first?.hasPrefix("A1 answered no (limiting)") == true)
        guard case let .save(_, summary, _)? = effects.first else { Issue.record("no save"); return }
        #expect(summary == "audit finished: Requires improvement")
        #expect(session.reduce(.answer(.yes)).isEmpty)
    }

    @Test("the audit screen at 80×24 shows sections, answers, progress and the selected question")
    func snapshot() throws {
        var session = newSession(answers: [AuditAnswer(questionID: "A1", value: .no, comment: "no child's words")])
        _ = session.reduce(.toggleGuidance)
        _ = session.reduce(.moveToFirst)
        var canvas = Canvas(width: 80, height: 24)
        AuditView.draw(session, in: ScreenLayout.Rect(row: 0, column: 0, width: 80, height: 24), on: &canvas)
        #expect(canvas.text.contains("1/4"))
        try assertSnapshot(canvas, named: "audit-80x24")
    }

    @Test("a failed save is said on the screen, keeps every answer, and s saves them all again")
    func failedSaveKeepsAnswers() throws {
        var session = newSession()
        _ = session.reduce(.answer(.yes))
        _ = session.reduce(.saveFailed(message: "the disk holding db.sqlite is full; nothing was changed"))
        #expect(session.isUnsaved)
        #expect(session.message == "Not saved: the disk holding db.sqlite is full; nothing was changed. "
                + "Your answers are kept here: s saves them again")
        // The next answer is kept too, and its save carries both.
        let next = session.reduce(.answer(.no))
        guard case let .save(audit, _, _)? = next.first else { Issue.record("no save for the second answer"); return }
        #expect(audit.answers.map(\.questionID) == ["A1", "A2"])
        _ = session.reduce(.saveFailed(message: "the disk is full"))
        let retried = session.reduce(.retrySave)
        guard case let .save(again, summary, version)? = retried.first else { Issue.record("s did not save"); return }
        #expect(again.answers.map(\.questionID) == ["A1", "A2"])
        #expect(summary == "audit saved again after a failed save")
        #expect(version == 1)
        _ = session.reduce(.saved(version: 2))
        #expect(!session.isUnsaved)
        #expect(session.message == "Saved: every answer is stored")
        #expect(session.storedVersion == 2)
        // The next save names the version it now holds.
        guard case let .save(_, _, nextVersion)? = session.reduce(.answer(.yes)).first else { Issue.record("no save"); return }
        #expect(nextVersion == 2)
    }

    @Test("closing with answers unsaved asks first; Esc again closes")
    func closeWithUnsavedAnswersAsks() {
        var session = newSession()
        _ = session.reduce(.answer(.yes))
        _ = session.reduce(.saveFailed(message: "the disk is full"))
        #expect(session.reduce(.close).isEmpty)
        #expect(session.message == "Some answers are not saved: s saves them, Esc again closes and loses them")
        #expect(session.reduce(.close) == [.close])
        var saved = newSession()
        _ = saved.reduce(.answer(.yes))
        _ = saved.reduce(.saved(version: 2))
        #expect(saved.reduce(.close) == [.close])
    }
}

@Suite("Limiting questions and n/a")
struct LimitingNotApplicableTests {
    func session(allowing: Bool?) -> AuditSession {
        let template = AuditTemplate(id: "t", title: "Plan checklist", sections: [
            .init(code: "F", title: "Provision", questions: [
                .init(id: "F1", text: "Is provision specified and quantified?", scale: .yesPartlyNo, limiting: true,
                      allowsNotApplicable: allowing),
                .init(id: "F2", text: "Is the setting named?", scale: .yesPartlyNo),
            ]),
        ], grading: .standard)
        return AuditSession(template: template,
                            audit: PlanAudit(id: 1, caseID: "EHC-2025-00001", templateID: "t", auditor: "R. Auditor",
                                             started: CalendarDate("2025-11-24")!, answers: []),
                            childName: "Zoë Müller", today: CalendarDate("2025-11-24")!)
    }

    @Test("a limiting question cannot be answered n/a, which would lift its cap; nothing is saved")
    func refused() {
        var audit = session(allowing: nil)
        #expect(audit.reduce(.answer(.notApplicable)).isEmpty)
        #expect(audit.message == "F1 is a limiting question: n/a would lift its cap, and the template does not allow it; answer y, p or n")
        #expect(audit.audit.answers.isEmpty)
        _ = audit.reduce(.moveDown)
        #expect(!audit.reduce(.answer(.notApplicable)).isEmpty, "an ordinary question may be n/a")
    }

    @Test("a template that allows n/a on a limiting question gets it")
    func allowed() {
        var audit = session(allowing: true)
        #expect(!audit.reduce(.answer(.notApplicable)).isEmpty)
    }
}

@Suite("Past audits in the detail, and auditing a plan again")
struct PastAuditTests {
    func finished(moderated: AuditGrade? = nil) -> AuditRecord {
        var audit = PlanAudit(id: 3, caseID: "EHC-2025-00002", templateID: "t", auditor: "r.auditor",
                              started: CalendarDate("2025-11-01")!, answers: [AuditAnswer(questionID: "A1", value: .no)])
        audit.finished = CalendarDate("2025-11-03")!
        audit.grade = .requiresImprovement
        audit.score = 0.8
        if let moderated {
            audit.moderation = .init(moderator: "s.lead", date: CalendarDate("2025-11-10")!, grade: moderated, note: nil)
        }
        let template = AuditTemplate(id: "t", title: "Plan checklist", sections: [
            .init(code: "A", title: "Views", questions: [.init(id: "A1", text: "Voice?", scale: .yesPartlyNo, limiting: true)]),
        ], grading: .standard)
        return AuditRecord(audit: audit, result: AuditGrading.grade(audit.answers, with: template), questions: 24)
    }

    func stateWith(_ audits: [AuditRecord]) -> AppState {
        var state = Fixtures.loadedState(width: 100, height: 60)
        var detail = Fixtures.lukaszDetail
        detail.audits = audits
        _ = reduce(&state, .detailLoaded(detail))
        return state
    }

    @Test("the detail lists the plan's audits with date, grade, score and auditor, and a moderation overriding a cap says so")
    func listed() {
        let state = stateWith([finished(moderated: .good)])
        let text = Screen.render(state).text
        #expect(text.contains("Audits"))
        #expect(text.contains("2025-11-03 Requires improvement (score 80 %) by r.auditor · moderated Good by s.lead,"))
        #expect(text.contains("overrides the limiting cap of A1"))
    }

    @Test("a on a plan with a finished audit and none in progress asks: v reads it, n starts another")
    func asks() {
        var state = stateWith([finished()])
        #expect(reduce(&state, .startAudit).isEmpty)
        #expect(state.keyContext == .auditChoice)
        #expect(Screen.render(state).text.contains("This plan has a finished audit"))
        let view = Keymap.standard.resolve(.character("v"), in: state.keyContext)
        #expect(reduce(&state, view) == [.loadAudit(caseID: "EHC-2025-00002", opening: .viewLastFinished)])
        _ = reduce(&state, .startAudit)
        #expect(reduce(&state, Keymap.standard.resolve(.character("n"), in: state.keyContext))
                == [.loadAudit(caseID: "EHC-2025-00002", opening: .startNew)])
        _ = reduce(&state, .startAudit)
        #expect(reduce(&state, Keymap.standard.resolve(.character("x"), in: state.keyContext)).isEmpty)
        #expect(state.overlay == nil)
    }

    @Test("with an audit in progress, a resumes it without asking")
    func resumes() {
        var inProgress = finished()
        inProgress.audit.finished = nil
        var state = stateWith([finished(), inProgress])
        #expect(reduce(&state, .startAudit) == [.loadAudit(caseID: "EHC-2025-00002", opening: .resumeOrStart)])
    }
}
