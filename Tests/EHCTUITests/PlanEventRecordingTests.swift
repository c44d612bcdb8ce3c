import EHCCore
import Testing
@testable import EHCTUI

@Suite("Recording amendment notices, phase transfers and exceptions by keyboard")
struct PlanEventRecordingTests {
    /// A plan (in place of Łukasz's case, the one selected) whose first review met on 2025-10-06 and
    /// decided `decision` on 2025-10-20.
    func plan(decision: ReviewDecision) -> EHCCase {
        EHCCase(id: "EHC-2025-00002",
                child: Child(givenName: "Łukasz", familyName: "Kowalczyk", dateOfBirth: CalendarDate("2015-04-30")!),
                caseworker: "B. Nguyễn", requestDate: CalendarDate("2024-06-03")!, requestSource: .parent,
                decisionToAssess: Decision(date: CalendarDate("2024-07-01")!, outcome: .assess),
                decisionToIssue: Decision(date: CalendarDate("2024-09-02")!, outcome: .issue),
                finalPlanIssued: CalendarDate("2024-10-14")!,
                reviews: [Review(meetingDate: CalendarDate("2025-10-06")!, decisionDate: CalendarDate("2025-10-20")!,
                                 decision: decision)])
    }

    /// The form for `event` open on `ehcCase`, loaded at version 7, with `typed` typed field by field (Tab between).
    func recording(_ event: RecordableEvent, on ehcCase: EHCCase, typed: [String] = []) -> AppState {
        var state = Fixtures.loadedState()
        let deadlines = StatutoryCalendar().deadlines(for: ehcCase, today: Fixtures.today)
        _ = reduce(&state, .detailLoaded(CaseDetail(ehcCase: ehcCase, deadlines: deadlines, version: 7)))
        _ = reduce(&state, .startRecording)
        _ = reduce(&state, .chooseEvent(event))
        for (index, text) in typed.enumerated() {
            if index > 0 { _ = reduce(&state, .nextField) }
            for character in text { _ = reduce(&state, .type(character)) }
        }
        return state
    }

    func savedEdit(_ state: inout AppState) -> CaseEdit? {
        guard case .save(let edit) = reduce(&state, .submitForm).first else { return nil }
        return edit
    }

    @Test("p records the amendment notice on the last review and saves it at the version shown")
    func amendmentNotice() throws {
        var state = recording(.amendmentProposed, on: plan(decision: .amend), typed: ["2025-10-22"])
        let edit = try #require(savedEdit(&state))
        #expect(edit.edited.reviews.last?.amendmentProposed == CalendarDate("2025-10-22"))
        #expect(edit.expectedVersion == 7)
        #expect(edit.summary == "review 1 amendment notice sent on 2025-10-22")
        #expect(edit.before == plan(decision: .amend))
    }

