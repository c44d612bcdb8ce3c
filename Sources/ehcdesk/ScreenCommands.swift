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
    @Option(help: "Your name as caseworker: m toggles your cases and the whole team's.") var caseworker: String?

    func run() throws {
        let store = try global.openStore(.write)
        let member = try SessionCommand.member(in: store, environment: global.environment)
        try CaseloadScreen.run(store: store, settings: try rules.effective(environment: global.environment),
                               today: try global.resolvedToday(), environment: global.environment,
                               user: global.actingUser, caseworker: caseworker ?? member?.displayName, member: member)
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
    @Option(help: "Your name as caseworker: m toggles your cases and the whole team's.") var caseworker: String?

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
        let store = try CaseStore.open(path: path, access: .create)
        if try store.caseCount() == 0 {
            _ = try Caseload.generate(into: store, cases: cases, seed: seed, today: today, user: global.actingUser)
        }
        try CaseloadScreen.run(store: store, settings: try rules.effective(environment: global.environment),
                               today: today, environment: global.environment, user: global.actingUser,
                               caseworker: caseworker)
    }
}

/// Wires the store and the statutory engine to the interactive screen.
enum CaseloadScreen {
    static func run(store: CaseStore, settings effective: EffectiveSettings, today: CalendarDate, environment: [String: String],
                    user: String, caseworker: String?, member: Member? = nil, queue: AuditQueue? = nil) throws {
        let logger = Logger(label: "ehcdesk.screen")
        let started = Date()
        let settings = effective.settings
        // Members of a team share the service account's home: each keeps preferences of their own.
        var preferencesPath = ScreenPreferencesFile.defaultPath(environment: environment)
        if let member { preferencesPath = (preferencesPath as NSString).deletingPathExtension + "-\(member.name).toml" }
        let permissions = try member.map { member in
            ScreenPermissions(member: member, teamOf: Dictionary(try store.members().map { ($0.displayName, $0.team ?? "") },
                                                                 uniquingKeysWith: { first, _ in first }),
                              teamWide: (try TeamFile.load(environment: environment))?.caseworkersRecordOnTeamCases ?? false)
        }
        let runtime = ScreenRuntime(store: store, settings: settings, today: today, user: user, logger: logger,
                                    preferencesPath: preferencesPath, nationalPercent: effective.nationalPercent,
                                    permissions: permissions)
        let summaries = try runtime.loadSummaries()
        logger.info("loaded \(summaries.count) case summaries in \(milliseconds(since: started)) ms")
        let label = (store.path as NSString).lastPathComponent
        var preferences = ScreenPreferencesFile.load(path: runtime.preferencesPath)
        if let caseworker, caseworker != member?.displayName, !summaries.isEmpty {
            // Matched like the filter; a name that matches nobody is refused before anything is remembered.
            let match = CaseworkerName.match(caseworker, among: summaries.map(\.caseworker))
            if let refusal = CaseworkerName.refusal(caseworker, match) { throw CommandFailure(description: "ehcdesk: " + refusal) }
            if case .found(let name) = match { preferences.caseworker = name }
        } else if let caseworker {
            preferences.caseworker = caseworker
        }
        // A caseworker's session starts on their own cases (m shows the whole team's).
        if member?.role == .caseworker && !FileManager.default.fileExists(atPath: preferencesPath) { preferences.mineOnly = true }
        if preferences.caseworker == nil { preferences.mineOnly = false }
        var initial = AppState(caseload: summaries, today: today, databaseLabel: label, preferences: preferences,
                               settings: settings)
        // A screen to start on (the audit queue of a sample): its rows are read as the screen starts.
        if let queue { _ = reduce(&initial, .openAuditQueue(queue)) }
        let restoreStderr = StandardError.redirect(to: FileLogHandler.defaultPath(environment: environment))
        defer { restoreStderr() }
        do {
            try MainActor.assumeIsolated {
                try TerminalApp.run(initial: initial) { effect in runtime.perform(effect) }
            }
        } catch let error as TerminalError {
            throw CommandFailure(description: "ehcdesk: \(error.description)")
        }
    }

    static func milliseconds(since start: Date) -> Int {
        Int(Date().timeIntervalSince(start) * 1000)
    }
}

/// Sends stderr to the log file while the screen is up, so stray output never corrupts it.
enum StandardError {
    /// Redirects file descriptor 2 and returns the function that puts it back.
    static func redirect(to path: String) -> () -> Void {
        let logDescriptor = FileLogHandler.openForAppending(path)
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
