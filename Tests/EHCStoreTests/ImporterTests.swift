import EHCCore
import Foundation
import GRDB
import Testing
@testable import EHCStore

@Suite("Importing cases")
struct ImporterTests {
    let today = CalendarDate("2026-11-24")!

    @Test("a reference used twice in one file is refused with both places, and nothing is written")
    func duplicateInFile() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        let failure = #expect(throws: ImportFailure.self) {
            try store.importCases([sampleCase(), sampleCase(id: "EHC-2"), sampleCase()], file: "in.json",
                                  updateExisting: false, by: "tester", check: ConsistencyCheck(), today: today)
        }
        #expect(failure?.description == "in.json: cases[2].id: the reference EHC-2025-00001 is also used by cases[0]")
        #expect(try store.caseCount() == 0)
    }

    @Test("a new database built by an import is a WAL database like any other, its trail and deadlines intact; a refused one holds no case")
    func intoNewDatabase() throws {
        let folder = TemporaryFolder()
        let path = folder.file("new.sqlite")
        let cases = CaseloadGenerator(seed: 8, today: today).cases(count: 120)
        let result = try CaseStore.importIntoNewDatabase(at: path, ImportedCases(cases: cases, file: "in.json"), by: "sam",
                                                         check: ConsistencyCheck(), today: today)
        #expect(result == ImportResult(inserted: 120, updated: 0))
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        let store = try CaseStore.open(path: path, access: .write)
        #expect(try store.allCases() == cases.sorted { $0.id < $1.id })
        #expect(try store.verify().isIntact)
        #expect(try store.storedDeadlineDifferences() == [])
        try store.close()
        #expect(try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")

        var broken = cases[3]
        broken.id = "EHC-2099-99999"
        broken.finalPlanIssued = broken.requestDate.adding(days: -1)
        let refusedPath = folder.file("refused.sqlite")
        #expect(throws: ImportFailure.self) {
            try CaseStore.importIntoNewDatabase(at: refusedPath, ImportedCases(cases: cases + [broken], file: "in.json"),
                                                by: "sam", check: ConsistencyCheck(), today: today)
        }
        #expect(try DatabaseQueue(path: refusedPath).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") } == 0)
    }

    @Test("an existing reference is refused without --update and replaced, audited, with it")
    func updateExisting() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        var changed = sampleCase()
        changed.caseworker = "B. Caseworker"
        do {
            _ = try store.importCases([changed], file: "in.json", updateExisting: false, by: "tester", check: ConsistencyCheck(), today: today)
            Issue.record("import should have been refused")
        } catch let failure as ImportFailure {
            #expect(failure.description == "in.json: cases[0].id: EHC-2025-00001 already exists; use --update to replace it")
        }
        let result = try store.importCases([changed], file: "in.json", updateExisting: true, by: "tester", check: ConsistencyCheck(), today: today)
        #expect(result == ImportResult(inserted: 0, updated: 1))
        #expect(try store.fetchCase(id: changed.id)?.ehcCase.caseworker == "B. Caseworker")
        #expect(try store.history(of: changed.id).map(\.action) == ["insert", "update"])
    }

    @Test("a case that breaks a statutory rule refuses the import, naming the case, its path and the rule")
    func consistencyErrorsRefuse() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        var broken = sampleCase(id: "EHC-2025-00009")
        broken.advice[0].received = CalendarDate("2025-02-01")
        do {
            _ = try store.importCases([sampleCase(), broken], file: "in.json", updateExisting: false, by: "tester",
                                      check: ConsistencyCheck(), today: today)
            Issue.record("import should have been refused")
        } catch let failure as ImportFailure {
            #expect(failure.problems.map(\.place) == ["cases[1].advice[0].received"])
            #expect(failure.problems[0].message.hasPrefix("EHC-2025-00009: "))
        }
        #expect(try store.caseCount() == 0)
    }
}

@Suite("Importing advice contact and quality")
struct AdviceQualityImportTests {
    let today = CalendarDate("2026-11-24")!

    func problems(_ adviceJSON: String) -> [String] {
        let text = #"{"format": "ehcdesk/1", "cases": [{"id": "EHC-1", "child": {"givenName": "Sam", "familyName": "X", "#
            + #""dateOfBirth": "2016-02-03"}, "caseworker": "A", "requestDate": "2025-01-06", "requestSource": "parent", "#
            + #""advice": [\#(adviceJSON)]}]}"#
        do {
            let cases = try InterchangeDocument.read(Array(text.utf8), file: "in.json")
            let folder = TemporaryFolder()
            let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
            _ = try store.importCases(cases, file: "in.json", updateExisting: false, by: "tester",
                                      check: ConsistencyCheck(), today: today)
            return []
        } catch let failure as ImportFailure {
            return failure.problems.map { "\($0.place): \($0.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    @Test("contact, verdict, note and return date import")
    func accepted() {
        #expect(problems(#"{"agency": "health", "contact": "Dr Patel", "requested": "2025-02-03", "#
            + #""received": "2025-03-10", "chased": [], "quality": "returned", "qualityNote": "no outcomes", "#
            + #""returned": "2025-03-12"}"#) == [])
    }

    @Test("an unknown verdict is refused at its path with the words allowed")
    func unknownVerdict() {
        #expect(problems(#"{"agency": "health", "requested": "2025-02-03", "received": "2025-03-10", "#
            + #""quality": "poor"}"#)
            == [#"cases[0].advice[0].quality: "poor" is not one of: adequate, returned"#])
    }

    @Test("a quality note without a verdict is refused at its path")
    func noteWithoutVerdict() {
        #expect(problems(#"{"agency": "health", "requested": "2025-02-03", "received": "2025-03-10", "#
            + #""qualityNote": "thin"}"#).map { $0.prefix(while: { $0 != ":" }) } == ["cases[0].advice[0].qualityNote"])
    }

    @Test("a return before the advice was received is refused at its path")
    func returnedBeforeReceived() {
        #expect(problems(#"{"agency": "health", "requested": "2025-02-03", "received": "2025-03-10", "#
            + #""quality": "returned", "qualityNote": "x", "returned": "2025-03-01"}"#)
            .map { $0.prefix(while: { $0 != ":" }) } == ["cases[0].advice[0].returned"])
    }

    @Test("the database refuses a verdict outside the vocabulary and a return day without the verdict")
    func schemaChecks() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        let vocabulary = #expect(throws: DatabaseError.self) {
            try DatabaseQueue(path: folder.file("db.sqlite")).write { db in
                try db.execute(sql: "UPDATE advice SET quality = 'poor' WHERE position = 0")
            }
        }
        #expect(vocabulary?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
        #expect(vocabulary?.message?.contains("quality IN") == true, "\(String(describing: vocabulary?.message))")
        let returnDay = #expect(throws: DatabaseError.self) {
            try DatabaseQueue(path: folder.file("db.sqlite")).write { db in
                try db.execute(sql: "UPDATE advice SET returned = '2025-03-21' WHERE position = 0")
            }
        }
        #expect(returnDay?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
        #expect(returnDay?.message?.contains("returned IS NULL") == true, "\(String(describing: returnDay?.message))")
    }
}