    @Test("an amendment notice after a decision to maintain is refused with the regulation, nothing saved")
    func noticeContradictsMaintain() {
        var state = recording(.amendmentProposed, on: plan(decision: .maintain), typed: ["2025-10-22"])
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.refusal == "An amendment notice sent 2025-10-22 contradicts the decision to maintain. (Regs 2014 reg 22(2))")
    }

    @Test("an amendment notice with no review recorded is greyed in the menu, which says to record the meeting first")
    func noticeNeedsReview() {
        var bare = plan(decision: .amend)
        bare.reviews = []
        let state = recording(.amendmentProposed, on: bare)
        #expect(state.form == nil)
        #expect(state.isChoosingEvent)
        #expect(state.message == "Amendment notice sent cannot be recorded on EHC-2025-00002: no review meeting is recorded yet (m)")
        #expect(Screen.render(state).text.contains("(no review meeting is recorded yet (m))"))
    }

    @Test("h records a move into post-16 in 2027: Space picks the kind, the year is typed")
    func phaseTransfer() throws {
        var state = recording(.phaseTransfer, on: plan(decision: .maintain), typed: [" ", "2027"])
        let edit = try #require(savedEdit(&state))
        #expect(edit.edited.phaseTransfer == PhaseTransfer(kind: .postSixteen, transferYear: 2027))
        #expect(edit.summary == "phase transfer (post-16) in 2027")
    }

    @Test("a transfer year that is not a plausible year is refused in its own field")
    func badTransferYear() {
        var state = recording(.phaseTransfer, on: plan(decision: .maintain), typed: ["school", "27"])
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.refusal == "Transfer year: \"27\" is not a year from 2024 to 2049, e.g. 2027.")
        #expect(state.form?.focus == 1)
    }

    @Test("changing the transfer's year drops an amended plan recorded for the old year")
    func changedTransfer() throws {
        var moved = plan(decision: .maintain)
        moved.phaseTransfer = PhaseTransfer(kind: .school, transferYear: 2025, amendedPlanIssued: CalendarDate("2025-02-10")!)
        var state = recording(.phaseTransfer, on: moved, typed: ["school", "2026"])
        let edit = try #require(savedEdit(&state))
        #expect(edit.edited.phaseTransfer == PhaseTransfer(kind: .school, transferYear: 2026))
    }

    @Test("w records the phase-transfer amended plan, which meets the phaseTransfer deadline")
    func phaseTransferAmended() throws {
        var moving = plan(decision: .maintain)
        moving.phaseTransfer = PhaseTransfer(kind: .school, transferYear: 2026)
        var state = recording(.phaseTransferAmended, on: moving, typed: ["2025-11-20"])
        let edit = try #require(savedEdit(&state))
        #expect(edit.edited.phaseTransfer?.amendedPlanIssued == CalendarDate("2025-11-20"))
        #expect(edit.summary == "phase transfer plan amended on 2025-11-20 for 2026")
        let deadline = StatutoryCalendar().deadlines(for: edit.edited, today: Fixtures.today).first { $0.key == "phaseTransfer" }
        #expect(deadline?.status == .metOnTime)
    }

    @Test("w with no phase transfer recorded says to record it first")
    func amendedNeedsTransfer() {
        let state = recording(.phaseTransferAmended, on: plan(decision: .maintain))
        #expect(state.form == nil)
        #expect(state.message?.hasSuffix(": no phase transfer is recorded yet (h)") == true)
    }

    @Test("u after saving a phase transfer asks to put the case back without it")
    func undoTransfer() throws {
        var state = recording(.phaseTransfer, on: plan(decision: .maintain), typed: ["school", "2026"])
        let edit = try #require(savedEdit(&state))
        _ = reduce(&state, .saved(SavedChange(summary: state.selectedCase!,
                                              detail: CaseDetail(ehcCase: edit.edited, deadlines: [], version: 8), edit: edit)))
        guard case .save(let undo) = reduce(&state, .undo).first else { Issue.record("no undo"); return }
        #expect(undo.edited.phaseTransfer == nil)
        #expect(undo.expectedVersion == 8)
    }

    /// Łukasz's case as an assessment: request 2025-06-20, assessed, education advice asked on `educationAsked`.
    func assessment(educationAsked: String) -> EHCCase {
        EHCCase(id: "EHC-2025-00002",
                child: Child(givenName: "Łukasz", familyName: "Kowalczyk", dateOfBirth: CalendarDate("2015-04-30")!),
                caseworker: "B. Nguyễn", requestDate: CalendarDate("2025-06-20")!, requestSource: .parent,
                decisionToAssess: Decision(date: CalendarDate("2025-07-01")!, outcome: .assess),
                advice: [AdviceRequest(agency: .education, requested: CalendarDate(educationAsked)!)])
    }

    @Test("x records a school closure the rules allow, against the final plan, saved with its summary")
    func exceptionRecorded() throws {
        var state = recording(.exception, on: assessment(educationAsked: "2025-07-18"),
                              typed: ["school", "finalPlan", "2025-07-23", "2025-09-03"])
        let edit = try #require(savedEdit(&state))
        #expect(edit.edited.exceptions == [StatutoryException(ground: .schoolClosure, appliesTo: ["finalPlan"],
                                                               from: CalendarDate("2025-07-23")!,
                                                               to: CalendarDate("2025-09-03")!)])
        #expect(edit.summary == "exception (school or post-16 institution closure) from 2025-07-23 against finalPlan")
    }

    @Test("an exception the rules refuse is refused in the form with the reason, nothing saved")
    func exceptionRefused() {
        // Education advice asked on 2025-07-01, before the window that opens a week before the closure.
        var state = recording(.exception, on: assessment(educationAsked: "2025-07-01"),
                              typed: ["school", "finalPlan", "2025-07-23", "2025-09-03"])
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.refusal?.contains("No education advice was requested between 2025-07-16 and 2025-08-27") == true,
                "\(String(describing: state.form?.refusal))")
    }
}

