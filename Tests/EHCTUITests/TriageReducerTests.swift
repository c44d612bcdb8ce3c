import EHCCore
import Testing
@testable import EHCTUI

@Suite("triage in the reducer")
struct TriageReducerTests {
    @Test("the Overdue view keeps only overdue cases, most overdue first, and says how many")
    func overdueView() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .showView(.overdue))
        #expect(state.caseload.map(\.id) == ["EHC-2025-00002", "EHC-2025-00001", "EHC-2025-00007"])
        #expect(state.viewCounts[.overdue] == 3)
        #expect(state.viewCounts[.allOpen] == 7)
        // Every view has the rows it exists for.
        let expected: [TriageView: Int] = [.awaitingDecision: 2, .awaitingAdvice: 2, .draftIssued: 1, .reviewsDue: 1,
                                           .closed: 1, .atRisk: 1]
        for (view, count) in expected { #expect(state.viewCounts[view] == count, "\(view)") }
    }

    @Test("changing view asks for it to be remembered")
    func remembered() {
        var state = Fixtures.loadedState()
        let effects = reduce(&state, .showView(.overdue))
        #expect(effects.contains(.rememberPreferences(ScreenPreferences(view: .overdue))))
    }

    @Test("s sorts by reference next")
    func sortByReference() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .nextSortOrder)
        // Written out by hand from Fixtures.namedCases, not computed.
        #expect(state.caseload.map(\.id) == ["EHC-2025-00001", "EHC-2025-00002", "EHC-2025-00003", "EHC-2025-00004",
                                             "EHC-2025-00005", "EHC-2025-00006", "EHC-2025-00007"])
    }

    @Test("typing zoe keeps only Zoë; Esc clears the filter")
    func filter() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .startFilter)
        for character in "zoe" { _ = reduce(&state, .type(character)) }
        #expect(state.caseload.map(\.childName) == ["Zoë Müller"])
        _ = reduce(&state, .clearFilter)
        #expect(state.caseCount == 7)
    }

    @Test("mine shows only the named caseworker's cases")
    func mine() {
        var state = AppState(caseload: Fixtures.caseload(), today: Fixtures.today, databaseLabel: "x",
                             preferences: ScreenPreferences(caseworker: "A. Okafor"))
        _ = reduce(&state, .toggleMine)
        #expect(Set(state.caseload.map(\.caseworker)) == ["A. Okafor"])
    }

    /// A state with Łukasz's case loaded at version 4.
    func recording(_ event: RecordableEvent) -> AppState {
        var state = Fixtures.loadedState()
        var detail = Fixtures.lukaszDetail
        detail.version = 4
        _ = reduce(&state, .detailLoaded(detail))
        _ = reduce(&state, .startRecording)
        _ = reduce(&state, .chooseEvent(event))
        return state
    }

    @Test("a date that does not parse is refused in the form and nothing is saved")
    func badDate() {
        var state = recording(.draftPlanIssued)
        for character in "31/12" { _ = reduce(&state, .type(character)) }
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.refusal?.contains("is not a date") == true)
    }

    @Test("a date before the request is refused with the reason")
    func beforeRequest() {
        var state = recording(.draftPlanIssued)
        for character in "2025-08-01" { _ = reduce(&state, .type(character)) }
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.refusal?.contains("before the request") == true)
    }

    @Test("a date in the future is refused")
    func future() {
        var state = recording(.draftPlanIssued)
        for character in "2025-12-01" { _ = reduce(&state, .type(character)) }
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.refusal?.contains("after today") == true)
    }

    @Test("a valid event asks to save the edited case at the version shown (after confirming its warning)")
    func save() throws {
        var state = recording(.draftPlanIssued)
        // Łukasz has no decision to assess recorded: the draft raises a warning, asked first.
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.warning?.contains("without the decision whether to assess") == true)
        let effects = reduce(&state, .submitForm)
        guard case .save(let edit) = try #require(effects.first) else { Issue.record("no save"); return }
        #expect(edit.expectedVersion == 4)
        #expect(edit.edited.draftPlanIssued == Fixtures.today)
        #expect(edit.before == Fixtures.lukaszDetail.ehcCase)
    }

    @Test("u after a save puts the case back as it was, at the saved version")
    func undo() throws {
        var state = recording(.draftPlanIssued)
        _ = reduce(&state, .submitForm)   // the warning, confirmed by the second Enter
        guard case .save(let edit) = try #require(reduce(&state, .submitForm).first) else {
            Issue.record("submitting the form did not save")
            return
        }
        var detail = Fixtures.lukaszDetail
        detail.ehcCase = edit.edited
        detail.version = 5
        _ = reduce(&state, .saved(SavedChange(summary: state.selectedCase!, detail: detail, edit: edit)))
        #expect(state.form == nil)
        let effects = reduce(&state, .undo)
        guard case .save(let undo) = try #require(effects.first) else { Issue.record("no undo"); return }
        #expect(undo.edited == Fixtures.lukaszDetail.ehcCase)
        #expect(undo.expectedVersion == 5)
    }

    @Test("a refused save closes the form, says why and shows the fresh case")
    func refused() {
        var state = recording(.draftPlanIssued)
        _ = reduce(&state, .submitForm)
        var fresh = Fixtures.lukaszDetail
        fresh.version = 9
        _ = reduce(&state, .saveRefused(message: "changed by bob at 10:00", fresh: fresh, summary: state.selectedCase))
        #expect(state.message == "changed by bob at 10:00")
        #expect(state.detail?.version == 9)
        #expect(state.form == nil)
    }
}

