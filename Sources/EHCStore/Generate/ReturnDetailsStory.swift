import EHCCore

/// The SEN2 facts of a synthetic case: who the child is nationally, how the request was
/// challenged, and what the plan provides and where, drawn from a random stream of their own so
/// that the statutory story of every case is the same with or without them.
///
/// Identifiers are valid (UPN check letters and ULN check digits computed, never made up) and
/// unique within the caseload; with `faults` a few cases get one deliberate data-quality fault
/// each, and ``CaseloadGenerator/plantedFaults(count:)`` says which, for `check` to find.
extension CaseloadGenerator {
    /// A planted fault: the rule that must find it, and the case.
    public struct PlantedFault: Sendable, Hashable {
        public var rule: String
        public var caseID: String
    }

    /// The faults planted in cases `0..<count` when generated with `faults`, in case order.
    public func plantedFaults(count: Int) -> [PlantedFault] {
        (0..<count).flatMap { index -> [PlantedFault] in
            guard let fault = fault(at: index) else { return [] }
            let ehcCase = makeCase(index: index)
            return fault.rules(for: ehcCase, census: faultCensus).flatMap { rule in
                let partner = fault == .sharedUPN ? [PlantedFault(rule: rule, caseID: makeCase(index: index - 1).id)] : []
                return partner + [PlantedFault(rule: rule, caseID: ehcCase.id)]
            }
        }
    }

    /// The census the planted faults are checked against: the next known one, else a year on.
    var faultCensus: CalendarDate { SEN2Collection.censusToCheck(after: today) }

    func addReturnDetails(to ehcCase: inout EHCCase, index: Int) {
        var random = SplitMix64(seed: seed ^ 0x53454E32, index: index)
        let age = ehcCase.child.age(on: today)
        ehcCase.child.details = person(index: index, age: age, birth: ehcCase.child.dateOfBirth, random: &random)
        if (10...17).contains(age), random.chance(percent: 1) { ehcCase.youthAccommodation = true }
        addChallenges(to: &ehcCase, random: &random)
        if let plan = ehcCase.finalPlanIssued {
            if random.chance(percent: 4) {
                ehcCase.transferredIn = TransferIn(formerLA: random.element(of: Self.otherAuthorities))
            }
            ehcCase.plan = planDetails(for: ehcCase, issued: plan, age: age, random: &random)
        }
        if let closed = ehcCase.closed, ehcCase.finalPlanIssued != nil {
            let reason = Self.ceaseReason(closed.reason, age: age, random: &random)
            ehcCase.closed?.ceaseReason = reason
            ehcCase.exportedToAnotherLA = reason == .movedToAnotherLA
            ehcCase.plan.placements = ehcCase.plan.placements.map { placement in
                var left = placement
                if let entry = left.entry, entry <= closed.date { left.leaving = closed.date } else { left.entry = nil }
                return left
            }
        }
        if fault(at: index + 1) == .sharedUPN, ehcCase.child.details.upn == nil {
            // The other half of a planted shared UPN needs one to share.
            ehcCase.child.details.upn = upn(index: index, birth: ehcCase.child.dateOfBirth)
            ehcCase.child.details.upnUnknown = nil
        }
        if let fault = fault(at: index) { fault.plant(in: &ehcCase, generator: self, index: index) }
    }

    // MARK: The person

    private func person(index: Int, age: Int, birth: CalendarDate, random: inout SplitMix64) -> PersonDetails {
        var details = PersonDetails(
            sex: random.chance(percent: 72) ? .male : .female,
            ethnicity: Self.ethnicities[random.weightedIndex(Self.ethnicityWeights)],
            postcode: "ZX\(random.int(in: 1...19)) \(random.int(in: 0...9))"
                + String(random.element(of: Self.postcodeLetters)) + String(random.element(of: Self.postcodeLetters)))
        // Under 6 a year from now: most have no UPN yet; school pupils have one; at 16 and over
        // a college gives a ULN as well, or instead.
        let underSixAll = birth.adding(months: 12 * 6) > today.adding(months: 14)
        switch random.int(in: 0...99) {
        case ..<2 where !underSixAll:
            details.upnUnknown = random.element(of: [.newToAuthority, .neverInStateSchool, .educatedOutsideEngland])
        case ..<60 where underSixAll:
            details.upnUnknown = .under6
        default:
            details.upn = upn(index: index, birth: birth)
            if age >= 16, random.chance(percent: 55) {
                details.uln = uln(index: index)
                if random.chance(percent: 15) { details.upn = nil }
            }
        }
        return details
    }

