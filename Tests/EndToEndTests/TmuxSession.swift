import Foundation
import Testing

/// Drives the real `ehcdesk` binary inside a private tmux server, as a person at a terminal would.
///
/// Each session has its own socket (`-L`), no user config (`-f /dev/null`), a pinned size, locale,
/// `TERM`, config folder and date, so nothing depends on the machine it runs on. Steps wait for
/// visible text instead of sleeping.
///
/// ```swift
/// let tmux = try TmuxSession(command: [ehcdesk, "--db", db, "--today", "2026-11-24"], width: 80, height: 24)
/// try tmux.waitFor("cases")
/// try tmux.send("j")
/// ```
final class TmuxSession {
    let socket = "ehcdesk-e2e-\(UUID().uuidString.prefix(8))"
    let folder: String
    /// Set once a wait for the program's exit succeeded; until then every wait also checks it still runs.
    private var exitSeen = false

    init(command: [String], width: Int, height: Int, environment: [String: String] = [:]) throws {
        folder = NSTemporaryDirectory() + "ehcdesk-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/config", withIntermediateDirectories: true)
        var variables = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color",
                         "XDG_CONFIG_HOME": folder + "/config", "XDG_STATE_HOME": folder + "/state",
                         "HOME": folder, "ESCDELAY": "25"]
        variables.merge(environment) { _, new in new }
        // tmux sets TERM in a new pane from its default-terminal whatever -e says: the command sets it itself.
        let quoted = "TERM=" + TmuxSession.shellQuoted(variables["TERM"] ?? "tmux-256color") + " "
            + command.map(TmuxSession.shellQuoted).joined(separator: " ")
        var arguments = ["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height)]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(name)=\(value)"] }
        // remain-on-exit keeps the pane (and its last screen) when a signal ends the shell too.
        arguments += ["\(quoted); echo EXIT=$?; sleep 30", ";", "set-option", "-t", "e2e", "remain-on-exit", "on"]
        try tmux(arguments, startsServer: true)
    }

    deinit {
        // A journey that did not end by waiting for the exit must end with ehcdesk still running.
        if !exitSeen, let last = try? screen(), Self.hasExited(last) {
            Issue.record("ehcdesk had exited before the journey ended; the screen was:\n\(last)")
        }
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: folder)
        // tmux leaves its socket behind; tests must not litter /tmp.
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
    }

    /// The visible screen as plain text.
    func screen() throws -> String {
        try capture(escapes: false)
    }

    /// The visible screen, with its colour and attribute escapes when `escapes`.
    func capture(escapes: Bool) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "e2e"] + (escapes ? ["-e"] : []))
    }

    /// Waits (up to `seconds`) until the screen contains `text`; fails the test with the screen otherwise.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil(seconds: seconds, "text \"\(text)\"", expectingExit: text.hasPrefix("EXIT="),
                      sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The shell prints `EXIT=<status>` when the program ends (see `init`): whatever else the pane
    /// shows, ehcdesk is then no longer running.
    static func hasExited(_ screen: String) -> Bool {
        screen.contains("EXIT=")
    }

    /// Waits until `condition` holds for the screen, and the screen is still for a moment.
    ///
    /// Unless `expectingExit`, the condition only counts while ehcdesk is still running: a check
    /// that something is *absent* is otherwise satisfied by a crashed or blank pane.
    @discardableResult
    func waitUntil(seconds: Double = 10, _ what: String, expectingExit: Bool = false,
                   sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) {
                // A capture can catch a frame half drawn (the tab bar new, the rows not yet): the
                // screen counts once a second look a moment later shows the same.
                Thread.sleep(forTimeInterval: 0.03)
                let again = try screen()
                guard again == last else { continue }
                if expectingExit {
                    exitSeen = true
                } else if try Self.hasExited(last) || display("#{pane_dead}") == "1" {
                    Issue.record("ehcdesk is no longer running while waiting for \(what); the screen was:\n\(last)",
                                 sourceLocation: sourceLocation)
                    throw TmuxError(message: "ehcdesk exited while waiting for \(what)")
                }
                return last
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxError(message: "timed out waiting for \(what)")
    }

    /// Sends keys and waits for `text`, which must not be on the screen before them: a check the
    /// screen already passed before the key proves nothing about the key.
    @discardableResult
    func press(_ keys: String..., thenSee text: String, seconds: Double = 10,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let before = try screen()
        if before.contains(text) {
            Issue.record("\"\(text)\" was already on the screen before \(keys); the screen was:\n\(before)",
                         sourceLocation: sourceLocation)
        }
        try tmux(["send-keys", "-t", "e2e"] + keys)
        return try waitFor(text, seconds: seconds, sourceLocation: sourceLocation)
    }

    /// Sends tmux key names, e.g. `j`, `Down`, `Enter`, `C-c`.
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "e2e"] + keys)
    }

    /// Waits until the pane's process has ended (`#{pane_dead}`), e.g. after a signal.
    func waitForExit(seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try display("#{pane_dead}") == "1" {
                exitSeen = true
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the program did not exit; the screen was:\n\(try screen())")
        throw TmuxError(message: "timed out waiting for the program to exit")
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "e2e", "-x", String(width), "-y", String(height)])
    }

    /// A tmux format value of the pane, e.g. `#{alternate_on}`.
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "e2e", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs one tmux command. The command that starts the server goes through `system`: the
    /// daemonised server inherits the descriptors Foundation's `Process` watches, which would then
    /// never report that the tmux client has exited.
    @discardableResult
    private func tmux(_ arguments: [String], startsServer: Bool = false) throws -> String {
        if startsServer {
            let command = (["tmux", "-L", socket] + arguments).map(TmuxSession.shellQuoted).joined(separator: " ")
            let status = system(command + " </dev/null >/dev/null 2>&1")
            guard status == 0 else { throw TmuxError(message: "tmux could not start a session (status \(status))") }
            return ""
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The `ehcdesk` binary built beside this test bundle (or `$EHCDESK_BINARY`).
func ehcdeskBinary() -> String {
    if let explicit = ProcessInfo.processInfo.environment["EHCDESK_BINARY"] { return explicit }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("ehcdesk").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
    }
    return ".build/debug/ehcdesk"
}

/// The environment every spawned `ehcdesk` gets: the test runner's, minus everything that could
/// carry a developer's own settings (`EHCDESK_*`, `XDG_*`, `HOME`, locale, time zone), which are
/// pinned to scratch values; `overrides` are applied last.
///
/// ```swift
/// pinnedEnvironment(["EHCDESK_TODAY": "2026-11-24"])["XDG_CONFIG_HOME"]   // "/tmp/ehcdesk-home-…/config"
/// ```
func pinnedEnvironment(_ overrides: [String: String] = [:]) -> [String: String] {
    var variables = ProcessInfo.processInfo.environment.filter { name, _ in
        !name.hasPrefix("EHCDESK_") && !name.hasPrefix("XDG_") && !name.hasPrefix("LC_")
            && !["HOME", "LANG", "LANGUAGE", "TZ", "USER", "LOGNAME", "NO_COLOR"].contains(name)
    }
    let home = scratchHome
    variables.merge(["HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_DATA_HOME": home + "/data",
                     "XDG_STATE_HOME": home + "/state", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
                     "USER": "tester", "LOGNAME": "tester"]) { _, pinned in pinned }
    variables.merge(overrides) { _, new in new }
    return variables
}

/// One empty home folder for this test run (never the developer's), made on first use.
let scratchHome: String = {
    let folder = NSTemporaryDirectory() + "ehcdesk-home-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}()

/// Runs the binary to completion (no terminal) in the pinned environment and returns its exit code,
/// stdout and stderr; `launcher` (e.g. `setpriv …`) runs it through another program.
func runEhcdesk(_ arguments: [String], environment: [String: String] = [:],
                launcher: [String] = []) throws -> (code: Int32, out: String, err: String) {
    try runProgram(launcher + [ehcdeskBinary()] + arguments, environment: pinnedEnvironment(environment))
}

/// Runs any program (`command[0]` an absolute path) to completion with exactly `environment`.
func runProgram(_ command: [String], environment: [String: String]) throws -> (code: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command.first ?? "/bin/false")
    process.arguments = Array(command.dropFirst())
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read stderr on another thread so a chatty command cannot fill one pipe while we wait on the other.
    let errData = LockedData()
    let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let stderrText = String(decoding: errData.wait(), as: UTF8.self)
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), stderrText)
}