@Suite("triage snapshots")
struct TriageSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    @Test("each view at 80×24 and 160×48", arguments: TriageView.allCases)
    func view(_ view: TriageView) throws {
        for (width, height) in Self.sizes {
            var state = Fixtures.loadedState(width: width, height: height)
            _ = reduce(&state, .showView(view))
            _ = reduce(&state, .detailLoaded(Fixtures.lukaszDetail))
            try assertSnapshot(Screen.render(state), named: "view-\(view.rawValue)-\(width)x\(height)")
        }
    }

    @Test("the event form with a refusal at 80×24")
    func form() throws {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .startRecording)
        _ = reduce(&state, .chooseEvent(.finalPlanIssued))
        for character in "31/12" { _ = reduce(&state, .type(character)) }
        _ = reduce(&state, .submitForm)
        try assertSnapshot(Screen.render(state), named: "form-refused-80x24")
    }
}

@Suite("Undo is a stack of one's own changes")
struct UndoStackTests {
    /// Saves `edited` as the runtime would answer, the case now at `version`.
    func save(_ state: inout AppState, _ edit: CaseEdit, version: Int) {
        var detail = Fixtures.lukaszDetail
        detail.ehcCase = edit.edited
        detail.version = version
        _ = reduce(&state, .saved(SavedChange(summary: state.selectedCase!, detail: detail, edit: edit)))
    }

    @Test("two changes to one case undo in turn: the second u goes from the version the first undo left, no false conflict")
    func twoLevels() throws {
        var state = Fixtures.loadedState()
        let original = Fixtures.lukaszDetail.ehcCase
        var draft = original
        draft.draftPlanIssued = Fixtures.today
        var final = draft
        final.finalPlanIssued = Fixtures.today
        save(&state, CaseEdit(edited: draft, expectedVersion: 4, summary: "draft", before: original), version: 5)
        save(&state, CaseEdit(edited: final, expectedVersion: 5, summary: "final", before: draft), version: 6)
        #expect(state.undoStack.count == 2)
        guard case .save(let first) = try #require(reduce(&state, .undo).first) else { Issue.record("no undo"); return }
        #expect(first.edited == draft)
        #expect(first.expectedVersion == 6)
        save(&state, first, version: 7)
        guard case .save(let second) = try #require(reduce(&state, .undo).first) else { Issue.record("no undo"); return }
        #expect(second.edited == original)
        #expect(second.expectedVersion == 7, "from the version the first undo wrote, not the stale 5")
        save(&state, second, version: 8)
        #expect(state.undoStack.isEmpty)
        _ = reduce(&state, .undo)
        #expect(state.message == "Nothing to undo in this session")
    }
}

@Suite("A case reassigned away")
struct ReassignedAwayTests {
    @Test("a case of mine given to someone else by another session leaves my list with a message naming it")
    func saysSo() {
        var state = Fixtures.loadedState()
        state.preferences = ScreenPreferences(view: .allOpen, mineOnly: true, caseworker: "A. Okafor")
        state.refreshCaseload()
        #expect(state.caseload.map(\.id).contains("EHC-2025-00001"))
        var fresh = Fixtures.caseload()
        let moved = fresh.firstIndex { $0.id == "EHC-2025-00001" }!
        fresh[moved].caseworker = "B. Nguyễn"
        _ = reduce(&state, .caseloadChanged(fresh))
        #expect(!state.caseload.map(\.id).contains("EHC-2025-00001"))
        #expect(state.message == "EHC-2025-00001 (Zoë Müller) was reassigned to B. Nguyễn")
        // Another change with nothing of mine moved says nothing.
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .caseloadChanged(fresh))
        #expect(state.message == nil)
    }
}
