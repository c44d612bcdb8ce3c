import EHCCore
@testable import EHCStore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("SEN2: persons with several requests")
struct SEN2PersonTests {
    static let today = CalendarDate("2026-12-01")!

    /// A child refused in 2026 and asked for again, and another child: two persons, three requests.
    static func cases() -> [EHCCase] {
        var first = sampleCase(id: "EHC-2026-00001")
        first.requestDate = CalendarDate("2026-01-12")!
        first.decisionToAssess = Decision(date: CalendarDate("2026-02-16")!, outcome: .notAssess)
        first.advice = []
        first.decisionToIssue = nil
        first.draftPlanIssued = nil
        first.finalPlanIssued = nil
        first.exceptions = []
        first.reviews = []
        first.phaseTransfer = nil
        first.transferredIn = nil
        first.plan = PlanDetails()
        first.child.personID = nil
        var again = first
        again.id = "EHC-2026-00400"
        again.requestDate = CalendarDate("2026-09-07")!
        again.decisionToAssess = nil
        again.child.personID = first.id
        var other = sampleCase(id: "EHC-2026-00002")
        other.child.personID = nil
        other.child.details.upn = "J201200000001"
        return [first, other, again]
    }

    private func write(_ store: CaseStore) throws -> Data {
        var data = Data()
        let header = SEN2Return.Header(collection: SEN2Collection.year(2027)!, laNumber: "886", written: Self.today)
        let written = try SEN2Return.write(header, calendar: StatutoryCalendar(), store: store) { data.append($0) }
        #expect(written == SEN2Return.Written(persons: 2, requests: 3))
        return data
    }

    @Test("a person's requests are one Person with a Requests each; importing gives them one person id again")
    func oneRecordPerPerson() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert(Self.cases(), by: "tester")
        let data = try write(store)
        let document = try XMLDocument(data: data)
        let persons = try document.nodes(forXPath: "/Message/Persons/Person")
        #expect(persons.count == 2)
        #expect(try persons.map { try $0.nodes(forXPath: "Requests").count }.sorted() == [1, 2])

        let file = folder.file("return.xml")
        try data.write(to: URL(fileURLWithPath: file))
        let copy = try CaseStore.open(path: folder.file("copy.sqlite"), access: .create)
        _ = try copy.importCases(SEN2Source(path: file), updateExisting: false, by: "tester",
                                 check: ConsistencyCheck(), today: Self.today)
        let imported = try copy.allCases()
        #expect(imported.count == 3)
        #expect(Set(imported.map(\.personID)).count == 2)
        #expect(try write(copy) == data)
    }
}
