// The facts SEN2 and the inspection list ask for that the statutory clocks do not need: who the
// child or young person is nationally, where a request came from and how it was challenged, and
// what the plan provides and where. Codes are SEN2's own (`../shared/domain/sen2.md` §3), each
// vocabulary a Swift enum whose raw value is the word the `ehcdesk/1` JSON uses; the SEN2 code
// of each lives in one table (`EHCCore/Return/ReturnCodes.swift`).
//
// None of these facts moves a deadline: they are checked all year by ``DataQuality``.

/// A child or young person's national identity, as SEN2 carries it.
///
/// A person is known by a UPN (school pupils), a ULN (learners in further education), or,
/// when neither is known, by a reason code (``UPNUnknownReason``).
///
/// ```swift
/// let details = PersonDetails(upn: "H801200001001", sex: .female, ethnicity: "WBRI", postcode: "AB1 2CD")
/// PupilIdentifiers.upnProblem(details.upn!)   // nil: well formed
/// ```
public struct PersonDetails: Sendable, Hashable {
    public var upn: String?
    public var uln: String?
    public var upnUnknown: UPNUnknownReason?
    public var sex: Sex?
    /// A CBDS ethnicity code, e.g. `WBRI`; checked against the known codes by ``DataQuality``.
    public var ethnicity: String?
    public var postcode: String?

    public init(upn: String? = nil, uln: String? = nil, upnUnknown: UPNUnknownReason? = nil, sex: Sex? = nil,
                ethnicity: String? = nil, postcode: String? = nil) {
        self.upn = upn
        self.uln = uln
        self.upnUnknown = upnUnknown
        self.sex = sex
        self.ethnicity = ethnicity
        self.postcode = postcode
    }

    /// Nothing recorded: a case from before ehcdesk kept these details.
    public var isEmpty: Bool { self == PersonDetails() }
}

/// SEN2 `Sex`.
public enum Sex: String, Sendable, Hashable, CaseIterable {
    case male, female
}

/// SEN2 `UPNunknown`: why a person has neither a UPN nor a ULN.
public enum UPNUnknownReason: String, Sendable, Hashable, CaseIterable {
    /// UN1: under 6, no UPN yet.
    case under6 = "UN1"
    /// UN2: never attended a state-funded school in England.
    case neverInStateSchool = "UN2"
    /// UN3: educated outside England.
    case educatedOutsideEngland = "UN3"
    /// UN5: the sources disagree on name or birth date.
    case sourcesDisagree = "UN5"
    /// UN8: new to the authority, UPN or ULN not yet known.
    case newToAuthority = "UN8"
    /// UN9: never attended a state-funded school or FE setting.
    case neverInStateEducation = "UN9"
    /// UN10: the request ended before the UPN or ULN was known.
    case requestEndedFirst = "UN10"

    /// What the code says, as the guide puts it.
    public var wording: String {
        switch self {
        case .under6: "under 6, no UPN yet"
        case .neverInStateSchool: "never attended a state-funded school in England"
        case .educatedOutsideEngland: "educated outside England"
        case .sourcesDisagree: "sources disagree on name or birth date"
        case .newToAuthority: "new to the authority, not yet known"
        case .neverInStateEducation: "never in a state-funded school or FE setting"
        case .requestEndedFirst: "the request ended before it was known"
        }
    }
}

/// A request's challenges (SEN2's mediation and tribunal indicators): the original decision is
/// never changed, the challenge is recorded beside it.
public enum Challenge: String, Sendable, Hashable, CaseIterable {
    case requestMediation, requestTribunal, assessmentMediation, assessmentTribunal, otherMediation, otherTribunal
}

/// A request that came from another authority's plan (SEN2 `TransferLA`): its assessment is
/// reported `H`, historical, by the receiving authority.
public struct TransferIn: Sendable, Hashable {
    /// The former authority's 3-digit LA number, e.g. `"886"`.
    public var formerLA: String

    public init(formerLA: String) {
        self.formerLA = formerLA
    }
}

/// What a final plan provides and where (SEN2 `NamedPlan`, `PlanDetail`, `PlacementDetail`, `SENneed`).
///
/// ```swift
/// var plan = PlanDetails(primaryNeed: .autism)
/// plan.placements = [Placement(establishment: .urn("123456"), rank: 1, entry: CalendarDate("2025-09-01"))]
/// ```
public struct PlanDetails: Sendable, Hashable {
    /// Placements named in the plan or attended, in the order recorded.
    public var placements: [Placement]
    /// The rank-1 SEN need.
    public var primaryNeed: SENType?
    /// The rank-2 SEN need, if any.
    public var secondaryNeed: SENType?
    /// SEN2 `PlanRes`: a residential placement of 38–51 or 52 weeks.
    public var residential: Residential?
    /// SEN2 `PlanWBP`: the plan includes a work-based placement.
    public var workBasedPlacement: Bool
    /// SEN2 `PB`, `OA`, `DP`.
    public var personalBudget: Set<PersonalBudgetItem>
    /// SEN2 `Week20` as another system reported it (a plan imported from a SEN2 file, whose
    /// exceptions are not recorded here in detail); `nil` when ehcdesk's own exceptions decide it.
    public var reportedWeek20: Bool?

