import EHCCore
import Testing
@testable import EHCStore

@Suite("Changes by other processes")
struct CaseChangesTests {
    @Test("the last change of a case names who saved it")
    func lastChange() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        var ehcCase = sampleCase()
        try store.insert([ehcCase], by: "alice")
        ehcCase.draftPlanIssued = ehcCase.requestDate.adding(weeks: 14)
        try store.update(ehcCase, expectedVersion: 1, by: "bob", summary: "draft plan issued")
        let last = try #require(try store.lastChange(of: ehcCase.id))
        #expect(last.user == "bob")
        #expect(last.summary == "draft plan issued")
    }

    @Test("a case never changed has no last change")
    func noChange() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        #expect(try store.lastChange(of: "EHC-0") == nil)
    }

    @Test("the change mark moves with every saved change and only then")
    func changeMark() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        let empty = try store.changeMark()
        #expect(try store.changeMark() == empty)
        try store.insert([sampleCase()], by: "alice")
        #expect(try store.changeMark().isNewer(than: empty))
    }
}
