import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk report`: the figures team leads take to their boards and to the DfE.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print a management report for a period.",
        subcommands: [TimelinessReportCommand.self, AdviceReportCommand.self, ReviewsReportCommand.self,
                      AuditsReportCommand.self, MeasuresReportCommand.self])
}

/// The options of every report over a period: the global ones, the conventions, the period, the format.
struct ReportOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Option(help: "The first day of the period, YYYY-MM-DD.") var from: String
    @Option(help: "The last day of the period, YYYY-MM-DD (included).") var to: String
    @Option(help: "The output format.") var format: TableFormat = .table

    func validate() throws {
        _ = try period()
    }

    /// The period (checked by `validate()` before any command runs).
    func period() throws -> (from: CalendarDate, to: CalendarDate) {
        guard let first = CalendarDate(from) else {
            throw ValidationError("--from \"\(from)\" is not a date in the form YYYY-MM-DD")
        }
        guard let last = CalendarDate(to) else { throw ValidationError("--to \"\(to)\" is not a date in the form YYYY-MM-DD") }
        guard first <= last else { throw ValidationError("--from \(from) is after --to \(to): the period would be empty") }
        return (first, last)
    }

}

/// `ehcdesk report timeliness`: SEN2-consistent timeliness of final plans issued in the period.
struct TimelinessReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeliness", abstract: "Final plans issued in the period and how many within 20 weeks (SEN2).")

    @OptionGroup var options: ReportOptions
    @Option(help: "Group the plans by month of issue or by caseworker.") var by: Timeliness.Grouping?

    func run() throws {
        let effective = try options.rules.effective(environment: options.global.environment)
        let (from, to) = try options.period()
        let plans = try options.global.openStore(.read).issuedPlans(from: from, to: to)
        let today = try options.global.resolvedToday()
        let timeliness = Timeliness(settings: effective.settings)
        let report = timeliness.report(forPlans: plans, from: from, to: to, groupedBy: by, today: today)
        let groupTitle = by?.rawValue ?? "plans"
        var table = ReportTable(
            columns: [.init("key", title: groupTitle), .init("plansIssued", title: "issued", number: true),
                      .init("withinTwentyWeeks", title: "within 20 wk", number: true),
                      .init("percentWithin", title: "%", number: true),
                      .init("plansIssuedExcludingExceptions", title: "issued excl. exc.", number: true),
                      .init("withinTwentyWeeksExcludingExceptions", title: "within excl. exc.", number: true),
                      .init("percentWithinExcludingExceptions", title: "% excl. exc.", number: true)],
            rows: [Self.row(report.overall, key: "all")] + report.groups.map { Self.row($0, key: $0.key) },
            summary: nil,
            definitions: [
                ReportDefinitions.period(from: from, to: to, counted: "final EHC plans whose issue date falls in it,"
                                         + " whenever the request was made"),
                "Within 20 weeks: issued on or before the finalPlan due date, the request date + 20 weeks"
                    + " (140 days; 139 with dayOne counting) (Regs 2014 reg 13(2)).",
                "Excluding exceptions (the DfE headline): plans with a valid exception on finalPlan (reg 13(3),"
                    + " SEN2 week20) are left out of both numerator and denominator.",
                "Percentages are rounded to one decimal place; '-' (null) when no plan was issued.",
                ReportDefinitions.conventions(effective),
            ])
        table.title = ReportDefinitions.title("Timeliness of new EHC plans", from: from, to: to, effective)
        table.board = (table.columns, report.groups.map { Self.row($0, key: $0.key) } + [Self.row(report.overall, key: "Total")])
        if options.format == .html {
            let monthly = by == .month ? report : timeliness.report(forPlans: plans, from: from, to: to, groupedBy: .month, today: today)
            table.chart = ReportTable.monthlyChart(monthly, national: effective.nationalPercent)
        }
        var json: [(String, JSONValue)] = [("from", .string(from.description)), ("to", .string(to.description))]
        json += Self.figures(report.overall)
        json.append(("groups", .array(report.groups.map { .object([("key", .string($0.key))] + Self.figures($0)) })))
        try table.write(options.format, json: .object(json))
    }

    static func row(_ figures: Timeliness.Figures, key: String) -> [ReportTable.Value] {
        [.text(key)] + values(figures).map(\.1)
    }

    /// The six counts and percentages under their contract keys.
    static func figures(_ figures: Timeliness.Figures) -> [(String, JSONValue)] {
        values(figures).map { ($0, $1.json) }
    }

    static func values(_ figures: Timeliness.Figures) -> [(String, ReportTable.Value)] {
        [("plansIssued", .integer(figures.plansIssued)),
         ("withinTwentyWeeks", .integer(figures.withinTwentyWeeks)),
         ("percentWithin", .decimal(figures.percentWithin)),
         ("plansIssuedExcludingExceptions", .integer(figures.plansIssuedExcludingExceptions)),
         ("withinTwentyWeeksExcludingExceptions", .integer(figures.withinTwentyWeeksExcludingExceptions)),
         ("percentWithinExcludingExceptions", .decimal(figures.percentWithinExcludingExceptions))]
    }
}

/// `ehcdesk report advice`: advice requested in the period, per agency.
struct AdviceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advice", abstract: "Advice requested in the period per agency, and how much came back within 6 weeks.")

    @OptionGroup var options: ReportOptions

    func run() throws {
        let effective = try options.rules.effective(environment: options.global.environment)
        let cases = try options.global.openStore(.read).allCases()
        let (from, to) = try options.period()
        let today = try options.global.resolvedToday()
        let agencies = AdviceTimeliness(settings: effective.settings).report(for: cases, from: from, to: to, today: today)
        var table = ReportTable(
            columns: [.init("agency"), .init("requested", number: true),
                      .init("returnedWithinSixWeeks", title: "within 6 wk", number: true),
                      .init("percentWithin", title: "%", number: true),
                      .init("medianDays", title: "median days", number: true),
                      .init("outstanding", number: true), .init("outstandingOverdue", title: "overdue", number: true)],
            rows: agencies.map(Self.cells),
            summary: nil,
            definitions: [
                ReportDefinitions.period(from: from, to: to, counted: "advice items whose request date falls in it"),
                "Within 6 weeks: received on or before the request date + 6 weeks (Regs 2014 reg 8(1)) and not returned"
                    + " for more detail; exceptions do not remove items.",
                "Median days: request to receipt, over the items received. Outstanding: on a case still open or with a plan"
                    + " in force, not received, or returned and not received again; overdue: outstanding and \(today) is"
                    + " after the due date (the catalogue's advice.* measures).",
                ReportDefinitions.conventions(effective),
            ])
        table.title = ReportDefinitions.title("Advice for EHC needs assessments", from: from, to: to, effective)
        // Every agency's lists together: the Total row of the board paper.
        var total = AdviceTimeliness.AgencyFigures(agency: .other)
        for figures in agencies {
            total.requestedCaseIDs += figures.requestedCaseIDs
            total.withinCaseIDs += figures.withinCaseIDs
            total.outstandingCaseIDs += figures.outstandingCaseIDs
            total.outstandingOverdueCaseIDs += figures.outstandingOverdueCaseIDs
            total.daysToReturn += figures.daysToReturn
        }
        table.board = (table.columns, agencies.map { [.text($0.agency.displayName)] + Self.cells($0).dropFirst() }
                           + [[.text("Total")] + Self.cells(total).dropFirst()])
        try table.write(options.format, json: .object([
            ("from", .string(from.description)), ("to", .string(to.description)),
            ("agencies", .array(table.rows.map(table.jsonObject))),
        ]))
    }
}

extension AdviceReportCommand {
    /// One agency's row: its code (CSV and JSON keep the interchange vocabulary) and its figures.
    static func cells(_ figures: AdviceTimeliness.AgencyFigures) -> [ReportTable.Value] {
        [.text(figures.agency.rawValue), .integer(figures.requested), .integer(figures.returnedWithinSixWeeks),
         .decimal(figures.percentWithin), .decimal(figures.medianDays), .integer(figures.outstanding),
         .integer(figures.outstandingOverdue)]
    }
}

extension Timeliness.Grouping: ExpressibleByArgument {}
