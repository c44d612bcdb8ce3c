import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk history ID`: the audit trail of one case, who changed which facts and when.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Print the audit trail of one case: who changed what, when.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case reference, e.g. EHC-2025-00123.") var id: String

    func run() throws {
        let store = try global.openStore(.read)
        let entries = try store.history(of: id)
        guard !entries.isEmpty else {
            guard try store.fetchCase(id: id) != nil else { throw StoreError.caseNotFound(id: id) }
            print("\(HumanText.safe(id)) has no recorded changes: it was generated or restored with the caseload, "
                  + "and nobody has changed it since")
            return
        }
        for entry in entries {
            HumanText.print("\(entry.at)  \(entry.user)  \(entry.action): \(entry.summary)")
            guard entry.action == "update" else { continue }
            for change in entry.changes {
                HumanText.print("    \(change.field): \(change.before) → \(change.after)")
            }
        }
    }
}

/// `ehcdesk edit ID`: changes facts of one case from a script, with the version check of the TUI.
///
/// Without `--expected-version` the case is read and saved in one go (retried if someone saves in
/// between); with it, an edit of a version someone else has since saved is refused, exit code 1.
/// The hidden `--repeat N` makes N edits in a row (caseworker `NAME #1` … `NAME #N`), printing
/// `saved ID version V` as each is committed: the concurrency and crash tests drive it.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change facts of one case (recorded in the audit trail).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rules: SettingsOptions
    @Option(help: "The new caseworker.") var caseworker: String
    @Option(help: "Refuse the edit unless the case is still at this version.") var expectedVersion: Int?
    @Option(help: .hidden) var `repeat`: Int?
    @Argument(help: "The case reference, e.g. EHC-2025-00123.") var id: String

    func run() throws {
        let store = try global.openStore(.write)
        guard let count = `repeat` else {
            try edit(store, caseworker: caseworker)
            return
        }
        for number in 1...max(1, count) { try edit(store, caseworker: "\(caseworker) #\(number)") }
    }

    private func edit(_ store: CaseStore, caseworker: String) throws {
        let check = ConsistencyCheck(settings: try rules.effective(environment: global.environment).settings)
        let today = try global.resolvedToday()
        while true {
            guard let (found, version) = try store.fetchCase(id: id) else { throw StoreError.caseNotFound(id: id) }
            var ehcCase = found
            ehcCase.caseworker = caseworker
            // The import's check: an edit may not add an error (an empty name, a control character …).
            let before = Set(check.findings(for: found, today: today).filter { $0.severity == .error })
            if let added = check.findings(for: ehcCase, today: today).first(where: { $0.severity == .error && !before.contains($0) }) {
                throw CommandFailure(description: "ehcdesk: \(id): \(added.path): \(added.message) Nothing was changed.")
            }
            do {
                let saved = try store.update(ehcCase, expectedVersion: expectedVersion ?? version, by: global.actingUser,
                                             summary: "caseworker \(found.caseworker) → \(caseworker)")
                // Unbuffered, so a script sees the line as soon as the change is committed.
                FileHandle.standardOutput.write(Data("saved \(id) version \(saved)\n".utf8))
                return
            } catch StoreError.staleEdit where expectedVersion == nil {
                continue
            }
        }
    }
}

/// `ehcdesk init`: creates an empty caseload database on purpose (no other read command creates one).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an empty caseload database (mode 0600 in a 0700 folder).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        if case .regular = SafeFile.kind(at: global.databasePath) {
            let existing = try CaseStore.describe(path: global.databasePath)
            print("\(global.databasePath) is already an ehcdesk database: \(existing); left as it is")
            return
        }
        let store = try global.openStore(.create)
        print("created an empty caseload database at \(store.path): \(try store.describe())")
    }
}

/// `ehcdesk backup DEST`: a consistent copy made with SQLite's online backup while others keep working.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database to DEST, consistently, while others keep writing.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file to write (replaced only if it is an earlier ehcdesk backup).") var destination: String

    func run() throws {
        let store = try global.openStore(.read)
        try store.backup(to: destination)
        print("backed up \(try store.describe()) to \(destination)")
    }
}

/// `ehcdesk restore SRC`: puts a backup back; refuses to overwrite a newer database without `--force`.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup (refused if the database has later changes, unless --force).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Restore even if the database has changes newer than the backup (they are lost).")
    var force = false
    @Argument(help: "The backup file.") var source: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: source) else {
            throw CommandFailure(description: "ehcdesk: \(source) does not exist; nothing was restored")
        }
        let store = try CaseStore.restore(from: source, into: global.databasePath, force: force, by: global.actingUser)
        print("restored \(source) into \(store.path): now \(try store.describe())")
    }
}
