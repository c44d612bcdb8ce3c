import Foundation
import EHCCore
import EHCStore
import Testing
@testable import EHCTUI

@Suite("The dashboard on a key")
struct DashboardReducerTests {
    let today = CalendarDate("2026-11-24")!

    /// A state over a generated caseload, with the dashboard the runtime would compute.
    func opened() -> (AppState, Dashboard) {
        let (state, dashboard, _) = openedWithCases()
        return (state, dashboard)
    }

    func openedWithCases() -> (AppState, Dashboard, [EHCCase]) {
        let cases = CaseloadGenerator(seed: 5, today: today).cases(count: 300)
        let calendar = StatutoryCalendar()
        var state = AppState(caseload: cases.map { CaseSummary($0, calendar: calendar, today: today) }, today: today,
                             databaseLabel: "test", size: TerminalSize(width: 120, height: 40))
        let effects = reduce(&state, .openDashboard)
        // The last twelve whole months: November 2026 is still running on the 24th.
        let period = Dashboard.Period.lastTwelveWholeMonths(before: today)
        #expect(period == Dashboard.Period(from: CalendarDate("2025-11-01")!, to: CalendarDate("2026-10-31")!))
        #expect(effects == [.loadDashboard(period)])
        let dashboard = Dashboard(cases: cases, settings: Settings(), period: period, today: today)
        _ = reduce(&state, .dashboardLoaded(dashboard))
        return (state, dashboard, cases)
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
    func drillDown() throws {
        var (state, dashboard, cases) = openedWithCases()
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .drillDown)
        #expect(state.keyContext == .drillDown)
        // Independently of the dashboard: final plans issued in the twelve whole months before
        // November 2026, 141 to 364 days after the request.
        let from = CalendarDate("2025-11-01")!
        let to = CalendarDate("2026-10-31")!
        let late = Set(cases.filter { ehcCase in
            guard let issued = ehcCase.finalPlanIssued, issued >= from, issued <= to else { return false }
            return (141...364).contains(ehcCase.requestDate.days(until: issued))
        }.map(\.id))
        #expect(!late.isEmpty)
        #expect(Set(state.caseload.map(\.id)) == late)
        #expect(Set(dashboard.figures[2].caseIDs) == late)
        let screen = Screen.render(state).text
        #expect(screen.contains("New EHC plans issued: over 20 weeks, within a year, Nov 2025 to Oct 2026"))
        // Columns that fit plans: when each was asked for and issued, and the weeks it took.
        let first = try #require(cases.first { $0.id == state.caseload.first?.id })
        let weeks = String(format: "%.1f", Double(first.requestDate.days(until: first.finalPlanIssued!)) / 7)
        #expect(screen.contains("Requested"))
        #expect(screen.contains("\(first.requestDate)  \(first.finalPlanIssued!)"))
        #expect(screen.contains(weeks))
        // The drill-down is a list like any other: / narrows it, Esc on the filter gives it back whole.
        let someone = try #require(state.caseload.first)
        _ = reduce(&state, .startFilter)
        for character in someone.id { _ = reduce(&state, .type(character)) }
        #expect(state.caseload.map(\.id) == [someone.id])
        _ = reduce(&state, .clearFilter)
        #expect(Set(state.caseload.map(\.id)) == late)
        _ = reduce(&state, .back)
        #expect(state.keyContext == .dashboard)
        _ = reduce(&state, .back)
        #expect(state.keyContext == .list)
        #expect(state.dashboard == nil)
    }

    @Test("] stops at the month of today: the future has no figures")
    func stopsAtThisMonth() {
        var (state, dashboard) = opened()
        #expect(reduce(&state, .shiftDashboardPeriod(months: 1)) == [.loadDashboard(dashboard.period.shifted(byMonths: 1))])
        _ = reduce(&state, .dashboardLoaded(Dashboard(cases: [], settings: Settings(), period: dashboard.period.shifted(byMonths: 1),
                                                      today: today)))
        #expect(reduce(&state, .shiftDashboardPeriod(months: 1)).isEmpty)
        #expect(state.message?.hasPrefix("The period already ends with this month") == true)
        #expect(state.dashboard?.period.to == CalendarDate("2026-11-30"))
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

@Suite("The audit summary pane")
struct AuditSummaryPaneTests {
    @Test("A shows grades by month and caseworker and the questions most often failed, at 80×24")
    func pane() throws {
        let today = CalendarDate("2026-11-24")!
        let cases = CaseloadGenerator(seed: 5, today: today).cases(count: 40)
        let issued = cases.filter { $0.finalPlanIssued != nil }.prefix(3)
        let audits = issued.enumerated().map { index, ehcCase in
            PlanAudit(caseID: ehcCase.id, templateID: "ehc-plan", auditor: "R. Auditor", started: CalendarDate("2026-03-02")!,
                      finished: CalendarDate("2026-03-0\(index + 3)")!,
                      answers: [AuditAnswer(questionID: "F1", value: index == 0 ? .yes : .no),
                                AuditAnswer(questionID: "E1", value: index == 2 ? .no : .partly)],
                      grade: index == 0 ? .good : .requiresImprovement, score: 0.5)
        }
        var state = AppState(caseload: cases.map { CaseSummary($0, calendar: StatutoryCalendar(), today: today) },
                             today: today, databaseLabel: "test", size: TerminalSize(width: 80, height: 24))
        let period = Dashboard.Period.lastTwelveWholeMonths(before: today)
        _ = reduce(&state, .openDashboard)
        _ = reduce(&state, .dashboardLoaded(Dashboard(cases: cases, settings: Settings(), period: period, today: today,
                                                      audits: Array(audits))))
        #expect(Keymap.standard.action(for: .character("A"), in: .dashboard) == .toggleAuditSummary)
        _ = reduce(&state, .toggleAuditSummary)
        let canvas = Screen.render(state)
        #expect(canvas.text.contains("3 audits finished"))
        let all = canvas.text.split(separator: "\n").first { $0.hasPrefix(" All ") }
        #expect(all?.split(separator: " ") == ["All", "0", "1", "2", "0", "3"])
        #expect(canvas.text.contains("F1  2 of 3 audits"))
        try assertSnapshot(canvas, named: "audit-summary-80x24")
    }
}
