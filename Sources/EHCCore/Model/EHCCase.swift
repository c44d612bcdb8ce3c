/// One request for an EHC needs assessment and everything that followed from it.
///
/// A case holds only recorded facts (dates and decisions). Deadlines, statuses and explanations
/// are never stored: they are computed from these facts by ``StatutoryCalendar`` for a given day,
/// so a change of facts or of counting conventions can never leave a stale due date behind.
///
/// ```swift
/// var sam = EHCCase(id: "EHC-2025-00001",
///                   child: Child(givenName: "Sam", familyName: "Example",
///                                dateOfBirth: CalendarDate("2016-03-02")!, setting: "Example Primary"),
///                   caseworker: "A. Caseworker",
///                   requestDate: CalendarDate("2025-01-06")!, requestSource: .parent)
/// sam.decisionToAssess = Decision(date: CalendarDate("2025-02-10")!, outcome: .assess)
/// ```
public struct EHCCase: Sendable, Hashable, Identifiable {
    /// The authority's reference, e.g. `EHC-2025-00123`; unique in a database.
    public var id: String
    public var child: Child
    public var caseworker: String
    /// The day the authority received the request (or became responsible): every assessment clock starts here.
    public var requestDate: CalendarDate
    public var requestSource: RequestSource
    public var decisionToAssess: Decision<AssessmentOutcome>?
    public var advice: [AdviceRequest]
    public var decisionToIssue: Decision<IssueOutcome>?
    public var draftPlanIssued: CalendarDate?
    public var finalPlanIssued: CalendarDate?
    public var exceptions: [StatutoryException]
    /// Annual reviews of the plan, in meeting-date order.
    public var reviews: [Review]
    public var phaseTransfer: PhaseTransfer?
    public var closed: Closure?
    /// SEN2 `RYA`: the young person was in relevant youth accommodation when the request was made.
    public var youthAccommodation: Bool
    /// How the request's decisions were challenged (SEN2 mediation and tribunal indicators).
    public var challenges: Set<Challenge>
    /// SEN2 `Exported`: the person moved and the request went to another authority.
    public var exportedToAnotherLA: Bool
    /// The plan came from another authority.
    public var transferredIn: TransferIn?
    /// What the final plan provides and where.
    public var plan: PlanDetails

    public init(
        id: String, child: Child, caseworker: String, requestDate: CalendarDate, requestSource: RequestSource,
        decisionToAssess: Decision<AssessmentOutcome>? = nil, advice: [AdviceRequest] = [],
        decisionToIssue: Decision<IssueOutcome>? = nil, draftPlanIssued: CalendarDate? = nil,
        finalPlanIssued: CalendarDate? = nil, exceptions: [StatutoryException] = [], reviews: [Review] = [],
        phaseTransfer: PhaseTransfer? = nil, closed: Closure? = nil, youthAccommodation: Bool = false,
        challenges: Set<Challenge> = [], exportedToAnotherLA: Bool = false, transferredIn: TransferIn? = nil,
        plan: PlanDetails = PlanDetails()
    ) {
        self.id = id
        self.child = child
        self.caseworker = caseworker
        self.requestDate = requestDate
        self.requestSource = requestSource
        self.decisionToAssess = decisionToAssess
        self.advice = advice
        self.decisionToIssue = decisionToIssue
        self.draftPlanIssued = draftPlanIssued
        self.finalPlanIssued = finalPlanIssued
        self.exceptions = exceptions
        self.reviews = reviews
        self.phaseTransfer = phaseTransfer
        self.closed = closed
        self.youthAccommodation = youthAccommodation
        self.challenges = challenges
        self.exportedToAnotherLA = exportedToAnotherLA
        self.transferredIn = transferredIn
        self.plan = plan
    }

    /// The person this request is about: the child's recorded person id, or, when none is
    /// recorded, this request's own reference (one person per request, never merged on a guess).
    public var personID: String { child.personID ?? id }

    /// The person id as recorded: `nil` when it is this request's own reference, so a case is
    /// written one way whichever way its person was given.
    public var recordedPersonID: String? { child.personID == id ? nil : child.personID }
}

/// The child or young person the case is about.
public struct Child: Sendable, Hashable {
    public var givenName: String
    public var familyName: String
    public var dateOfBirth: CalendarDate
    /// The school, college or early-years setting currently attended, if any.
    public var setting: String?
    /// The authority's own id for the person, shared by every request about them (SEN2's person,
    /// Annex A's unique id); `nil` when the request is the only one known: its reference serves.
    public var personID: String?
    public var details: PersonDetails

    public init(givenName: String, familyName: String, dateOfBirth: CalendarDate, setting: String? = nil,
                personID: String? = nil, details: PersonDetails = PersonDetails()) {
        self.givenName = givenName
        self.familyName = familyName
        self.dateOfBirth = dateOfBirth
        self.setting = setting
        self.personID = personID
        self.details = details
    }

    /// "Given Family", the way a caseworker says it.
    public var fullName: String { givenName.isEmpty ? familyName : givenName + " " + familyName }

