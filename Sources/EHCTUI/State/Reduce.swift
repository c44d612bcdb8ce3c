import EHCCore

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
    if let effects = reduceAnswer(&state, action) { return effects }
    if let overlay = state.overlay { return reduceOverlay(&state, overlay, action) }
    switch action {
    case .quit:
        // Away from the case list, `q` asks first: a lead three screens deep rarely means to leave.
        guard state.stack.count == 1 else {
            state.overlay = .confirmQuit
            return []
        }
        return [.quit]
    case .showHelp:
        state.overlay = .help(state.keyContext)
        return []
    case .showMessages:
        state.overlay = .messages
        return []
    case .unbound(let key):
        state.message = "No action for \(key.label) here; ? lists the keys"
        return []
    case .openDashboard, .openReviews, .openWhoOwes, .openDataQuality, .startAudit:
        return reduceNavigation(&state, action)
    case .openAudit:
        return []
    case .openAuditQueue(let queue):
        state.push(.auditQueue(queue))
        return [.loadAuditQueue(caseIDs: queue.caseIDs)]
    default:
        break
    }
    switch state.top {
    case .caseList, .caseDetail, .drillDown: return reduceCases(&state, action)
    case .dashboard: return reduceDashboard(&state, action)
    case .reviews: return reduceReviews(&state, action)
    case .whoOwes: return reduceWhoOwes(&state, action)
    case .dataQuality: return reduceDataQuality(&state, action)
    case .audit: return reduceAudit(&state, action)
    case .auditQueue: return reduceAuditQueue(&state, action)
    }
}

/// The runtime's answers and the clock: they go to the screen that asked, wherever it is on the
/// stack, whatever is over it. `nil` for keys.
private func reduceAnswer(_ state: inout AppState, _ action: Action) -> [Effect]? {
    switch action {
    case .resize(let size):
        state.size = size
        let resized = ScreenLayout(size: size)
        keepSelectionVisible(&state, layout: resized)
        state.detailScroll = min(state.detailScroll, maxDetailScroll(state, layout: resized))
        let (reviewRows, owedLines) = (ReviewsView.visibleRows(height: size.height), WhoOwesScreen.visibleLines(in: size))
        state.reviews?.keepVisible(rows: reviewRows)
        state.whoOwes?.rows.keepVisible(height: owedLines)
        state.dataQuality?.rows.keepVisible(height: DataQualityScreen.visibleLines(in: size))
        return []
    case let .presenceChanged(caseID, names):
        if state.detail?.ehcCase.id == caseID { state.detail?.alsoOpen = names }
        return []
    case .detailLoaded(let detail):
        // A late answer for a case no longer selected is dropped, never shown against another child.
        guard detail.ehcCase.id == state.selectedCase?.id else { return [] }
        if state.detail?.ehcCase.id != detail.ehcCase.id { state.detailScroll = 0 }
        state.detail = detail
        state.requestedDetailID = nil
        scrollToFieldAwaited(&state)
        return []
    case .tick:
        return state.form == nil && !state.isSaving ? [.checkForChanges] : []
    case .caseloadChanged:
        // Someone else's change: the list takes it, and so does an open reviews or "who owes what" screen.
        var effects = reduceTriage(&state, action, layout: ScreenLayout(size: state.size))
        if case .reviews = state.top {
            state.reviews?.unload()
            effects.append(.loadReviews)
        }
        if case .whoOwes = state.top { effects.append(.loadWhoOwes) }
        if case .dataQuality = state.top { effects.append(.loadDataQuality) }
        return effects
    case .saved, .saveRefused:
        // A change saved (or refused) while "who owes what" is open: read it again so the counts follow.
        let effects = reduceRecording(&state, action)
        if case .whoOwes = state.top { return effects + [.loadWhoOwes] }
        return effects
    case .dashboardLoaded:
        return reduceDashboard(&state, action)
    case .reviewsLoaded:
        return reduceReviews(&state, action)
    case .whoOwesLoaded:
        return reduceWhoOwes(&state, action)
    case .dataQualityLoaded:
        return reduceDataQuality(&state, action)
    case .auditQueueLoaded:
        return reduceAuditQueue(&state, action)
    case .auditLoaded, .auditRefused, .audit(.saved), .audit(.saveFailed):
        return reduceAudit(&state, action)
    default:
        return nil
    }
}

