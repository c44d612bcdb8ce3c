import EHCCore
import EHCStore
import Testing
@testable import EHCTUI

/// The dashboard on a generated caseload: snapshots at both sizes, and the figures behind it.
@Suite("Dashboard")
struct DashboardTests {
    static let today = CalendarDate("2026-11-24")!
    static let cases = CaseloadGenerator(seed: 7, today: today).cases(count: 400)

    func dashboard(national: Double? = 46.4) -> Dashboard {
        Dashboard(cases: Self.cases, settings: Settings(), period: .twelveMonths(endingWith: Self.today),
                  today: Self.today, nationalPercent: national)
    }

    func drawn(_ dashboard: Dashboard, width: Int, height: Int, selected: Int? = 2) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        DashboardView.draw(dashboard, selected: selected,
                           in: ScreenLayout.Rect(row: 0, column: 0, width: width, height: height), on: &canvas)
        return canvas
    }

    @Test("renders a generated caseload at 80x24")
    func snapshotSmall() throws {
        try assertSnapshot(drawn(dashboard(), width: 80, height: 24), named: "dashboard-80x24")
    }

    @Test("renders a generated caseload at 200x50 with the advice table")
    func snapshotLarge() throws {
        try assertSnapshot(drawn(dashboard(), width: 200, height: 50), named: "dashboard-200x50")
    }

    @Test("the default period is the twelve whole months ending with today's month")
    func defaultPeriod() {
        let period = Dashboard.Period.twelveMonths(endingWith: Self.today)
        #expect(period.from == CalendarDate("2025-12-01")!)
        #expect(period.to == CalendarDate("2026-11-30")!)
        #expect(period.shifted(byMonths: -1).to == CalendarDate("2026-10-31")!)
        #expect(period.shifted(byMonths: -1).from == CalendarDate("2025-11-01")!)
    }

    @Test("the 'over 20 wk' figure holds exactly the plans issued late in the period")
    func overTwentyWeeksFigure() {
        let figure = dashboard().figures[2]
        let settings = Settings()
        let late = Self.cases.filter { ehcCase in
            guard let final = ehcCase.finalPlanIssued, final >= CalendarDate("2025-12-01")!,
                  final <= CalendarDate("2026-11-30")! else { return false }
            return ehcCase.requestDate.days(until: final) > 140 && settings.counting == .eventPlusWeeks
        }.map(\.id)
        #expect(figure.label == "over 20 wk")
        #expect(!late.isEmpty)
        #expect(figure.caseIDs == late)
    }

    @Test("sorting caseworkers by overdue puts the most overdue first")
    func sortByOverdue() throws {
        var board = dashboard()
        board.sortCaseworkers(by: .overdue)
        let overdue = board.caseworkers.map(\.overdue)
        #expect(Set(overdue).count >= 3, "the caseload should give caseworkers different counts, or the order proves nothing")
        #expect(overdue == overdue.sorted(by: >))
        // The top caseworker, found without the dashboard's sort.
        let most = try #require(board.caseworkers.map(\.overdue).max())
        #expect(board.caseworkers.first?.overdue == most)
        #expect(board.caseworkerOrder.next == .dueSoon)
    }

    @Test("selecting a caseworker below the fold scrolls the table to it")
    func scrollsToSelection() throws {
        let board = dashboard()
        let last = board.figures.count - 1
        let canvas = drawn(board, width: 80, height: 24, selected: last)
        let name = try #require(board.caseworkers.last?.caseworker)
        #expect(canvas.text.contains(name))
    }
}

@Suite("The dashboard reads the catalogue's figures")
struct DashboardCatalogueTests {
    @Test("each advice figure on the dashboard, and the timeliness headline, equal the catalogue's, and open to the same cases")
    func sameFigures() throws {
        let today = CalendarDate("2026-11-24")!
        let cases = CaseloadGenerator(seed: 9, today: today).cases(count: 800)
        let period = Dashboard.Period.lastTwelveWholeMonths(before: today)
        let dashboard = Dashboard(cases: cases, settings: Settings(), period: period, today: today)
        let measures = MeasureCatalogue(settings: Settings()).measures(for: cases, from: period.from, to: period.to, today: today)
        for agency in dashboard.advice {
            let measure = try #require(measures["advice.outstandingOverdue." + agency.agency.rawValue])
            #expect(Double(agency.outstandingOverdue) == measure.value, "\(agency.agency)")
            #expect(Set(agency.outstandingOverdueCaseIDs) == Set(measure.cases), "\(agency.agency)")
            #expect(Double(agency.requested) == measures["advice.requested." + agency.agency.rawValue]?.value)
            #expect(Double(agency.returnedWithinSixWeeks) == measures["advice.withinSixWeeks." + agency.agency.rawValue]?.value)
        }
        let headline = dashboard.timeliness.overall
        #expect(Double(headline.plansIssued) == measures["plans.issued"]?.value)
        #expect(Double(headline.withinTwentyWeeks) == measures["plans.within20Weeks"]?.value)
        #expect(Set(headline.issuedCaseIDs) == Set(measures["plans.issued"]?.cases ?? []))
    }
}
