import EHCCore

/// The `ehcdesk/1` JSON form of a case, both ways, with the field order of the interchange contract.
///
/// Reading reports every problem with its JSON path and refuses unknown fields; the computed
/// fields that export adds (`deadlines`, `status`, advice `due`, exception `regulation`) are
/// ignored on import and never trusted.
///
/// ```swift
/// let json = CaseJSON.facts(of: ehcCase)                       // what the audit trail stores
/// let back = CaseJSON.read(json, path: "cases[0]", log: log)   // == ehcCase
/// ```
enum CaseJSON {
    /// Keys export adds to a case, an advice item and an exception; import skips them.
    static let computedCaseFields: Set<String> = ["deadlines", "status"]
    static let computedAdviceFields: Set<String> = ["due"]
    static let computedExceptionFields: Set<String> = ["regulation"]

    // MARK: Writing

    /// The recorded facts of a case, as the contract orders them.
    static func facts(of ehcCase: EHCCase) -> [(String, JSONValue)] {
        [
            ("id", .string(ehcCase.id)),
            ("child", .object([
                ("givenName", .string(ehcCase.child.givenName)),
                ("familyName", .string(ehcCase.child.familyName)),
                ("dateOfBirth", date(ehcCase.child.dateOfBirth)),
                ("setting", .string(ehcCase.child.setting)),
            ] + ReturnDetailsJSON.person(of: ehcCase))),
            ("caseworker", .string(ehcCase.caseworker)),
            ("requestDate", date(ehcCase.requestDate)),
            ("requestSource", .string(ehcCase.requestSource.rawValue)),
            ("decisionToAssess", decision(ehcCase.decisionToAssess)),
            ("advice", .array(ehcCase.advice.map { .object(advice($0)) })),
            ("decisionToIssue", decision(ehcCase.decisionToIssue)),
            ("draftPlanIssued", date(ehcCase.draftPlanIssued)),
            ("finalPlanIssued", date(ehcCase.finalPlanIssued)),
            ("exceptions", .array(ehcCase.exceptions.map { .object(exception($0)) })),
            ("reviews", .array(ehcCase.reviews.map(review))),
            ("phaseTransfer", ehcCase.phaseTransfer.map { transfer in
                .object([
                    ("kind", .string(transfer.kind.rawValue)),
                    ("transferYear", .number(String(transfer.transferYear))),
                    ("amendedPlanIssued", date(transfer.amendedPlanIssued)),
                ])
            } ?? .null),
            ("closed", ehcCase.closed.map(closure) ?? .null),
        ] + ReturnDetailsJSON.request(of: ehcCase)
    }

    private static func closure(_ closed: Closure) -> JSONValue {
        var members: [(String, JSONValue)] = [("date", date(closed.date)), ("reason", .string(closed.reason))]
        // An addition to ehcdesk/1 (docs/interchange.md): written only when recorded.
        if let cease = closed.ceaseReason { members.append(("ceaseReason", .number(String(cease.rawValue)))) }
        return .object(members)
    }

