import EHCStore
import Foundation
import Testing

/// Triage from the keyboard in the real binary: views, filter, recording events, two people at once.
@Suite("Triage, end to end", .serialized)
struct TriageJourneyTests {
    static let today = "2025-11-24"

    static func open(_ path: String, user: String = "alice") throws -> TmuxSession {
        try TmuxSession(command: [ehcdeskBinary(), "--db", path, "--today", today, "--user", user], width: 160, height: 48)
    }

    /// The list rows on screen: reference and status cell.
    static func rows(_ screen: String) -> [(reference: String, line: String)] {
        screen.split(separator: "\n").compactMap { line in
            let words = line.dropFirst(2).split(separator: " ")
            guard let first = words.first, first.hasPrefix("EHC-") else { return nil }
            return (String(first), String(line))
        }
    }

    static func overdueDays(_ line: String) -> Int? {
        guard let range = line.range(of: "OVERDUE ") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    @Test("the Overdue view lists only overdue cases, most overdue first")
    func overdueView() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 150, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let tmux = try Self.open(database.path)
        try tmux.waitFor("150 cases")
        try tmux.send("1")
        let screen = try tmux.waitFor("[1 Overdue")
        let days = Self.rows(screen).map { Self.overdueDays($0.line) }
        #expect(!days.isEmpty)
        #expect(days.allSatisfy { $0 != nil })
        let numbers = days.compactMap { $0 }
        #expect(numbers == numbers.sorted(by: >))
    }

    @Test("typing zoe in the filter finds Zoë")
    func accentInsensitiveFilter() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 2000, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let tmux = try Self.open(database.path)
        try tmux.waitFor("2,000 cases")
        try tmux.send("7", "/", "z", "o", "e")
        let screen = try tmux.waitFor("/zoe")
        let rows = Self.rows(screen)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.line.contains("Zoë") || $0.line.contains("Zoe") })
    }

    @Test("final plan issued today moves an overdue case out of Overdue, into history with the user; a bad date is refused")
    func recordFinalPlan() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 150, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let tmux = try Self.open(database.path)
        try tmux.waitFor("150 cases")
        try tmux.send("1")
        let overdue = try tmux.waitFor("[1 Overdue")
        let reference = try #require(Self.rows(overdue).first { $0.line.contains("final plan") }?.reference)
        let store = try CaseStore.open(path: database.path)
        let before = try #require(try store.fetchCase(id: reference))
        try tmux.send("/")
        for character in reference { try tmux.send(String(character)) }
        try tmux.send("Enter")
        try tmux.waitUntil("only \(reference) listed") { Self.rows($0).map(\.reference) == [reference] }
        try tmux.waitUntil("its detail") { $0.components(separatedBy: reference).count >= 3 }

        try tmux.send("e")
        try tmux.waitFor("Record for")
        try tmux.send("f")
        try tmux.waitFor("Issued on")
        try tmux.send("3", "1", "/", "1", "2", "Enter")
        try tmux.waitFor("is not a date")
        #expect(try store.fetchCase(id: reference)?.version == before.version)
        try tmux.send("Escape")
        try tmux.send("e")
        try tmux.waitFor("Record for")
        try tmux.send("f")
        try tmux.waitFor("Issued on")
        try tmux.send("Enter")
        try tmux.waitFor("Saved \(reference)")
        try tmux.waitUntil("\(reference) to leave Overdue") { Self.rows($0).isEmpty }
        let last = try #require(try store.lastChange(of: reference))
        #expect(last.user == "alice")
        #expect(last.summary == "final plan issued on \(Self.today)")
    }

    @Test("two processes saving the same case: the second is refused with who changed it, nothing is lost")
    func conflict() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 150, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let first = try Self.open(database.path, user: "alice")
        let second = try Self.open(database.path, user: "bob")
        for tmux in [first, second] {
            try tmux.waitFor("150 cases")
            try tmux.send("1")
            try tmux.waitFor("[1 Overdue")
        }
        let reference = try #require(Self.rows(try first.screen()).first?.reference)
        for tmux in [first, second] {
            try tmux.waitUntil("its detail") { $0.components(separatedBy: reference).count >= 3 }
            try tmux.send("e")
            try tmux.waitFor("Record for")
            try tmux.send("z")
            try tmux.waitFor("Closed on")
            try tmux.send("Tab", "m", "o", "v", "e", "d")
        }
        try first.send("Enter")
        try first.waitFor("Saved \(reference)")
        try second.send("Enter")
        try second.waitFor("changed by alice at")
        let store = try CaseStore.open(path: database.path)
        let history = try store.history(of: reference)
        #expect(history.filter { $0.action == "update" }.map(\.user) == ["alice"])
    }
}