    /// Age in whole years on `date`.
    public func age(on date: CalendarDate) -> Int {
        var years = date.year - dateOfBirth.year
        if (date.month, date.day) < (dateOfBirth.month, dateOfBirth.day) { years -= 1 }
        return years
    }
}

/// Who asked for the assessment (interchange vocabulary `requestSource`).
public enum RequestSource: String, Sendable, Hashable, CaseIterable {
    case parent, youngPerson, school, health, socialCare, other
}

/// A dated decision with its outcome, e.g. the decision whether to assess.
public struct Decision<Outcome: Sendable & Hashable>: Sendable, Hashable {
    public var date: CalendarDate
    public var outcome: Outcome

    public init(date: CalendarDate, outcome: Outcome) {
        self.date = date
        self.outcome = outcome
    }
}

/// Outcome of the decision whether to secure an EHC needs assessment (CFA s.36).
public enum AssessmentOutcome: String, Sendable, Hashable, CaseIterable {
    case assess, notAssess
}

/// Outcome of the decision, after assessment, whether to issue a plan (CFA s.36(9), s.37).
public enum IssueOutcome: String, Sendable, Hashable, CaseIterable {
    case issue, notIssue
}

/// An agency asked for advice during an assessment (interchange vocabulary `advice[].agency`).
public enum Agency: String, Sendable, Hashable, CaseIterable {
    case educationalPsychology, health, socialCare, education, parentViews, childViews, other

    /// The name a caseworker uses.
    public var displayName: String {
        switch self {
        case .educationalPsychology: "Educational psychology"
        case .health: "Health"
        case .socialCare: "Social care"
        case .education: "Education"
        case .parentViews: "Parent's views"
        case .childViews: "Child's views"
        case .other: "Other"
        }
    }
}

/// The caseworker's verdict on advice received (interchange `advice[].quality`).
///
/// ```swift
/// item.returnForMoreDetail(on: today, note: "no outcomes")   // item.quality == .returned
/// ```
public enum AdviceQuality: String, Sendable, Hashable, CaseIterable {
    /// Good enough to write the plan from.
    case adequate
    /// Sent back to the agency for more detail: the item is outstanding again.
    case returned
}

/// A request for advice or information to one agency, and its answer.
///
/// A returned item (``AdviceQuality/returned``) is outstanding again, but its statutory clock is
/// not restarted: it stays due 6 weeks from the original request (documented choice, reg 8(1)).
/// When the fuller advice arrives, ``markReceived(on:)`` records it and clears the return.
///
/// ```swift
/// var item = AdviceRequest(agency: .health, contact: "Dr Patel", requested: CalendarDate("2025-01-06")!)
/// item.markReceived(on: CalendarDate("2025-02-10")!)
/// item.isOutstanding   // false
/// ```
public struct AdviceRequest: Sendable, Hashable {
    public var agency: Agency
    /// For `other`, or to be specific: "speech and language therapy".
    public var detail: String?
    /// Who was asked, as the caseworker writes it: "Dr Patel, community paediatrics".
    public var contact: String?
    /// The day the agency received the request: its 6 weeks run from here (reg 8(1)).
    public var requested: CalendarDate
    public var received: CalendarDate?
    public var chased: [CalendarDate]
    /// The caseworker's verdict on the advice received, if given.
    public var quality: AdviceQuality?
    /// Why it was returned, or any remark on its quality; only with a verdict.
    public var qualityNote: String?
    /// The day it was sent back for more detail; set exactly when `quality` is `returned`.
    public var returned: CalendarDate?

    public init(agency: Agency, detail: String? = nil, contact: String? = nil, requested: CalendarDate,
                received: CalendarDate? = nil, chased: [CalendarDate] = [], quality: AdviceQuality? = nil,
                qualityNote: String? = nil, returned: CalendarDate? = nil) {
        self.agency = agency
        self.detail = detail
        self.contact = contact
        self.requested = requested
        self.received = received
        self.chased = chased
        self.quality = quality
        self.qualityNote = qualityNote
        self.returned = returned
    }

    /// Still owed by the agency: never received, or received and returned for more detail.
    public var isOutstanding: Bool { received == nil || quality == .returned }

    /// Records the advice (or the fuller advice after a return) as received on `day`.
    public mutating func markReceived(on day: CalendarDate) {
        received = day
        quality = nil
        qualityNote = nil
        returned = nil
    }

    /// Sends received advice back for more detail on `day`, with the reason.
    public mutating func returnForMoreDetail(on day: CalendarDate, note: String) {
        quality = .returned
        qualityNote = note
        returned = day
    }
}

/// A recorded ground on which the authority need not comply with a time limit.
///
/// An exception never moves a due date; it marks the deadlines it is claimed against as excepted.
public struct StatutoryException: Sendable, Hashable {
    public var ground: ExceptionGround
    /// Deadline keys the exception is claimed against, e.g. `finalPlan`, `advice:health`.
    public var appliesTo: [String]
    public var from: CalendarDate
    /// For a closure, the day it re-opens; `nil` while it lasts.
    public var to: CalendarDate?
    public var note: String?
    /// When the family was told.
    public var parentInformed: CalendarDate?

