import EHCCore
import Foundation
import Testing
@testable import EHCStore

@Suite("Importing cases")
struct ImporterTests {
    let today = CalendarDate("2026-11-24")!

    @Test("a reference used twice in one file is refused with both places, and nothing is written")
    func duplicateInFile() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"))
        #expect(throws: ImportFailure.self) {
            try store.importCases([sampleCase(), sampleCase(id: "EHC-2"), sampleCase()], file: "in.json",
                                  updateExisting: false, by: "tester", check: ConsistencyCheck(), today: today)
        }
        #expect(try store.caseCount() == 0)
    }

    @Test("an existing reference is refused without --update and replaced, audited, with it")
    func updateExisting() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"))
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
        let store = try CaseStore.open(path: folder.file("db.sqlite"))
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
