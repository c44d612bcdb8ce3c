import ArgumentParser
import EHCCore
import EHCStore
import EHCTUI
import Foundation
import Logging

/// `ehcdesk bench`: performance figures on generated caseloads, one `<metric> <cases> <value> <unit>` line each.
///
/// Run it from a release build (`swift run -c release ehcdesk bench`); `docs/performance.md` records
/// the figures measured and the targets.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure generate, first frame, keystrokes, the timeliness report, export, import and memory on generated caseloads.")

    @Option(parsing: .upToNextOption, help: "Caseload sizes to measure.") var cases: [Int] = [10_000, 100_000]
    @Option(help: "Keystrokes measured per kind of key.") var keys: Int = 1_000
    @Option(help: "The date the caseloads are generated for.") var today: String = "2026-11-24"
    @Option(help: "Keep the generated databases in this folder (default: a temporary folder, removed).")
    var folder: String?
    /// Set on the process that measures one size (the command runs one per size).
    @Flag(help: .hidden) var oneSize = false
    @Option(help: "Measure a team instead: this many screens open at once on each caseload size (e.g. 20).")
    var sessions: Int = 0

    func validate() throws {
        guard CalendarDate(today) != nil else { throw ValidationError("--today \"\(today)\" is not a date YYYY-MM-DD") }
        guard cases.allSatisfy({ (1...1_000_000).contains($0) }) else { throw ValidationError("--cases must be 1…1000000") }
        guard keys >= 10 else { throw ValidationError("--keys must be at least 10") }
    }

    func run() throws {
        guard let today = CalendarDate(today) else { throw ValidationError("--today \"\(today)\" is not a date YYYY-MM-DD") }
        let workFolder = folder ?? NSTemporaryDirectory() + "ehcdesk-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: workFolder, withIntermediateDirectories: true)
        defer { if folder == nil { try? FileManager.default.removeItem(atPath: workFolder) } }
        if sessions > 0 {
            for count in cases {
                try TeamBench(bench: Bench(cases: count, keys: keys, today: today, folder: workFolder), sessions: sessions).run()
            }
            return
        }
        if oneSize, let size = cases.first {
            var bench = Bench(cases: size, keys: keys, today: today, folder: workFolder)
            return try bench.run()
        }
        // One process per size: each size's memory peak and first frame start from a fresh heap,
        // not from what the size before left behind. Export and import are then run from this
        // small process, each as its own child, so their peaks are theirs alone (a child's peak
        // counts the memory of the process it was started from).
        for count in cases {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = ["bench", "--cases", String(count), "--keys", String(keys),
                                 "--today", self.today, "--folder", workFolder, "--one-size"]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw ExitCode(process.terminationStatus) }
            try Bench(cases: count, keys: keys, today: today, folder: workFolder).measureExportAndImport()
        }
    }
}

/// One caseload size's measurements.
struct Bench {
    let cases: Int
    let keys: Int
    let today: CalendarDate
    let folder: String
    /// Put before every metric's name (`team20_` when other screens are open too).
    var prefix = ""

    func report(_ metric: String, _ value: Double, _ unit: String) {
        let text = value >= 100 ? String(Int(value.rounded())) : String(format: "%.2f", value)
        FileHandle.standardOutput.write(Data("\(prefix)\(metric) \(cases) \(text) \(unit)\n".utf8))
    }

