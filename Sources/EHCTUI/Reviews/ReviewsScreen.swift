import EHCCore

/// The reviews screen while it is open: every plan in force with its next review, read once per
/// opening by an effect, and the filter picked by key; each filter's rows are ordered once on load
/// so a keystroke only moves a selection.
///
/// ```swift
/// _ = reduce(&state, .openReviews)                      // [.loadReviews]
/// _ = reduce(&state, .reviewsLoaded(rows))
/// _ = reduce(&state, .showReviewFilter(.inFlight))      // post-meeting deadlines running
/// _ = reduce(&state, .openReviewedCase)                 // the case's detail, so `e` can record the meeting
/// ```
public struct ReviewsScreen: Sendable, Hashable {
    /// The slices of the plans in force, each one key on the screen.
    public enum Filter: String, Sendable, Hashable, CaseIterable {
        /// Every plan in force, overdue reviews with no meeting first, then the soonest date to act by.
        case all
        /// Reviews overdue with no meeting held: the meetings to book first.
        case overdue
        /// A meeting held and its report, decision or amended plan still due.
        case inFlight
        /// Children under 5, whose plans the Code suggests reviewing every 3 to 6 months.
        case underFive
        /// Children moving phase in the coming transfer year, soonest phase-transfer deadline first.
        case phaseTransfer

        /// The filter's name on the screen's strip and in the title bar; the transfers name their
        /// year (`cohort`) when it is given.
        public func title(cohort: Int?) -> String {
            switch self {
            case .all: "All plans"
            case .overdue: "Overdue, no meeting"
            case .inFlight: "In flight"
            case .underFive: "Under 5"
            case .phaseTransfer: "Transfers" + (cohort.map { " \($0)" } ?? "")
            }
        }

        /// Whether the row belongs in this filter (`cohort`: the coming transfer year).
        func contains(_ row: PlanReviewRow, cohort: Int) -> Bool {
            switch self {
            case .all: true
            case .overdue: row.isAwaitingMeeting
            case .inFlight: row.inFlight != nil
            case .underFive: row.isUnderFive
            case .phaseTransfer: row.transfer?.transferYear == cohort && row.phaseTransfer != nil
            }
        }
    }

    public internal(set) var filter = Filter.all
    /// The coming phase-transfer year (``PhaseTransfer/comingTransferYear(on:)``).
    public let cohort: Int
    /// Every plan in force, most urgent first; `nil` while they are read.
    public private(set) var rows: [PlanReviewRow]?
    /// Positions into ``rows`` of each filter's rows, in that filter's order.
    private var positions: [Filter: [Int32]] = [:]
    /// Index into the filter's rows of the selected one.
    public internal(set) var selected = 0
    /// The first row on screen.
    public internal(set) var scroll = 0
    /// Hidden behind a case's detail opened from it (`r` shows it again, read afresh).
    var isShowingCase = false
    /// The case to select again once the rows are read afresh.
    var reselectID: String?

    public init(cohort: Int) {
        self.cohort = cohort
    }

    /// How many rows each filter holds.
    public func count(_ filter: Filter) -> Int { positions[filter]?.count ?? 0 }

    /// The rows of the current filter shown.
    public var shownCount: Int { count(filter) }

    /// The `index`-th row of the current filter.
    public func shownRow(_ index: Int) -> PlanReviewRow? {
        guard let rows, let list = positions[filter], list.indices.contains(index) else { return nil }
        return rows[Int(list[index])]
    }

    public var selectedRow: PlanReviewRow? { shownRow(selected) }

    /// Takes freshly read rows, orders each filter once, and selects the case selected before if it is still listed.
    mutating func load(_ fresh: [PlanReviewRow]) {
        rows = fresh
        var lists = Dictionary(uniqueKeysWithValues: Filter.allCases.map { ($0, [Int32]()) })
        for (position, row) in fresh.enumerated() {
            for filter in Filter.allCases where filter.contains(row, cohort: cohort) {
                lists[filter, default: []].append(Int32(position))
            }
        }
        // The urgency order suits every filter but two: in flight goes by its own deadline, the
        // transfer cohort by the days left to its deadline, plans not yet amended first.
        lists[.inFlight]?.sort { first, second in
            let (one, two) = (fresh[Int(first)], fresh[Int(second)])
            return (one.inFlight?.due ?? .distantFuture, one.id) < (two.inFlight?.due ?? .distantFuture, two.id)
        }
        lists[.phaseTransfer]?.sort { first, second in
            let (one, two) = (fresh[Int(first)], fresh[Int(second)])
            return (one.phaseTransfer?.due ?? .distantFuture, one.phaseTransfer?.met == nil ? 0 : 1, one.id)
                < (two.phaseTransfer?.due ?? .distantFuture, two.phaseTransfer?.met == nil ? 0 : 1, two.id)
        }
        positions = lists
        let wanted = reselectID
        reselectID = nil
        selected = wanted.flatMap { id in positions[filter]?.firstIndex { fresh[Int($0)].id == id } } ?? 0
        scroll = 0
    }

