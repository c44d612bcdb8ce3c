import ArgumentParser
import EHCCore
import EHCStore
import EHCTUI
import Foundation
import Logging
import TerminalUI

/// `ehcdesk` with no subcommand: the caseload in the terminal.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the caseload in the terminal (the default command).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions

    func run() throws {
        let store = try global.openStore()
        try CaseloadScreen.run(store: store, settings: try rules.effective(environment: global.environment).settings,
                               today: try global.resolvedToday(), environment: global.environment)
    }
}

/// `ehcdesk demo`: a generated caseload in a scratch database (or an empty `--db`), then the TUI.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the TUI on a generated caseload (a scratch database unless --db names one with data).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Option(help: "How many cases to generate.") var cases: Int = 3000
    @Option(help: "The seed of the generator.") var seed: UInt64 = 1

    func run() throws {
        let today = try global.resolvedToday()
        var scratchFolder: String?
        let path: String
        if let db = global.db {
            path = db
        } else {
            let folder = NSTemporaryDirectory() + "ehcdesk-demo-" + UUID().uuidString
            scratchFolder = folder
            path = folder + "/demo.sqlite"
        }
        defer { if let scratchFolder { try? FileManager.default.removeItem(atPath: scratchFolder) } }
        let store = try CaseStore.open(path: path)
        if try store.caseCount() == 0 {
            _ = try Caseload.generate(into: store, cases: cases, seed: seed, today: today, user: global.actingUser)
        }
        try CaseloadScreen.run(store: store, settings: try rules.effective(environment: global.environment).settings,
                               today: today, environment: global.environment)
    }
}

/// Wires the store and the statutory engine to the interactive screen.
enum CaseloadScreen {
    static func run(store: CaseStore, settings: Settings, today: CalendarDate, environment: [String: String]) throws {
        let logger = Logger(label: "ehcdesk.screen")
        let started = Date()
        let runtime = CaseloadRuntime(store: store, settings: settings, today: today)
        let initial = try runtime.initialState(size: TerminalSize(width: 80, height: 24))
        logger.info("loaded \(initial.caseCount) case summaries in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        let restoreStderr = StandardError.redirect(to: FileLogHandler.defaultPath(environment: environment))
        defer { restoreStderr() }
        do {
            try MainActor.assumeIsolated {
                try TerminalApp.run(initial: initial, perform: runtime.perform)
            }
        } catch let error as TerminalError {
            throw CommandFailure(description: "ehcdesk: \(error.description)")
        }
    }
}

/// Performs the screen's effects against the store and the statutory engine: what the terminal
/// runtime and `ehcdesk bench` both drive.
///
/// ```swift
/// let runtime = CaseloadRuntime(store: store, settings: Settings(), today: today)
/// var state = try runtime.initialState(size: TerminalSize(width: 200, height: 50))
/// runtime.settle(&state, effects: state.start())
/// ```
struct CaseloadRuntime {
    let store: CaseStore
    let calendar: StatutoryCalendar
    let check: ConsistencyCheck
    let today: CalendarDate

    init(store: CaseStore, settings: Settings, today: CalendarDate) {
        self.store = store
        self.calendar = StatutoryCalendar(settings: settings)
        self.check = ConsistencyCheck(settings: settings)
        self.today = today
    }

    /// Every case as a list row, sorted by urgency, with the database's file name in the title.
    func initialState(size: TerminalSize) throws -> AppState {
        let summaries = try store.allCases().map { CaseSummary($0, calendar: calendar, today: today) }
        return AppState(caseload: summaries, today: today, databaseLabel: (store.path as NSString).lastPathComponent,
                        size: size)
    }

    /// The actions that answer one effect (none for `.quit`, which the terminal runtime handles).
    func perform(_ effect: Effect) -> [Action] {
        guard case let .loadDetail(id) = effect else { return [] }
        do {
            guard let (ehcCase, _) = try store.fetchCase(id: id) else { return [] }
            let deadlines = calendar.deadlines(for: ehcCase, today: today)
            let checks = check.findings(for: ehcCase, today: today)
            return [.detailLoaded(CaseDetail(ehcCase: ehcCase, deadlines: deadlines, checks: checks))]
        } catch {
            Logger(label: "ehcdesk.screen").error("could not load a case: \(error)")
            return []
        }
    }

    /// Performs effects and the effects their answers cause, until none are left.
    func settle(_ state: inout AppState, effects: [Effect]) {
        var pending = effects
        while !pending.isEmpty {
            for action in perform(pending.removeFirst()) { pending += reduce(&state, action) }
        }
    }
}

/// Sends stderr to the log file while the screen is up, so stray output never corrupts it.
enum StandardError {
    /// Redirects file descriptor 2 and returns the function that puts it back.
    static func redirect(to path: String) -> () -> Void {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let logDescriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard logDescriptor >= 0 else { return {} }
        let saved = dup(2)
        dup2(logDescriptor, 2)
        close(logDescriptor)
        return {
            dup2(saved, 2)
            close(saved)
        }
    }
}
