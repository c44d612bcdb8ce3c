import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk overdue`: every deadline overdue on `--today`, most overdue first.
struct OverdueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue", abstract: "List every deadline that is overdue today, most overdue first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Option(help: "The output format.") var format: TableFormat = .table

    struct Row {
        var id: String
        var key: String
        var due: CalendarDate
        var daysOverdue: Int
        var caseworker: String
    }

    func run() throws {
        let store = try global.openStore(.read)
        let effective = try rules.effective(environment: global.environment)
        let calendar = StatutoryCalendar(settings: effective.settings)
        let today = try global.resolvedToday()
        var rows: [Row] = []
        for ehcCase in try store.allCases() {
            for deadline in calendar.deadlines(for: ehcCase, today: today) where deadline.status == .overdue {
                rows.append(Row(id: ehcCase.id, key: deadline.key, due: deadline.due,
                                daysOverdue: deadline.daysOverdue(on: today), caseworker: ehcCase.caseworker))
            }
        }
        rows.sort { ($1.daysOverdue, $0.id, $0.key) < ($0.daysOverdue, $1.id, $1.key) }
        let table = ReportTable(
            columns: [.init("id", title: "case"), .init("key", title: "deadline"), .init("due"),
                      .init("daysOverdue", title: "days over", number: true), .init("caseworker")],
            rows: rows.map { [.text($0.id), .text($0.key), .text($0.due.description), .integer($0.daysOverdue),
                              .text($0.caseworker)] },
            summary: "\(rows.count) overdue deadlines on \(today)",
            definitions: ["A deadline is overdue when it is not met and \(today) is after its due date;"
                          + " deadlines relieved by an exception are listed too.",
                          ReportDefinitions.conventions(effective)])
        try table.write(format)
    }
}
