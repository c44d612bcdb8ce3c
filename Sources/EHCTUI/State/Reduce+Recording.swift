import EHCCore

/// Recording events: the menu, the form, saving through the runtime, its answers, and undo.
func reduceRecording(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .startRecording:
        guard let detail = state.detail, detail.ehcCase.id == state.selectedCase?.id else {
            state.message = state.selectedCase == nil ? "No case selected" : "Wait for the case to load"
            return []
        }
        state.overlay = .eventMenu
    case .chooseEvent(let event):
        guard let detail = state.detail else { return [] }
        if let reason = event.unavailability(on: detail.ehcCase) {
            state.message = "\(event.title) cannot be recorded on \(detail.ehcCase.id): \(reason)"
            return []
        }
        var form = EventForm(event: event, caseID: detail.ehcCase.id, deadlines: detail.deadlines, current: detail.ehcCase)
        if event == .exception, let next = state.selectedCase?.nextDeadline {
            form.fields[1].value = next.shortTitle
        }
        state.overlay = .form(form)
    case .type(let character):
        state.form?.type(character)
    case .deleteBackward:
        state.form?.deleteBackward()
    case .nextField:
        state.form?.moveFocus(by: 1)
    case .previousField:
        state.form?.moveFocus(by: -1)
    case .cancelRecording, .back:
        state.overlay = nil
    case .submitForm:
        return submit(&state)
    case .undo:
        guard let last = state.undoStack.last, let before = last.before else {
            state.message = "Nothing to undo in this session"
            return []
        }
        // The version the change was saved at: undo is refused if anyone changed the case since.
        state.isSaving = true
        return [.save(CaseEdit(edited: before, expectedVersion: last.expectedVersion,
                               summary: "undo: " + last.summary, before: nil))]
    case .saved(let change):
        state.isSaving = false
        state.closeForm()
        if change.edit.before == nil {
            _ = state.undoStack.popLast()
            // The case is back as the earlier change of it left it, now at a new version: that
            // change is undone next from this version, so the second `u` is not refused as a
            // conflict with oneself.
            if let earlier = state.undoStack.lastIndex(where: { $0.edited.id == change.edit.edited.id }) {
                state.undoStack[earlier].expectedVersion = change.detail.version
            }
        } else {
            var done = change.edit
            done.expectedVersion = change.detail.version
            state.undoStack.append(done)
        }
        state.message = "Saved \(change.summary.id): \(change.edit.summary)"
            + (state.undoStack.count > 1 ? " (u undoes it; \(state.undoStack.count) changes to undo)" : "")
        return showFresh(&state, summary: change.summary, detail: change.detail)
    case .saveRefused(let message, let fresh, let summary):
        state.isSaving = false
        state.closeForm()
        state.message = message
        if let fresh, let summary { return showFresh(&state, summary: summary, detail: fresh) }
    default:
        break
    }
    return []
}

/// Checks the open form against the loaded case; a refusal stays in the form, nothing is written.
private func submit(_ state: inout AppState) -> [Effect] {
    guard var form = state.form, let detail = state.detail, detail.ehcCase.id == form.caseID else { return [] }
    switch form.submit(on: detail.ehcCase, today: state.today, check: ConsistencyCheck(settings: state.settings)) {
    case .failure(let refusal):
        form.refusal = refusal.message
        if let field = refusal.field { form.focus = field }
        state.form = form
        return []
    case .success(let (edited, summary)):
        form.refusal = nil
        let check = ConsistencyCheck(settings: state.settings)
        if let warning = EventForm.newWarning(in: edited, comparedWith: detail.ehcCase, check: check, today: state.today),
           form.warning != warning {
            // Asked in the form, where it can still be corrected: Enter again saves anyway.
            form.warning = warning
            state.form = form
            return []
        }
        form.warning = nil
        state.form = form
        state.isSaving = true
        return [.save(CaseEdit(edited: edited, expectedVersion: detail.version, summary: summary,
                               before: detail.ehcCase))]
    }
}

/// Shows a case as stored now in the list and the detail at once.
private func showFresh(_ state: inout AppState, summary: CaseSummary, detail: CaseDetail) -> [Effect] {
    state.replace(summary)
    state.refreshCaseload()
    keepSelectionVisible(&state, layout: ScreenLayout(size: state.size))
    if state.selectedCase?.id == detail.ehcCase.id {
        state.detail = detail
        state.requestedDetailID = nil
        return []
    }
    return state.requestDetailIfNeeded()
}

extension AppState {
    /// Closes the event form once its save is answered (any other overlay stays).
    mutating func closeForm() {
        if case .form = overlay { overlay = nil }
    }
}
