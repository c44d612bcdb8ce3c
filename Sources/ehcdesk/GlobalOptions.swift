import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// The options every command takes: which database, which day is "today", who is acting.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database (default $EHCDESK_DB, else $XDG_DATA_HOME/ehcdesk/caseload.sqlite).")
    var db: String?

    @Option(name: .long, help: "The date YYYY-MM-DD that 'today' means (default $EHCDESK_TODAY, else the local date).")
    var today: String?

    @Option(name: .long, help: "Who is acting, for the audit trail (default $EHCDESK_USER, else the login name).")
    var user: String?

    /// The days `--today` may name: far enough either way for any caseload, near enough that every
    /// date computed from it (a dashboard's months, a review's year) stays a four-digit year.
    static let plausibleToday = CalendarDate(dayNumber: 10_957)...CalendarDate(dayNumber: 47_481)   // 2000-01-01...2099-12-31

    func validate() throws {
        if let today {
            guard let date = CalendarDate(today) else {
                throw ValidationError("--today \"\(today)\" is not a date in the form YYYY-MM-DD")
            }
            guard Self.plausibleToday.contains(date) else {
                throw ValidationError("--today \(today) is not between 2000-01-01 and 2099-12-31")
            }
        }
    }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var databasePath: String { db ?? DatabaseLocation.defaultPath(environment: environment) }

    /// The pinned date, else the local calendar date (the only place ehcdesk reads the clock for "today").
    func resolvedToday() throws -> CalendarDate {
        if let today {
            guard let date = CalendarDate(today) else { throw ValidationError("--today \"\(today)\" is not a date YYYY-MM-DD") }
            return date
        }
        if let pinned = environment["EHCDESK_TODAY"], !pinned.isEmpty {
            guard let date = CalendarDate(pinned), Self.plausibleToday.contains(date) else {
                throw CommandFailure(description: "ehcdesk: EHCDESK_TODAY \"\(pinned)\" is not a date from 2000-01-01 "
                                     + "to 2099-12-31 in the form YYYY-MM-DD")
            }
            return date
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let date = CalendarDate(year: year, month: month, day: day) else {
            throw CommandFailure(description: "ehcdesk: the system clock gives no date; pass --today YYYY-MM-DD")
        }
        return date
    }

    var actingUser: String {
        if let user, !user.isEmpty { return user }
        if let user = environment["EHCDESK_USER"], !user.isEmpty { return user }
        return environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
    }

    /// Opens the database, warning on stderr (not refusing) when others can read its personal data.
    ///
    /// `access` is the command's: only commands that write a caseload pass `.create`, read commands
    /// pass `.read` (and then work on a read-only file).
    func openStore(_ access: CaseStore.Access) throws -> CaseStore {
        let store = try CaseStore.open(path: databasePath, access: access)
        if store.readableByOthers {
            FileHandle.standardError.write(Data("""
                ehcdesk: warning: \(databasePath) can be read by other users of this computer; \
                it holds children's personal data (fix with: chmod 600 \(databasePath))

                """.utf8))
        }
        return store
    }
}

/// Per-command overrides of the counting conventions, layered over the config file.
struct SettingsOptions: ParsableArguments {
    @Option(help: "How 'within N weeks' is counted: eventPlusWeeks or dayOne.")
    var counting: String?

    @Option(help: "End of the 12-month review period: strict or anniversary.")
    var reviewPeriod: String?

    @Option(help: "Phase-transfer deadline reading: before (14 Feb / 30 Mar) or by (15 Feb / 31 Mar).")
    var phaseDeadline: String?

    @Option(help: "Days ahead that count as 'due soon'.")
    var dueSoonDays: String?

    @Option(help: "The config file (default $XDG_CONFIG_HOME/ehcdesk/config.toml).")
    var config: String?

    func effective(environment: [String: String]) throws -> EffectiveSettings {
        var overrides: [String: String] = [:]
        overrides["counting"] = counting
        overrides["reviewPeriod"] = reviewPeriod
        overrides["phaseDeadline"] = phaseDeadline
        overrides["dueSoonDays"] = dueSoonDays
        let path = config ?? EffectiveSettings.defaultConfigPath(environment: environment)
        return try EffectiveSettings.load(configPath: path, overrides: overrides)
    }
}
