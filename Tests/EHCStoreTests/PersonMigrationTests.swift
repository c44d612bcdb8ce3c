import EHCCore
@testable import EHCStore
import GRDB
import Testing

@Suite("Schema v11: the person, the request and the plan's SEN2 details")
struct PersonMigrationTests {
    /// A version-5 database with a row in every table it had: two cases with advice, exceptions
    /// and reviews, audit trail entries, a plan audit and its answers.
    private func versionFiveDatabase(at path: String, cases: [EHCCase]) throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v5: cases kept in reference order")
        try queue.write { db in
            for ehcCase in cases { try insertBeforeReturnDetails(ehcCase, db) }
            try db.execute(sql: """
                INSERT INTO auditTrail (at, user, caseId, action, summary, before, after)
                VALUES ('2025-06-01T09:00:00Z', 'sam', ?, 'update', 'recorded the final plan', NULL, NULL);
                INSERT INTO planAudits (caseId, templateId, auditor, started, finished, grade, score)
                VALUES (?, 'ehcdesk-default', 'Ola Auditor', '2025-07-01', '2025-07-02', 'good', 0.8);
                INSERT INTO planAuditAnswers (auditId, questionId, position, answer, comment)
                VALUES (1, 'outcomes', 0, 'yes', 'SMART outcomes'), (1, 'views', 1, 'partly', NULL);
                """, arguments: [cases[0].id, cases[0].id])
        }
        try queue.close()
    }

    @Test("a v5 database keeps every row; each case is its own person with nothing of SEN2 recorded, and it verifies")
    func everyRowKept() throws {
        let folder = TemporaryFolder()
        let path = folder.file("v5.sqlite")
        var second = sampleCase(id: "EHC-2025-00002")
        second.closed = Closure(date: CalendarDate("2026-06-30")!, reason: "moved away")
        // Two requests about children with the same name and birth date: never merged on a guess.
        let cases = [sampleCase(), second]
        try versionFiveDatabase(at: path, cases: cases)

        let store = try CaseStore.open(path: path, access: .write)
        let migrated = try store.allCases()
        #expect(migrated == cases.map(beforeReturnDetails))
        #expect(migrated.map(\.personID) == cases.map(\.id))
        let counts = try store.pool.read { db in
            try ["auditTrail", "planAudits", "planAuditAnswers", "advice", "exceptions", "reviews", "placements"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1
            }
        }
        // The trail gains the entry that sealed the chain at v8; nothing else changes in number.
        #expect(counts == [2, 1, 2, 6, 2, 2, 0])
        #expect(try store.verify().isIntact)
        #expect(try store.storedDeadlineDifferences() == [])
    }

    @Test("after the migration a case's SEN2 details save and read back whole, and the case still verifies")
    func detailsSaveAfterMigration() throws {
        let folder = TemporaryFolder()
        let path = folder.file("v5.sqlite")
        try versionFiveDatabase(at: path, cases: [sampleCase()])
        let store = try CaseStore.open(path: path, access: .write)
        guard let (stored, version) = try store.fetchCase(id: sampleCase().id) else {
            Issue.record("the case is gone")
            return
        }
        #expect(stored == beforeReturnDetails(sampleCase()))
        _ = try store.update(sampleCase(), expectedVersion: version, by: "sam", summary: "SEN2 details recorded")
        #expect(try store.fetchCase(id: sampleCase().id)?.ehcCase == sampleCase())
        #expect(try store.verify().isIntact)
    }

    @Test("a stored SEN2 value the schema refuses (a sex of 'X', a rank of 3) never gets in by SQL")
    func schemaRefusesBadCodes() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "sam")
        for sql in ["UPDATE cases SET sex = 'X'", "UPDATE cases SET ceaseReason = 10", "UPDATE cases SET primaryNeed = 'ADHD'",
                    "UPDATE placements SET rank = 3", "UPDATE placements SET urn = '1', ukprn = '2'",
                    "UPDATE cases SET youthAccommodation = 2"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.pool.write { db in try db.execute(sql: sql) } }
        }
        #expect(try store.allCases() == [sampleCase()])
    }
}
