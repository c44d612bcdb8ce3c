import EHCCore

/// The `ehcdesk/1` members that carry the SEN2 facts (``PersonDetails``, a request's challenges and
/// transfers, ``PlanDetails``): additions to the contract (docs/interchange.md), each written only
/// when recorded, so a case without them exports, and hashes in the audit trail, as it always did.
///
/// ```swift
/// CaseJSON.facts(of: ehcCase)   // … "child": {…, "upn": "H801200001001", "sex": "female"}, …, "plan": {…}
/// ```
enum ReturnDetailsJSON {
    // MARK: Writing

    /// The child's additions, after `setting`.
    static func person(of ehcCase: EHCCase) -> [(String, JSONValue)] {
        let details = ehcCase.child.details
        return [
            ("personId", ehcCase.recordedPersonID.map(JSONValue.string)),
            ("upn", details.upn.map(JSONValue.string)),
            ("uln", details.uln.map(JSONValue.string)),
            ("upnUnknown", details.upnUnknown.map { .string($0.rawValue) }),
            ("sex", details.sex.map { .string($0.rawValue) }),
            ("ethnicity", details.ethnicity.map(JSONValue.string)),
            ("postcode", details.postcode.map(JSONValue.string)),
        ].compactMap { key, value in value.map { (key, $0) } }
    }

