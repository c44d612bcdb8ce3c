import EHCCore
import Foundation
import GRDB
import Testing
@testable import EHCStore

@Suite("The case store")
struct CaseStoreTests {
    @Test("a new database is created with mode 0600 in a new folder with mode 0700, in WAL mode")
    func createsPrivateFileInWALMode() throws {
        let folder = TemporaryFolder()
        let path = folder.file("nested/caseload.sqlite")
        let store = try CaseStore.open(path: path, access: .create)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.file("nested"))
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
        let mode = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("a case round-trips through the database with every fact")
    func roundTrip() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        let original = sampleCase()
        try store.insert([original], by: "tester")
        #expect(try store.allCases() == [original])
        #expect(try store.fetchCase(id: original.id)?.ehcCase == original)
        #expect(try store.fetchCase(id: original.id)?.version == 1)
        #expect(try store.caseCount() == 1)
    }

    @Test("a file that is not a database is refused and left byte-for-byte unchanged")
    func refusesForeignFile() throws {
        let folder = TemporaryFolder()
        let path = folder.file("notes.txt")
        let content = Data("these are my notes, not a database\n".utf8)
        _ = FileManager.default.createFile(atPath: path, contents: content)
        #expect(throws: StoreError.notAnEhcdeskDatabase(path: path)) { try CaseStore.open(path: path, access: .create) }
        #expect(FileManager.default.contents(atPath: path) == content)
    }

    @Test("another application's SQLite database is refused and left unchanged")
    func refusesForeignSQLite() throws {
        let folder = TemporaryFolder()
        let path = folder.file("other.sqlite")
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        let before = FileManager.default.contents(atPath: path)
        #expect(throws: StoreError.notAnEhcdeskDatabase(path: path)) { try CaseStore.open(path: path, access: .create) }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("a database from a newer ehcdesk is refused and left unchanged")
    func refusesNewerSchema() throws {
        let folder = TemporaryFolder()
        let path = folder.file("newer.sqlite")
        _ = try CaseStore.open(path: path, access: .create)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        let before = FileManager.default.contents(atPath: path)
        #expect(throws: StoreError.newerSchema(path: path)) { try CaseStore.open(path: path, access: .create) }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("inserting a reference that exists is refused and writes nothing")
    func duplicateInsertWritesNothing() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        #expect(throws: StoreError.duplicateCase(id: "EHC-2025-00001")) {
            try store.insert([sampleCase(id: "EHC-2025-00002"), sampleCase()], by: "tester")
        }
        #expect(try store.caseCount() == 1)
    }

    @Test("an edit of a stale version is refused, a current one is applied and audited")
    func optimisticConcurrency() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        var ehcCase = sampleCase()
        try store.insert([ehcCase], by: "first")
        ehcCase.caseworker = "B. Caseworker"
        #expect(try store.update(ehcCase, expectedVersion: 1, by: "second", summary: "caseworker changed") == 2)
        ehcCase.caseworker = "C. Caseworker"
        #expect(throws: StoreError.staleEdit(id: ehcCase.id, expectedVersion: 1, actualVersion: 2)) {
            try store.update(ehcCase, expectedVersion: 1, by: "third", summary: "stale")
        }
        #expect(try store.fetchCase(id: ehcCase.id)?.ehcCase.caseworker == "B. Caseworker")
        let history = try store.history(of: ehcCase.id)
        #expect(history.map(\.user) == ["first", "second"])
        #expect(history.last?.before?.contains("A. Caseworker") == true)
        #expect(history.last?.after?.contains("B. Caseworker") == true)
    }

    @Test("SQLite itself refuses to change or delete audit-trail entries")
    func auditTrailIsAppendOnly() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        let update = #expect(throws: DatabaseError.self) {
            try store.pool.write { db in try db.execute(sql: "UPDATE auditTrail SET user = 'someone else'") }
        }
        #expect(update?.message == "the audit trail cannot be changed")
        let delete = #expect(throws: DatabaseError.self) {
            try store.pool.write { db in try db.execute(sql: "DELETE FROM auditTrail") }
        }
        #expect(delete?.message == "the audit trail cannot be deleted from")
        #expect(try store.history(of: "EHC-2025-00001").count == 1)
    }
}

@Suite("Reading cases by the day their plan was issued")
struct CasesByIssueDateTests {
    @Test("only plans issued in the period, both days included, come back with all their facts")
    func period() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        var before = sampleCase(id: "EHC-A")
        before.finalPlanIssued = CalendarDate("2025-05-19")
        let onFirstDay = sampleCase(id: "EHC-B")   // issued 2025-05-20
        var open = sampleCase(id: "EHC-C")
        open.finalPlanIssued = nil
        open.reviews = []
        try store.insert([before, onFirstDay, open], by: "tester")
        let found = try store.cases(finalPlanIssuedFrom: CalendarDate("2025-05-20")!, to: CalendarDate("2025-05-20")!)
        #expect(found == [onFirstDay])
    }
}

