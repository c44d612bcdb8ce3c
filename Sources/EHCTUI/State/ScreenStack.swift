import EHCCore

/// One screen of the stack the TUI shows: the case list at the bottom, each screen opened from
/// it on top, the top one on screen and receiving keys. `Esc` pops the top screen.
///
/// Each screen carries its own state; the case list and the case detail share the caseload, the
/// selection and the loaded detail kept in ``AppState`` (the detail is the list's selected case,
/// focused), and a drill-down is the case list restricted to the cases behind one figure.
///
/// ```swift
/// var state = AppState(caseload: summaries, today: today, databaseLabel: "demo")
/// _ = reduce(&state, .openReviews)     // stack: [.caseList, .reviews(…)]
/// _ = reduce(&state, .openReviewedCase) // stack: [.caseList, .reviews(…), .caseDetail]
/// _ = reduce(&state, .back)             // the reviews again, read afresh
/// ```
public enum StackedScreen: Sendable, Hashable {
    /// The triage views of the caseload, with the selected case's detail beside or below: the root.
    case caseList
    /// The same screen with the detail focused: movement scrolls the detail.
    case caseDetail
    case dashboard(DashboardScreen)
    /// The cases behind one dashboard figure, listed like the case list.
    case drillDown(DashboardScreen.DrillDown)
    case reviews(ReviewsScreen)
    case whoOwes(WhoOwesScreen)
    /// The return's data-quality findings, by rule.
    case dataQuality(DataQualityScreen)
    /// A quality-assurance audit of one plan.
    case audit(AuditSession)
    /// A sample of plans to audit, as a work queue.
    case auditQueue(AuditQueue)

    /// The keymap context of the screen when nothing is over it.
    var keyContext: KeyContext {
        switch self {
        case .caseList: .list
        case .caseDetail: .detail
        case .dashboard: .dashboard
        case .drillDown: .drillDown
        case .reviews: .reviews
        case .whoOwes(let screen): screen.noteDraft == nil ? .whoOwes : .returnNote
        case .dataQuality: .dataQuality
        case .audit(let session): session.commentDraft == nil ? .audit : .auditComment
        case .auditQueue: .auditQueue
        }
    }

    /// What the screen is, for `Esc`'s message and the title bar.
    var title: String {
        switch self {
        case .caseList: "case list"
        case .caseDetail: "case detail"
        case .dashboard: "dashboard"
        case .drillDown(let drill): drill.title
        case .reviews: "reviews"
        case .whoOwes: "who owes what"
        case .dataQuality: "data quality"
        case .audit: "audit"
        case .auditQueue: "audit queue"
        }
    }

    var dashboard: DashboardScreen? {
        get { if case .dashboard(let screen) = self { screen } else { nil } }
        set { if let newValue { self = .dashboard(newValue) } }
    }

    var drillDown: DashboardScreen.DrillDown? {
        if case .drillDown(let drill) = self { drill } else { nil }
    }

    var reviews: ReviewsScreen? {
        get { if case .reviews(let screen) = self { screen } else { nil } }
        set { if let newValue { self = .reviews(newValue) } }
    }

    var whoOwes: WhoOwesScreen? {
        get { if case .whoOwes(let screen) = self { screen } else { nil } }
        set { if let newValue { self = .whoOwes(newValue) } }
    }

    var dataQuality: DataQualityScreen? {
        get { if case .dataQuality(let screen) = self { screen } else { nil } }
        set { if let newValue { self = .dataQuality(newValue) } }
    }

    var audit: AuditSession? {
        get { if case .audit(let session) = self { session } else { nil } }
        set { if let newValue { self = .audit(newValue) } }
    }

    var auditQueue: AuditQueue? {
        get { if case .auditQueue(let queue) = self { queue } else { nil } }
        set { if let newValue { self = .auditQueue(newValue) } }
    }

    /// Screens of one kind are opened once: opening one already on the stack goes back to it.
    func isSameKind(as other: StackedScreen) -> Bool {
        switch (self, other) {
        case (.caseList, .caseList), (.caseDetail, .caseDetail), (.dashboard, .dashboard), (.drillDown, .drillDown),
             (.reviews, .reviews), (.whoOwes, .whoOwes), (.dataQuality, .dataQuality), (.audit, .audit),
             (.auditQueue, .auditQueue):
            true
        default:
            false
        }
    }
}

/// What sits over the top screen and takes its keys until it closes: help, the "record which
/// event?" menu, an event form, the filter being typed, or a question.
///
/// ```swift
/// _ = reduce(&state, .showHelp)   // state.overlay == .help(.list)
/// ```
public enum Overlay: Sendable, Hashable {
    /// The keys of the screen help was opened from.
    case help(KeyContext)
    case eventMenu
    case form(EventForm)
    /// The filter of the top list screen being typed.
    case filter
    /// "Quit ehcdesk?", asked when `q` is pressed away from the case list.
    case confirmQuit
    /// The messages of this session (``AppState/messageHistory``).
    case messages
    /// "This plan has a finished audit: read it, or start another?"
    case auditChoice