    /// Seconds the sqlite3 tool takes to run `sql` read-only on `path` (its rows thrown away, or
    /// written to a new private file beside `output`, removed after, when the figure it is held
    /// against writes a file too), or
    /// `nil` when it fails (its message is left on stderr): the floor each figure is held against.
    static func sqliteSeconds(_ path: String, _ sql: String, mode: String? = nil, output: String? = nil) throws -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly"] + (mode.map { [$0] } ?? []) + [path, sql]
        process.standardOutput = FileHandle.nullDevice
        let written = try output.map(SafeFile.createExclusiveTemporary(beside:))
        defer { if let written { try? FileManager.default.removeItem(atPath: written) } }
        if let written {
            guard let file = FileHandle(forWritingAtPath: written) else { throw FileProblem(path: written, message: "cannot be written") }
            process.standardOutput = file
        }
        let (_, seconds) = try Bench.time {
            try process.run()
            process.waitUntilExit()
        }
        return process.terminationStatus == 0 ? seconds : nil
    }

    /// Seconds taken by `work`.
    static func time<T>(_ work: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try work()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    mutating func run() throws {
        let path = folder + "/bench-\(cases).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try CaseStore.open(path: path, access: .create)
        let (_, generateSeconds) = try Bench.time {
            try Caseload.generate(into: store, cases: cases, seed: 1, today: today, user: "bench")
        }
        report("generate_rate", Double(cases) / generateSeconds, "cases/s")

        try measureScreen(path: path)
        try measureTimeliness(store: store, path: path)
        // The working set a user has: the generated caseload, the screen with its keystrokes and the report.
        report("peak_rss", Bench.peakResidentMegabytes(), "MB")
        try measureEscapedStrings()
    }

    /// One JSON string of `\n` escapes, 4 MB then 8 MB: the reading rate, and how much longer the
    /// double size takes (about 2 when reading is linear; it was about 4, quadratic, before).
    private func measureEscapedStrings() throws {
        func seconds(megabytes: Int) throws -> Double {
            let escapes = String(repeating: "\\n", count: megabytes * 500_000)
            let text = #"{"format": "ehcdesk/1", "cases": [{"id": "EHC-1", "child": {"givenName": "A", "familyName": "B", "#
                + #""dateOfBirth": "2016-03-02", "setting": ""# + escapes + #""}, "caseworker": "C", "#
                + #""requestDate": "2025-01-06", "requestSource": "parent"}]}"#
            let bytes = Array(text.utf8)
            return try Bench.time { try InterchangeDocument.read(bytes, file: "escapes.json") }.1
        }
        let four = try seconds(megabytes: 4)
        let eight = try seconds(megabytes: 8)
        report("json_escapes_rate", 4 / four, "MB/s")
        report("json_escapes_2x_ratio", eight / four, "x")
    }

    /// Open to first complete frame (list and loaded detail) at 200×50, then per-keystroke times:
    /// each keystroke is the reducer, every effect it causes (a detail read from the store) and a frame.
    func measureScreen(path: String) throws {
        var runtime: ScreenRuntime?
        var state: AppState?
        let (_, firstFrame) = try Bench.time {
            let opened = ScreenRuntime(store: try CaseStore.open(path: path, access: .create), settings: Settings(), today: today,
                                       user: "bench", logger: Logger(label: "ehcdesk.bench"),
                                       preferencesPath: folder + "/state.toml")
            var initial = AppState(caseload: try opened.loadSummaries(), today: today, databaseLabel: "bench",
                                   size: TerminalSize(width: 200, height: 50))
            opened.settle(&initial, effects: initial.start())
            _ = Screen.render(initial)
            runtime = opened
            state = initial
        }
        report("first_frame", firstFrame * 1000, "ms")
        // The floor: the sqlite3 tool printing every row of the four case tables.
        if let floor = try Bench.sqliteSeconds(path, "SELECT * FROM cases; SELECT * FROM advice; SELECT * FROM exceptions; SELECT * FROM reviews;") {
            report("sqlite3_all_rows", floor * 1000, "ms")
            report("first_frame_ratio", firstFrame / floor, "x")
        }
        guard let runtime, var state else { return }
        func measure(_ actions: (Int) -> [Action]) -> [Double] {
            var samples: [Double] = []
            samples.reserveCapacity(keys)
            for index in 0..<keys {
                for action in actions(index).dropLast() { runtime.settle(&state, effects: reduce(&state, action)) }
                let (_, seconds) = Bench.time {
                    for action in actions(index).suffix(1) { runtime.settle(&state, effects: reduce(&state, action)) }
                    _ = Screen.render(state)
                }
                samples.append(seconds * 1000)
            }
            return samples.sorted()
        }
        runtime.settle(&state, effects: reduce(&state, .showView(.allOpen)))
        let moves = measure { _ in [.moveDown] }
        report("key_move_p50", Bench.percentile(moves, 0.5), "ms")
        report("key_move_p99", Bench.percentile(moves, 0.99), "ms")
        report("key_page_p99", Bench.percentile(measure { _ in [.pageDown] }, 0.99), "ms")
        let views = TriageView.allCases
        report("key_view_p99", Bench.percentile(measure { [.showView(views[$0 % views.count])] }, 0.99), "ms")
        // A filter character: one of the letters of "ahmed", typed after clearing the last query.
        let letters = Array("ahmed")
        runtime.settle(&state, effects: reduce(&state, .showView(.allOpen)))
        let filter = measure { index in
            index % letters.count == 0 ? [.clearFilter, .startFilter, .type(letters[0])] : [.type(letters[index % letters.count])]
        }
        report("key_filter_p50", Bench.percentile(filter, 0.5), "ms")
        report("key_filter_p99", Bench.percentile(filter, 0.99), "ms")
        runtime.settle(&state, effects: reduce(&state, .clearFilter))
        report("key_sort_p99", Bench.percentile(measure { _ in [.nextSortOrder] }, 0.99), "ms")
        // Every other screen of the stack: opened (its rows read, not timed), then its keys.
        runtime.settle(&state, effects: reduce(&state, .openReviews))
        report("key_reviews_move_p99", Bench.percentile(measure { _ in [.moveDown] }, 0.99), "ms")
        report("key_reviews_filter_p99", Bench.percentile(measure { index in
            index % letters.count == 0 ? [.clearFilter, .startFilter, .type(letters[0])] : [.type(letters[index % letters.count])]
        }, 0.99), "ms")
        runtime.settle(&state, effects: reduce(&state, .clearFilter))
        report("key_reviews_sort_p99", Bench.percentile(measure { _ in [.nextSortOrder] }, 0.99), "ms")
        runtime.settle(&state, effects: reduce(&state, .openWhoOwes))
        report("key_whoowes_move_p99", Bench.percentile(measure { _ in [.moveDown] }, 0.99), "ms")
        report("key_whoowes_sort_p99", Bench.percentile(measure { _ in [.nextSortOrder] }, 0.99), "ms")
        runtime.settle(&state, effects: reduce(&state, .openDashboard))
        report("key_dashboard_move_p99", Bench.percentile(measure { _ in [.moveDown] }, 0.99), "ms")
        runtime.settle(&state, effects: reduce(&state, .moveToFirst))
        runtime.settle(&state, effects: reduce(&state, .drillDown))
        report("key_drilldown_move_p99", Bench.percentile(measure { _ in [.moveDown] }, 0.99), "ms")
        report("key_back_p99", Bench.percentile(measure { _ in [.drillDown, .back] }, 0.99), "ms")
    }

    /// The timeliness report over the whole database, and the same count by the sqlite3 tool.
    private func measureTimeliness(store: CaseStore, path: String) throws {
        let start = CalendarDate(dayNumber: 0)   // before any plan
        let (report, seconds) = try Bench.time {
            Timeliness(settings: Settings()).report(
                forPlans: try store.issuedPlans(from: start, to: today), from: start, to: today, groupedBy: .month,
                today: today)
        }
        _ = report
        self.report("report_timeliness", seconds * 1000, "ms")
        let sql = """
            SELECT COUNT(*), SUM(julianday(finalPlanIssued) - julianday(requestDate) <= 140),
                   SUM(e.caseId IS NULL), SUM(e.caseId IS NULL AND julianday(finalPlanIssued) - julianday(requestDate) <= 140)
            FROM cases c LEFT JOIN (SELECT DISTINCT caseId FROM exceptions, json_each(exceptions.appliesTo)
                                    WHERE json_each.value = 'finalPlan') e ON e.caseId = c.id
            WHERE finalPlanIssued IS NOT NULL AND finalPlanIssued <= '\(today)'
            """
        if let sqliteSeconds = try Bench.sqliteSeconds(path, sql) { self.report("sqlite3_timeliness", sqliteSeconds * 1000, "ms") }
        try measureMeasures(store: store, path: path)
    }

    /// The whole catalogue of measures for the last twelve months (`report measures` without the
    /// printing, tallied on every core from the stored deadlines as the command does), and next to it the same kinds of count by the sqlite3 tool in one query: requests
    /// and their decisions, plans and their weeks, advice and what is outstanding, by agency.
    private func measureMeasures(store: CaseStore, path: String) throws {
        let from = today.adding(months: -12)
        let catalogue = MeasureCatalogue(settings: Settings())
        let (measures, seconds) = try Bench.time {
            try MeasuresReportCommand.measures(catalogue, of: store, from: from, to: today, today: today)
        }
        _ = measures
        report("report_measures", seconds * 1000, "ms")
        let sql = """
            WITH period AS (SELECT '\(from)' AS f, '\(today)' AS t)
            SELECT (SELECT COUNT(*) || ',' || SUM(decisionToAssessDate IS NOT NULL
                                                  AND julianday(decisionToAssessDate) - julianday(requestDate) <= 42)
                    FROM cases, period WHERE requestDate BETWEEN f AND t),
                   (SELECT COUNT(*) || ',' || SUM(julianday(finalPlanIssued) - julianday(requestDate) <= 140) || ','
                           || (AVG(julianday(finalPlanIssued) - julianday(requestDate)) / 7)
                    FROM cases, period WHERE finalPlanIssued BETWEEN f AND t),
                   (SELECT group_concat(n, ',') FROM (SELECT agency, COUNT(*) || ':' || SUM(received IS NULL) AS n
                    FROM advice, period WHERE requested BETWEEN f AND t GROUP BY agency))
            """
        guard let sqliteSeconds = try Bench.sqliteSeconds(path, sql) else { return }
        report("sqlite3_measures", sqliteSeconds * 1000, "ms")
        report("report_measures_ratio", seconds / sqliteSeconds, "x")
    }

    /// `export` to a file, then `import` of that file into an empty database, each run as the
    /// command a user runs, in a process of its own, so its time and peak memory are its alone.
    func measureExportAndImport() throws {
        let database = folder + "/bench-\(cases).sqlite"
        let file = folder + "/bench-\(cases).json"
        let target = folder + "/bench-\(cases)-import.sqlite"
        SafeFile.removeDatabase(at: target)
        let dated = ["--today", today.description]
        try measureOverdue(database: database)
        let export = try Bench.child(["export", "--db", database] + dated, output: file)
        report("export_rate", Double(cases) / export.seconds, "cases/s")
        report("export_peak_rss", export.peakMegabytes, "MB")
        // Like the export, the floor writes its JSON to a file in the same folder.
        if let floor = try Bench.sqliteSeconds(database, "SELECT * FROM cases; SELECT * FROM advice; SELECT * FROM exceptions; SELECT * FROM reviews;",
                                               mode: "-json", output: folder + "/bench-\(cases)-sqlite3.json") {
            report("export_json", export.seconds * 1000, "ms")
            report("sqlite3_json", floor * 1000, "ms")
            report("export_json_ratio", export.seconds / floor, "x")
        }
        let imported = try Bench.child(["import", file, "--db", target] + dated, output: "/dev/null")
        report("import_rate", Double(cases) / imported.seconds, "cases/s")
        report("import_peak_rss", imported.peakMegabytes, "MB")
        report("import_export_ratio", imported.seconds / export.seconds, "x")
        // The same through a CSV folder: every list file beside cases.csv, read case by case.
        let csvFolder = folder + "/bench-\(cases)-csv"
        SafeFile.removeDatabase(at: target)
        let csvExport = try Bench.child(["export", "--db", database, "--format", "csv", "--output", csvFolder, "--force"]
                                            + dated, output: "/dev/null")
        report("csv_export_rate", Double(cases) / csvExport.seconds, "cases/s")
        report("csv_export_peak_rss", csvExport.peakMegabytes, "MB")
        let csvImport = try Bench.child(["import", csvFolder, "--db", target] + dated, output: "/dev/null")
        report("csv_import_rate", Double(cases) / csvImport.seconds, "cases/s")
        report("csv_import_peak_rss", csvImport.peakMegabytes, "MB")
        SafeFile.removeDatabase(at: target)
        try measureReturn(database: database, target: target, dated: dated)
    }

    /// The data-quality check, then the SEN2 return of the coming census written (check included)
    /// and read into an empty database, each its own process.
    func measureReturn(database: String, target: String, dated: [String]) throws {
        guard let collection = SEN2Collection.coming(after: today) else { return }
        let check = try Bench.child(["check", "--format", "csv", "--db", database] + dated, output: "/dev/null", quiet: true)
        report("check", check.seconds * 1000, "ms")
        let file = folder + "/bench-\(cases)-sen2.xml"
        let export = try Bench.child(["export", "--format", "sen2", "--year", String(collection.year), "--la", "886",
                                      "--output", file, "--force", "--db", database] + dated, output: "/dev/null")
        report("sen2_export", export.seconds * 1000, "ms")
        report("sen2_export_peak_rss", export.peakMegabytes, "MB")
        let imported = try Bench.child(["import", file, "--db", target] + dated, output: "/dev/null")
        report("sen2_import", imported.seconds * 1000, "ms")
        report("sen2_import_peak_rss", imported.peakMegabytes, "MB")
        SafeFile.removeDatabase(at: target)
    }

    /// `ehcdesk overdue --format csv` run as a user runs it (a process of its own, the median of five),
    /// next to its floor: the sqlite3 tool selecting and ordering as many rows as there are cases.
    func measureOverdue(database: String) throws {
        let command = ["overdue", "--format", "csv", "--db", database, "--today", today.description]
        _ = try Bench.child(command, output: "/dev/null", quiet: true)   // warms the page cache
        let runs = try (0..<5).map { _ in try Bench.child(command, output: "/dev/null", quiet: true).seconds }.sorted()
        report("overdue", runs[2] * 1000, "ms")
        let sql = "SELECT id, caseworker, requestDate FROM cases WHERE requestDate < '\(today)' ORDER BY requestDate, id"
        let floors = try (0..<5).compactMap { _ in try Bench.sqliteSeconds(database, sql) }.sorted()
        guard floors.count == 5 else { return }
        report("sqlite3_select", floors[2] * 1000, "ms")
        report("overdue_ratio", runs[2] / floors[2], "x")
    }

    /// Runs this binary with `arguments`, stdout to `output`; its seconds and its own peak resident memory.
    static func child(_ arguments: [String], output: String, quiet: Bool = false) throws -> (seconds: Double, peakMegabytes: Double) {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // A report's definitions go to stderr; the bench's own lines should not drown in them.
        if quiet { posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0) }
        let argv = ([CommandLine.arguments[0]] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, CommandLine.arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw CommandFailure(description: "ehcdesk bench: cannot run \(arguments[0]): \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid, status == 0 else {
            throw CommandFailure(description: "ehcdesk bench: \(arguments[0]) failed (status \(status))")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (seconds, Double(usage.ru_maxrss) / 1024)
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    /// The process's peak resident memory so far, from getrusage (kilobytes on Linux).
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