    /// A valid UPN unique to `index`: this authority's number, the year the child turned 4, six
    /// digits of the index and a seventh in place 13; the check letter computed.
    func upn(index: Int, birth: CalendarDate) -> String {
        let year = (birth.year + 4) % 100
        let serial = index % 1_000_000, last = (index / 1_000_000) % 10
        let rest = laNumber + (year < 10 ? "0" : "") + String(year) + String(1_000_000 + serial).dropFirst() + String(last)
        guard let letter = PupilIdentifiers.upnCheckLetter(for: rest) else { return "A" + rest }
        return String(letter) + rest
    }

    /// A valid ULN unique to `index`.
    func uln(index: Int) -> String {
        for lead in ["4", "5"] {
            let first = lead + String(100_000_000 + index % 100_000_000).dropFirst()
            if let digit = PupilIdentifiers.ulnCheckDigit(for: first) { return first + String(digit) }
        }
        return "4000000001"
    }

    // MARK: The request and the plan

    private func addChallenges(to ehcCase: inout EHCCase, random: inout SplitMix64) {
        if ehcCase.decisionToAssess?.outcome == .notAssess {
            if random.chance(percent: 10) { ehcCase.challenges.insert(.requestMediation) }
            if random.chance(percent: 6) { ehcCase.challenges.insert(.requestTribunal) }
        }
        if ehcCase.decisionToIssue?.outcome == .notIssue {
            if random.chance(percent: 12) { ehcCase.challenges.insert(.assessmentMediation) }
            if random.chance(percent: 8) { ehcCase.challenges.insert(.assessmentTribunal) }
        }
        if ehcCase.finalPlanIssued != nil {
            if random.chance(percent: 4) { ehcCase.challenges.insert(.otherMediation) }
            if random.chance(percent: 3) { ehcCase.challenges.insert(.otherTribunal) }
        }
    }

    private func planDetails(for ehcCase: EHCCase, issued: CalendarDate, age: Int, random: inout SplitMix64) -> PlanDetails {
        var plan = PlanDetails()
        plan.primaryNeed = Self.needs[random.weightedIndex(Self.needWeights)]
        if random.chance(percent: 35) {
            let secondary = Self.needs[random.weightedIndex(Self.needWeights)]
            if secondary != plan.primaryNeed { plan.secondaryNeed = secondary }
        }
        let entry = issued.adding(days: random.int(in: 0...20))
        plan.placements = [Placement(
            establishment: establishment(for: ehcCase.child.setting, age: age, random: &random), rank: 1,
            senUnit: random.chance(percent: 4), resourcedProvision: random.chance(percent: 4),
            entry: entry <= today ? entry : nil)]
        if random.chance(percent: 3) {
            plan.placements.append(Placement(establishment: .setting(.OTH, other: "hospital education service"), rank: 2,
                                             entry: entry <= today ? entry : nil))
        }
        if age >= 11, random.chance(percent: 3) { plan.residential = random.chance(percent: 60) ? .partYear : .wholeYear }
        if age >= 16, random.chance(percent: 6) { plan.workBasedPlacement = true }
        if random.chance(percent: 10) {
            plan.personalBudget = [.personalBudget]
            if random.chance(percent: 50) { plan.personalBudget.insert(.organisedArrangement) }
            if random.chance(percent: 50) { plan.personalBudget.insert(.directPayment) }
        }
        return plan
    }

    /// The setting's URN or UKPRN, made from its name so every child there shares it; without a
    /// setting, the SEN2 code of what the child does instead.
    private func establishment(for setting: String?, age: Int, random: inout SplitMix64) -> Establishment {
        guard let setting else {
            return .setting(age < 5 ? .OPA : age >= 16 ? .NEET : random.element(of: [.EHE, .OLA, .NIEO]), other: nil)
        }
        let number = setting.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        if setting.contains("ursery") || setting.contains("Pre-School") { return .setting(.EYP, other: nil) }
        if setting.contains("College"), !setting.hasSuffix("Community College") {
            return .ukprn(String(10_000_000 + number % 90_000))
        }
        return .urn(String(100_000 + number % 50_000))
    }

    private static func ceaseReason(_ reason: String, age: Int, random: inout SplitMix64) -> CeaseReason {
        if reason.contains("another authority") || reason.contains("Moved out") { return .movedToAnotherLA }
        if reason.contains("employment") { return .paidEmployment }
        if reason.contains("left education") { return .noLongerEngages }
        return age >= 18 && random.chance(percent: 30) ? .higherEducation : .needsMetWithoutPlan
    }

