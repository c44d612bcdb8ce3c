import EHCCore
import EHCStore
import Testing

let generatorToday = CalendarDate("2025-10-01")!

/// One sample of 10,000 cases shared by the tests that look at the caseload as a whole.
let tenThousandCases = CaseloadGenerator(seed: 20_251_001, today: generatorToday).cases(count: 10_000)

@Suite("Caseload generator: reproducibility and shape")
struct GenerateTests {
    @Test("the same seed and today give identical cases")
    func sameSeedSameCases() {
        let first = CaseloadGenerator(seed: 7, today: generatorToday).cases(count: 500)
        let second = CaseloadGenerator(seed: 7, today: generatorToday).cases(count: 500)
        #expect(first == second)
    }

    @Test("a different seed gives different cases")
    func differentSeedDifferentCases() {
        let first = CaseloadGenerator(seed: 7, today: generatorToday).cases(count: 50)
        let second = CaseloadGenerator(seed: 8, today: generatorToday).cases(count: 50)
        #expect(zip(first, second).allSatisfy { $0 != $1 })
    }

    @Test("chunks and single cases are the same as one big call")
    func chunksMatchWhole() {
        let generator = CaseloadGenerator(seed: 3, today: generatorToday)
        let whole = generator.cases(count: 300)
        #expect(generator.cases(in: 0..<120) + generator.cases(in: 120..<300) == whole)
        #expect(generator.makeCase(index: 257) == whole[257])
    }

    /// Pins the output, so that a change of the generator or of the toolchain cannot pass unnoticed:
    /// the same seed must give the same caseload on every machine and Swift version.
    @Test("the caseload for a pinned seed never changes")
    func pinnedFingerprint() {
        let cases = CaseloadGenerator(seed: 1, today: generatorToday).cases(count: 200)
        #expect(cases[0].id == "EHC-2024-00000")
        #expect(cases[0].child.fullName == "Theo Williams")
        #expect(cases[0].requestDate == CalendarDate("2024-12-25"))
        #expect(caseloadFingerprint(cases) == 1_072_201_219_116_202_428)   // SEN2 details, ceased plans closed, a few children asked for again (issue 18)
    }

