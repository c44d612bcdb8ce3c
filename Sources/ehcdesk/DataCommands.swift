import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk export`: every case with its computed deadlines, for scripts and other systems.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every case (ehcdesk/1 JSON or CSV) with computed deadlines, or the SEN2 return.",
        discussion: """
            --format csv prints cases.csv only; with --output DIR it writes cases.csv, advice.csv, \
            exceptions.csv, reviews.csv, placements.csv and deadlines.csv into DIR (created 0700), which import \
            reads back. --format sen2 --year YYYY --output FILE.xml writes the SEN2 person-level return for that \
            collection, and refuses while `ehcdesk check` finds any error (docs/sen2.md). --format annex-a \
            --output FILE.csv [--as-of DATE] writes the inspection's Annex A List 1.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Option(help: "The output format.") var format: ExportFormat = .json
    @Option(help: "A folder to write every CSV file into (CSV), or the file of the SEN2 return.") var output: String?
    @Option(help: "The SEN2 collection year, e.g. 2027 (the January census).") var year: Int?
    @Option(help: "The authority's 3-digit LA number (default: [organisation] laNumber in the config).") var la: String?
    @Option(help: "The day Annex A lists plans in force on (default: today).") var asOf: String?
    @Flag(help: "Replace the files an earlier export left at --output.") var force = false

    func validate() throws {
        switch format {
        case .json: if output != nil { throw ValidationError("--output is for --format csv or sen2") }
        case .csv: break
        case .sen2:
            guard output != nil else { throw ValidationError("--format sen2 needs --output FILE.xml") }
            guard year != nil else { throw ValidationError("--format sen2 needs --year YYYY, e.g. --year 2027") }
        case .annexA:
            guard output != nil else { throw ValidationError("--format annex-a needs --output FILE.csv") }
            if let asOf, CalendarDate(asOf) == nil { throw ValidationError("--as-of \"\(asOf)\" is not a date YYYY-MM-DD") }
        }
        if format != .sen2, year != nil || la != nil { throw ValidationError("--year and --la are for --format sen2") }
        if format != .annexA, asOf != nil { throw ValidationError("--as-of is for --format annex-a") }
    }

    func run() throws {
        let store = try global.openStore(.read)
        let effective = try rules.effective(environment: global.environment)
        let calendar = StatutoryCalendar(settings: effective.settings)
        let today = try global.resolvedToday()
        if format == .sen2, let output, let year {
            try SEN2Export(store: store, effective: effective, year: year, la: la, output: output, force: force,
                           today: today).run()
            return
        }
        if format == .annexA, let output {
            try writeAnnexA(store: store, asOf: asOf.flatMap { CalendarDate($0) } ?? today, to: output)
            return
        }
        guard format == .csv else {
            // Streamed: one chunk of cases at a time, so memory does not grow with the caseload; the
            // bytes are written on a thread of their own while the next chunk is read and made.
            let (audits, versions) = (try store.planAudits(), try store.versions())
            try WriteBehind.run(to: StandardOutput.write) { write in
                try InterchangeDocument.writeExport(
                    calendar: calendar, today: today, audits: audits, versions: versions,
                    chunks: { try store.forEachCaseChunk(of: 1_024, $0) }, write: write)
            }
            return
        }
        let versions = try store.versions()
        var count = 0
        func chunks(_ body: ([EHCCase]) throws -> Void) throws {
            try store.forEachCaseChunk(of: 1_024) { chunk in
                count += chunk.count
                try body(chunk)
            }
        }
        guard let output else {
            try CaseCSV.writeExport(calendar: calendar, today: today, versions: versions, files: ["cases.csv"],
                                    chunks: chunks, write: { _, text in try StandardOutput.write(text) })
            return
        }
        try writeFolder(to: output) { files in
            try CaseCSV.writeExport(calendar: calendar, today: today, versions: versions, files: Set(CaseCSV.fileNames),
                                    chunks: chunks, write: { name, text in try files.append(text, to: output + "/" + name) })
        }
        print("exported \(count) cases to \(output)/ (\(CaseCSV.fileNames.joined(separator: ", ")))")
    }

    /// Annex A List 1 into a private temporary file, put in place when complete.
    private func writeAnnexA(store: CaseStore, asOf: CalendarDate, to output: String) throws {
        if !force, SafeFile.kind(at: output) != .missing {
            throw CommandFailure(description: "ehcdesk: \(output) already exists; nothing was written (use --force to replace it)")
        }
        do {
            let files = try PendingFiles(paths: [output])
            let rows = try AnnexAList.write(store: store, asOf: asOf) { try files.append($0, to: output) }
            try files.commit()
            print("wrote Annex A List 1 as of \(asOf): \(rows) children and young people with a plan in force, to \(output)")
        } catch let problem as FileProblem {
            throw CommandFailure(description: "ehcdesk: cannot write Annex A: \(problem); nothing was written")
        }
    }

    /// Writes every file of a folder export a piece at a time into private temporary files (0600,
    /// in a 0700 folder), put in place only once all are complete; files an earlier export left
    /// there are replaced only with `--force`.
    private func writeFolder(to folder: String, _ fill: (PendingFiles) throws -> Void) throws {
        let existing = CaseCSV.fileNames.filter { SafeFile.kind(at: folder + "/" + $0) != .missing }
        if !force, !existing.isEmpty {
            throw CommandFailure(description: "ehcdesk: \(folder) already holds \(existing.joined(separator: ", ")); "
                                 + "nothing was written (use --force to replace them)")
        }
        do {
            let files = try PendingFiles(paths: CaseCSV.fileNames.map { folder + "/" + $0 })
            try fill(files)
            try files.commit()
        } catch let problem as FileProblem {
            throw CommandFailure(description: "ehcdesk: cannot write the export: \(problem); nothing was written")
        }
    }
}

/// `ehcdesk import FILE`: all or nothing; every problem is reported with its place.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import cases from ehcdesk/1 JSON or CSV, all or nothing.",
        discussion: """
            FILE is a .json file, a CSV folder written by `export --format csv --output DIR`, a .csv file \
            (cases.csv brings its sibling advice.csv, exceptions.csv, reviews.csv and placements.csv; any other \
            .csv is cases only), or a SEN2 person-level return (.xml).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Flag(help: "Replace existing cases with the same reference (recorded in the audit trail).")
    var update = false
    @Flag(help: "With --update, replace cases even if they were saved after the file was exported.")
    var force = false
    @Argument(help: "The file or CSV folder to import.") var file: String

    func run() throws {
        let source = try ImportSources.open(path: file)
        let settings = try rules.effective(environment: global.environment).settings
        let check = ConsistencyCheck(settings: settings)
        let today = try global.resolvedToday()
        func withProgressBar(_ work: (ProgressBar) throws -> ImportResult) throws -> ImportResult {
            let bar = ProgressBar(title: "importing \(file)")
            defer { bar.finish() }
            return try work(bar)
        }
        func importInto(_ store: CaseStore) throws -> ImportResult {
            try withProgressBar { bar in
                try store.importCases(source, updateExisting: update, force: force, by: global.actingUser,
                                      check: check, today: today, progress: bar.show)
            }
        }
        let path = global.databasePath
        var result: ImportResult?
        if SafeFile.kind(at: path) == .missing {
            // A new database is built under a private temporary name in one pass and put in place
            // only if the path is still free: a refused import leaves nothing behind, and never
            // removes a database another import created meanwhile.
            let temporary = try SafeFile.createExclusiveTemporary(beside: path)
            defer { SafeFile.removeDatabase(at: temporary) }
            let built = try withProgressBar { bar in
                try CaseStore.importIntoNewDatabase(at: temporary, source, by: global.actingUser, check: check,
                                                    today: today, progress: bar.show)
            }
            if try SafeFile.placeIfAbsent(temporary, at: path) { result = built }
        } else {
            // Into an existing database, every case is checked before it is opened for writing (a
            // refusal leaves it byte for byte); the write then checks each case again as it writes it.
            try CaseStore.checkImport(source, databasePath: path, updateExisting: update, force: force,
                                      check: check, today: today)
        }
        let done = try result ?? importInto(try global.openStore(.write))
        print("imported \(done.inserted) new and \(done.updated) updated cases from \(file)")
        if let sen2 = source as? SEN2Source { for note in sen2.notes { print("note: " + note) } }
    }
}

/// `ehcdesk case ID`: one case, every deadline with its status and explanation.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Print one case: its facts and every deadline with status and explanation.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Option(help: "The output format (pack: Markdown and HTML for inspectors, into --output DIR).") var format: CaseFormat = .text
    @Option(help: "The folder a pack is written into (created 0700).") var output: String?
    @Flag(help: "Replace a pack already in --output.") var force = false
    @Argument(help: "The case reference, e.g. EHC-2025-00123.") var id: String

    func validate() throws {
        if format == .pack, output == nil { throw ValidationError("--format pack needs --output DIR") }
        if format != .pack, output != nil { throw ValidationError("--output is for --format pack") }
    }

    func run() throws {
        let store = try global.openStore(.read)
        guard let (ehcCase, version) = try store.fetchCase(id: id) else { throw StoreError.caseNotFound(id: id) }
        let calendar = StatutoryCalendar(settings: try rules.effective(environment: global.environment).settings)
        let today = try global.resolvedToday()
        if format == .pack, let output {
            let pack = CasePack(ehcCase: ehcCase, history: try store.history(of: id), audits: try store.planAudits(caseID: id),
                                calendar: calendar, today: today)
            do {
                let paths = try pack.write(caseID: id, to: output, force: force)
                print("wrote the pack of \(id): \(paths.joined(separator: " and "))")
            } catch let problem as FileProblem {
                throw CommandFailure(description: "ehcdesk: cannot write the pack: \(problem); nothing was written")
            }
            return
        }
        if format == .json {
            print(InterchangeDocument.exportCase(ehcCase, calendar: calendar, today: today, version: version).serialized())
        } else {
            HumanText.print(CaseReport.text(ehcCase, calendar: calendar, today: today))
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
            print(name.padding(toLength: 15, withPad: " ", startingAt: 0)
                  + values[name, default: ""].padding(toLength: 16, withPad: " ", startingAt: 0)
                  + "(" + effective.sources[name, default: "default"] + ")")
        }
    }
}

/// The formats `export` writes.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case json, csv, sen2
    case annexA = "annex-a"
}

/// The formats `case` prints.
enum CaseFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, pack
}

/// The formats of tabular commands such as `overdue` and `report` (see ``ReportTable``).
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown, html
}