    private static let otherAuthorities = ["202", "209", "306", "330", "340", "380", "812", "850", "856", "878", "925", "935"]
    private static let postcodeLetters = Array("ABDEFGHJLNPQRSTUWXYZ")
    private static let ethnicities = ["WBRI", "WOTH", "WIRI", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
                                      "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"]
    private static let ethnicityWeights = [660, 50, 5, 6, 20, 10, 12, 18, 20, 40, 15, 15, 12, 35, 6, 4, 20, 10, 10]
    private static let needs: [SENType] = [.ASD, .SLCN, .SEMH, .MLD, .SLD, .SPLD, .PMLD, .PD, .HI, .VI, .MSI, .OTH]
    private static let needWeights = [330, 210, 150, 100, 50, 40, 20, 30, 20, 10, 5, 35]
}

/// The data-quality faults the generator can plant, one per case, each found by one rule.
enum PlantedFaultKind: CaseIterable {
    case wrongCheckLetter, noIdentifier, sharedUPN, wrongULNDigit, noSex, badEthnicity, noPlacement, noPrimaryNeed, noCeaseReason

    /// The rules that find this fault in `ehcCase`: none when the case could not carry it (a plan
    /// fault in a case without a plan in force), two for a school-age plan left with no placement.
    func rules(for ehcCase: EHCCase, census: CalendarDate) -> [String] {
        let inForce = ehcCase.hasPlanInForce(on: census)
        switch self {
        case .wrongCheckLetter: return [DataQualityRule.upnInvalid.id]
        case .noIdentifier: return [DataQualityRule.identifierMissing.id]
        case .sharedUPN: return [DataQualityRule.upnShared.id]
        case .wrongULNDigit: return [DataQualityRule.ulnInvalid.id]
        case .noSex, .badEthnicity: return [DataQualityRule.sexOrEthnicityMissing.id]
        case .noPlacement:
            guard inForce else { return [] }
            let schoolAge = (5...15).contains(ehcCase.child.age(on: census))
            return [DataQualityRule.placementRanks.id] + (schoolAge ? [DataQualityRule.schoolAgeWithoutPlacement.id] : [])
        case .noPrimaryNeed: return inForce ? [DataQualityRule.primaryNeed.id] : []
        case .noCeaseReason:
            return ehcCase.closed != nil && ehcCase.finalPlanIssued != nil ? [DataQualityRule.ceaseReason.id] : []
        }
    }

    func plant(in ehcCase: inout EHCCase, generator: CaseloadGenerator, index: Int) {
        switch self {
        case .wrongCheckLetter:
            let valid = generator.upn(index: index, birth: ehcCase.child.dateOfBirth)
            ehcCase.child.details.upn = (valid.hasPrefix("A") ? "B" : "A") + valid.dropFirst()
            ehcCase.child.details.upnUnknown = nil
        case .noIdentifier:
            ehcCase.child.details.upn = nil
            ehcCase.child.details.uln = nil
            ehcCase.child.details.upnUnknown = nil
        case .sharedUPN:
            ehcCase.child.details.upn = generator.upn(index: index - 1, birth: generator.makeCase(index: index - 1).child.dateOfBirth)
            ehcCase.child.details.upnUnknown = nil
        case .wrongULNDigit:
            let valid = generator.uln(index: index)
            ehcCase.child.details.uln = valid.dropLast() + (valid.hasSuffix("0") ? "1" : "0")
            ehcCase.child.details.upnUnknown = nil
        case .noSex: ehcCase.child.details.sex = nil
        case .badEthnicity: ehcCase.child.details.ethnicity = "WB"
        case .noPlacement: ehcCase.plan.placements = []
        case .noPrimaryNeed:
            ehcCase.plan.primaryNeed = nil
            ehcCase.plan.secondaryNeed = nil
        case .noCeaseReason: ehcCase.closed?.ceaseReason = nil
        }
    }
}

extension CaseloadGenerator {
    /// The fault planted in case `index`: with `faults`, one case in 50, the kinds in turn.
    func fault(at index: Int) -> PlantedFaultKind? {
        guard plantsFaults, index > 0, index % 50 == 7 else { return nil }
        let kinds = PlantedFaultKind.allCases
        return kinds[(index / 50) % kinds.count]
    }
}
