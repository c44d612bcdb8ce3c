import Foundation
import GRDB
import Testing

/// A laptop that dies mid-write: SIGKILL at random moments must never cost a saved change or the file.
@Suite("Crash safety")
struct CrashTests {
    @Test("SIGKILL of a writer at 60 random moments: integrity_check ok and every acknowledged edit present")
    func killedWriter() throws {
        let folder = try ScratchFolder()
        let database = try folder.generatedDatabase(cases: 200)
        let id = try firstCaseID(database)
        var generator = SystemRandomNumberGenerator()
        var acknowledged: [(caseworker: String, version: Int)] = []

        for round in 1...60 {
            let writer = try startEhcdesk(["edit", id, "--caseworker", "round \(round)", "--repeat", "100000",
                                           "--db", database])
            // Kill after a random number of acknowledged edits (0 means during start-up), then a random pause.
            let wanted = Int.random(in: 0...25, using: &generator)
            var received = Data()
            while received.count(of: 0x0A) < wanted {
                let chunk = writer.out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                received += chunk
            }
            usleep(UInt32.random(in: 0...3_000, using: &generator))
            kill(writer.process.processIdentifier, SIGKILL)
            let result = writer.finish()
            #expect(writer.process.terminationReason == .uncaughtSignal, "round \(round): \(result.err)")
            let lines = String(decoding: received + Data(result.out.utf8), as: UTF8.self).split(separator: "\n")
            for (offset, line) in lines.enumerated() {
                let version = Int(line.split(separator: " ").last ?? "") ?? -1
                acknowledged.append(("round \(round) #\(offset + 1)", version))
            }

            let queue = try DatabaseQueue(path: database)
            let (integrity, recorded, version) = try queue.read { db in
                (try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                 try String.fetchAll(db, sql: "SELECT after FROM auditTrail WHERE caseId = ? AND action = 'update'",
                                     arguments: [id]).compactMap(caseworker(in:)),
                 try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE id = ?", arguments: [id]) ?? 0)
            }
            try queue.close()
            #expect(integrity == "ok", "round \(round)")
            let present = Set(recorded)
            let missing = acknowledged.filter { !present.contains($0.caseworker) }
            #expect(missing.isEmpty, "round \(round): acknowledged but missing \(missing.map(\.caseworker))")
            #expect(version >= (acknowledged.last?.version ?? 0), "round \(round)")
        }
        #expect(acknowledged.count > 60, "the kills must land after some edits, not only during start-up")
    }
}

private extension Data {
    func count(of byte: UInt8) -> Int { reduce(0) { $1 == byte ? $0 + 1 : $0 } }
}
