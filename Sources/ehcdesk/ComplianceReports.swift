import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk report reviews`: annual reviews and phase transfers due in a period, in the DfE's
/// categories, every number read from the catalogue (``MeasureCatalogue``): the same figures as
/// `report measures` and the dashboard.
struct ReviewsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews", abstract: "Annual reviews due in the period and concluded on time, meetings and decisions "
            + "within 4 weeks, reviews overdue now, and the phase transfers due in the period.")

    @OptionGroup var options: ReportOptions

    func run() throws {
        let effective = try options.rules.effective(environment: options.global.environment)
        let (from, to) = try options.period()
        let today = try options.global.resolvedToday()
        let catalogue = MeasureCatalogue(settings: effective.settings)
        let measures = try MeasuresReportCommand.measures(catalogue, of: try options.global.openStore(.read),
                                                          from: from, to: to, today: today)
        func count(_ id: String) -> Int { Int(measures[id]?.value ?? 0) }
        // What is not yet due is neither on time nor late: it is counted apart and left out of the percentages.
        let reviewsDueNow = count("reviews.expected") - count("reviews.notYetDue")
        let transfersDueNow = count("phaseTransfers.due") - count("phaseTransfers.notYetDue")
        let rows: [(String, String, Int, Int?, Double?)] = [
            ("reviews", "annual reviews due in the period, by \(today)", reviewsDueNow, count("reviews.concludedOnTime"),
             Timeliness.percent(count("reviews.concludedOnTime"), of: reviewsDueNow)),
            ("reviewsNotYetDue", "annual reviews due in the period after \(today), no meeting yet", count("reviews.notYetDue"), nil, nil),
            ("noMeeting", "annual reviews due by \(today) with no meeting recorded", count("reviews.noMeeting"), nil, nil),
            ("decisions", "review meetings recorded (reviews due in the period)", count("reviews.meetingRecorded"),
             count("reviews.decisionWithin4Weeks"), Timeliness.percent(count("reviews.decisionWithin4Weeks"), of: count("reviews.meetingRecorded"))),
            ("decisionOutstanding", "meetings recorded with no decision notified", count("reviews.decisionOutstanding"), nil, nil),
            ("phaseTransfers", "phase transfers due in the period, deadline passed", transfersDueNow,
             count("phaseTransfers.issuedOnTime"), Timeliness.percent(count("phaseTransfers.issuedOnTime"), of: transfersDueNow)),
            ("phaseTransfersNotYetDue", "phase transfers due in the period, deadline to come", count("phaseTransfers.notYetDue"),
             nil, nil),
            ("overdueNow", "plans whose review is overdue on \(today)", count("caseload.reviewsOverdue"), nil, nil),
        ]
        let used = ["reviews.expected", "reviews.concludedOnTime", "reviews.notYetDue", "reviews.noMeeting",
                    "reviews.meetingRecorded", "reviews.decisionWithin4Weeks", "reviews.decisionOutstanding",
                    "phaseTransfers.due", "phaseTransfers.issuedOnTime", "phaseTransfers.notYetDue", "caseload.reviewsOverdue"]
        var table = ReportTable(
            columns: [.init("measure"), .init("what"), .init("count", number: true),
                      .init("onTime", title: "on time", number: true), .init("percentOnTime", title: "%", number: true)],
            rows: rows.map { [.text($0.0), .text($0.1), .integer($0.2), $0.3.map { .integer($0) } ?? .text(""), .decimal($0.4)] },
            summary: nil,
            definitions: [ReportDefinitions.period(from: from, to: to, counted: "annualReview and phaseTransfer deadlines falling due in it")]
                + MeasuresReportCommand.definitions(measures).filter { line in used.contains { line.contains("(\($0))") } }
                + ["Not yet due: due in the period but after \(today) with no meeting (a transfer: not issued); neither on time "
                    + "nor late, they are left out of the percentages (the JSON's reviewsDue and phaseTransfersDue include them).",
                   ReportDefinitions.conventions(effective)])
        // The JSON's keys are those of earlier versions, their numbers now the catalogue's (phaseTransferYear: the year of --to).
        let counts: [(String, Int)] = [
            ("reviewsDue", count("reviews.expected")), ("reviewsConcludedOnTime", count("reviews.concludedOnTime")),
            ("reviewMeetings", count("reviews.meetingRecorded")),
            ("decisionsWithinFourWeeks", count("reviews.decisionWithin4Weeks")),
            ("reviewsOverdue", count("caseload.reviewsOverdue")), ("phaseTransferYear", to.year),
            ("phaseTransfersDue", count("phaseTransfers.due")), ("phaseTransfersMet", count("phaseTransfers.issuedOnTime")),
            ("reviewsNotYetDue", count("reviews.notYetDue")),
            ("phaseTransfersNotYetDue", count("phaseTransfers.notYetDue")),
            ("reviewsNoMeeting", count("reviews.noMeeting")), ("decisionsOutstanding", count("reviews.decisionOutstanding")),
            ("phaseTransfersLate", count("phaseTransfers.issuedLate")), ("phaseTransfersOverdue", count("phaseTransfers.overdue")),
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
