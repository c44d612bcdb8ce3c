import EHCCore

/// The things a caseworker records from the keyboard, each a small form whose values change one
/// case's facts.
///
/// ```swift
/// let form = EventForm(event: .finalPlanIssued, caseID: "EHC-2025-00001")
/// RecordableEvent.finalPlanIssued.fields.map(\.label)   // ["Issued on"]
/// ```
public enum RecordableEvent: String, Sendable, Hashable, CaseIterable {
    case decisionToAssess, adviceRequested, adviceReceived, adviceChased, decisionToIssue
    case draftPlanIssued, finalPlanIssued, exception, closed
    case reviewMeeting, reviewReportSent, reviewDecision, amendmentProposed, amendedPlanIssued
    case phaseTransfer, phaseTransferAmended
    /// SEN2's facts: who the child is nationally, and what the plan provides and where.
    case returnDetails, planDetails

    /// The key that picks it in the "record" menu.
    public var key: Character {
        switch self {
        case .decisionToAssess: "a"
        case .adviceRequested: "r"
        case .adviceReceived: "v"
        case .adviceChased: "c"
        case .decisionToIssue: "i"
        case .draftPlanIssued: "d"
        case .finalPlanIssued: "f"
        case .exception: "x"
        case .closed: "z"
        case .reviewMeeting: "m"
        case .reviewReportSent: "t"
        case .reviewDecision: "o"
        case .amendmentProposed: "p"
        case .amendedPlanIssued: "n"
        case .phaseTransfer: "h"
        case .phaseTransferAmended: "w"
        case .returnDetails: "s"
        case .planDetails: "g"
        }
    }

    public var title: String {
        switch self {
        case .decisionToAssess: "Decision to assess"
        case .adviceRequested: "Advice requested"
        case .adviceReceived: "Advice received"
        case .adviceChased: "Advice chased"
        case .decisionToIssue: "Decision to issue"
        case .draftPlanIssued: "Draft plan issued"
        case .finalPlanIssued: "Final plan issued"
        case .exception: "Exception"
        case .closed: "Case closed"
        case .reviewMeeting: "Review meeting (scheduled or held)"
        case .reviewReportSent: "Review report sent"
        case .reviewDecision: "Review decision"
        case .amendmentProposed: "Amendment notice sent"
        case .amendedPlanIssued: "Amended plan issued"
        case .phaseTransfer: "Phase transfer (kind and year)"
        case .phaseTransferAmended: "Phase transfer plan amended"
        case .returnDetails: "SEN2: UPN, ULN, sex, ethnicity, postcode"
        case .planDetails: "SEN2: needs, main placement, cease reason"
        }
    }

