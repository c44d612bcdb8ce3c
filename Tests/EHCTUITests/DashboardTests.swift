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

    @Test("a dashboard made from parts, a chunk of cases at a time as the screen reads them, is the dashboard of the whole")
    func fromParts() {
        let period = Dashboard.Period.twelveMonths(endingWith: Self.today)
        var audit = PlanAudit(id: 1, caseID: Self.cases[5].id, templateID: "t", auditor: "r.auditor",
                              started: Self.today.adding(days: -3), answers: [AuditAnswer(questionID: "A1", value: .no)])
        audit.finished = Self.today.adding(days: -1)
        audit.grade = .requiresImprovement
        audit.score = 0.8
        let audits = [audit]
        let whole = Dashboard(cases: Self.cases, settings: Settings(), period: period, today: Self.today, audits: audits)
        let calendar = StatutoryCalendar()
        let parts = stride(from: 0, to: Self.cases.count, by: 37).map { start in
            Dashboard.part(of: Self.cases[start..<min(start + 37, Self.cases.count)].map {
                MeasureCase($0, calendar: calendar, today: Self.today, from: period.from)
            }, settings: Settings(), period: period, today: Self.today)
        }
        #expect(Dashboard(parts: parts, settings: Settings(), period: period, today: Self.today, audits: audits) == whole)
        #expect(whole.measure("plans.issued").value > 0)
        #expect(!whole.planDates.isEmpty)
    }

    @Test("the default period is the twelve whole months ending with today's month")
    func defaultPeriod() {
        let period = Dashboard.Period.twelveMonths(endingWith: Self.today)
        #expect(period.from == CalendarDate("2025-12-01")!)
        #expect(period.to == CalendarDate("2026-11-30")!)
        #expect(period.shifted(byMonths: -1).to == CalendarDate("2026-10-31")!)
        #expect(period.shifted(byMonths: -1).from == CalendarDate("2025-11-01")!)
    }

    @Test("the 'over 20 wk' figure holds exactly the plans issued 141 to 364 days after their request")
    func overTwentyWeeksFigure() {
        let figure = dashboard().figures[2]
        let late = Self.cases.filter { ehcCase in
            guard let final = ehcCase.finalPlanIssued, final >= CalendarDate("2025-12-01")!,
                  final <= CalendarDate("2026-11-30")! else { return false }
            return (141...364).contains(ehcCase.requestDate.days(until: final))
        }.map(\.id).sorted()
        #expect(figure.label == "over 20 wk")
        #expect(figure.measureID == "plans.over20WithinYear")
        #expect(!late.isEmpty)
        #expect(figure.caseIDs == late)
    }

    @Test("sorting caseworkers by overdue puts the most overdue first")
    func sortByOverdue() throws {
        var board = dashboard()
        board.sortCaseworkers(by: .overdue)
        let overdue = board.caseworkers.map(\.overdue.value)
        #expect(Set(overdue).count >= 3, "the caseload should give caseworkers different counts, or the order proves nothing")
        #expect(overdue == overdue.sorted(by: >))
        // The top caseworker, found without the dashboard's sort.
        let most = try #require(board.caseworkers.map(\.overdue.value).max())
        #expect(board.caseworkers.first?.overdue.value == most)
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

@Suite("The dashboard, the list's views and the reviews screen read the catalogue's figures")
struct DashboardCatalogueTests {
    static let today = CalendarDate("2026-11-24")!
    static let cases = CaseloadGenerator(seed: 9, today: today).cases(count: 800)
    static let period = Dashboard.Period.lastTwelveWholeMonths(before: today)
    static let measures = MeasureCatalogue(settings: Settings()).measures(for: cases, from: period.from, to: period.to,
                                                                          today: today)

    @Test("every figure on the dashboard is its catalogue measure's value, opening to the measure's cases")
    func everyFigure() throws {
        let dashboard = Dashboard(cases: Self.cases, settings: Settings(), period: Self.period, today: Self.today)
        let catalogued = dashboard.figures.filter { $0.section != .chart && $0.section != .audits }
        #expect(catalogued.count >= 40, "headline, ageing, reviews, transfers, advice and caseworkers")
        for figure in catalogued {
            let id = try #require(figure.measureID, "\(figure.label)")
            let measure = try #require(Self.measures[id], "\(id)")
            let shown = measure.unit == .weeks ? String(format: "%.1f", measure.value) : String(Int(measure.value))
            #expect(figure.value == shown, "\(id)")
            #expect(figure.definition == measure.definition, "\(id)")
            if measure.unit == .weeks {
                #expect(figure.caseIDs == Self.measures[id.replacingOccurrences(of: "averageWeeks", with: "issued")]?.cases)
            } else {
                #expect(figure.caseIDs == measure.cases, "\(id)")
            }
        }
        let sections = Set(catalogued.map(\.section))
        #expect(sections == [.headline, .excludingExceptions, .ageing, .reviews, .phaseTransfers, .advice, .caseworkers])
        #expect(dashboard.caseworkers.count >= 3)
    }

    @Test("each month of the chart is the catalogue computed for that month alone")
    func everyMonth() throws {
        let dashboard = Dashboard(cases: Self.cases, settings: Settings(), period: Self.period, today: Self.today)
        let months = dashboard.figures.filter { $0.section == .chart }
        #expect(months.count == 12)
        var total = 0
        for (month, figure) in zip(dashboard.months, months) {
            let alone = MeasureCatalogue(settings: Settings()).measures(
                for: Self.cases, from: month.first, to: month.first.adding(months: 1).adding(days: -1), today: Self.today)
            let issued = try #require(alone["plans.issuedExcludingExceptions"])
            let within = try #require(alone["plans.within20WeeksExcludingExceptions"])
            #expect(figure.caseIDs == issued.cases, "\(month.key)")
            #expect(month.within == within.cases, "\(month.key)")
            let percent = issued.value == 0 ? "-" : String(Int((within.value / issued.value * 100).rounded())) + "%"
            #expect(figure.value == percent, "\(month.key)")
            total += issued.cases.count
        }
        #expect(Double(total) == Self.measures["plans.issuedExcludingExceptions"]?.value)
        #expect(total > 50, "a chart of empty months proves nothing")
    }

    @Test("each list view's count is its catalogue measure, with the same cases")
    func viewCounts() throws {
        let calendar = StatutoryCalendar()
        let summaries = Self.cases.map { CaseSummary($0, calendar: calendar, today: Self.today) }
        let state = AppState(caseload: summaries, today: Self.today, databaseLabel: "test")
        for view in TriageView.allCases {
            let measure = try #require(Self.measures[view.measureID], "\(view)")
            #expect(Double(state.viewCounts[view] ?? 0) == measure.value, "\(view)")
            #expect(summaries.filter { view.contains($0) }.map(\.id).sorted() == measure.cases, "\(view)")
            #expect(measure.value > 0, "\(view): an empty view proves nothing")
        }
    }

    @Test("the reviews screen's \"Overdue, no meeting\" is the catalogue's caseload.reviewsOverdueNoMeeting")
    func reviewsScreen() throws {
        let calendar = StatutoryCalendar()
        let rows = Self.cases.compactMap { PlanReviewRow($0, calendar: calendar, today: Self.today) }
        var state = AppState(caseload: [], today: Self.today, databaseLabel: "test")
        _ = reduce(&state, .openReviews)
        _ = reduce(&state, .reviewsLoaded(PlanReviewRow.inUrgencyOrder(rows)))
        let screen = try #require(state.reviews)
        let measure = try #require(Self.measures["caseload.reviewsOverdueNoMeeting"])
        #expect(Double(screen.count(.overdue)) == measure.value)
        #expect(measure.value > 0)
    }
}