    @Test("references are unique and read EHC-<request year>-<5 digits>")
    func referencesUnique() {
        #expect(Set(tenThousandCases.map(\.id)).count == tenThousandCases.count)
        #expect(tenThousandCases.allSatisfy {
            $0.id.utf8.count == 14 && $0.id.hasPrefix("EHC-\($0.requestDate.year)-")
        })
    }

    @Test("an authority has 8 to 15 caseworkers, their number set by the seed")
    func caseworkerCount() {
        let counts = (1...40 as ClosedRange<UInt64>).map {
            CaseloadGenerator(seed: $0, today: generatorToday).caseworkers.count
        }
        #expect(counts.allSatisfy { (8...15).contains($0) })
        #expect(Set(counts).count > 3)
    }

    @Test("cases are shared among all the caseworkers and no one else")
    func casesUseCaseworkers() {
        let generator = CaseloadGenerator(seed: 20_251_001, today: generatorToday)
        #expect(Set(generator.caseworkers).count == generator.caseworkers.count)
        #expect(Set(tenThousandCases.map(\.caseworker)) == Set(generator.caseworkers))
    }

    @Test("requests fall within the three years before today")
    func requestsInLastThreeYears() {
        let earliest = generatorToday.adding(days: -3 * 365)
        #expect(tenThousandCases.allSatisfy { $0.requestDate >= earliest && $0.requestDate <= generatorToday })
        #expect(tenThousandCases.contains { $0.requestDate < generatorToday.adding(days: -1000) })
        #expect(tenThousandCases.contains { $0.requestDate > generatorToday.adding(days: -30) })
    }

    @Test("children are 0 to 20 at request, mostly of school age (a plan asked for at 20 still ends by 25)")
    func ages() {
        let ages = tenThousandCases.map { $0.child.age(on: $0.requestDate) }
        #expect(ages.allSatisfy { (0...20).contains($0) })
        #expect(generatedShare(ages) { (5...15).contains($0) } > 0.6)
        #expect(ages.contains(0) && ages.contains(20))
    }

    @Test("names include accented, Irish, Vietnamese and CJK spellings")
    func nonASCIINames() {
        let names = Set(tenThousandCases.map(\.child.fullName))
        #expect(generatedShare(Array(names)) { !$0.allSatisfy(\.isASCII) } > 0.1)
        for fragment in ["Zoë", "Łukasz", "Nguyễn", "Siobhán", "Ayşe", "Ó Briain", "李"] {
            #expect(names.contains { $0.contains(fragment) }, "no name with \(fragment)")
        }
    }

    @Test("settings include nurseries, primary, secondary and special schools and colleges, and none")
    func settingKinds() {
        let settings = tenThousandCases.map(\.child.setting)
        #expect(settings.contains { $0 == nil })
        for kind in ["Nursery", "Primary", "Academy", "Special", "College"] {
            #expect(settings.contains { $0?.contains(kind) == true }, "no \(kind)")
        }
    }

    @Test("every generated case is a consistent story up to today")
    func allConsistent() {
        for today in ["2025-10-01", "2024-02-29", "2026-08-15"].map({ CalendarDate($0)! }) {
            for seed: UInt64 in [1, 99] {
                let cases = CaseloadGenerator(seed: seed, today: today).cases(count: 5_000)
                let problems = cases.flatMap { inconsistencies(of: $0, today: today) }
                #expect(problems.isEmpty, "\(problems.count) problems, e.g. \(problems.prefix(5))")
            }
        }
    }

    @Test("the consistency check catches advice received before it was requested")
    func checkCatchesBadAdvice() {
        var broken = CaseloadGenerator(seed: 5, today: generatorToday).makeCase(index: 0)
        let day = broken.requestDate.adding(days: 50)
        broken.decisionToAssess = Decision(date: broken.requestDate.adding(days: 40), outcome: .assess)
        broken.advice = [AdviceRequest(agency: .health, requested: day, received: day.adding(days: -1))]
        #expect(inconsistencies(of: broken, today: generatorToday).contains { $0.contains("before it was requested") })
    }

    @Test("100,000 cases generate quickly, with unique references")
    func speed() {
        let generator = CaseloadGenerator(seed: 11, today: generatorToday)
        let clock = ContinuousClock()
        var cases: [EHCCase] = []
        let elapsed = clock.measure { cases = generator.cases(count: 100_000) }
        print("generated 100,000 cases in \(elapsed)")
        #expect(Set(cases.map(\.id)).count == 100_000)
        // A debug build is many times slower than release (well under a second there); this only catches a blow-up.
        #expect(elapsed < .seconds(30))
    }
}

func generatedShare<Element>(_ items: [Element], where predicate: (Element) -> Bool) -> Double {
    Double(items.count { predicate($0) }) / Double(max(items.count, 1))
}

/// FNV-1a over the identifying facts of each case: names, references and every date as a day number.
func caseloadFingerprint(_ cases: [EHCCase]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func add(_ text: String) {
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
    func add(_ date: CalendarDate?) { add(date.map { String($0.dayNumber) } ?? "-") }
    for ehcCase in cases {
        add(ehcCase.id + ehcCase.child.fullName + (ehcCase.child.setting ?? "-") + ehcCase.caseworker)
        add(ehcCase.child.dateOfBirth)
        add(ehcCase.decisionToAssess?.date)
        add(ehcCase.decisionToIssue?.date)
        add(ehcCase.finalPlanIssued)
        for advice in ehcCase.advice { add(advice.requested); add(advice.received); add(advice.agency.rawValue) }
        for exception in ehcCase.exceptions { add(exception.ground.rawValue); add(exception.from) }
        for review in ehcCase.reviews { add(review.meetingDate); add(review.decisionDate) }
        add(ehcCase.phaseTransfer?.amendedPlanIssued)
        add(ehcCase.closed?.date)
        let details = ehcCase.child.details
        add((details.upn ?? "-") + (details.uln ?? "-") + (details.upnUnknown?.rawValue ?? "-") + (details.sex?.rawValue ?? "-")
            + (details.ethnicity ?? "-") + (details.postcode ?? "-") + (ehcCase.plan.primaryNeed?.rawValue ?? "-")
            + (ehcCase.plan.secondaryNeed?.rawValue ?? "-") + String(ehcCase.plan.placements.count)
            + (ehcCase.closed?.ceaseReason.map { String($0.rawValue) } ?? "-") + (ehcCase.transferredIn?.formerLA ?? "-"))
    }
    return hash
}
