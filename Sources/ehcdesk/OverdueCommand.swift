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

    func run() throws {
        let store = try global.openStore(.read)
        let effective = try rules.effective(environment: global.environment)
        let today = try global.resolvedToday()
        // The stored deadlines, by one indexed query (recomputed first if the settings or the facts
        // changed, with a progress bar once that has taken a second).
        let bar = ProgressBar(title: "recomputing the stored deadlines")
        let started = Date()
        let rows = try store.overdueDeadlines(today: today, settings: effective.settings, notice: { notice in
            bar.finish()
            FileHandle.standardError.write(Data((notice + "\n").utf8))
        }, progress: { done, total in
            if Date().timeIntervalSince(started) > 1 { bar.show(done: done, total: total) }
        })
        bar.finish()
        let table = ReportTable(
            columns: [.init("id", title: "case"), .init("key", title: "deadline"), .init("due"),
                      .init("daysOverdue", title: "days over", number: true), .init("caseworker")],
            rows: rows.map { [.text($0.caseID), .text($0.key), .text($0.due.description), .integer($0.due.days(until: today)),
                              .text($0.caseworker)] },
            summary: "\(rows.count) overdue deadlines on \(today)",
            definitions: ["A deadline is overdue when it is not met and \(today) is after its due date;"
                          + " deadlines relieved by an exception are listed too.",
                          ReportDefinitions.conventions(effective)])
        try table.write(format)
    }
}
