@testable import EHCCore
import Foundation
import Testing

/// Each rule of the data-quality table against a case that breaks it and the same case put right.
@Suite("Data quality rules")
struct DataQualityCheckTests {
    static let census = day("2027-01-21")

    /// A plan in force for a 10-year-old with everything SEN2 asks for recorded.
    static func clean(id: String = "EHC-2025-00001") -> EHCCase {
        var ehcCase = makeIssuedCase(id: id, request: "2025-01-06", final: "2025-05-20")
        ehcCase.child.details = PersonDetails(upn: "H801200001001", sex: .female, ethnicity: "WBRI", postcode: "AB1 2CD")
        ehcCase.plan = PlanDetails(placements: [Placement(establishment: .urn("100001"), entry: day("2025-06-02"))],
                                   primaryNeed: .ASD)
        return ehcCase
    }

    private func rules(_ cases: [EHCCase], census: CalendarDate = Self.census) -> [String] {
        var check = DataQualityCheck(census: census)
        let found = cases.flatMap { check.findings(for: $0) } + check.finish()
        return found.map { "\($0.rule) \($0.field)" }
    }

    private func rules(_ change: (inout EHCCase) -> Void) -> [String] {
        var ehcCase = Self.clean()
        change(&ehcCase)
        return rules([ehcCase])
    }

    @Test("the clean case has nothing to find, and every rule in the table has a fix and a source")
    func cleanCase() {
        #expect(rules([Self.clean()]) == [])
        #expect(DataQualityRule.all.allSatisfy { !$0.fix.isEmpty && !$0.source.isEmpty && !$0.fields.isEmpty })
        #expect(Set(DataQualityRule.all.map(\.id)).count == DataQualityRule.all.count)
    }

