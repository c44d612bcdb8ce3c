import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk check`: every data-quality finding of the SEN2 return and the inspection list, as of
/// a census date, so faults are fixed all year rather than in January.
///
/// Exits 0 when no error remains (queries alone do not count), 1 when any does, like a linter:
/// a nightly job can mail the list when the exit status says so.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List every data-quality finding for the SEN2 return and the inspection list.",
        discussion: "Errors block `export --format sen2`; queries may be explained. The rules are in docs/sen2.md.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Option(help: "The census date to check against (default: the coming SEN2 census).") var census: String?
    @Option(help: "The output format.") var format: TableFormat = .table

    func run() throws {
        let store = try global.openStore(.read)
        let effective = try rules.effective(environment: global.environment)
        let censusDay = try Self.censusDay(census, today: try global.resolvedToday())
        let findings = try store.dataQualityFindings(census: censusDay, calendar: StatutoryCalendar(settings: effective.settings))
        let errors = findings.count { $0.severity == .error }
        let fired = DataQualityRule.all.filter { rule in findings.contains { $0.rule == rule.id } }
        let table = ReportTable(
            columns: [.init("rule"), .init("severity"), .init("person"), .init("case"), .init("field"), .init("message")],
            rows: findings.map { finding in
                [.text(finding.rule), .text(finding.severity.rawValue), .text(finding.personID ?? ""),
                 .text(finding.caseID ?? ""), .text(finding.field), .text(finding.message)]
            },
            summary: "\(errors) errors and \(findings.count - errors) queries, checked against the census \(censusDay)",
            definitions: ["Checked as of the census \(censusDay). Errors block export --format sen2; queries may be explained."]
                + fired.map { "\($0.id) (\($0.severity.rawValue)): \($0.title). Source: \($0.source)." })
        try table.write(format)
        if errors > 0 { throw ExitCode(1) }
    }

    /// `--census`, or the coming census after today (a year on when none is known).
    static func censusDay(_ text: String?, today: CalendarDate) throws -> CalendarDate {
        if let text {
            guard let day = CalendarDate(text) else { throw ValidationError("--census \"\(text)\" is not a date YYYY-MM-DD") }
            return day
        }
        return SEN2Collection.censusToCheck(after: today)
    }
}
