import ArgumentParser
import EHCCore
import EHCStore
import Foundation
import Logging

/// The `ehcdesk` command: the TUI when run alone, and the subcommands of the interchange contract.
///
/// ```
/// ehcdesk demo                          # generated caseload in a scratch database, then the TUI
/// ehcdesk --db caseload.sqlite          # the TUI on a real database
/// ehcdesk case EHC-2025-00001 --format json
/// ```
@main
struct EHCDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ehcdesk",
        abstract: "Statutory EHC casework in the terminal: every deadline, why it is due, and what is late.",
        discussion: """
            Without a subcommand, opens the caseload in the terminal. Dates are YYYY-MM-DD; --today pins \
            the date every status is computed for (default $EHCDESK_TODAY, else the local date).
            """,
        subcommands: [
            OpenCommand.self, InitCommand.self, DemoCommand.self, GenerateCommand.self, ImportCommand.self, ExportCommand.self,
            CaseCommand.self, OverdueCommand.self, ReportCommand.self, AuditCommand.self, SettingsCommand.self,
            HistoryCommand.self, EditCommand.self, BackupCommand.self, RestoreCommand.self, VerifyCommand.self, CheckCommand.self,
            TeamCommand.self, SessionCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: OpenCommand.self)

    /// Runs a command with the exit codes of the contract: 0 success, 1 refused or bad input, 2 usage error.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let logPath = FileLogHandler.defaultPath(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, path: logPath) }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if let message = refusal(error) {
                FileHandle.standardError.write(Data((HumanText.safe(message) + "\n").utf8))
                Foundation.exit(1)
            }
            let code = exitCode(for: error)
            if code == .success || code == .failure {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }

    /// The message of a refused operation or bad input (exit code 1), or `nil` for a usage error.
    private static func refusal(_ error: any Error) -> String? {
        switch error {
        case let failure as CommandFailure: failure.description
        case let failure as ImportFailure: failure.description
        case let problem as EffectiveSettings.Problem: "ehcdesk: \(problem)"
        case let error as StoreError: "ehcdesk: \(error)"
        case let problem as FileProblem: "ehcdesk: \(problem); nothing was changed"
        case let problem as AuditTemplateFile.Problem: "ehcdesk: \(problem)"
        case let problem as TeamFile.Problem: "ehcdesk: \(problem); nothing was changed"
        default: nil
        }
    }
}

/// A refusal the user must read: printed as is to stderr, exit code 1, data unchanged.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}