@Suite("Schema upgrades")
struct SchemaUpgradeTests {
    @Test("a database made by an earlier ehcdesk (schema v1) is upgraded in place and keeps its cases")
    func upgradesFromV1() throws {
        let folder = TemporaryFolder()
        let path = folder.file("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v1: cases, advice, exceptions, reviews, audit trail")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO cases (id, givenName, familyName, dateOfBirth, caseworker, requestDate, requestSource,
                    finalPlanIssued) VALUES ('EHC-OLD', 'Ann', 'Old', '2015-01-01', 'A', '2024-01-08', 'parent', '2024-05-20');
                INSERT INTO reviews (caseId, position, meetingDate, decisionDate, decision)
                    VALUES ('EHC-OLD', 0, '2025-04-01', '2025-04-20', 'amend');
                """)
        }
        try queue.close()
        let store = try CaseStore.open(path: path, access: .create)
        let review = try #require(try store.allCases().first?.reviews.first)
        #expect(review.decision == .amend)
        #expect(review.amendmentProposed == nil)
        var changed = try #require(try store.fetchCase(id: "EHC-OLD"))
        changed.ehcCase.reviews[0].amendmentProposed = CalendarDate("2025-04-20")
        try store.update(changed.ehcCase, expectedVersion: changed.version, by: "tester", summary: "notice recorded")
        #expect(try store.allCases().first?.reviews.first?.amendmentProposed == CalendarDate("2025-04-20"))
    }
}

@Suite("Reading issued plans light for the timeliness report")
struct IssuedPlansTests {
    static let today = CalendarDate("2026-11-24")!

    /// A store holding `count` generated cases; keep `folder` alive while the store is used.
    static func generatedStore(count: Int, in folder: TemporaryFolder) throws -> CaseStore {
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert(CaseloadGenerator(seed: 3, today: today).cases(count: count), by: "tester")
        return store
    }

    @Test("the report from the light read equals the report from whole cases, exceptions included")
    func sameReport() throws {
        let folder = TemporaryFolder()
        let store = try Self.generatedStore(count: 2000, in: folder)
        let today = Self.today
        let from = CalendarDate("2020-01-01")!
        let timeliness = Timeliness()
        let light = timeliness.report(forPlans: try store.issuedPlans(from: from, to: today), from: from, to: today,
                                      groupedBy: .month, today: today)
        let whole = timeliness.report(for: try store.cases(finalPlanIssuedFrom: from, to: today), from: from, to: today,
                                      groupedBy: .month, today: today)
        #expect(whole.overall.exceptedCaseIDs.isEmpty == false)
        #expect(light == whole)
    }

    @Test("only plans with an exception naming the final plan carry their whole case")
    func wholeCaseOnlyWithException() throws {
        let folder = TemporaryFolder()
        let store = try Self.generatedStore(count: 500, in: folder)
        let plans = try store.issuedPlans(from: CalendarDate("2000-01-01")!, to: Self.today)
        for plan in plans {
            let named = try store.fetchCase(id: plan.caseID)?.ehcCase.exceptions
                .contains { $0.appliesTo.contains("finalPlan") } ?? false
            #expect((plan.caseWithException != nil) == named)
        }
    }
}

@Suite("Reading the cases owed advice")
struct CasesAwaitingAdviceTests {
    @Test("the light read gives the same Who owes what as the whole caseload, with each case's version")
    func agreesWithWholeCaseload() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        let cases = CaseloadGenerator(seed: 5, today: generatorToday).cases(count: 2_000)
        try store.insert(cases, by: "tester")
        let calendar = StatutoryCalendar()
        let light = try store.casesAwaitingAdvice()
        let whole = WhoOwesWhat(cases: try store.allCases(), calendar: calendar, today: generatorToday)
        #expect(WhoOwesWhat(cases: light.map(\.ehcCase), calendar: calendar, today: generatorToday) == whole)
        #expect(whole.outstanding > 100)
        #expect(light.count < cases.count / 2)
        #expect(light.allSatisfy { $0.version == 1 })
    }
}

@Suite("At risk in the caseload list")
struct AtRiskSummaryTests {
    @Test("a summary is at risk exactly when the breach forecast of its case says so, on every generated case")
    func agreesWithForecast() {
        let calendar = StatutoryCalendar()
        var atRisk = 0
        for ehcCase in tenThousandCases.prefix(3_000) {
            let deadlines = calendar.deadlines(for: ehcCase, today: generatorToday)
            let forecast = BreachForecast.forecast(for: ehcCase, deadlines: deadlines, calendar: calendar, today: generatorToday)
            let summary = CaseSummary(ehcCase, calendar: calendar, today: generatorToday)
            #expect(summary.isAtRisk == (forecast?.isAtRisk ?? false), "\(ehcCase.id)")
            if summary.isAtRisk { atRisk += 1 }
        }
        #expect(atRisk > 10)
    }

    @Test("SQLite's temporary files stay in memory on every connection, never in a shared folder such as /var/tmp")
    func temporaryFilesInMemory() throws {
        let folder = TemporaryFolder()
        let path = folder.file("c.sqlite")
        let store = try CaseStore.open(path: path, access: .create)
        let memory = 2   // PRAGMA temp_store: 0 default (a file), 1 file, 2 memory
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == memory)
        #expect(try store.pool.write { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == memory)
        // The connections opened beside the store's: read-only checks, backups, an import's new database.
        let queue = try DatabaseQueue(path: path, configuration: .ehcdesk(readonly: true))
        #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == memory)
    }
}
