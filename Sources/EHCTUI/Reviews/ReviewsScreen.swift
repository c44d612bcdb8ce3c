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
    /// Each filter's rows as shown: ``query`` and the scope applied.
    private var shown: [Filter: [Int32]] = [:]
    private var index: ListIndex?
    /// The filter typed, and the order, as on every list screen.
    public internal(set) var query = ListQuery()
    /// The caseworker whose plans alone are shown (`m`), `nil` for the whole team.
    public internal(set) var caseworker: String?

    /// The filter typed with `/`.
    public var filterText: String { query.filterText }
    /// Index into the filter's rows of the selected one.
    public internal(set) var selected = 0
    /// The first row on screen.
    public internal(set) var scroll = 0
    /// The case to select again once the rows are read afresh.
    var reselectID: String?

    public init(cohort: Int) {
        self.cohort = cohort
    }

    /// How many rows each filter holds.
    public func count(_ filter: Filter) -> Int { shown[filter]?.count ?? 0 }

    /// The rows of the current filter shown.
    public var shownCount: Int { count(filter) }

    /// The `index`-th row of the current filter.
    public func shownRow(_ index: Int) -> PlanReviewRow? {
        guard let rows, let list = shown[filter], list.indices.contains(index) else { return nil }
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
        index = ListIndex(fresh)
        let wanted = reselectID
        reselectID = nil
        refine()
        selected = wanted.flatMap { id in shown[filter]?.firstIndex { fresh[Int($0)].id == id } } ?? 0
        scroll = 0
    }

    /// Applies the query and the scope to every filter's rows, keeping the selected plan selected when it is still shown.
    mutating func refine() {
        guard let rows, let index else { return }
        let wanted = selectedRow?.id
        let matched = index.matches(query)
        shown = positions.mapValues { query.apply(index, matched: matched, in: $0, caseworker: caseworker) }
        selected = wanted.flatMap { id in shown[filter]?.firstIndex { rows[Int($0)].id == id } }
            ?? min(selected, max(0, shownCount - 1))
    }

    /// Forgets the rows (they are being read again), remembering the selected case.
    mutating func unload() {
        reselectID = selectedRow?.id
        rows = nil
        positions = [:]
        shown = [:]
    }
}

/// The reviews screen's keys and its answer.
func reduceReviews(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .back:
        return state.pop()
    case .reviewsLoaded(let rows):
        guard state.reviews != nil else { return [] }
        state.reviews?.load(rows)
        let rows = ReviewsView.visibleRows(height: state.size.height)
        state.reviews?.keepVisible(rows: rows)
        return []
    case .showReviewFilter(let filter):
        state.reviews?.filter = filter
        state.reviews?.selected = 0
        state.reviews?.scroll = 0
        return []
    case .moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast:
        guard let screen = state.reviews else { return [] }
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
        state.reviews?.keepVisible(rows: page)
        return []
    case .openReviewedCase:
        guard let row = state.reviews?.selectedRow else { return [] }
        return state.showCase(row.id)
    default:
        return reduceListKeys(&state, action) ?? []
    }
}

extension ReviewsScreen {
    /// Scrolls just enough that the selected row is among the `rows` on screen.
    mutating func keepVisible(rows: Int) {
        scroll = ListLayout.scroll(scroll, keeping: selected, visible: rows, count: shownCount)
    }
}

extension AppState {
    /// Shows the case `id` on the list with its detail focused, over the screen it was opened
    /// from (`Esc` goes back to it), widening the list (the `preferred` view, else All open, no
    /// filter, the whole team) only as far as needed for the case to be on it.
    mutating func showCase(_ id: String, preferring preferred: TriageView? = nil) -> [Effect] {
        let before = preferences
        push(.caseDetail)
        func isListed() -> Bool { caseload.contains { $0.id == id } }
        for view in [preferred, .allOpen, .closed].compactMap({ $0 }) where !isListed() {
            filterText = ""
            preferences.view = view
            refreshCaseload()
        }
        if !isListed(), preferences.mineOnly {
            preferences.mineOnly = false
            refreshCaseload()
        }
        guard let index = caseload.firstIndex(where: { $0.id == id }) else {
            message = "\(id) is not on the list"
            return pop()
        }
        selection = index
        keepSelectionVisible(&self, layout: ScreenLayout(size: size))
        return requestDetailIfNeeded() + (preferences == before ? [] : [.rememberPreferences(preferences)])
    }
}