@Suite("Warnings asked in the form")
struct FormWarningTests {
    /// Łukasz's case with both decisions made and a draft out since 2025-11-17, the final-plan form open.
    func finalPlanForm() -> AppState {
        var state = Fixtures.loadedState()
        var detail = Fixtures.lukaszDetail
        detail.version = 4
        detail.ehcCase.decisionToAssess = Decision(date: CalendarDate("2025-09-22")!, outcome: .assess)
        detail.ehcCase.advice = []
        detail.ehcCase.decisionToIssue = Decision(date: CalendarDate("2025-11-10")!, outcome: .issue)
        detail.ehcCase.draftPlanIssued = CalendarDate("2025-11-17")!
        _ = reduce(&state, .detailLoaded(detail))
        _ = reduce(&state, .startRecording)
        _ = reduce(&state, .chooseEvent(.finalPlanIssued))
        return state
    }

    @Test("a final plan 7 days after the draft is held in the form with the day the parent's 15 days end; Enter again saves")
    func finalPlanBeforeFifteenDays() throws {
        var state = finalPlanForm()
        #expect(reduce(&state, .submitForm).isEmpty, "nothing is saved at the first Enter")
        let warning = try #require(state.form?.warning)
        #expect(warning.contains("the parent's 15 days allow finalising from 2025-12-02"))
        let text = Screen.render(state).text
        #expect(text.contains("Enter again saves it anyway"))
        guard case .save(let edit) = try #require(reduce(&state, .submitForm).first) else {
            Issue.record("the second Enter did not save")
            return
        }
        #expect(edit.edited.finalPlanIssued == Fixtures.today)
    }

    @Test("changing a field after the warning asks again")
    func editAsksAgain() {
        var state = finalPlanForm()
        _ = reduce(&state, .submitForm)
        _ = reduce(&state, .type("-"))
        #expect(state.form?.warning == nil)
        _ = reduce(&state, .type("2"))   // two days ago, 2025-11-22
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.warning?.contains("Final plan issued 2025-11-22 is 5 days after the draft") == true)
    }
}

@Suite("Forms speak the caseworker's words")
struct FormLabelTests {
    let recording = PlanEventRecordingTests()

    @Test("choices show labels, never internal codes, and the hint lists the labels")
    func labels() {
        var state = recording.recording(.adviceRequested, on: recording.assessment(educationAsked: "2025-07-18"))
        let text = Screen.render(state).text
        #expect(text.contains("Educational psychology"))
        #expect(!text.contains("educationalPsychology"))
        _ = reduce(&state, .type(" "))
        #expect(state.form?.fields[0].value == "Health")
    }

    @Test("an advice request records the contact and, for Other, what advice, by keyboard")
    func adviceContactAndDetail() throws {
        var state = recording.recording(.adviceRequested, on: recording.assessment(educationAsked: "2025-07-18"),
                                        typed: ["other", "2025-11-20", "Ms Obi", "speech and language therapy"])
        let edit = try #require(recording.savedEdit(&state))
        let added = try #require(edit.edited.advice.last)
        #expect(added.agency == .other)
        #expect(added.contact == "Ms Obi")
        #expect(added.detail == "speech and language therapy")
    }

    @Test("the exception's deadlines are picked from the case's own, by label or key, comma-separated; Space cycles them")
    func exceptionDeadlinesByLabel() throws {
        var state = recording.recording(.exception, on: recording.assessment(educationAsked: "2025-07-18"),
                                        typed: ["school", "final plan, Education ADVICE"])
        let field = try #require(state.form?.fields[1])
        #expect(field.value == "final plan, Education ADVICE", "spaces inside a label are typed, not cycled")
        #expect(field.check(field.value, today: Fixtures.today) == .success(.text("finalPlan,advice:education")))
        #expect(field.check("finalPlan, advice:education", today: Fixtures.today) == .success(.text("finalPlan,advice:education")))
        _ = reduce(&state, .previousField)
        _ = reduce(&state, .nextField)
        let shown = state.form?.fields[1].value
        _ = reduce(&state, .type(" "))
        #expect(state.form?.fields[1].value != shown, "Space on a fresh field cycles to another of the case's deadlines")
        #expect(["education advice", "no-plan notice", "final plan", "assess decision"].contains(state.form?.fields[1].value ?? ""))
    }

    @Test("a deadline the case does not have is refused, naming the ones it has")
    func unknownDeadline() {
        var state = recording.recording(.exception, on: recording.assessment(educationAsked: "2025-07-18"),
                                        typed: ["school", "review 3", "2025-07-23", "2025-09-03"])
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.refusal?.hasPrefix("Against (deadlines, comma-separated): \"review 3\" is not a deadline of this case; it has ") == true)
        #expect(state.form?.refusal?.contains("final plan") == true)
    }
}
