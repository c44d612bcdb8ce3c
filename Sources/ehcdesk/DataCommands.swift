import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk export`: every case with its computed deadlines, for scripts and other systems.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every case to stdout (ehcdesk/1 JSON) with computed deadlines.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Option(help: "The output format.") var format: ExportFormat = .json

    func run() throws {
        let store = try global.openStore()
        let calendar = StatutoryCalendar(settings: try rules.effective(environment: global.environment).settings)
        let document = InterchangeDocument.export(try store.allCases(), calendar: calendar,
                                                  today: try global.resolvedToday())
        FileHandle.standardOutput.write(Data((document.serialized() + "\n").utf8))
    }
}

/// `ehcdesk import FILE`: all or nothing; every problem is reported with its place.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import cases from an ehcdesk/1 JSON file, all or nothing.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Flag(help: "Replace existing cases with the same reference (recorded in the audit trail).")
    var update = false
    @Argument(help: "The file to import (.json).") var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(description: "\(file): cannot be read (does it exist?)")
        }
        let cases = try InterchangeDocument.read(Array(data), file: file)
        let settings = try rules.effective(environment: global.environment).settings
        let databaseExisted = FileManager.default.fileExists(atPath: global.databasePath)
        let store = try global.openStore()
        let result: ImportResult
        do {
            result = try store.importCases(cases, file: file, updateExisting: update, by: global.actingUser,
                                           check: ConsistencyCheck(settings: settings), today: try global.resolvedToday())
        } catch {
            // A refused import into a database it created leaves no database behind: nothing was there before.
            if !databaseExisted {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: global.databasePath + suffix) }
            }
            throw error
        }
        print("imported \(result.inserted) new and \(result.updated) updated cases from \(file)")
    }
}

/// `ehcdesk case ID`: one case, every deadline with its status and explanation.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Print one case: its facts and every deadline with status and explanation.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Option(help: "The output format.") var format: CaseFormat = .text
    @Argument(help: "The case reference, e.g. EHC-2025-00123.") var id: String

    func run() throws {
        let store = try global.openStore()
        guard let (ehcCase, _) = try store.fetchCase(id: id) else { throw StoreError.caseNotFound(id: id) }
        let calendar = StatutoryCalendar(settings: try rules.effective(environment: global.environment).settings)
        let today = try global.resolvedToday()
        if format == .json {
            print(InterchangeDocument.exportCase(ehcCase, calendar: calendar, today: today).serialized())
        } else {
            print(CaseReport.text(ehcCase, calendar: calendar, today: today))
        }
    }
}

/// `ehcdesk settings`: the counting conventions in force and where each came from.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Print the effective counting conventions and where each came from.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions

    func run() throws {
        let effective = try rules.effective(environment: global.environment)
        let values = [
            "counting": effective.settings.counting.rawValue,
            "reviewPeriod": effective.settings.reviewPeriod.rawValue,
            "phaseDeadline": effective.settings.phaseDeadline.rawValue,
            "dueSoonDays": String(effective.settings.dueSoonDays),
        ]
        for name in EffectiveSettings.names {
            let value = values[name]!
            print(name.padding(toLength: 15, withPad: " ", startingAt: 0)
                  + value.padding(toLength: 16, withPad: " ", startingAt: 0) + "(" + effective.sources[name]! + ")")
        }
    }
}

/// The formats `export` writes.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case json
}

/// The formats `case` prints.
enum CaseFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The formats of tabular commands such as `overdue` and `report` (see ``ReportTable``).
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown
}