    /// The form's fields, in order, with the values they start with: choices shown by their
    /// labels, the exception's deadlines picked from `deadlines` (the case's own), and the SEN2
    /// forms filled with what `current` records, so leaving a field keeps it.
    public func fields(deadlines: [Deadline] = [], current: EHCCase? = nil) -> [FormField] {
        let agency = FormField.choice("Agency", Agency.self) { $0.displayName }
        switch self {
        case .decisionToAssess:
            return [.choice("Outcome", [.init(code: "assess", label: "assess"), .init(code: "not", label: "do not assess")]),
                    .date("Decided on")]
        case .adviceRequested:
            return [agency, .date("Requested on"), .text("Contact (who was asked)", optional: true),
                    .text("What advice, for Other (e.g. speech and language therapy)", optional: true)]
        case .adviceReceived, .adviceChased:
            return [agency, .date(self == .adviceReceived ? "Received on" : "Chased on")]
        case .decisionToIssue:
            return [.choice("Outcome", [.init(code: "issue", label: "issue a plan"), .init(code: "not", label: "do not issue")]),
                    .date("Decided on")]
        case .draftPlanIssued, .finalPlanIssued:
            return [.date("Issued on")]
        case .exception:
            // Unmet deadlines first: those are the ones an exception is claimed against.
            let ordered = deadlines.filter { $0.met == nil } + deadlines.filter { $0.met != nil }
            let options = ordered.map { FormField.Option(code: $0.key, label: $0.shortTitle) }
            return [.choice("Ground", ExceptionGround.self) { $0.displayName },
                    FormField(label: "Against (deadlines, comma-separated)", kind: .deadlines(options), isOptional: false,
                              value: options.first?.label ?? ""),
                    .date("From"),
                    .date("To (empty while it lasts)", optional: true, initial: ""),
                    .text("Note", optional: true),
                    .date("Family told on", optional: true, initial: "")]
        case .closed:
            return [.date("Closed on"), .text("Reason")]
        case .reviewMeeting:
            return [.date("Meeting on (a future date schedules it)")]
        case .reviewReportSent:
            return [.date("Report sent on")]
        case .reviewDecision:
            return [.choice("Decision", ReviewDecision.self) { $0.rawValue }, .date("Notified on")]
        case .amendmentProposed:
            return [.date("Notice sent on")]
        case .amendedPlanIssued:
            return [.date("Issued on")]
        case .phaseTransfer:
            return [.choice("Kind", PhaseTransferKind.self) { $0 == .school ? "school" : "post-16" },
                    .text("Transfer year (e.g. 2027)")]
        case .phaseTransferAmended:
            return [.date("Amended plan issued on")]
        case .returnDetails:
            let details = current?.child.details ?? PersonDetails()
            return [.text("UPN", optional: true, initial: details.upn ?? ""),
                    .text("ULN", optional: true, initial: details.uln ?? ""),
                    .choice("No UPN or ULN because", [.init(code: "", label: "not applicable")]
                            + UPNUnknownReason.allCases.map { .init(code: $0.rawValue, label: $0.rawValue + " " + $0.wording) },
                            initial: details.upnUnknown?.rawValue ?? ""),
                    .choice("Sex", [.init(code: "", label: "not recorded"), .init(code: "male", label: "male"),
                                    .init(code: "female", label: "female")], initial: details.sex?.rawValue ?? ""),
                    .text("Ethnicity (CBDS code, e.g. WBRI)", optional: true, initial: details.ethnicity ?? ""),
                    .text("Postcode", optional: true, initial: details.postcode ?? "")]
        case .planDetails:
            let plan = current?.plan ?? PlanDetails()
            let needs = SENType.allCases.map { FormField.Option(code: $0.rawValue, label: $0.rawValue) }
            let main = plan.mainPlacementIndex.map { plan.placements[$0].establishment.code }
            return [.choice("Primary need", [.init(code: "", label: "not recorded")] + needs, initial: plan.primaryNeed?.rawValue ?? ""),
                    .choice("Secondary need", [.init(code: "", label: "none")] + needs, initial: plan.secondaryNeed?.rawValue ?? ""),
                    .text("Main placement: URN, UKPRN or setting code (EHE, OLA, …)", optional: true, initial: main ?? ""),
                    .choice("Cease reason, for a plan that ended",
                            [.init(code: "", label: "none")] + CeaseReason.allCases.map { .init(code: String($0.rawValue),
                                                                                                  label: "\($0.rawValue) \($0.wording)") },
                            initial: current?.closed?.ceaseReason.map { String($0.rawValue) } ?? "")]
        }
    }

    /// Why this event cannot be recorded on `ehcCase` yet (the menu greys it out and says so), or `nil`.
    public func unavailability(on ehcCase: EHCCase) -> String? {
        switch self {
        case .adviceReceived, .adviceChased:
            ehcCase.advice.contains(where: \.isOutstanding) ? nil : "no advice is awaited"
        case .draftPlanIssued, .finalPlanIssued, .decisionToIssue:
            ehcCase.decisionToAssess?.outcome == .notAssess ? "the decision was not to assess" : nil
        case .reviewMeeting:
            ehcCase.finalPlanIssued == nil ? "no final plan is issued yet" : nil
        case .reviewReportSent, .reviewDecision, .amendmentProposed, .amendedPlanIssued:
            ehcCase.reviews.isEmpty ? "no review meeting is recorded yet (m)" : nil
        case .phaseTransferAmended:
            ehcCase.phaseTransfer == nil ? "no phase transfer is recorded yet (h)" : nil
        case .planDetails:
            ehcCase.finalPlanIssued == nil ? "no final plan is issued yet" : nil
        case .decisionToAssess, .adviceRequested, .exception, .closed, .phaseTransfer, .returnDetails:
            nil
        }
    }

