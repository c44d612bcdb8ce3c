import ArgumentParser
import CSV
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
        let store = try global.openStore()
        let calendar = StatutoryCalendar(settings: try rules.effective(environment: global.environment).settings)
        let today = try global.resolvedToday()
        var rows: [Row] = []
        for ehcCase in try store.allCases() {
            for deadline in calendar.deadlines(for: ehcCase, today: today) where deadline.status == .overdue {
                rows.append(Row(id: ehcCase.id, key: deadline.key, due: deadline.due,
                                daysOverdue: deadline.daysOverdue(on: today), caseworker: ehcCase.caseworker))
            }
        }
        rows.sort { ($1.daysOverdue, $0.id, $0.key) < ($0.daysOverdue, $1.id, $1.key) }
        switch format {
        case .json:
            let items: [JSONValue] = rows.map { row in
                .object([("id", .string(row.id)), ("key", .string(row.key)), ("due", .string(row.due.description)),
                         ("daysOverdue", .number(String(row.daysOverdue))), ("caseworker", .string(row.caseworker))])
            }
            print(JSONValue.array(items).serialized())
        case .csv:
            let stream = OutputStream(toMemory: ())
            let writer = try CSVWriter(stream: stream)
            try writer.write(row: ["id", "key", "due", "daysOverdue", "caseworker"])
            for row in rows {
                writer.beginNewRow()
                try writer.write(row: [row.id, row.key, row.due.description, String(row.daysOverdue), row.caseworker])
            }
            writer.stream.close()
            let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        case .table:
            print("case".padding(toLength: 16, withPad: " ", startingAt: 0) + "deadline".padding(toLength: 32, withPad: " ", startingAt: 0)
                  + "due         days over  caseworker")
            for row in rows {
                print(row.id.padding(toLength: 16, withPad: " ", startingAt: 0)
                      + row.key.padding(toLength: 32, withPad: " ", startingAt: 0)
                      + row.due.description + "  " + String(row.daysOverdue).leftPadded(9) + "  " + row.caseworker)
            }
            print("\(rows.count) overdue deadlines on \(today)")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