    public init(placements: [Placement] = [], primaryNeed: SENType? = nil, secondaryNeed: SENType? = nil,
                residential: Residential? = nil, workBasedPlacement: Bool = false,
                personalBudget: Set<PersonalBudgetItem> = [], reportedWeek20: Bool? = nil) {
        self.placements = placements
        self.primaryNeed = primaryNeed
        self.secondaryNeed = secondaryNeed
        self.residential = residential
        self.workBasedPlacement = workBasedPlacement
        self.personalBudget = personalBudget
        self.reportedWeek20 = reportedWeek20
    }

    /// Nothing recorded.
    public var isEmpty: Bool { self == PlanDetails() }

    /// Where in ``placements`` the main placement the plan names is (the first named of rank 1).
    public var mainPlacementIndex: Int? { placements.firstIndex { $0.namedInPlan && $0.rank == 1 } }
}

/// A placement named in a plan or attended under it.
public struct Placement: Sendable, Hashable {
    public var establishment: Establishment
    /// 1 for the main placement, 2 for a second (dual placements).
    public var rank: Int
    /// Named in the plan as issued (SEN2 `PlanDetail`); otherwise only attended.
    public var namedInPlan: Bool
    /// SEN2 `SENunitIndicator`.
    public var senUnit: Bool
    /// SEN2 `ResourcedProvisionIndicator`.
    public var resourcedProvision: Bool
    /// The first day attended; a placement with an entry date is reported in `PlacementDetail`.
    public var entry: CalendarDate?
    public var leaving: CalendarDate?

    public init(establishment: Establishment, rank: Int = 1, namedInPlan: Bool = true, senUnit: Bool = false,
                resourcedProvision: Bool = false, entry: CalendarDate? = nil, leaving: CalendarDate? = nil) {
        self.establishment = establishment
        self.rank = rank
        self.namedInPlan = namedInPlan
        self.senUnit = senUnit
        self.resourcedProvision = resourcedProvision
        self.entry = entry
        self.leaving = leaving
    }
}

/// Where a placement is: a school or academy (URN), a college or training provider (UKPRN), or,
/// for anything without either, a SEN2 setting code.
public enum Establishment: Sendable, Hashable {
    /// A 6-digit unique reference number from Get Information about Schools.
    case urn(String)
    /// An 8-digit UK provider reference number.
    case ukprn(String)
    /// A setting without a URN or UKPRN; `other` describes an `OTH`.
    case setting(SENSetting, other: String?)

    /// The number or setting code alone, as it is typed: `100001`, `EHE`.
    public var code: String {
        switch self {
        case let .urn(number), let .ukprn(number): number
        case let .setting(setting, _): setting.rawValue
        }
    }

    /// The establishment a placement names, from the three ways a file gives one: `found` is nil
    /// unless exactly one was given, and `given` says how many were, for the message.
    ///
    /// ```swift
    /// Establishment.one(urn: "100001", ukprn: nil, setting: nil, other: nil)   // (.urn("100001"), 1)
    /// ```
    public static func one(urn: String?, ukprn: String?, setting: SENSetting?, other: String?)
        -> (found: Establishment?, given: Int) {
        let given = [urn.map { .urn($0) }, ukprn.map { .ukprn($0) }, setting.map { .setting($0, other: other) }]
            .compactMap { $0 } as [Establishment]
        return (given.count == 1 ? given.first : nil, given.count)
    }

    /// What it is, as a caseworker reads it: `URN 100001`, `UKPRN 10001234`, `EHE`.
    public var label: String {
        switch self {
        case let .urn(number): "URN \(number)"
        case let .ukprn(number): "UKPRN \(number)"
        case let .setting(setting, _): setting.rawValue
        }
    }
}

/// SEN2 `SENSetting`: placements without a URN or UKPRN.
public enum SENSetting: String, Sendable, Hashable, CaseIterable {
    case OLA, OPA, EHE, EYP, OTH, NEET, NIEC, NIEO
}

/// SEN2 `SENtype`.
public enum SENType: String, Sendable, Hashable, CaseIterable {
    case SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, DS, OTH
}

/// SEN2 `PlanRes`.
public enum Residential: String, Sendable, Hashable, CaseIterable {
    /// `A`: 38 to 51 weeks.
    case partYear = "A"
    /// `B`: 52 weeks.
    case wholeYear = "B"
}

/// SEN2's personal budget items of a plan.
public enum PersonalBudgetItem: String, Sendable, Hashable, CaseIterable {
    /// `PB`: the plan has a personal budget.
    case personalBudget
    /// `OA`: part of it is an organised arrangement.
    case organisedArrangement
    /// `DP`: part of it is a direct payment.
    case directPayment
}

/// SEN2 `CeaseReason`: why a plan ended.
public enum CeaseReason: Int, Sendable, Hashable, CaseIterable {
    case maximumAge = 1, needsMetWithoutPlan, higherEducation, paidEmployment, movedToAnotherLA,
         noLongerEngages, movedOutsideEngland, died, other

    /// The reason as the guide puts it.
    public var wording: String {
        switch self {
        case .maximumAge: "reached the maximum age"
        case .needsMetWithoutPlan: "needs met without a plan (education or training continues)"
        case .higherEducation: "moved on to higher education"
        case .paidEmployment: "moved into paid employment (not an apprenticeship)"
        case .movedToAnotherLA: "moved to another authority in England"
        case .noLongerEngages: "no longer wishes to engage in education or training"
        case .movedOutsideEngland: "moved outside England"
        case .died: "died"
        case .other: "other"
        }
    }
}
