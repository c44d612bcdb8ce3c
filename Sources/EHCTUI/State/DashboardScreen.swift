import EHCCore

/// The dashboard while it is open: its period, the figures once computed and the selected figure;
/// Enter pushes the drill-down list of the cases behind it (``StackedScreen/drillDown(_:)``).
///
/// ```swift
/// _ = reduce(&state, .openDashboard)     // [.loadDashboard(period)]
/// _ = reduce(&state, .drillDown)         // the list shows the selected figure's cases
/// ```
public struct DashboardScreen: Sendable, Hashable {
    public var period: Dashboard.Period
    /// `nil` while it is being computed.
    public var dashboard: Dashboard?
    public var selected = 0
    /// The audit summary pane (grades by month and caseworker, questions most often failed) in place of the figures.
    public var isShowingAudits = false

    /// The cases behind one figure, listed in place of the triage view.
    public struct DrillDown: Sendable, Hashable {
        public var title: String
        public var caseIDs: Set<String>
        /// For a figure of plans issued: each plan's request and issue dates, shown in place of
        /// the next deadline (the columns that fit the figure).
        public var plans: [String: Dashboard.PlanDates]?

        public init(title: String, caseIDs: Set<String>, plans: [String: Dashboard.PlanDates]? = nil) {
            (self.title, self.caseIDs, self.plans) = (title, caseIDs, plans)
        }
    }
}

/// The dashboard's keys and its answer.
func reduceDashboard(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .back:
        return state.pop()
    case .dashboardLoaded(let dashboard):
        guard state.dashboard?.period == dashboard.period else { return [] }
        let selected = state.dashboard?.selected ?? 0
        state.dashboard?.dashboard = dashboard
        state.dashboard?.selected = min(selected, max(0, dashboard.figures.count - 1))
        return []
    case .shiftDashboardPeriod(let months):
        guard let current = state.dashboard else { return [] }
        let period = current.period.shifted(byMonths: months)
        // The future has no figures: the period ends at the latest with the month of today.
        guard period.to.firstOfMonth <= state.today.firstOfMonth else {
            state.message = "The period already ends with this month (\(current.period.title)); [ moves it earlier"
            return []
        }
        state.dashboard = DashboardScreen(period: period, dashboard: nil, selected: current.selected,
                                          isShowingAudits: current.isShowingAudits)
        return [.loadDashboard(period)]
    case .toggleAuditSummary:
        state.dashboard?.isShowingAudits.toggle()
        return []
    case .nextCaseworkerOrder:
        guard let order = state.dashboard?.dashboard?.caseworkerOrder else { return [] }
        state.dashboard?.dashboard?.sortCaseworkers(by: order.next)
        return []
    case .moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast:
        guard let screen = state.dashboard, let dashboard = screen.dashboard else { return [] }
        let last = max(0, dashboard.figures.count - 1)
        let step: Int
        switch action {
        case .moveDown: step = 1
        case .moveUp: step = -1
        case .pageDown: step = 5
        case .pageUp: step = -5
        case .moveToFirst: step = -last
        default: step = last
        }
        state.dashboard?.selected = max(0, min(last, screen.selected + step))
        return []
    case .drillDown:
        guard let screen = state.dashboard, let figures = screen.dashboard?.figures,
              figures.indices.contains(screen.selected) else { return [] }
        let figure = figures[screen.selected]
        let cases = Set(figure.caseIDs)
        let plans = figure.isPlans ? screen.dashboard?.planDates.filter { cases.contains($0.key) } : nil
        state.push(.drillDown(.init(title: figure.title, caseIDs: cases, plans: plans)))
        state.selection = 0
        state.listScroll = 0
        return state.requestDetailIfNeeded()
    default:
        return []
    }
}