    @Test("identifiers: none at all, a mistyped UPN, a mistyped ULN, a reason beside a UPN, UN1 for a child of 8")
    func identifiers() {
        #expect(rules { $0.child.details.upn = nil } == ["P01 child.upn"])
        #expect(rules { $0.child.details.upn = "J801200001001" } == ["P02 child.upn"])
        #expect(rules { $0.child.details.uln = "1234567890" } == ["P04 child.uln"])
        #expect(rules { $0.child.details.uln = "1234567899" } == [])
        #expect(rules { $0.child.details.upnUnknown = .newToAuthority } == ["P10 child.upnUnknown"])
        #expect(rules { $0.child.details.upn = nil; $0.child.details.upnUnknown = .under6 } == ["P05 child.upnUnknown"])
        #expect(rules {
            $0.child.details.upn = nil
            $0.child.details.upnUnknown = .under6
            $0.child.dateOfBirth = day("2021-03-02")   // 5 at the census
        } == [])
    }

    @Test("the P02 message names the right check letter, so the fix is one character")
    func checkLetterMessage() {
        var check = DataQualityCheck(census: Self.census)
        var ehcCase = Self.clean()
        ehcCase.child.details.upn = "J801200001001"
        let message = check.findings(for: ehcCase).first?.message ?? ""
        #expect(message.contains("the check letter of 801200001001 is H, not J"))
        #expect(message.hasSuffix(DataQualityRule.upnInvalid.fix))
    }

    @Test("one UPN for two persons is found on both; for two requests of one person it is not")
    func sharedUPN() {
        var other = Self.clean(id: "EHC-2025-00002")
        #expect(rules([Self.clean(), other]) == ["P03 child.upn", "P03 child.upn"])
        other.child.personID = "EHC-2025-00001"
        #expect(rules([Self.clean(), other]) == [])
    }

    @Test("two requests of one person that disagree on the birth date or the sex are found")
    func personDisagrees() {
        var other = Self.clean(id: "EHC-2025-00002")
        other.child.personID = "EHC-2025-00001"
        other.child.dateOfBirth = day("2016-03-03")
        other.child.details.sex = .male
        #expect(rules([Self.clean(), other]) == ["P09 child"])
    }

    @Test("sex, ethnicity and postcode: missing, not a code, an extended code, not a postcode")
    func personCodes() {
        #expect(rules { $0.child.details.sex = nil } == ["P07 child.sex"])
        #expect(rules { $0.child.details.ethnicity = nil } == ["P07 child.ethnicity"])
        #expect(rules { $0.child.details.ethnicity = "White" } == ["P07 child.ethnicity"])
        #expect(rules { $0.child.details.ethnicity = "WENG" } == ["P08 child.ethnicity"])
        #expect(rules { $0.child.details.postcode = "AB12CD" } == ["P11 child.postcode"])
        #expect(rules { $0.child.details.postcode = "EC1A 1BB" } == [])
    }

    @Test("a plan in force past 25 at the census is a query; the same young person's ended plan is not")
    func ageTwentyFive() {
        #expect(rules { $0.child.dateOfBirth = day("2001-06-01") } == ["P06 child.dateOfBirth"])
        #expect(rules {
            $0.child.dateOfBirth = day("2001-06-01")
            $0.closed = Closure(date: day("2026-07-31"), reason: "reached 25", ceaseReason: .maximumAge)
            $0.plan.placements[0].leaving = day("2026-07-31")
        } == [])
    }

    @Test("cease reasons: a plan that ended without one, a request without a plan with one")
    func ceaseReasons() {
        #expect(rules { $0.closed = Closure(date: day("2026-07-31"), reason: "moved") } == ["N01 closed.ceaseReason"])
        var refused = makeCase(request: "2026-01-05")
        refused.child.details = Self.clean().child.details
        refused.closed = Closure(date: day("2026-03-01"), reason: "withdrawn", ceaseReason: .other)
        #expect(rules([refused]) == ["N01 closed.ceaseReason"])
        refused.closed?.ceaseReason = nil
        #expect(rules([refused]) == [])
    }

    @Test("placements: none, two of rank 1, dates out of order, a URN of 5 digits, a school-age child with nowhere")
    func placements() {
        #expect(rules { $0.plan.placements = [] } == ["N03 plan.placements", "S03 plan.placements"])
        #expect(rules { $0.plan.placements.append(Placement(establishment: .ukprn("10001234"))) }
                    == ["N03 plan.placements"])
        #expect(rules { $0.plan.placements[0].leaving = day("2025-05-01") }
                    == ["N02 plan.placements[0].leaving", "S03 plan.placements"])
        #expect(rules { $0.plan.placements[0].establishment = .urn("10001") } == ["N05 plan.placements[0].urn"])
        #expect(rules { $0.plan.placements[0].establishment = .setting(.EHE, other: nil) } == [])
    }

    @Test("needs: a plan in force without a primary need, a secondary need the same as the primary")
    func needs() {
        #expect(rules { $0.plan.primaryNeed = nil } == ["S01 plan.primaryNeed"])
        #expect(rules { $0.plan.secondaryNeed = .ASD } == ["S01 plan.secondaryNeed"])
        #expect(rules { $0.plan.secondaryNeed = .SLCN } == [])
    }

    @Test("a cease decided at review 20 weeks before the census with the plan still in force is a query")
    func ceaseNotRecorded() {
        let review = { (decided: String) in
            Review(meetingDate: day("2026-05-01"), decisionDate: day(decided), decision: .cease)
        }
        #expect(rules { $0.reviews = [review("2026-05-20")] } == ["N06 closed"])
        #expect(rules { $0.reviews = [review("2026-11-20")] } == [])
    }

    @Test("shares across the caseload: most plans with exceptions, many requests from 'other'")
    func shares() {
        let plans = (0..<30).map { index -> EHCCase in
            var ehcCase = makeIssuedCase(id: "EHC-\(index)", request: "2026-01-05", final: "2026-07-01", excepted: index < 20)
            ehcCase.child.details = Self.clean().child.details
            ehcCase.child.details.upn = nil
            ehcCase.child.details.upnUnknown = .newToAuthority
            ehcCase.plan = Self.clean().plan
            ehcCase.requestSource = index < 8 ? .other : .school
            return ehcCase
        }
        #expect(rules(plans) == ["R05 requestSource", "A04 exceptions"])
        #expect(rules(Array(plans[10...])) == [])
    }

    @Test("docs/sen2.md lists every rule of the table with its kind")
    func documented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/sen2.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for rule in DataQualityRule.all {
            #expect(text.contains("| \(rule.id) | \(rule.severity.rawValue) | \(rule.title) |"), "\(rule.id)")
        }
    }
}
