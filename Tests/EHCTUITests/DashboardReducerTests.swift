import EHCCore
import EHCStore
import Testing
@testable import EHCTUI

@Suite("The dashboard on a key")
struct DashboardReducerTests {
    let today = CalendarDate("2026-11-24")!

    /// A state over a generated caseload, with the dashboard the runtime would compute.
    func opened() -> (AppState, Dashboard) {
        let cases = CaseloadGenerator(seed: 5, today: today).cases(count: 300)
        let calendar = StatutoryCalendar()
        var state = AppState(caseload: cases.map { CaseSummary($0, calendar: calendar, today: today) }, today: today,
                             databaseLabel: "test", size: TerminalSize(width: 120, height: 40))
        let effects = reduce(&state, .openDashboard)
        let period = Dashboard.Period.twelveMonths(endingWith: today)
        #expect(effects == [.loadDashboard(period)])
        let dashboard = Dashboard(cases: cases, settings: Settings(), period: period, today: today)
        _ = reduce(&state, .dashboardLoaded(dashboard))
        return (state, dashboard)
    }

    @Test("d opens the dashboard from the list, and movement keys select figures")
    func opensAndSelects() {
        var (state, dashboard) = opened()
        #expect(state.keyContext == .dashboard)
        #expect(Keymap.standard.action(for: .character("d"), in: .list) == .openDashboard)
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .moveDown)
        #expect(state.dashboard?.selected == 2)
        #expect(dashboard.figures[2].label == "over 20 wk")
        _ = reduce(&state, .moveToLast)
        #expect(state.dashboard?.selected == dashboard.figures.count - 1)
    }

    @Test("Enter lists exactly the cases behind the selected figure; Esc goes back to the dashboard")
    func drillDown() {
        var (state, dashboard) = opened()
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .drillDown)
        #expect(state.keyContext == .list)
        #expect(Set(state.caseload.map(\.id)) == Set(dashboard.figures[2].caseIDs))
        #expect(Screen.render(state).text.contains("Plans issued over 20 weeks"))
        _ = reduce(&state, .endDrillDown)
        #expect(state.keyContext == .dashboard)
        _ = reduce(&state, .closeDashboard)
        #expect(state.keyContext == .list)
        #expect(state.dashboard == nil)
    }

    @Test("moving the period asks for the dashboard of the month before, and drops a late answer for another period")
    func shiftsPeriod() {
        var (state, dashboard) = opened()
        let effects = reduce(&state, .shiftDashboardPeriod(months: -1))
        #expect(effects == [.loadDashboard(dashboard.period.shifted(byMonths: -1))])
        _ = reduce(&state, .dashboardLoaded(dashboard))
        #expect(state.dashboard?.dashboard == nil)
    }
}
