/// One check the SEN2 return and the inspection list need to pass: the table every finding,
/// the `check` command, the Data quality screen and `docs/sen2.md` read from.
///
/// The DfE marks *errors* (the return is not accepted until they are fixed) and *queries* (they
/// may be explained). Its own rule list was not found (`sen2.md` §5), so the ids are ours and each
/// entry says where it comes from; correcting one is one entry.
///
/// ```swift
/// DataQualityRule.rule("P02")?.fix   // "Copy the UPN again from the school's record …"
/// ```
public struct DataQualityRule: Sendable, Hashable, Identifiable {
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        /// Blocks the return: `export --format sen2` refuses while any remains.
        case error
        /// Listed, may be explained; never blocks.
        case query
    }

    public let id: String
    public let severity: Severity
    /// What it checks, in a line.
    public let title: String
    /// The fields it reads, as paths in a case (`child.upn`).
    public let fields: [String]
    /// How to put it right.
    public let fix: String
    /// Where the check comes from.
    public let source: String

    public static let identifierMissing = DataQualityRule(id: "P01", severity: .error, title: "the person has a UPN, a ULN or a reason neither is known",
                    fields: ["child.upn", "child.uln", "child.upnUnknown"],
                    fix: "Record the UPN (from the school), the ULN (from the college), or the UPNunknown code that says why neither is known.",
                    source: "SEN2 guide, person module")

    public static let upnInvalid = DataQualityRule(id: "P02", severity: .error, title: "the UPN is well formed, with the right check letter",
                    fields: ["child.upn"],
                    fix: "Copy the UPN again from the school's record: the check letter is computed from the other 12 characters.",
                    source: "SEN2 guide; DfE UPN specification")

    public static let upnShared = DataQualityRule(id: "P03", severity: .error, title: "no UPN is shared by two persons",
                    fields: ["child.upn", "child.personId"],
                    fix: "If both are the same child, give every request the same person id; otherwise correct the UPN that is wrong.",
                    source: "SEN2 guide; Annex A validator (duplicated UPN)")

    public static let ulnInvalid = DataQualityRule(id: "P04", severity: .error, title: "the ULN is 10 digits with the right check digit",
                    fields: ["child.uln"],
                    fix: "Copy the ULN again from the learner's record: its last digit is computed from the first nine.",
                    source: "SEN2 guide; ULN specification")

    public static let under6CodeTooOld = DataQualityRule(id: "P05", severity: .query, title: "UN1 (no UPN yet, under 6) only for a child under 6 at the census",
                    fields: ["child.upnUnknown", "child.dateOfBirth"],
                    fix: "Ask the school for the child's UPN, or record the UPNunknown code that now applies.",
                    source: "SEN2 guide, UPNunknown codes")

    public static let planPastAge25 = DataQualityRule(id: "P06", severity: .query, title: "a plan in force for a young person aged 25 or more at the census",
                    fields: ["child.dateOfBirth", "closed"],
                    fix: "Check the birth date; a plan ends at the end of the academic year in which the young person turns 25: record its cease date and reason.",
                    source: "SEN2 guide; Annex A validator (age 25 and 26)")

    public static let sexOrEthnicityMissing = DataQualityRule(id: "P07", severity: .error, title: "sex and ethnicity are recorded with valid codes",
                    fields: ["child.sex", "child.ethnicity"],
                    fix: "Record the sex (male or female) and the CBDS ethnicity code (e.g. WBRI; REFU if refused, NOBT if not yet obtained).",
                    source: "SEN2 guide; Annex A validator (missing gender or ethnicity)")

    public static let ethnicityExtended = DataQualityRule(id: "P08", severity: .query, title: "an ethnicity code outside the CBDS main codes",
                    fields: ["child.ethnicity"],
                    fix: "Confirm it is a CBDS extended code, or record the main code.",
                    source: "CBDS ethnicity codes")

    public static let personDisagrees = DataQualityRule(id: "P09", severity: .error, title: "the requests of one person agree on who they are",
                    fields: ["child.givenName", "child.familyName", "child.dateOfBirth", "child.sex", "child.upn", "child.uln"],
                    fix: "Correct the older request to match, or give it its own person id if it is about another child.",
                    source: "ehcdesk: SEN2 has one person record per child")

    public static let reasonWithIdentifier = DataQualityRule(id: "P10", severity: .error, title: "a UPNunknown reason only when there is neither a UPN nor a ULN",
                    fields: ["child.upnUnknown"],
                    fix: "Remove the reason code: the person has an identifier.",
                    source: "SEN2 guide, UPNunknown")

    public static let postcodeShape = DataQualityRule(id: "P11", severity: .query, title: "the postcode looks like a UK postcode",
                    fields: ["child.postcode"],
                    fix: "Record the postcode as the family writes it, e.g. AB1 2CD.",
                    source: "SEN2 guide, person module")

    public static let requestSourceOther = DataQualityRule(id: "R05", severity: .query, title: "requests whose source is 'other' are a small share",
                    fields: ["requestSource"],
                    fix: "Record the request source the guide names (parent or young person, setting, health, social care) where it is known.",
                    source: "SEN2 guide 2026, RequestSource")

    public static let exceptionsShare = DataQualityRule(id: "A04", severity: .query, title: "plans with the 20-week exceptions are a plausible share",
                    fields: ["exceptions"],
                    fix: "An exception applies only on the grounds of regs 10(4) and 13(3): check that each plan's exception is recorded against the final plan for such a ground.",
                    source: "DfE: two authorities classed every new plan as having exceptions in 2025")

    public static let ceaseReason = DataQualityRule(id: "N01", severity: .error, title: "a plan that ended has a cease reason, and only a plan has one",
                    fields: ["closed.ceaseReason"],
                    fix: "Record why the plan ceased (1 to 9, docs/sen2.md), or remove the reason from a request that never had a plan.",
                    source: "SEN2 guide, CeaseDate and CeaseReason")

    public static let placementDates = DataQualityRule(id: "N02", severity: .error, title: "placements are dated in order, and none starts after the plan ended",
                    fields: ["plan.placements"],
                    fix: "Correct the entry or leaving date of the placement.",
                    source: "SEN2 guide, PlacementDetail")

    public static let placementRanks = DataQualityRule(id: "N03", severity: .error, title: "a plan names one or two placements, exactly one of rank 1",
                    fields: ["plan.placements"],
                    fix: "Record the placement the plan names (its URN, UKPRN or setting code), rank 1 for the main one.",
                    source: "SEN2 guide, PlanDetail")

    public static let establishmentNumber = DataQualityRule(id: "N05", severity: .error, title: "a URN is 6 digits, a UKPRN 8",
                    fields: ["plan.placements"],
                    fix: "Copy the URN from Get Information about Schools, or the UKPRN from the UK Register of Learning Providers.",
                    source: "SEN2 guide, URN and UKPRN")

    public static let ceaseNotRecorded = DataQualityRule(id: "N06", severity: .query, title: "a plan decided at review to cease has ended within 20 weeks",
                    fields: ["reviews", "closed"],
                    fix: "Record the day the plan ended and why, or the appeal that keeps it in force.",
                    source: "SEN2 guide, CeaseDate")

    public static let primaryNeed = DataQualityRule(id: "S01", severity: .error, title: "a plan in force has a primary need, and a secondary need differs from it",
                    fields: ["plan.primaryNeed", "plan.secondaryNeed"],
                    fix: "Record the primary SEN need (rank 1) from section B of the plan; a second need only if it is another type.",
                    source: "SEN2 guide, SENneed; Annex A validator (missing primary need)")

    public static let schoolAgeWithoutPlacement = DataQualityRule(id: "S03", severity: .error, title: "a child of school age with a plan in force has somewhere to be",
                    fields: ["plan.placements"],
                    fix: "Record the school or setting attended (or EHE, OLA, NIEO): a school-age child with no establishment is a question an inspector asks first.",
                    source: "Annex A validator (school age without an establishment)")

    /// Every rule, in the order findings are listed.
    public static let all: [DataQualityRule] = [
        identifierMissing,
        upnInvalid,
        upnShared,
        ulnInvalid,
        under6CodeTooOld,
        planPastAge25,
        sexOrEthnicityMissing,
        ethnicityExtended,
        personDisagrees,
        reasonWithIdentifier,
        postcodeShape,
        requestSourceOther,
        exceptionsShare,
        ceaseReason,
        placementDates,
        placementRanks,
        establishmentNumber,
        ceaseNotRecorded,
        primaryNeed,
        schoolAgeWithoutPlacement,
    ]

    /// The rule with `id`.
    public static func rule(_ id: String) -> DataQualityRule? {
        all.first { $0.id == id }
    }
}

/// One finding of a check: which rule, about whom, at which field, and what to do.
///
/// ```swift
/// finding.rule      // "P02"
/// finding.field     // "child.upn"
/// finding.message   // "the check letter of 801200001001 is H, not J: a character is mistyped. Copy the UPN …"
/// ```
public struct DataQualityFinding: Sendable, Hashable {
    public var rule: String
    public var severity: DataQualityRule.Severity
    /// `nil` for a finding about the caseload as a whole (a share of requests).
    public var personID: String?
    public var caseID: String?
    public var field: String
    public var message: String

    public init(rule: DataQualityRule, personID: String?, caseID: String?, field: String, message: String) {
        self.rule = rule.id
        self.severity = rule.severity
        self.personID = personID
        self.caseID = caseID
        self.field = field
        self.message = message.hasSuffix(".") ? message + " " + rule.fix : message + ". " + rule.fix
    }
}