/// Data handed from a reader thread, waited for once.
final class LockedData: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()
    func set(_ value: Data) { data = value; done.signal() }
    func wait() -> Data { done.wait(); return data }
}

/// Why the independent `sqlite3` reading failed: the SQL and what sqlite3 said.
struct OracleFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs `sqlite3 -readonly FILE SQL`, an independent reading of the database, and returns its rows
/// with their `|`-separated columns. A missing `sqlite3`, a non-zero exit or anything on stderr
/// fails the test (with the SQL and sqlite3's message) and throws, so no test reads an empty answer.
/// `changing` runs it read-write instead: a test that plants a value an older version or another
/// tool could have stored.
@discardableResult
func sqlite(_ file: String, _ sql: String, changing: Bool = false,
            sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3"] + (changing ? [] : ["-readonly"]) + [file, sql]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0, message.isEmpty else {
        let failure = OracleFailure(description: "sqlite3 failed (exit \(process.terminationStatus)) on \(sql): \(message)")
        Issue.record("\(failure)", sourceLocation: sourceLocation)
        throw failure
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n")
        .map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
}

/// One value read by ``sqlite(_:_:sourceLocation:)``: fails the test (rather than trapping) when the
/// answer is not exactly one row of one column.
func sqliteValue(_ file: String, _ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let rows = try sqlite(file, sql, sourceLocation: sourceLocation)
    guard rows.count == 1, rows[0].count == 1 else {
        let failure = OracleFailure(description: "expected one value from \(sql), got \(rows)")
        Issue.record("\(failure)", sourceLocation: sourceLocation)
        throw failure
    }
    return rows[0][0]
}

/// `ehcdesk verify` on a database a scenario has finished with: the audit trail's hash chain holds
/// and every case is as its last entry left it (issue 15: verify after every scenario that writes).
func expectTrailVerified(_ database: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let verified = try runEhcdesk(["verify", "--db", database])
    #expect(verified.code == 0 && verified.out.contains("the audit trail is intact"), "verify: \(verified.err)",
            sourceLocation: sourceLocation)
}
