import EHCCore
import Foundation
import GRDB
import Testing
@testable import EHCStore

@Suite("Reading the whole caseload in one pass")
struct CaseStreamTests {
    @Test("child rows go to their own case whatever the bytes of the references (SQLite's binary order)")
    func mergesByBinaryOrder() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        // "Z" < "a" < "É" in bytes; "EHC-1" is a prefix of "EHC-10".
        let cases = ["a-1", "EHC-10", "EHC-1", "É-1", "Z-1"].enumerated().map { index, id in
            var ehcCase = sampleCase(id: id)
            ehcCase.advice = Array(ehcCase.advice.prefix(index % 3))
            ehcCase.reviews = index.isMultiple(of: 2) ? ehcCase.reviews : []
            ehcCase.exceptions = index == 3 ? ehcCase.exceptions : []
            return ehcCase
        }
        try store.insert(cases, by: "tester")
        let read = try store.allCases()
        #expect(read.map(\.id) == ["EHC-1", "EHC-10", "Z-1", "a-1", "É-1"])
        #expect(Set(read) == Set(cases))
    }

    @Test("mapCases transforms every case once, in reference order, across many chunks")
    func mapsInOrder() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        let today = CalendarDate("2026-11-24")!
        let generated = CaseloadGenerator(seed: 11, today: today).cases(count: 5_000)
        try store.insert(generated, by: "tester")
        let ids = try store.mapCases { chunk in chunk.map(\.id) }
        #expect(ids == generated.map(\.id).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        // Whole cases, against what was inserted (not against another read of the store).
        let byID = Dictionary(uniqueKeysWithValues: generated.map { ($0.id, $0) })
        let mapped = try store.mapCases { $0 }
        #expect(mapped.count == generated.count)
        #expect(mapped.allSatisfy { byID[$0.id] == $0 })
        #expect(try store.allCases() == mapped)
    }

    @Test("chase dates written by another tool with spaces read the same; a date that is not one is named")
    func readsChaseListsOfAnyShape() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        try store.pool.write { db in
            try db.execute(sql: "UPDATE advice SET chased = '[ \"2025-03-18\", \"2025-03-25\" ]' WHERE position = 0")
        }
        #expect(try store.allCases().first?.advice.first?.chased == [CalendarDate("2025-03-18")!, CalendarDate("2025-03-25")!])
        try store.pool.write { db in
            try db.execute(sql: "UPDATE advice SET chased = '[\"2025-02-30\"]' WHERE position = 0")
        }
        #expect(throws: CaseRows.CorruptValue(value: "2025-02-30")) { try store.allCases() }
    }
}

@Suite("Writing cases straight to SQLite's buffers")
struct CaseWritingTests {
    @Test("more advice items than one statement inserts, an empty setting and every chase date round-trip in order")
    func manyChildRowsRoundTrip() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        var ehcCase = sampleCase()
        ehcCase.child.setting = ""
        let requested = CalendarDate("2025-02-11")!
        ehcCase.advice = (0..<19).map { index in
            AdviceRequest(agency: Agency.allCases[index % Agency.allCases.count], detail: index == 6 ? "" : nil,
                          requested: requested.adding(days: index),
                          chased: (0..<index % 4).map { requested.adding(weeks: 6 + $0) })
        }
        try store.insert([ehcCase], by: "tester")
        #expect(try store.allCases() == [ehcCase])
        let positions = try store.pool.read { db in
            try Int.fetchAll(db, sql: "SELECT position FROM advice WHERE caseId = ? ORDER BY position", arguments: [ehcCase.id])
        }
        #expect(positions == Array(0..<19))
    }
}

@Suite("Schema v5: cases kept in reference order")
struct CasesInReferenceOrderMigrationTests {
    @Test("a v4 database with cases, advice, exceptions and reviews keeps every row through v5, cases now WITHOUT ROWID")
    func migratesExistingRows() throws {
        let folder = TemporaryFolder()
        let path = folder.file("db.sqlite")
        let cases = [sampleCase(id: "EHC-B"), sampleCase(id: "EHC-A")]
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v4: advice contact and quality")
            try queue.write { db in for ehcCase in cases { try insertBeforeReturnDetails(ehcCase, db) } }
        }
        let store = try CaseStore.open(path: path, access: .create)
        #expect(try store.allCases() == cases.map(beforeReturnDetails).sorted { $0.id < $1.id })
        let (table, orphans) = try store.pool.read { db in
            (try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'cases'") ?? "",
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count)
        }
        #expect(table.hasSuffix("WITHOUT ROWID"))
        #expect(orphans == 0)
    }
}

@Suite("Generating into a database")
struct GeneratedBulkLoadTests {
    @Test("after a bulk load foreign keys are enforced again: a child row without its case is refused")
    func foreignKeysBackOn() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        let today = CalendarDate("2026-11-24")!
        #expect(try store.insertGenerated(CaseloadGenerator(seed: 2, today: today).cases(count: 50), by: "t", summary: "s") == 50)
        let orphans = try store.pool.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count }
        #expect(orphans == 0)
        let refused = #expect(throws: DatabaseError.self) {
            try store.pool.write { db in
                try db.execute(sql: "INSERT INTO reviews (caseId, position, meetingDate) VALUES ('EHC-NONE', 0, '2026-01-01')")
            }
        }
        #expect(refused?.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY)
    }
}