    /// The case's additions, after `closed`.
    static func request(of ehcCase: EHCCase) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if ehcCase.youthAccommodation { members.append(("youthAccommodation", .bool(true))) }
        if !ehcCase.challenges.isEmpty { members.append(("challenges", words(ehcCase.challenges))) }
        if ehcCase.exportedToAnotherLA { members.append(("exportedToAnotherLA", .bool(true))) }
        if let transfer = ehcCase.transferredIn {
            members.append(("transferredIn", .object([("formerLA", .string(transfer.formerLA))])))
        }
        if !ehcCase.plan.isEmpty { members.append(("plan", plan(ehcCase.plan))) }
        return members
    }

    private static func plan(_ plan: PlanDetails) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let need = plan.primaryNeed { members.append(("primaryNeed", .string(need.rawValue))) }
        if let need = plan.secondaryNeed { members.append(("secondaryNeed", .string(need.rawValue))) }
        if let residential = plan.residential { members.append(("residential", .string(residential.rawValue))) }
        if plan.workBasedPlacement { members.append(("workBasedPlacement", .bool(true))) }
        if !plan.personalBudget.isEmpty { members.append(("personalBudget", words(plan.personalBudget))) }
        if let week20 = plan.reportedWeek20 { members.append(("reportedWeek20", .bool(week20))) }
        if !plan.placements.isEmpty { members.append(("placements", .array(plan.placements.map(placement)))) }
        return .object(members)
    }

    private static func placement(_ item: Placement) -> JSONValue {
        var members: [(String, JSONValue)]
        switch item.establishment {
        case let .urn(urn): members = [("urn", .string(urn))]
        case let .ukprn(ukprn): members = [("ukprn", .string(ukprn))]
        case let .setting(setting, other):
            members = [("setting", .string(setting.rawValue))]
            if let other { members.append(("settingOther", .string(other))) }
        }
        members += [
            ("rank", .number(String(item.rank))),
            ("namedInPlan", .bool(item.namedInPlan)),
            ("senUnit", .bool(item.senUnit)),
            ("resourcedProvision", .bool(item.resourcedProvision)),
            ("entry", CaseJSON.date(item.entry)),
            ("leaving", CaseJSON.date(item.leaving)),
        ]
        return .object(members)
    }

    private static func words<Word: RawRepresentable & CaseIterable & Hashable>(_ set: Set<Word>) -> JSONValue
    where Word.RawValue == String {
        .array(Word.allCases.filter(set.contains).map { .string($0.rawValue) })
    }

    // MARK: Reading

    /// The child's additions: the person id as written, and the details.
    static func readPerson(_ reader: inout JSONObjectReader) -> (personID: String?, details: PersonDetails) {
        let personID = reader.string("personId")
        if let personID, let problem = CaseReference.problem(with: personID) {
            reader.log.add(reader.place("personId"), problem.replacingOccurrences(of: "The reference", with: "A person id"))
        }
        let details = PersonDetails(
            upn: identifier(&reader, "upn"), uln: identifier(&reader, "uln"),
            upnUnknown: reader.word("upnUnknown", UPNUnknownReason.self), sex: reader.word("sex", Sex.self),
            ethnicity: identifier(&reader, "ethnicity"), postcode: identifier(&reader, "postcode"))
        return (personID, details)
    }

    /// A short code as typed (a UPN, an ethnicity code, a postcode): at most 20 printable ASCII
    /// characters. Whether it is a *valid* code is for the data-quality checks, which say how to fix it.
    private static func identifier(_ reader: inout JSONObjectReader, _ key: String) -> String? {
        guard let text = reader.string(key) else { return nil }
        guard SEN2Codes.isTypedCode(text) else {
            reader.log.add(reader.place(key), "expected a code of 1 to 20 printable characters, found \"\(text.prefix(40))\"")
            return nil
        }
        return text
    }

    /// The case's additions as read.
    struct Request {
        var youthAccommodation = false
        var challenges: Set<Challenge> = []
        var exportedToAnotherLA = false
        var transferredIn: TransferIn?
        var plan = PlanDetails()
    }

    static func readRequest(_ reader: inout JSONObjectReader) -> Request {
        var request = Request()
        request.youthAccommodation = reader.flag("youthAccommodation")
        request.challenges = reader.words("challenges", Challenge.self)
        request.exportedToAnotherLA = reader.flag("exportedToAnotherLA")
        if var transfer = reader.object("transferredIn") {
            request.transferredIn = laNumber(&transfer, "formerLA", required: true).map(TransferIn.init(formerLA:))
            transfer.finish()
        }
        if var plan = reader.object("plan") {
            request.plan = readPlan(&plan)
            plan.finish()
        }
        return request
    }

    /// A 3-digit LA number, e.g. `"886"`.
    static func laNumber(_ reader: inout JSONObjectReader, _ key: String, required: Bool) -> String? {
        guard let text = reader.string(key, required: required) else { return nil }
        guard SEN2Codes.isLANumber(text) else {
            reader.log.add(reader.place(key), "expected a 3-digit LA number such as \"886\", found \"\(text.prefix(40))\"")
            return nil
        }
        return text
    }

    private static func readPlan(_ reader: inout JSONObjectReader) -> PlanDetails {
        let placements = reader.list("placements").compactMap { item -> Placement? in
            guard var placement = JSONObjectReader(item.value, path: item.path, log: reader.log) else { return nil }
            defer { placement.finish() }
            return readPlacement(&placement)
        }
        let primary = reader.word("primaryNeed", SENType.self)
        let secondary = reader.word("secondaryNeed", SENType.self)
        if secondary != nil, primary == nil {
            reader.log.add(reader.place("secondaryNeed"), "a secondary need needs a primary need: record primaryNeed first")
        }
        return PlanDetails(
            placements: placements, primaryNeed: primary, secondaryNeed: secondary,
            residential: reader.word("residential", Residential.self),
            workBasedPlacement: reader.flag("workBasedPlacement"),
            personalBudget: reader.words("personalBudget", PersonalBudgetItem.self),
            reportedWeek20: reader.value("reportedWeek20", required: false) == nil ? nil : reader.flag("reportedWeek20"))
    }

    private static func readPlacement(_ reader: inout JSONObjectReader) -> Placement? {
        let urn = identifier(&reader, "urn")
        let ukprn = identifier(&reader, "ukprn")
        let setting = reader.word("setting", SENSetting.self)
        let other = reader.string("settingOther")
        let rank = reader.integer("rank", required: true)
        let placement = Placement(
            establishment: .urn(""), rank: rank ?? 1, namedInPlan: reader.flag("namedInPlan"),
            senUnit: reader.flag("senUnit"), resourcedProvision: reader.flag("resourcedProvision"),
            entry: reader.date("entry"), leaving: reader.date("leaving"))
        if let rank, rank != 1, rank != 2 {
            reader.log.add(reader.place("rank"), "a placement's rank is 1 (main) or 2 (second), not \(rank)")
        }
        if other != nil, setting == nil {
            reader.log.add(reader.place("settingOther"), "describes a setting code: give setting as well (e.g. \"OTH\")")
        }
        let (found, given) = Establishment.one(urn: urn, ukprn: ukprn, setting: setting, other: other)
        guard let establishment = found else {
            reader.log.add(reader.path, "a placement has exactly one of urn, ukprn or setting; this has \(given)")
            return nil
        }
        guard let rank, rank == 1 || rank == 2 else { return nil }
        var read = placement
        read.establishment = establishment
        return read
    }
}
