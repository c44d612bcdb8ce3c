import EHCCore
@testable import EHCStore
import Testing

@Suite("Data quality on a generated caseload")
struct PlantedFaultTests {
    static let today = CalendarDate("2026-12-01")!

    private func findings(_ generator: CaseloadGenerator, count: Int) -> [DataQualityFinding] {
        var check = DataQualityCheck(census: generator.faultCensus)
        return generator.cases(count: count).flatMap { check.findings(for: $0) } + check.finish()
    }

    @Test("a caseload generated without faults has nothing to find, for several seeds", arguments: [1, 2, 7] as [UInt64])
    func cleanCaseload(seed: UInt64) {
        let found = findings(CaseloadGenerator(seed: seed, today: Self.today), count: 3_000)
        #expect(found.map { "\($0.rule) \($0.caseID ?? "") \($0.message)" } == [])
    }

    @Test("with faults, check finds every planted fault and nothing else", arguments: [1, 3] as [UInt64])
    func plantedFaults(seed: UInt64) {
        let generator = CaseloadGenerator(seed: seed, today: Self.today, faults: true)
        let planted = generator.plantedFaults(count: 5_000)
        let found = findings(generator, count: 5_000)
        #expect(planted.count > 50)
        #expect(Set(planted.map(\.rule)).count >= 8, "every kind of fault is planted")
        #expect(Set(found.map { CaseloadGenerator.PlantedFault(rule: $0.rule, caseID: $0.caseID ?? "") }) == Set(planted))
        #expect(found.count == planted.count, "one finding per planted fault")
    }

    @Test("generated identifiers are valid and unique: UPN check letters and ULN check digits computed")
    func identifiers() {
        let cases = CaseloadGenerator(seed: 5, today: Self.today).cases(count: 2_000)
        let upns = cases.compactMap(\.child.details.upn)
        let ulns = cases.compactMap(\.child.details.uln)
        #expect(upns.count > 1_000 && ulns.count > 20)
        #expect(upns.compactMap(PupilIdentifiers.upnProblem) == [])
        #expect(ulns.compactMap(PupilIdentifiers.ulnProblem) == [])
        // Unique to each person: a child asked for twice keeps their UPN on both requests.
        let holders = Dictionary(grouping: cases.filter { $0.child.details.upn != nil }, by: { $0.child.details.upn ?? "" })
        #expect(holders.values.allSatisfy { Set($0.map(\.personID)).count == 1 })
        #expect(Set(ulns).count == Set(cases.filter { $0.child.details.uln != nil }.map(\.personID)).count)
        let persons = Dictionary(grouping: cases, by: \.personID)
        let twice = persons.values.filter { $0.count == 2 }
        #expect(twice.count > 5, "some children are asked for again after a refusal")
        #expect(twice.allSatisfy { $0[0].child == Child(givenName: $0[1].child.givenName, familyName: $0[1].child.familyName,
                                                           dateOfBirth: $0[1].child.dateOfBirth, setting: $0[1].child.setting,
                                                           personID: $0[0].child.personID, details: $0[1].child.details) })
        #expect(twice.allSatisfy { $0[0].decisionToAssess?.outcome == .notAssess })
        #expect(cases.contains { $0.child.details.upnUnknown == .under6 })
        #expect(cases.allSatisfy { $0.finalPlanIssued == nil || $0.plan.primaryNeed != nil })
    }
}