    static func advice(_ item: AdviceRequest) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("agency", .string(item.agency.rawValue))]
        if let detail = item.detail { members.append(("detail", .string(detail))) }
        // Additions to ehcdesk/1 (docs/interchange.md): written only when recorded.
        if let contact = item.contact { members.append(("contact", .string(contact))) }
        members += [
            ("requested", date(item.requested)),
            ("received", date(item.received)),
            ("chased", .array(item.chased.map(date))),
        ]
        if let quality = item.quality { members.append(("quality", .string(quality.rawValue))) }
        if let note = item.qualityNote { members.append(("qualityNote", .string(note))) }
        if let returned = item.returned { members.append(("returned", date(returned))) }
        return members
    }

    static func exception(_ item: StatutoryException) -> [(String, JSONValue)] {
        [
            ("ground", .string(item.ground.rawValue)),
            ("appliesTo", .array(item.appliesTo.map { .string($0) })),
            ("from", date(item.from)),
            ("to", date(item.to)),
            ("note", .string(item.note)),
            ("parentInformed", date(item.parentInformed)),
        ]
    }

    private static func review(_ item: Review) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("meetingDate", date(item.meetingDate)),
            ("reportSent", date(item.reportSent)),
            ("decisionDate", date(item.decisionDate)),
            ("decision", .string(item.decision?.rawValue)),
        ]
        // An addition to ehcdesk/1 (docs/interchange.md): written only when recorded.
        if let proposed = item.amendmentProposed { members.append(("amendmentProposed", date(proposed))) }
        members.append(("amendedPlanIssued", date(item.amendedPlanIssued)))
        return .object(members)
    }

    private static func decision<Outcome: RawRepresentable>(_ decision: Decision<Outcome>?) -> JSONValue
    where Outcome.RawValue == String {
        guard let decision else { return .null }
        return .object([("date", date(decision.date)), ("outcome", .string(decision.outcome.rawValue))])
    }

    static func date(_ date: CalendarDate?) -> JSONValue {
        .string(date?.description)
    }

    // MARK: Reading

    /// Reads one case, reporting every problem under `path`; `nil` when any field could not be read.
    static func read(_ value: JSONValue, path: String, log: ProblemLog) -> EHCCase? {
        readWithAudits(value, path: path, log: log)?.ehcCase
    }

    /// Reads one case, its optional `audits` list (JSON only: CSV carries no audits) and the
    /// `version` it had when exported (absent in a file made by hand).
    static func readWithAudits(_ value: JSONValue, path: String, log: ProblemLog)
        -> (ehcCase: EHCCase, audits: [PlanAudit], version: Int?)? {
        let problemsBefore = log.problems.count
        guard var reader = JSONObjectReader(value, path: path, log: log) else { return nil }
        let id = reader.string("id", required: true)
        let child = reader.object("child", required: true).flatMap(readChild)
        let caseworker = reader.string("caseworker", required: true)
        let requestDate = reader.date("requestDate", required: true)
        let requestSource = reader.word("requestSource", RequestSource.self, required: true)
        let decisionToAssess = reader.object("decisionToAssess").flatMap { readDecision($0, AssessmentOutcome.self) }
        let advice = reader.list("advice").compactMap { readAdvice($0.value, path: $0.path, log: log) }
        let decisionToIssue = reader.object("decisionToIssue").flatMap { readDecision($0, IssueOutcome.self) }
        let draftPlanIssued = reader.date("draftPlanIssued")
        let finalPlanIssued = reader.date("finalPlanIssued")
        let exceptions = reader.list("exceptions").compactMap { readException($0.value, path: $0.path, log: log) }
        let reviews = reader.list("reviews").compactMap { readReview($0.value, path: $0.path, log: log) }
        let phaseTransfer = reader.object("phaseTransfer").flatMap(readPhaseTransfer)
        let closed = reader.object("closed").flatMap(readClosure)
        let additions = ReturnDetailsJSON.readRequest(&reader)
        let audits = reader.list("audits").compactMap { item in
            AuditJSON.read(item.value, path: item.path, caseID: id ?? "", log: log)
        }
        let version = reader.integer("version")
        if let version, version < 1 { log.add(reader.place("version"), "must be a whole number from 1, as export writes it") }
        reader.finish(ignoring: computedCaseFields)

        guard log.problems.count == problemsBefore, let id, let child, let caseworker, let requestDate,
              let requestSource else { return nil }
        var ehcCase = EHCCase(
            id: id, child: child, caseworker: caseworker, requestDate: requestDate, requestSource: requestSource,
            decisionToAssess: decisionToAssess, advice: advice, decisionToIssue: decisionToIssue,
            draftPlanIssued: draftPlanIssued, finalPlanIssued: finalPlanIssued, exceptions: exceptions,
            reviews: reviews, phaseTransfer: phaseTransfer, closed: closed,
            youthAccommodation: additions.youthAccommodation, challenges: additions.challenges,
            exportedToAnotherLA: additions.exportedToAnotherLA, transferredIn: additions.transferredIn,
            plan: additions.plan)
        ehcCase.child.personID = ehcCase.recordedPersonID
        return (ehcCase, audits, version)
    }

    private static func readChild(_ reader: JSONObjectReader) -> Child? {
        var reader = reader
        let givenName = reader.string("givenName", required: true)
        let familyName = reader.string("familyName", required: true)
        let dateOfBirth = reader.date("dateOfBirth", required: true)
        let setting = reader.string("setting")
        let (personID, details) = ReturnDetailsJSON.readPerson(&reader)
        reader.finish()
        guard let givenName, let familyName, let dateOfBirth else { return nil }
        return Child(givenName: givenName, familyName: familyName, dateOfBirth: dateOfBirth, setting: setting,
                     personID: personID, details: details)
    }

    private static func readDecision<Outcome: RawRepresentable & CaseIterable & Sendable & Hashable>(
        _ reader: JSONObjectReader, _ type: Outcome.Type
    ) -> Decision<Outcome>? where Outcome.RawValue == String {
        var reader = reader
        let date = reader.date("date", required: true)
        let outcome = reader.word("outcome", type, required: true)
        reader.finish()
        guard let date, let outcome else { return nil }
        return Decision(date: date, outcome: outcome)
    }

    private static func readAdvice(_ value: JSONValue, path: String, log: ProblemLog) -> AdviceRequest? {
        guard var reader = JSONObjectReader(value, path: path, log: log) else { return nil }
        let agency = reader.word("agency", Agency.self, required: true)
        let detail = reader.string("detail")
        let contact = reader.string("contact")
        let requested = reader.date("requested", required: true)
        let received = reader.date("received")
        let chased = reader.list("chased").compactMap { JSONObjectReader.date($0.value, place: $0.path, log: log) }
        let quality = reader.word("quality", AdviceQuality.self)
        let qualityNote = reader.string("qualityNote")
        let returned = reader.date("returned")
        reader.finish(ignoring: computedAdviceFields)
        guard let agency, let requested else { return nil }
        return AdviceRequest(agency: agency, detail: detail, contact: contact, requested: requested, received: received,
                             chased: chased, quality: quality, qualityNote: qualityNote, returned: returned)
    }

    private static func readException(_ value: JSONValue, path: String, log: ProblemLog) -> StatutoryException? {
        guard var reader = JSONObjectReader(value, path: path, log: log) else { return nil }
        let ground = reader.word("ground", ExceptionGround.self, required: true)
        let appliesTo = reader.list("appliesTo").compactMap { item -> String? in
            guard let key = item.value.string else {
                log.add(item.path, "expected a deadline key such as \"finalPlan\", found \(item.value.kindName)")
                return nil
            }
            return key
        }
        if reader.value("appliesTo", required: true) != nil, appliesTo.isEmpty {
            log.add(reader.place("appliesTo"), "must name at least one deadline, e.g. [\"finalPlan\"]")
        }
        let from = reader.date("from", required: true)
        let to = reader.date("to")
        let note = reader.string("note")
        let parentInformed = reader.date("parentInformed")
        reader.finish(ignoring: computedExceptionFields)
        guard let ground, let from else { return nil }
        return StatutoryException(ground: ground, appliesTo: appliesTo, from: from, to: to, note: note,
                                  parentInformed: parentInformed)
    }

    private static func readReview(_ value: JSONValue, path: String, log: ProblemLog) -> Review? {
        guard var reader = JSONObjectReader(value, path: path, log: log) else { return nil }
        let meetingDate = reader.date("meetingDate", required: true)
        let review = Review(
            meetingDate: meetingDate ?? CalendarDate(dayNumber: 0), reportSent: reader.date("reportSent"),
            decisionDate: reader.date("decisionDate"), decision: reader.word("decision", ReviewDecision.self),
            amendmentProposed: reader.date("amendmentProposed"), amendedPlanIssued: reader.date("amendedPlanIssued"))
        reader.finish()
        return meetingDate == nil ? nil : review
    }

    private static func readPhaseTransfer(_ reader: JSONObjectReader) -> PhaseTransfer? {
        var reader = reader
        let kind = reader.word("kind", PhaseTransferKind.self, required: true)
        let transferYear = reader.integer("transferYear", required: true)
        let amendedPlanIssued = reader.date("amendedPlanIssued")
        reader.finish()
        guard let kind, let transferYear else { return nil }
        return PhaseTransfer(kind: kind, transferYear: transferYear, amendedPlanIssued: amendedPlanIssued)
    }

    private static func readClosure(_ reader: JSONObjectReader) -> Closure? {
        var reader = reader
        let date = reader.date("date", required: true)
        let reason = reader.string("reason", required: true)
        let code = reader.integer("ceaseReason")
        let ceaseReason = code.flatMap(CeaseReason.init(rawValue:))
        if let code, ceaseReason == nil {
            reader.log.add(reader.place("ceaseReason"), "\(code) is not a SEN2 cease reason: 1 to 9 (docs/sen2.md)")
        }
        reader.finish()
        guard let date, let reason else { return nil }
        return Closure(date: date, reason: reason, ceaseReason: ceaseReason)
    }
}