    var keyContext: KeyContext {
        switch self {
        case .help: .help
        case .eventMenu: .eventMenu
        case .form: .form
        case .filter: .filter
        case .confirmQuit: .confirmQuit
        case .messages: .messages
        case .auditChoice: .auditChoice
        }
    }
}

extension AppState {
    /// The screen on top: the one drawn and receiving keys.
    public var top: StackedScreen { stack.last ?? .caseList }

    /// Puts a screen on top, or goes back to the one of its kind already on the stack (replacing it
    /// with `screen`), so the stack never holds two of a kind.
    mutating func push(_ screen: StackedScreen) {
        let listBefore = drilledCases
        if let index = stack.firstIndex(where: { $0.isSameKind(as: screen) }), index > 0 {
            stack.removeSubrange(index...)
        }
        stack.append(screen)
        if drilledCases != listBefore { refreshCaseload() }
    }

    /// Takes the top screen off (never the case list) and returns the effects showing the one
    /// below needs: reviews and "who owes what" are read afresh, the list's detail is asked for.
    mutating func pop() -> [Effect] {
        guard stack.count > 1 else { return [] }
        let listBefore = drilledCases
        stack.removeLast()
        if drilledCases != listBefore { refreshCaseload() }
        return refreshTop()
    }

    /// Pops every screen above the case list.
    mutating func popToRoot() {
        let listBefore = drilledCases
        stack = [.caseList]
        if drilledCases != listBefore { refreshCaseload() }
    }

    /// What the top screen needs when it is shown again: its rows read afresh (a change saved on a
    /// screen above must show), or the selected case's detail.
    mutating func refreshTop() -> [Effect] {
        switch top {
        case .reviews:
            reviews?.unload()
            return [.loadReviews]
        case .whoOwes:
            return [.loadWhoOwes]
        case .dataQuality:
            return [.loadDataQuality]
        case .auditQueue(let queue):
            return [.loadAuditQueue(caseIDs: queue.caseIDs)]
        case .caseList, .caseDetail, .drillDown:
            return requestDetailIfNeeded()
        case .dashboard, .audit:
            return []
        }
    }

    /// The drill-down the case list shows: the nearest list screen below the top (past the case
    /// detail) decides whether the list is the triage view or the cases behind a figure.
    var drilledCases: DashboardScreen.DrillDown? {
        for screen in stack.reversed() {
            switch screen {
            case .caseDetail: continue
            case .drillDown(let drill): return drill
            default: return nil
            }
        }
        return nil
    }

    /// Index in the stack of the nearest screen of the kind `path` picks.
    private func index<Screen>(of path: KeyPath<StackedScreen, Screen?>) -> Int? {
        stack.lastIndex { $0[keyPath: path] != nil }
    }

    /// The nearest screen of the kind `path` picks.
    private func nearest<Screen>(_ path: KeyPath<StackedScreen, Screen?>) -> Screen? {
        index(of: path).flatMap { stack[$0][keyPath: path] }
    }

    private mutating func update<Screen>(_ path: WritableKeyPath<StackedScreen, Screen?>, to screen: Screen?) {
        guard let screen, let index = index(of: path) else { return }
        stack[index][keyPath: path] = screen
    }

    /// The dashboard on the stack (also under a drill-down); setting changes it in place.
    public internal(set) var dashboard: DashboardScreen? {
        get { nearest(\.dashboard) }
        set { update(\.dashboard, to: newValue) }
    }

    /// The reviews screen on the stack (also under a case opened from it); setting changes it in place.
    public internal(set) var reviews: ReviewsScreen? {
        get { nearest(\.reviews) }
        set { update(\.reviews, to: newValue) }
    }

    /// "Who owes what" on the stack; setting changes it in place.
    public internal(set) var whoOwes: WhoOwesScreen? {
        get { nearest(\.whoOwes) }
        set { update(\.whoOwes, to: newValue) }
    }

    /// "Data quality" on the stack; setting changes it in place.
    public internal(set) var dataQuality: DataQualityScreen? {
        get { nearest(\.dataQuality) }
        set { update(\.dataQuality, to: newValue) }
    }

    /// The audit on the stack; setting changes it in place.
    public internal(set) var audit: AuditSession? {
        get { nearest(\.audit) }
        set { update(\.audit, to: newValue) }
    }

    /// Whether a case of the list is selected on screen: the case list, its detail or a drill-down.
    var isOnCaseScreen: Bool {
        switch top {
        case .caseList, .caseDetail, .drillDown: true
        default: false
        }
    }

    /// The audit queue on the stack; setting changes it in place.
    public internal(set) var auditQueue: AuditQueue? {
        get { nearest(\.auditQueue) }
        set { update(\.auditQueue, to: newValue) }
    }

    /// Which pane of the case screen movement acts on.
    public var focus: Focus { top == .caseDetail ? .detail : .list }

    /// The event form being filled in; setting changes it in place.
    public internal(set) var form: EventForm? {
        get { if case .form(let form) = overlay { form } else { nil } }
        set { if let newValue, case .form = overlay { overlay = .form(newValue) } }
    }

    public var isChoosingEvent: Bool { overlay == .eventMenu }
    public var isEditingFilter: Bool { overlay == .filter }
    public var isShowingHelp: Bool { if case .help = overlay { true } else { false } }
}