    public init(ground: ExceptionGround, appliesTo: [String], from: CalendarDate, to: CalendarDate? = nil,
                note: String? = nil, parentInformed: CalendarDate? = nil) {
        self.ground = ground
        self.appliesTo = appliesTo
        self.from = from
        self.to = to
        self.note = note
        self.parentInformed = parentInformed
    }
}

/// The grounds of regs 5(4), 8(2), 10(4) and 13(3) (interchange vocabulary `exceptions[].ground`).
public enum ExceptionGround: String, Sendable, Hashable, CaseIterable {
    case schoolClosure, earlyYearsClosure, personalCircumstances, absence, missedAppointment
}

/// One annual review of a plan: the meeting and what followed.
public struct Review: Sendable, Hashable {
    public var meetingDate: CalendarDate
    public var reportSent: CalendarDate?
    /// The day the authority notified its decision: this concludes the review and anchors the next.
    public var decisionDate: CalendarDate?
    public var decision: ReviewDecision?
    /// The day the notice of proposed amendments was sent (reg 22(2)); it normally goes with the
    /// decision, and the amended plan's 8 weeks run from it.
    public var amendmentProposed: CalendarDate?
    public var amendedPlanIssued: CalendarDate?

    public init(meetingDate: CalendarDate, reportSent: CalendarDate? = nil, decisionDate: CalendarDate? = nil,
                decision: ReviewDecision? = nil, amendmentProposed: CalendarDate? = nil,
                amendedPlanIssued: CalendarDate? = nil) {
        self.meetingDate = meetingDate
        self.reportSent = reportSent
        self.decisionDate = decisionDate
        self.decision = decision
        self.amendmentProposed = amendmentProposed
        self.amendedPlanIssued = amendedPlanIssued
    }
}

/// The authority's decision after a review meeting (reg 20(10)).
public enum ReviewDecision: String, Sendable, Hashable, CaseIterable {
    case maintain, amend, cease
}

/// A move between phases of education that must be planned by a fixed date (reg 18).
public struct PhaseTransfer: Sendable, Hashable {
    public var kind: PhaseTransferKind
    /// The calendar year of the move, e.g. 2027 for a September 2027 start.
    public var transferYear: Int
    public var amendedPlanIssued: CalendarDate?

    public init(kind: PhaseTransferKind, transferYear: Int, amendedPlanIssued: CalendarDate? = nil) {
        self.kind = kind
        self.transferYear = transferYear
        self.amendedPlanIssued = amendedPlanIssued
    }

    /// The transfer years a case can have: from the request's year to 25 years on (a plan ends by 25).
    ///
    /// ```swift
    /// PhaseTransfer.plausibleYears(after: CalendarDate("2025-01-06")!)   // 2025...2050
    /// ```
    public static func plausibleYears(after request: CalendarDate) -> ClosedRange<Int> {
        request.year...(request.year + 25)
    }
}

/// `school`: a school phase transfer (before 15 February); `postSixteen`: into post-16 (before 31 March).
public enum PhaseTransferKind: String, Sendable, Hashable, CaseIterable {
    case school, postSixteen
}

/// The case was closed (moved away, withdrawn, plan ceased for another reason).
///
/// Closed before a decision, the request (or assessment) is reported withdrawn (SEN2 `W`); closed
/// after the final plan was issued, the plan ceased on `date` (when it ended, not the decision to
/// cease) for `ceaseReason`.
public struct Closure: Sendable, Hashable {
    public var date: CalendarDate
    public var reason: String
    /// SEN2 `CeaseReason`, for a plan that ceased.
    public var ceaseReason: CeaseReason?

    public init(date: CalendarDate, reason: String, ceaseReason: CeaseReason? = nil) {
        self.date = date
        self.reason = reason
        self.ceaseReason = ceaseReason
    }
}

extension AdviceRequest {
    /// `advice:<agency>` for each agency, made once.
    private static let firstKeys = Dictionary(uniqueKeysWithValues: Agency.allCases.map { ($0, "advice:" + $0.rawValue) })

    /// The interchange deadline keys of a case's advice items, in recorded order: `advice:<agency>`,
    /// then `advice:<agency>:2`, `:3`, … for further items to the same agency.
    ///
    /// ```swift
    /// AdviceRequest.deadlineKeys([ep, health, ep])
    /// // ["advice:educationalPsychology", "advice:health", "advice:educationalPsychology:2"]
    /// ```
    public static func deadlineKeys(_ advice: [AdviceRequest]) -> [String] {
        var seen: [Agency] = []
        seen.reserveCapacity(advice.count)
        return advice.map { item in
            let ordinal = 1 + seen.count { $0 == item.agency }
            seen.append(item.agency)
            let key = Self.firstKeys[item.agency, default: "advice:" + item.agency.rawValue]
            return ordinal > 1 ? key + ":" + String(ordinal) : key
        }
    }
}
