import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk report reviews`: annual-review and phase-transfer compliance for a period.
struct ReviewsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews", abstract: "Annual reviews due and concluded on time, decisions within 4 weeks, "
            + "reviews overdue now, and the phase-transfer cohort of the period's end year.")

    @OptionGroup var options: ReportOptions

    func run() throws {
        let effective = try options.rules.effective(environment: options.global.environment)
        let (from, to) = try options.period()
        let today = try options.global.resolvedToday()
        let figures = ReviewCompliance(calendar: StatutoryCalendar(settings: effective.settings))
            .figures(for: try options.global.openStore(.read).allCases(), from: from, to: to, today: today)
        let percent = ReviewCompliance.Figures.percent
        // What is not yet due is neither on time nor late: it is counted apart and left out of the percentages.
        func due(_ all: [String], less notYet: [String]) -> [String] {
            var remaining = notYet
            return all.filter { id in
                guard let index = remaining.firstIndex(of: id) else { return true }
                remaining.remove(at: index)
                return false
            }
        }
        let reviewsDueNow = due(figures.reviewsDue, less: figures.reviewsNotYetDue)
        let transfersDueNow = due(figures.phaseTransfersDue, less: figures.phaseTransfersNotYetDue)
        let measures: [(String, String, Int, Int?, Double?)] = [
            ("reviews", "annual reviews due in the period, by \(today)", reviewsDueNow.count,
             figures.reviewsConcludedOnTime.count, percent(figures.reviewsConcludedOnTime, reviewsDueNow)),
            ("reviewsNotYetDue", "annual reviews due in the period after \(today)", figures.reviewsNotYetDue.count, nil, nil),
            ("decisions", "review meetings held in the period", figures.reviewMeetings.count,
             figures.decisionsWithinFourWeeks.count, percent(figures.decisionsWithinFourWeeks, figures.reviewMeetings)),
            ("phaseTransfers", "phase transfers in \(figures.phaseTransferYear), deadline passed", transfersDueNow.count,
             figures.phaseTransfersMet.count, percent(figures.phaseTransfersMet, transfersDueNow)),
            ("phaseTransfersNotYetDue", "phase transfers in \(figures.phaseTransferYear), deadline to come",
             figures.phaseTransfersNotYetDue.count, nil, nil),
            ("overdueNow", "plans whose next review is overdue on \(today)", figures.reviewsOverdue.count, nil, nil),
        ]
        var table = ReportTable(
            columns: [.init("measure"), .init("what"), .init("count", number: true),
                      .init("onTime", title: "on time", number: true), .init("percentOnTime", title: "%", number: true)],
            rows: measures.map { [.text($0.0), .text($0.1), .integer($0.2), $0.3.map { .integer($0) } ?? .text(""), .decimal($0.4)] },
            summary: nil,
            definitions: [
                ReportDefinitions.period(from: from, to: to, counted: "annualReview deadlines falling due in it and review meetings held in it"),
                "Concluded on time: the review decision notified on or before the annualReview due date, 12 months starting with"
                    + " the plan's issue or the last review's decision (CFA 2014 s.44(1)).",
                "Decisions within 4 weeks: decision on or before the meeting + 4 weeks (Regs 2014 reg 20(10)).",
                "Phase transfers: cases transferring in \(figures.phaseTransferYear) (the year of --to); met: amended plan issued"
                    + " by the reg 18(1) deadline (before 15 February, or 31 March into post-16).",
                "Overdue now: plans whose next annualReview is overdue on \(today); ceased and closed plans are not counted.",
                "Not yet due: due in the period but after \(today) and not yet met; neither on time nor late, they are left"
                    + " out of the percentages (the JSON's reviewsDue and phaseTransfersDue still include them).",
                ReportDefinitions.conventions(effective),
            ])
        let counts: [(String, Int)] = [
            ("reviewsDue", figures.reviewsDue.count), ("reviewsConcludedOnTime", figures.reviewsConcludedOnTime.count),
            ("reviewMeetings", figures.reviewMeetings.count),
            ("decisionsWithinFourWeeks", figures.decisionsWithinFourWeeks.count),
            ("reviewsOverdue", figures.reviewsOverdue.count), ("phaseTransferYear", figures.phaseTransferYear),
            ("phaseTransfersDue", figures.phaseTransfersDue.count), ("phaseTransfersMet", figures.phaseTransfersMet.count),
            ("reviewsNotYetDue", figures.reviewsNotYetDue.count),
            ("phaseTransfersNotYetDue", figures.phaseTransfersNotYetDue.count),
        ]
        table.title = ReportDefinitions.title("Annual reviews and phase transfers", from: from, to: to, effective)
        // The board paper names each line in words only.
        table.board = (Array(table.columns.dropFirst()), table.rows.map { Array($0.dropFirst()) })
        let period: [(String, JSONValue)] = [("from", .string(from.description)), ("to", .string(to.description))]
        try table.write(options.format, json: .object(period + counts.map { ($0.0, .number(String($0.1))) }))
    }
}

/// `ehcdesk report audits`: QA audit grades by month and caseworker, and the questions most often failed.
struct AuditsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audits", abstract: "Audit grades by month or caseworker, and the questions most often answered no.")

    /// What the rows of the table, CSV and Markdown formats are (JSON always carries all three).
    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case month, caseworker, question
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: "The first day of the period (default: the earliest audit).") var from: String?
    @Option(help: "The last day of the period (default: today).") var to: String?
    @Option(help: "Rows by month, caseworker or question.") var by: Grouping = .month
    @Option(help: "The output format.") var format: TableFormat = .table

    func validate() throws {
        for (option, text) in [("--from", from), ("--to", to)] {
            if let text, CalendarDate(text) == nil {
                throw ValidationError("\(option) \"\(text)\" is not a date in the form YYYY-MM-DD")
            }
        }
    }

    func run() throws {
        let store = try global.openStore(.read)
        let audits = try store.planAudits()
        let caseworkerOf = Dictionary(try store.allCases().map { ($0.id, $0.caseworker) }, uniquingKeysWith: { a, _ in a })
        let today = try global.resolvedToday()
        let start = from.flatMap { CalendarDate($0) } ?? audits.compactMap(\.finished).min() ?? today
        let end = to.flatMap { CalendarDate($0) } ?? today
        let summary = AuditSummary(audits: audits, caseworkerOf: caseworkerOf, from: start, to: end)
        let questionText = Dictionary(
            (try AuditTemplateLibrary.load(environment: global.environment)).flatMap(\.questions).map { ($0.id, $0.text) },
            uniquingKeysWith: { first, _ in first })
        let gradeColumns = AuditGrade.allCases.map { ReportTable.Column($0.rawValue, title: $0.displayName, number: true) }
        func gradeRow(_ group: AuditSummary.Group) -> [ReportTable.Value] {
            [.text(group.key)] + AuditGrade.allCases.map { .integer(group.counts[$0] ?? 0) } + [.integer(group.total)]
        }
        let failureRows: [[ReportTable.Value]] = summary.mostOftenNo.map { failure in
            [.text(failure.questionID), .text(questionText[failure.questionID] ?? ""), .integer(failure.failed),
             .integer(failure.answered)]
        }
        let table: ReportTable
        let definitions = [
            ReportDefinitions.period(from: start, to: end, counted: "finished audits, by the day they were finished"),
            "The grade counted is the moderated one where a second auditor changed it.",
            "Failed: answered no, or the lowest grade (1); not applicable is not an answer.",
        ]
        switch by {
        case .month, .caseworker:
            table = ReportTable(columns: [.init("key", title: by.rawValue)] + gradeColumns + [.init("total", number: true)],
                                rows: [gradeRow(summary.overall)] + (by == .month ? summary.byMonth : summary.byCaseworker).map(gradeRow),
                                summary: nil, definitions: definitions)
        case .question:
            table = ReportTable(columns: [.init("question"), .init("text"), .init("failed", number: true),
                                          .init("answered", number: true)],
                                rows: failureRows, summary: nil, definitions: definitions)
        }
        func groups(_ list: [AuditSummary.Group]) -> JSONValue {
            .array(list.map { group in
                .object([("key", .string(group.key))]
                        + AuditGrade.allCases.map { ($0.rawValue, .number(String(group.counts[$0] ?? 0))) }
                        + [("total", .number(String(group.total)))])
            })
        }
        try table.write(format, json: .object([
            ("from", .string(start.description)), ("to", .string(end.description)),
            ("audits", .number(String(summary.overall.total))),
            ("grades", .object(AuditGrade.allCases.map { ($0.rawValue, .number(String(summary.overall.counts[$0] ?? 0))) })),
            ("byMonth", groups(summary.byMonth)), ("byCaseworker", groups(summary.byCaseworker)),
            ("mostOftenNo", .array(summary.mostOftenNo.map { failure in
                .object([("question", .string(failure.questionID)), ("text", .string(questionText[failure.questionID])),
                         ("failed", .number(String(failure.failed))), ("answered", .number(String(failure.answered)))])
            })),
        ]))
    }
}