    /// The case with this event recorded from the form's `values` (one per field, already
    /// checked by ``FormField/check(_:today:)``), and a one-line summary for the audit trail.
    func apply(_ values: [FormValue], to original: EHCCase) throws(FormRefusal) -> (EHCCase, String) {
        var ehcCase = original
        // The form has checked every value; a value missing all the same refuses the form, never traps.
        func value(_ index: Int) -> FormValue? { values.indices.contains(index) ? values[index] : nil }
        func optionalDate(_ index: Int) -> CalendarDate? { if case .date(let day)? = value(index) { day } else { nil } }
        func date(_ index: Int) throws(FormRefusal) -> CalendarDate {
            guard let day = optionalDate(index) else { throw FormRefusal(field: index, message: "A date is needed here.") }
            return day
        }
        func text(_ index: Int) -> String { if case .text(let text)? = value(index) { text } else { "" } }
        func choice<Choice: RawRepresentable>(_ index: Int) throws(FormRefusal) -> Choice where Choice.RawValue == String {
            guard let chosen = Choice(rawValue: text(index)) else {
                throw FormRefusal(field: index, message: "\"\(text(index))\" is not one of the choices.")
            }
            return chosen
        }
        switch self {
        case .decisionToAssess:
            let outcome: AssessmentOutcome = text(0) == "assess" ? .assess : .notAssess
            ehcCase.decisionToAssess = Decision(date: try date(1), outcome: outcome)
            return (ehcCase, "decided \(outcome == .assess ? "to assess" : "not to assess") on \(try date(1))")
        case .adviceRequested:
            let agency = try choice(0) as Agency
            let (contact, detail) = (text(2), text(3))
            ehcCase.advice.append(AdviceRequest(agency: agency, detail: detail.isEmpty ? nil : detail,
                                                contact: contact.isEmpty ? nil : contact, requested: try date(1)))
            return (ehcCase, "advice requested from \(agency.displayName) on \(try date(1))")
        case .adviceReceived, .adviceChased:
            let agency = try choice(0) as Agency
            guard let index = ehcCase.advice.lastIndex(where: { $0.agency == agency && $0.isOutstanding }) else {
                throw FormRefusal(field: 0, message: "No advice from \(agency.displayName) is awaited on this case.")
            }
            if self == .adviceReceived {
                ehcCase.advice[index].markReceived(on: try date(1))
                return (ehcCase, "advice received from \(agency.displayName) on \(try date(1))")
            }
            let day = try date(1)
            if let refusal = AdviceRequest.refusalToChase(ehcCase.advice[index], on: day) {
                throw FormRefusal(field: 1, message: refusal)
            }
            ehcCase.advice[index].chased.append(day)
            return (ehcCase, "advice chased from \(agency.displayName) on \(day)")
        case .decisionToIssue:
            let outcome: IssueOutcome = text(0) == "issue" ? .issue : .notIssue
            ehcCase.decisionToIssue = Decision(date: try date(1), outcome: outcome)
            return (ehcCase, "decided \(outcome == .issue ? "to issue" : "not to issue") a plan on \(try date(1))")
        case .draftPlanIssued:
            ehcCase.draftPlanIssued = try date(0)
            return (ehcCase, "draft plan issued on \(try date(0))")
        case .finalPlanIssued:
            ehcCase.finalPlanIssued = try date(0)
            return (ehcCase, "final plan issued on \(try date(0))")
        case .exception:
            let ground = try choice(0) as ExceptionGround
            let against = text(1).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard !against.isEmpty else {
                throw FormRefusal(field: 1, message: "Name at least one deadline the exception is claimed against.")
            }
            let note = text(4)
            ehcCase.exceptions.append(StatutoryException(
                ground: ground, appliesTo: against, from: try date(2), to: optionalDate(3), note: note.isEmpty ? nil : note,
                parentInformed: optionalDate(5)))
            return (ehcCase, "exception (\(ground.displayName)) from \(try date(2)) against \(against.joined(separator: ", "))")
        case .closed:
            guard !text(1).isEmpty else { throw FormRefusal(field: 1, message: "Say why the case is closed.") }
            ehcCase.closed = Closure(date: try date(0), reason: text(1))
            return (ehcCase, "case closed on \(try date(0)): \(text(1))")
        case .reviewMeeting:
            // A meeting not yet reported or decided is rescheduled (or marked held) rather than doubled.
            if let last = ehcCase.reviews.indices.last, ehcCase.reviews[last].reportSent == nil,
               ehcCase.reviews[last].decisionDate == nil {
                ehcCase.reviews[last].meetingDate = try date(0)
                return (ehcCase, "review \(last + 1) meeting moved to \(try date(0))")
            }
            ehcCase.reviews.append(Review(meetingDate: try date(0)))
            return (ehcCase, "review \(ehcCase.reviews.count) meeting on \(try date(0))")
        case .reviewReportSent, .reviewDecision, .amendmentProposed, .amendedPlanIssued:
            guard let last = ehcCase.reviews.indices.last else {
                throw FormRefusal(field: nil, message: "Record the review meeting first (m).")
            }
            let number = last + 1
            switch self {
            case .reviewReportSent:
                ehcCase.reviews[last].reportSent = try date(0)
                return (ehcCase, "review \(number) report sent on \(try date(0))")
            case .reviewDecision:
                let decision = try choice(0) as ReviewDecision
                ehcCase.reviews[last].decision = decision
                ehcCase.reviews[last].decisionDate = try date(1)
                return (ehcCase, "review \(number) decision \(decision.rawValue) notified on \(try date(1))")
            case .amendmentProposed:
                ehcCase.reviews[last].amendmentProposed = try date(0)
                return (ehcCase, "review \(number) amendment notice sent on \(try date(0))")
            default:
                ehcCase.reviews[last].amendedPlanIssued = try date(0)
                return (ehcCase, "review \(number) amended plan issued on \(try date(0))")
            }
        case .phaseTransfer:
            let kind = try choice(0) as PhaseTransferKind
            let year = try transferYear(text(1), after: original.requestDate)
            // The amended plan already recorded stays only while it is for the same move.
            let kept = ehcCase.phaseTransfer.flatMap { $0.kind == kind && $0.transferYear == year ? $0.amendedPlanIssued : nil }
            ehcCase.phaseTransfer = PhaseTransfer(kind: kind, transferYear: year, amendedPlanIssued: kept)
            return (ehcCase, "phase transfer (\(kind == .school ? "school" : "post-16")) in \(year)")
        case .phaseTransferAmended:
            guard let transfer = ehcCase.phaseTransfer else {
                throw FormRefusal(field: nil, message: "Record the phase transfer first (h).")
            }
            ehcCase.phaseTransfer?.amendedPlanIssued = try date(0)
            return (ehcCase, "phase transfer plan amended on \(try date(0)) for \(transfer.transferYear)")
        case .returnDetails:
            ehcCase.child.details = PersonDetails(
                upn: try code(text(0), field: 0), uln: try code(text(1), field: 1),
                upnUnknown: UPNUnknownReason(rawValue: text(2)), sex: Sex(rawValue: text(3)),
                ethnicity: try code(text(4), field: 4), postcode: try code(text(5), field: 5))
            return (ehcCase, "SEN2 person details recorded")
        case .planDetails:
            ehcCase.plan.primaryNeed = SENType(rawValue: text(0))
            ehcCase.plan.secondaryNeed = SENType(rawValue: text(1))
            if let typed = try code(text(2), field: 2) {
                let establishment = try Self.establishment(typed)
                if let main = ehcCase.plan.mainPlacementIndex {
                    ehcCase.plan.placements[main].establishment = establishment
                } else {
                    ehcCase.plan.placements.append(Placement(establishment: establishment))
                }
            }
            if let reason = Int(text(3)).flatMap(CeaseReason.init(rawValue:)) {
                guard ehcCase.closed != nil else {
                    throw FormRefusal(field: 3, message: "A cease reason is for a plan that ended: record the closure (z) first.")
                }
                ehcCase.closed?.ceaseReason = reason
            } else {
                ehcCase.closed?.ceaseReason = nil
            }
            return (ehcCase, "SEN2 plan details recorded")
        }
    }

