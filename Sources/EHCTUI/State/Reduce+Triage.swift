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
        return state.toggleMine()
    case .startFilter:
        state.overlay = .filter
        return []
    case .caseloadChanged(let summaries):
        let reassigned = state.reassignedAway(in: summaries)
        state.replaceAll(summaries)
        if let reassigned { state.message = reassigned }
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

/// The keys the reviews, "who owes what" and the audit queue share with the case list beyond movement: `/`, `m`,
/// `s` and `u`; `nil` for any other action.
func reduceListKeys(_ state: inout AppState, _ action: Action) -> [Effect]? {
    switch action {
    case .undo:
        return reduceRecording(&state, action)
    case .startFilter:
        state.overlay = .filter
        return []
    case .toggleMine:
        return state.toggleMine()
    case .nextSortOrder:
        state.nextSortOrderOfTop()
        return []
    default:
        return nil
    }
}

/// Typing the filter of the top list screen (`/`): each key narrows the list at once; Enter keeps
/// it, Esc drops it.
func reduceFilter(_ state: inout AppState, _ action: Action) -> [Effect] {
    var text = state.topFilterText
    switch action {
    case .finishFilter:
        state.overlay = nil
        return []
    case .clearFilter, .back:
        state.overlay = nil
        text = ""
    case .type(let character):
        text.append(character)
    case .deleteBackward:
        guard !text.isEmpty else { return [] }
        text.removeLast()
    default:
        return []
    }
    return state.setTopFilterText(text)
}

extension AppState {
    /// The filter of the list screen on top.
    var topFilterText: String {
        switch top {
        case .reviews(let screen): screen.query.filterText
        case .whoOwes(let screen): screen.filterText
        case .dataQuality(let screen): screen.filterText
        case .auditQueue(let queue): queue.query.filterText
        default: filterText
        }
    }

    /// Sets the top list's filter and shows its rows again.
    mutating func setTopFilterText(_ text: String) -> [Effect] {
        switch top {
        case .reviews:
            reviews?.query.filterText = text
            reviews?.refine()
            keepListsVisible()
        case .whoOwes:
            whoOwes?.rows.query.filterText = text
            whoOwes?.refine()
            keepListsVisible()
        case .dataQuality:
            dataQuality?.rows.query.filterText = text
            dataQuality?.refine()
            keepListsVisible()
        case .auditQueue:
            auditQueue?.query.filterText = text
            auditQueue?.refine()
            keepListsVisible()
        default:
            filterText = text
            refreshCaseload()
            keepSelectionVisible(&self, layout: ScreenLayout(size: size))
            return requestDetailIfNeeded()
        }
        return []
    }

    /// `m`: the caseworker's own cases or the whole team's, on every list at once.
    mutating func toggleMine() -> [Effect] {
        guard let caseworker = preferences.caseworker else {
            message = "Whole team: start with --caseworker NAME to see your own cases"
            return []
        }
        preferences.mineOnly.toggle()
        scopeScreens()
        message = preferences.mineOnly ? "Showing \(caseworker)'s cases only (m: the whole team)"
            : "Showing the whole team's cases (m: \(caseworker)'s only)"
        refreshCaseload()
        keepSelectionVisible(&self, layout: ScreenLayout(size: size))
        return [.rememberPreferences(preferences)] + requestDetailIfNeeded()
    }

    /// Gives the reviews and "who owes what" on the stack the current scope.
    mutating func scopeScreens() {
        let mine = preferences.mineOnly ? preferences.caseworker : nil
        if reviews != nil {
            reviews?.caseworker = mine
            reviews?.refine()
        }
        if whoOwes != nil {
            whoOwes?.rows.caseworker = mine
            whoOwes?.refine()
        }
        if dataQuality != nil {
            dataQuality?.rows.caseworker = mine
            dataQuality?.refine()
        }
        if auditQueue != nil {
            auditQueue?.caseworker = mine
            auditQueue?.refine()
        }
        keepListsVisible()
    }

    /// Scrolls the reviews and "who owes what" so their selected rows are on screen after the
    /// rows changed under them (a filter, a scope, an order).
    mutating func keepListsVisible() {
        let (rows, lines) = (ReviewsView.visibleRows(height: size.height), WhoOwesScreen.visibleLines(in: size))
        reviews?.keepVisible(rows: rows)
        whoOwes?.rows.keepVisible(height: lines)
        let findingLines = DataQualityScreen.visibleLines(in: size)
        dataQuality?.rows.keepVisible(height: findingLines)
        let height = size.height
        auditQueue?.keepVisible(height: height)
    }

    /// `s` on the reviews or "who owes what": the next order of its rows.
    mutating func nextSortOrderOfTop() {
        switch top {
        case .reviews:
            reviews?.query.nextSortOrder()
            reviews?.refine()
            message = "Sorted by \(reviews?.query.sortOrder.title ?? "urgency")"
        case .whoOwes:
            whoOwes?.rows.query.nextSortOrder()
            whoOwes?.refine()
            message = "Sorted by \(whoOwes?.rows.query.sortOrder.title ?? "urgency") within each agency"
        case .dataQuality:
            dataQuality?.rows.query.nextSortOrder()
            dataQuality?.refine()
            message = "Sorted by \(dataQuality?.rows.query.sortOrder.title ?? "urgency") within each rule"
        case .auditQueue:
            auditQueue?.query.nextSortOrder()
            auditQueue?.refine()
            message = "Sorted by \(auditQueue?.query.sortOrder.title ?? "the sample's order")"
        default:
            break
        }
        keepListsVisible()
    }
}

extension AppState {
    /// What to say when another session gave some of my cases to someone else: they leave my
    /// list, and must not vanish without a word. `nil` when none did (or no caseworker is set).
    func reassignedAway(in fresh: [CaseSummary]) -> String? {
        guard let me = preferences.caseworker else { return nil }
        let mine = Set(everyCase.lazy.filter { $0.caseworker == me }.map(\.id))
        guard !mine.isEmpty else { return nil }
        let moved = fresh.filter { mine.contains($0.id) && $0.caseworker != me }.sorted { $0.id < $1.id }
        guard let first = moved.first else { return nil }
        if moved.count == 1 { return "\(first.id) (\(first.childName)) was reassigned to \(first.caseworker)" }
        return "\(moved.count) of your cases were reassigned: " + moved.prefix(3).map { "\($0.id) to \($0.caseworker)" }
            .joined(separator: ", ") + (moved.count > 3 ? ", …" : "")
    }
}