/// Keys while an overlay is open: it takes them all until it closes.
private func reduceOverlay(_ state: inout AppState, _ overlay: Overlay, _ action: Action) -> [Effect] {
    switch overlay {
    case .help, .messages, .confirmQuit:
        if overlay == .confirmQuit, action == .quit { return [.quit] }
        state.overlay = nil
        return []
    case .auditChoice:
        state.overlay = nil
        guard case .openAudit(let opening) = action, let id = state.selectedCase?.id else { return [] }
        state.message = "Opening the audit of \(id)…"
        return [.loadAudit(caseID: id, opening: opening)]
    case .filter:
        return reduceFilter(&state, action)
    case .eventMenu, .form:
        return reduceRecording(&state, action)
    }
}

/// Opening a screen from another: the dashboard, the reviews, "who owes what", or the selected
/// plan's audit (which arrives as an answer and is pushed then).
private func reduceNavigation(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .openDashboard:
        let period = state.dashboard?.period ?? .lastTwelveWholeMonths(before: state.today)
        state.push(.dashboard(DashboardScreen(period: period)))
        return [.loadDashboard(period)]
    case .openReviews:
        var screen = state.reviews ?? ReviewsScreen(cohort: PhaseTransfer.comingTransferYear(on: state.today))
        // Read afresh on every opening: a save since the last one must show.
        screen.unload()
        state.push(.reviews(screen))
        state.scopeScreens()
        return [.loadReviews]
    case .openWhoOwes:
        state.push(.whoOwes(state.whoOwes ?? WhoOwesScreen()))
        state.scopeScreens()
        return [.loadWhoOwes]
    case .openDataQuality:
        state.push(.dataQuality(state.dataQuality ?? DataQualityScreen()))
        state.scopeScreens()
        return [.loadDataQuality]
    case .startAudit:
        guard state.isOnCaseScreen, let id = state.selectedCase?.id else {
            state.message = "Select a case first: a plan is audited from the case list or its detail"
            return []
        }
        if let audits = state.detail?.audits, state.detail?.ehcCase.id == id,
           audits.contains(where: { $0.audit.finished != nil }), !audits.contains(where: { $0.audit.finished == nil }) {
            // A plan audited already: read that audit, or start another (a re-audit after amendment).
            state.overlay = .auditChoice
            return []
        }
        state.message = "Opening the audit of \(id)…"
        return [.loadAudit(caseID: id, opening: .resumeOrStart)]
    default:
        return []
    }
}

/// The case list, its detail and a drill-down: movement, panes, triage and recording.
private func reduceCases(_ state: inout AppState, _ action: Action) -> [Effect] {
    let layout = ScreenLayout(size: state.size)
    switch action {
    case .moveDown: return move(&state, by: 1, layout: layout)
    case .moveUp: return move(&state, by: -1, layout: layout)
    case .pageDown: return move(&state, by: page(state, layout), layout: layout)
    case .pageUp: return move(&state, by: -page(state, layout), layout: layout)
    case .moveToFirst: return move(&state, by: -Int.max / 2, layout: layout)
    case .moveToLast: return move(&state, by: Int.max / 2, layout: layout)
    case .openDetail:
        if state.top != .caseDetail { state.push(.caseDetail) }
    case .switchPane:
        if state.top == .caseDetail { return state.pop() }
        state.push(.caseDetail)
    case .back:
        guard state.stack.count > 1 else {
            state.message = "This is the case list; q quits"
            return []
        }
        return state.pop()
    case .nextSection, .previousSection:
        let starts = DetailView.sectionStarts(for: state, width: layout.detailContent.width)
        let current = state.detailScroll
        let target = action == .nextSection ? starts.first { $0 > current } : starts.last { $0 < current }
        state.detailScroll = min(maxDetailScroll(state, layout: layout), target ?? (action == .nextSection ? current : 0))
    case .showView, .nextSortOrder, .toggleMine, .startFilter:
        return reduceTriage(&state, action, layout: layout)
    case .startRecording, .undo:
        return reduceRecording(&state, action)
    default:
        break
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
    state.selection = max(0, min(state.selection, state.caseload.count - 1))
    state.listScroll = ListLayout.scroll(state.listScroll, keeping: state.selection, visible: layout.visibleListRows,
                                         count: state.caseload.count)
}

/// Scrolls the detail to the section showing the field a data-quality finding named, once that
/// case's detail is shown (at once, or when it arrives).
func scrollToFieldAwaited(_ state: inout AppState) {
    guard let (caseID, field) = state.detailOpensAt, state.detail?.ehcCase.id == caseID else { return }
    state.detailOpensAt = nil
    let layout = ScreenLayout(size: state.size)
    state.detailScroll = min(maxDetailScroll(state, layout: layout),
                             DetailView.start(showing: field, for: state, width: layout.detailContent.width))
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
    case .detailLoaded, .presenceChanged, .saved, .saveRefused, .caseloadChanged, .resize, .reviewsLoaded, .whoOwesLoaded,
         .dashboardLoaded:
        true
    default: false
    }
}
