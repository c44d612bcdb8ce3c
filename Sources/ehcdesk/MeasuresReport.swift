import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk report measures`: the whole catalogue of the DfE's measures for a period, each with
/// its definition and (in JSON) the cases behind it; `--by` repeats it per month or caseworker.
struct MeasuresReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: "Every measure of the catalogue (the DfE's published measures) for the period, with the cases behind each.")

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case month, caseworker
    }

    @OptionGroup var options: ReportOptions
    @Option(help: "Repeat the catalogue for each month of the period or each caseworker.") var by: Grouping?

    func run() throws {
        let effective = try options.rules.effective(environment: options.global.environment)
        let (from, to) = try options.period()
        let today = try options.global.resolvedToday()
        let store = try options.global.openStore(.read)
        let catalogue = MeasureCatalogue(settings: effective.settings)
        // Grouped, every case is needed in one place, and the whole comes from it; otherwise the
        // catalogue is tallied part by part on every core, each part read from the same snapshot.
        let cases = by == nil ? [] : try store.allCases()
        let overall = by == nil
            ? try Self.measures(catalogue, of: store, from: from, to: to, today: today)
            : catalogue.measures(for: cases, from: from, to: to, today: today)
        let groups = Self.groups(by, cases: cases, from: from, to: to).map { group in
            (key: group.key, measures: catalogue.measures(for: group.cases, from: group.from, to: group.to, today: today))
        }
        var table = ReportTable(
            columns: [.init("id", title: "measure"), .init("label", title: "what"), .init("value", number: true)]
                + groups.map { .init($0.key, number: true) },
            rows: overall.enumerated().map { index, measure in
                [.text(measure.id), .text(measure.label), Self.value(measure)]
                    + groups.map { Self.value($0.measures[index]) }
            },
            summary: "\(Int(overall["plans.issued"]?.value ?? 0)) plans issued \(from) to \(to); the caseload on \(today)"
                + ((overall["plans.issued"]?.value ?? 0) == 0 ? "; no plans issued in the period" : ""),
            definitions: Self.definitions(overall) + [ReportDefinitions.conventions(effective)])
        table.title = ReportDefinitions.title("SEND measures", from: from, to: to, effective)
        // On paper a part reads under its whole: "of which within 20 weeks" under "New EHC plans issued".
        table.board = (Array(table.columns.dropFirst()), table.rows.map { row in
            row.dropFirst().enumerated().map { place, cell in
                guard place == 0, case .text(let label) = cell, label.first?.isLowercase == true else { return cell }
                return .text("of which " + label)
            }
        })
        if options.format == .html {
            let plans = try store.issuedPlans(from: from, to: to)
            table.chart = ReportTable.monthlyChart(
                Timeliness(settings: effective.settings).report(forPlans: plans, from: from, to: to, groupedBy: .month, today: today),
                national: effective.nationalPercent)
        }
        let json = JSONValue.object([
            ("from", .string(from.description)), ("to", .string(to.description)), ("today", .string(today.description)),
            ("measures", .array(overall.map(Self.json))),
            ("groups", .array(groups.map { group in
                .object([("key", .string(group.key)), ("measures", .array(group.measures.map(Self.json)))])
            })),
        ])
        try table.write(options.format, json: json)
    }

    /// The whole catalogue for the period, tallied on every core from the stored deadlines (or,
    /// when they cannot be trusted, from the facts, saying why on standard error).
    static func measures(_ catalogue: MeasureCatalogue, of store: CaseStore, from: CalendarDate, to: CalendarDate,
                         today: CalendarDate) throws -> [Measure] {
        catalogue.measures(merging: try store.foldMeasureCases(settings: catalogue.settings, today: today, from: from, notice: { notice in
            FileHandle.standardError.write(Data((notice + "\n").utf8))
        }, into: { MeasureCatalogue.Tally() }) { tally, cases in catalogue.add(cases, from: from, to: to, today: today, to: &tally) })
    }

    /// `New EHC plans issued: within 20 weeks (plans.within20Weeks): Of those, issued by …`: the
    /// label a board reads, the id a script or the JSON uses, then the definition.
    static func definitions(_ measures: [Measure]) -> [String] {
        let labels = measures.fullLabels()
        return measures.map { "\(labels[$0.id] ?? $0.label) (\($0.id)): \($0.definition)" }
    }

    static func value(_ measure: Measure) -> ReportTable.Value {
        measure.unit == .weeks ? .decimal(measure.value) : .integer(Int(measure.value))
    }

    static func json(_ measure: Measure) -> JSONValue {
        let value: JSONValue = measure.unit == .weeks ? .number(String(format: "%.1f", measure.value))
            : .number(String(Int(measure.value)))
        return .object([("id", .string(measure.id)), ("label", .string(measure.label)), ("value", value),
                        ("cases", .array(measure.cases.map(JSONValue.string)))])
    }

    /// The groups `--by` asks for: each month of the period (its own period) or each caseworker (their cases).
    static func groups(_ grouping: Grouping?, cases: [EHCCase], from: CalendarDate, to: CalendarDate)
        -> [(key: String, cases: [EHCCase], from: CalendarDate, to: CalendarDate)] {
        switch grouping {
        case nil:
            return []
        case .caseworker:
            return Dictionary(grouping: cases, by: \.caseworker).sorted { $0.key < $1.key }
                .map { (key: $0.key, cases: $0.value, from: from, to: to) }
        case .month:
            var months: [(key: String, cases: [EHCCase], from: CalendarDate, to: CalendarDate)] = []
            var start = from.firstOfMonth
            while start <= to {
                let next = start.adding(months: 1)
                let key = Timeliness.monthKey(start)
                months.append((key: key, cases: cases, from: max(start, from), to: min(next.adding(days: -1), to)))
                start = next
            }
            return months
        }
    }
}