    /// A code as typed (a UPN, a postcode), in capitals; `nil` when empty. Whether it is a valid
    /// code is for the data-quality checks, which say how to fix it.
    private func code(_ typed: String, field: Int) throws(FormRefusal) -> String? {
        let upper = typed.uppercased()
        guard !upper.isEmpty else { return nil }
        guard SEN2Codes.isTypedCode(upper) else {
            throw FormRefusal(field: field, message: "A code of at most 20 letters, digits and spaces is expected here.")
        }
        return upper
    }

    /// A URN (6 digits), a UKPRN (8 digits) or a SEN2 setting code.
    private static func establishment(_ typed: String) throws(FormRefusal) -> Establishment {
        if SEN2Codes.isDigits(typed, count: 6) { return .urn(typed) }
        if SEN2Codes.isDigits(typed, count: 8) { return .ukprn(typed) }
        if let setting = SENSetting(rawValue: typed) { return .setting(setting, other: nil) }
        throw FormRefusal(field: 2, message: "\"\(typed)\" is not a 6-digit URN, an 8-digit UKPRN or a setting code ("
                              + SENSetting.allCases.map(\.rawValue).joined(separator: ", ") + ").")
    }
}

/// The calendar year typed for a phase transfer: four digits, from the request's year to 25 years on.
private func transferYear(_ typed: String, after request: CalendarDate) throws(FormRefusal) -> Int {
    let range = PhaseTransfer.plausibleYears(after: request)
    guard typed.count == 4, let year = Int(typed), range.contains(year) else {
        throw FormRefusal(field: 1, message: "Transfer year: \"\(typed)\" is not a year from \(range.lowerBound) "
                              + "to \(range.upperBound), e.g. 2027.")
    }
    return year
}

/// Why a form was refused, and which field to fix.
///
/// ```swift
/// throw FormRefusal(field: 1, message: "\"31/12\" is not a date: use YYYY-MM-DD, today, yesterday or -N")
/// ```
public struct FormRefusal: Error, Sendable, Hashable {
    /// Index of the field at fault, or `nil` when the case as a whole is refused.
    public var field: Int?
    public var message: String
}
