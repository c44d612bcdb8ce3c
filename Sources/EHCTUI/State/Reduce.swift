/// Applies one action to the state and returns the effects the runtime must perform.
///
/// Pure: no I/O, no clock, no terminal. Every screen is therefore reproducible in a test.
///
/// ```swift
/// var state = AppState(caseload: summaries, today: today, databaseLabel: "demo")
/// let effects = reduce(&state, .moveToLast)   // [.loadDetail(caseID: …)]
/// ```
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    if action != .tick, !isAnswer(action) { state.message = nil }
    let layout = ScreenLayout(size: state.size)
    if let effects = reduceAudit(&state, action) { return effects }
    if state.reviews != nil || isReviewsAction(action) {
        if let effects = reduceReviews(&state, action) { return effects }
    }
    if state.whoOwes != nil || isWhoOwesAction(action), let effects = reduceWhoOwes(&state, action) { return effects }
    if state.keyContext == .dashboard || isDashboardAction(action) {
        if let effects = reduceDashboard(&state, action) { return effects }
    }
    switch action {
    case .moveDown: return move(&state, by: 1, layout: layout)
    case .moveUp: return move(&state, by: -1, layout: layout)
    case .pageDown: return move(&state, by: page(state, layout), layout: layout)
    case .pageUp: return move(&state, by: -page(state, layout), layout: layout)
    case .moveToFirst: return move(&state, by: -Int.max / 2, layout: layout)
    case .moveToLast: return move(&state, by: Int.max / 2, layout: layout)
    case .openDetail:
        state.focus = .detail
    case .switchPane:
        state.focus = state.focus == .list ? .detail : .list
    case .backToList:
        state.focus = .list
    case .showHelp:
        state.helpContext = state.keyContext
        state.isShowingHelp = true
    case .closeHelp:
        state.isShowingHelp = false
    case .resize(let size):
        state.size = size
        let resized = ScreenLayout(size: size)
        keepSelectionVisible(&state, layout: resized)
        state.detailScroll = min(state.detailScroll, maxDetailScroll(state, layout: resized))
    case let .presenceChanged(caseID, names):
        if state.detail?.ehcCase.id == caseID { state.detail?.alsoOpen = names }
    case .detailLoaded(let detail):
        // A late answer for a case no longer selected is dropped, never shown against another child.
        guard detail.ehcCase.id == state.selectedCase?.id else { return [] }
        if state.detail?.ehcCase.id != detail.ehcCase.id { state.detailScroll = 0 }
        state.detail = detail
        state.requestedDetailID = nil
    case .showView, .nextSortOrder, .toggleMine, .startFilter, .finishFilter, .clearFilter, .tick,
         .caseloadChanged:
        return reduceTriage(&state, action, layout: layout)
    case .type, .deleteBackward:
        return state.form != nil ? reduceRecording(&state, action) : reduceTriage(&state, action, layout: layout)
    case .startRecording, .chooseEvent, .nextField, .previousField, .submitForm, .cancelRecording, .undo,
         .saved, .saveRefused:
        return reduceRecording(&state, action)
    case .openDashboard, .closeDashboard, .dashboardLoaded, .shiftDashboardPeriod, .nextCaseworkerOrder,
         .drillDown, .endDrillDown, .toggleAuditSummary, .startAudit, .auditLoaded, .auditRefused, .audit,
         .openReviews, .closeReviews, .reviewsLoaded, .showReviewFilter, .openReviewedCase,
         .openWhoOwes, .closeWhoOwes, .whoOwesLoaded, .markAdviceReceived, .chaseAdvice, .startReturnNote,
         .commitReturnNote, .cancelReturnNote, .openOwedCase:
        return []
    case .quit:
        return [.quit]
    }
    return []
}

/// Moves the selection (list focus) or scrolls the detail (detail focus) by `delta`, clamped.
private func move(_ state: inout AppState, by delta: Int, layout: ScreenLayout) -> [Effect] {
    if state.focus == .detail {
        let limit = maxDetailScroll(state, layout: layout)
        state.detailScroll = max(0, min(limit, state.detailScroll.addingClamped(delta)))
        return []
    }
    guard !state.caseload.isEmpty else { return [] }
    state.selection = max(0, min(state.caseload.count - 1, state.selection.addingClamped(delta)))
    keepSelectionVisible(&state, layout: layout)
    return state.requestDetailIfNeeded()
}

/// Rows one page moves: the focused pane's visible height, at least one.
private func page(_ state: AppState, _ layout: ScreenLayout) -> Int {
    max(1, state.focus == .list ? layout.visibleListRows : layout.detailContent.height)
}

/// Scrolls the list just enough that the selected row is on screen.
func keepSelectionVisible(_ state: inout AppState, layout: ScreenLayout) {
    let rows = max(1, layout.visibleListRows)
    state.selection = max(0, min(state.selection, state.caseload.count - 1))
    if state.selection < state.listScroll { state.listScroll = state.selection }
    if state.selection >= state.listScroll + rows { state.listScroll = state.selection - rows + 1 }
    state.listScroll = max(0, min(state.listScroll, max(0, state.caseload.count - rows)))
}

/// How far the detail can scroll before its last line reaches the top of the empty space.
private func maxDetailScroll(_ state: AppState, layout: ScreenLayout) -> Int {
    let content = layout.detailContent
    let lines = DetailView.lines(for: state, width: content.width).count
    return max(0, lines - content.height)
}

extension Int {
    /// Addition that saturates instead of trapping, for "move by a huge amount" (g/G).
    fileprivate func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}

/// Answers from the runtime, which must not wipe the message a key just caused.
private func isAnswer(_ action: Action) -> Bool {
    switch action {
    case .detailLoaded, .presenceChanged, .saved, .saveRefused, .caseloadChanged, .resize, .reviewsLoaded, .whoOwesLoaded: true
    default: false
    }
}
