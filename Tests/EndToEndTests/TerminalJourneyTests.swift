import Foundation
import Testing

/// The real binary in a real (tmux) terminal: what a caseworker sees and does.
@Suite("The terminal screen, end to end", .serialized)
struct TerminalJourneyTests {
    static let today = "2026-11-24"

    /// A generated database in a fresh folder.
    static func generatedDatabase(cases: Int, today: String = today) throws -> (folder: String, path: String) {
        let folder = NSTemporaryDirectory() + "ehcdesk-journey-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/caseload.sqlite"
        let result = try runEhcdesk(["generate", "--cases", String(cases), "--seed", "1", "--db", path, "--today", today])
        #expect(result.code == 0, "\(result.err)")
        return (folder, path)
    }

    /// The reference on the selected row (marked ▸) of the list.
    static func selectedReference(_ screen: String) -> String? {
        screen.split(separator: "\n").first { $0.hasPrefix("▸ ") }?.split(separator: " ").dropFirst().first.map(String.init)
    }

    @Test("open, move the selection, open help, resize down to 20x5 and back, quit: the terminal is restored")
    func caseworkerJourney() throws {
        let database = try Self.generatedDatabase(cases: 2000)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today],
                                   width: 80, height: 24)
        let first = try tmux.waitFor("2,000 cases")
        #expect(first.contains("today 2026-11-24"))
        #expect(first.contains("caseload.sqlite"))
        let firstSelected = try #require(Self.selectedReference(first))
        #expect(first.contains("OVERDUE"))
        // The detail pane shows the selected case.
        try tmux.waitFor("Case detail")
        try tmux.waitUntil("the detail of \(firstSelected)") { $0.components(separatedBy: firstSelected).count >= 3 }

        try tmux.send("j")
        let moved = try tmux.waitUntil("the selection to move") { screen in
            Self.selectedReference(screen).map { $0 != firstSelected } ?? false
        }
        let secondSelected = try #require(Self.selectedReference(moved))
        try tmux.waitUntil("the detail of \(secondSelected)") { $0.components(separatedBy: secondSelected).count >= 3 }
        try tmux.send("k")
        try tmux.waitUntil("the selection to move back") { Self.selectedReference($0) == firstSelected }

        try tmux.send("?")
        // Wait for the whole overlay: a capture can land while the terminal is still drawing it.
        try tmux.waitUntil("the help overlay") { $0.contains("Keys") && $0.contains("quit") && $0.contains("page down") }
        try tmux.send("Escape")
        try tmux.waitUntil("help to close") { !$0.contains("close help") }

        try tmux.resize(width: 20, height: 5)
        try tmux.waitFor("too small")
        try tmux.resize(width: 120, height: 40)
        let wide = try tmux.waitFor("2,000 cases")
        #expect(Self.selectedReference(wide) == firstSelected)
        #expect(try tmux.display("#{alternate_on}") == "1")

        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        #expect(try tmux.display("#{alternate_on}") == "0")
    }

    @Test("SIGTERM, SIGHUP and crash signals while the screen is up restore the terminal",
          arguments: [SIGTERM, SIGHUP, SIGSEGV, SIGABRT])
    func signalRestoresTerminal(signal: Int32) throws {
        let database = try Self.generatedDatabase(cases: 50)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        // `exec` keeps the shell's process id, so the pid file names ehcdesk itself.
        let script = "echo $$ > \(TmuxSession.shellQuoted(database.folder + "/pid")); exec "
            + [ehcdeskBinary(), "--db", database.path, "--today", Self.today].map(TmuxSession.shellQuoted).joined(separator: " ")
        let tmux = try TmuxSession(command: ["sh", "-c", script], width: 80, height: 24)
        try tmux.waitFor("50 cases")
        let pid = try String(contentsOfFile: database.folder + "/pid", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let process = try #require(pid_t(pid))
        #expect(try tmux.display("#{alternate_on}") == "1")
        #expect(kill(process, signal) == 0)
        // The handler restores the terminal, then the signal ends the process as it would have.
        try tmux.waitFor("EXIT=\(128 + signal)")
        #expect(try tmux.display("#{alternate_on}") == "0")
    }

    @Test("Ctrl-C while the screen is up restores the terminal")
    func controlCRestoresTerminal() throws {
        let database = try Self.generatedDatabase(cases: 50)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today],
                                   width: 80, height: 24)
        try tmux.waitFor("50 cases")
        try tmux.send("C-c")
        // Ctrl-C ends ehcdesk and the shell around it (how, tmux does not always record in time).
        try tmux.waitForExit()
        #expect(try tmux.display("#{alternate_on}") == "0")
    }

    @Test("NO_COLOR still shows every status as a word")
    func noColorShowsWords() throws {
        let database = try Self.generatedDatabase(cases: 200)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", database.path, "--today", Self.today],
                                   width: 100, height: 30, environment: ["NO_COLOR": "1"])
        let screen = try tmux.waitFor("200 cases")
        #expect(screen.contains("OVERDUE"))
        let escapes = try tmux.capture(escapes: true)
        let foregroundColour = try Regex("\u{1B}\\[(3[0-7]|38;)")
        #expect(escapes.contains("\u{1B}[1m"), "attributes still mark what matters")
        #expect(escapes.firstMatch(of: foregroundColour) == nil, "no foreground colour with NO_COLOR")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }
}

/// The README's first command: a generated caseload in a scratch database, then the screen.
@Suite("ehcdesk demo, end to end")
struct DemoJourneyTests {
    @Test("demo generates a scratch caseload, opens it, and leaves nothing behind when it quits")
    func demo() throws {
        let scratch = NSTemporaryDirectory() + "ehcdesk-demo-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "demo", "--cases", "400", "--today", "2026-11-24"],
                                   width: 100, height: 30, environment: ["TMPDIR": scratch + "/"])
        let screen = try tmux.waitFor("400 cases")
        #expect(screen.contains("demo.sqlite"))
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: scratch)).isEmpty)
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "the scratch database is removed")
    }
}