    /// Forgets the rows (they are being read again), remembering the selected case.
    mutating func unload() {
        reselectID = selectedRow?.id
        rows = nil
        positions = [:]
    }
}

/// True for the actions only the reviews screen answers.
func isReviewsAction(_ action: Action) -> Bool {
    switch action {
    case .openReviews, .closeReviews, .reviewsLoaded, .showReviewFilter, .openReviewedCase: true
    default: false
    }
}

/// The reviews screen's share of the reducer; `nil` when the action is not its to answer.
func reduceReviews(_ state: inout AppState, _ action: Action) -> [Effect]? {
    switch action {
    case .openReviews:
        var screen = state.reviews ?? ReviewsScreen(cohort: PhaseTransfer.comingTransferYear(on: state.today))
        screen.isShowingCase = false
        // Read afresh on every opening: a save since the last one must show.
        screen.unload()
        state.reviews = screen
        return [.loadReviews]
    case .closeReviews:
        state.reviews = nil
        return []
    case .reviewsLoaded(let rows):
        guard state.reviews != nil else { return [] }
        state.reviews?.load(rows)
        keepReviewVisible(&state)
        return []
    case .showReviewFilter(let filter):
        state.reviews?.filter = filter
        state.reviews?.selected = 0
        state.reviews?.scroll = 0
        return []
    case .moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast:
        guard let screen = state.reviews, !screen.isShowingCase else { return nil }
        let page = max(1, ReviewsView.visibleRows(height: state.size.height))
        let step = switch action {
        case .moveDown: 1
        case .moveUp: -1
        case .pageDown: page
        case .pageUp: -page
        case .moveToFirst: -screen.shownCount
        default: screen.shownCount
        }
        state.reviews?.selected = max(0, min(screen.shownCount - 1, screen.selected + step))
        keepReviewVisible(&state)
        return []
    case .openReviewedCase:
        guard let row = state.reviews?.selectedRow else { return [] }
        state.reviews?.isShowingCase = true
        return state.showCase(row.id)
    case .caseloadChanged:
        // Another process changed the caseload: the open screen reads its rows again.
        guard let screen = state.reviews, !screen.isShowingCase else { return nil }
        state.reviews?.unload()
        return reduceTriage(&state, action, layout: ScreenLayout(size: state.size)) + [.loadReviews]
    default:
        return nil
    }
}

/// Scrolls the reviews list just enough that the selected row is on screen.
private func keepReviewVisible(_ state: inout AppState) {
    guard var screen = state.reviews else { return }
    let rows = max(1, ReviewsView.visibleRows(height: state.size.height))
    if screen.selected < screen.scroll { screen.scroll = screen.selected }
    if screen.selected >= screen.scroll + rows { screen.scroll = screen.selected - rows + 1 }
    screen.scroll = max(0, min(screen.scroll, max(0, screen.shownCount - rows)))
    state.reviews = screen
}

extension AppState {
    /// Selects the case `id` on the list and focuses its detail, widening the list (All open, no
    /// filter, the whole team) only as far as needed for the case to be on it.
    mutating func showCase(_ id: String) -> [Effect] {
        if dashboard != nil {
            // A dashboard drill-down list gives way to the triage view.
            dashboard = nil
            refreshCaseload()
        }
        if !caseload.contains(where: { $0.id == id }) {
            filterText = ""
            isEditingFilter = false
            preferences.view = .allOpen
            refreshCaseload()
        }
        if !caseload.contains(where: { $0.id == id }), preferences.mineOnly {
            preferences.mineOnly = false
            refreshCaseload()
        }
        guard let index = caseload.firstIndex(where: { $0.id == id }) else {
            message = "\(id) is not on the list"
            return []
        }
        selection = index
        focus = .detail
        keepSelectionVisible(&self, layout: ScreenLayout(size: size))
        return requestDetailIfNeeded()
    }
}
