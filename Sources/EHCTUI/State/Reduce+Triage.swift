import EHCCore

/// Views, sort, mine/team, the filter and other processes' changes: everything that picks
/// which cases the list shows.
func reduceTriage(_ state: inout AppState, _ action: Action, layout: ScreenLayout) -> [Effect] {
    var effects: [Effect] = []
    switch action {
    case .showView(let view):
        state.preferences.view = view
        effects.append(.rememberPreferences(state.preferences))
    case .nextSortOrder:
        state.sortOrder = state.sortOrder.next
    case .toggleMine:
        guard state.preferences.caseworker != nil else {
            state.message = "Whole team: start with --caseworker NAME to see your own cases"
            return []
        }
        state.preferences.mineOnly.toggle()
        effects.append(.rememberPreferences(state.preferences))
    case .startFilter:
        state.isEditingFilter = true
        return []
    case .finishFilter:
        state.isEditingFilter = false
        return []
    case .clearFilter:
        state.isEditingFilter = false
        state.filterText = ""
    case .type(let character):
        state.filterText.append(character)
    case .deleteBackward:
        guard !state.filterText.isEmpty else { return [] }
        state.filterText.removeLast()
    case .tick:
        return state.form == nil && !state.isSaving ? [.checkForChanges] : []
    case .caseloadChanged(let summaries):
        state.replaceAll(summaries)
        if let id = state.detail?.ehcCase.id, state.form == nil {
            // The shown case may be among the changes: read it again.
            state.detail = nil
            state.requestedDetailID = nil
            state.refreshCaseload()
            keepSelectionVisible(&state, layout: layout)
            return state.selectedCase?.id == id ? [.loadDetail(caseID: id)] : state.requestDetailIfNeeded()
        }
    default:
        return []
    }
    state.refreshCaseload()
    if case .showView = action { state.selection = 0 }
    keepSelectionVisible(&state, layout: layout)
    return effects + state.requestDetailIfNeeded()
}
