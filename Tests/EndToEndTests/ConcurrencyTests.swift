import Foundation
import GRDB
import Testing

/// Many ehcdesk processes writing one database at once, as caseworkers over SSH on one server.
@Suite("Concurrent writers")
struct ConcurrencyTests {
    let today = ["--today", "2026-11-24"]

    @Test("8 processes making 200 edits each to one case: all exit 0, no 'locked', every edit audited, none lost")
    func eightWriters() throws {
        let folder = try ScratchFolder()
        let database = try folder.generatedDatabase(cases: 20)
        let id = try firstCaseID(database)

        let writers = try (1...8).map { writer in
            try startEhcdesk(["edit", id, "--caseworker", "writer \(writer)", "--repeat", "200", "--db", database,
                              "--user", "user\(writer)"])
        }
        for writer in writers {
            let result = writer.finish()
            #expect(result.code == 0)
            #expect(result.err.isEmpty, "stderr: \(result.err)")
            #expect(result.out.split(separator: "\n").count == 200)
        }

        let queue = try DatabaseQueue(path: database)
        let updates = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT user, before, after FROM auditTrail WHERE caseId = ? AND action = 'update' ORDER BY id",
                             arguments: [id])
        }
        let expected = Set((1...8).flatMap { writer in (1...200).map { "writer \(writer) #\($0)" } })
        #expect(updates.count == 1600)
        #expect(Set(updates.map { caseworker(in: $0["after"]) }) == expected)
        // No lost update: every edit started from the facts the previous one saved.
        let chained = zip(updates, updates.dropFirst()).allSatisfy { pair in
            (pair.0["after"] as String) == (pair.1["before"] as String)
        }
        #expect(chained)
        let version = try queue.read { db in try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE id = ?", arguments: [id]) }
        #expect(version == 1601)
        try queue.close()
        // 1,600 entries written by 8 processes at once still form one unbroken chain.
        try expectTrailVerified(database)
    }

    @Test("an edit of a version someone else has saved since is refused, exit 1, and not applied")
    func staleEditRefused() throws {
        let folder = try ScratchFolder()
        let database = try folder.generatedDatabase(cases: 5)
        let id = try firstCaseID(database)
        #expect(try runEhcdesk(["edit", id, "--caseworker", "First Saver", "--expected-version", "1", "--db", database]).code == 0)
        let stale = try runEhcdesk(["edit", id, "--caseworker", "Late Saver", "--expected-version", "1", "--db", database])
        #expect(stale.code == 1)
        #expect(stale.err.contains("\(id) was changed by someone else (version 2, you edited version 1)"))
        let shown = try runEhcdesk(["case", id, "--db", database] + today)
        #expect(shown.out.contains("caseworker First Saver"))
    }
}

/// A running ehcdesk process whose output is collected when it ends.
struct RunningEhcdesk {
    let process: Process
    let out: Pipe
    let err: Pipe

    func finish() -> (code: Int32, out: String, err: String) {
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

func startEhcdesk(_ arguments: [String]) throws -> RunningEhcdesk {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ehcdeskBinary())
    process.arguments = arguments
    let running = RunningEhcdesk(process: process, out: Pipe(), err: Pipe())
    process.standardOutput = running.out
    process.standardError = running.err
    try process.run()
    return running
}

/// The reference of the first case of a database, in reference order.
func firstCaseID(_ database: String) throws -> String {
    let queue = try DatabaseQueue(path: database)
    defer { try? queue.close() }
    return try #require(try queue.read { db in try String.fetchOne(db, sql: "SELECT id FROM cases ORDER BY id LIMIT 1") })
}

/// The caseworker recorded in an audit-trail `before` or `after` (ehcdesk/1 JSON of the case).
func caseworker(in json: String?) -> String? {
    guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
    return object["caseworker"] as? String
}
