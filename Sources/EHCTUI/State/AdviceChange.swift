import EHCCore

/// One change to one advice request made from "Who owes what": received, chased, or received and
/// returned for more detail, on a day, for the case at the version the screen read it.
///
/// The runtime reads the case, ``edit(of:check:today:)`` makes the ``CaseEdit`` (checked by the
/// core like a recorded event), and it is saved through the same path as the `e` menu: the audit
/// trail records it, `u` undoes it, and a case changed since is refused with who changed it.
///
/// ```swift
/// let change = AdviceChange(caseID: "EHC-2025-00002", position: 0, expectedVersion: 3, kind: .received, day: today)
/// let edit = try change.edit(of: ehcCase, check: ConsistencyCheck(), today: today)   // "advice received from …"
/// ```
public struct AdviceChange: Sendable, Hashable {
    /// What happened to the request.
    public enum Kind: Sendable, Hashable {
        /// The advice (or the fuller advice after a return) came in.
        case received
        case chased
        /// Advice came in but is not good enough: recorded as received and sent back, with why.
        case returned(note: String)
    }

    public var caseID: String
    /// The index of the request in the case's `advice` list.
    public var position: Int
    public var expectedVersion: Int
    public var kind: Kind
    public var day: CalendarDate

    public init(caseID: String, position: Int, expectedVersion: Int, kind: Kind, day: CalendarDate) {
        self.caseID = caseID
        self.position = position
        self.expectedVersion = expectedVersion
        self.kind = kind
        self.day = day
    }

    /// The edit of `ehcCase` this change makes, or why it cannot be made (the request is no longer
    /// owed, or the change would make the case inconsistent).
    public func edit(of ehcCase: EHCCase, check: ConsistencyCheck, today: CalendarDate) throws(FormRefusal) -> CaseEdit {
        guard ehcCase.advice.indices.contains(position), ehcCase.advice[position].isOutstanding else {
            throw FormRefusal(field: nil, message: "that advice on \(caseID) is no longer awaited; the list is read again")
        }
        var edited = ehcCase
        let agency = AdviceWording.agency(ehcCase.advice[position])
        let summary: String
        switch kind {
        case .received:
            edited.advice[position].markReceived(on: day)
            summary = "advice received from \(agency) on \(day)"
        case .chased:
            if let refusal = AdviceRequest.refusalToChase(ehcCase.advice[position], on: day) {
                throw FormRefusal(field: nil, message: refusal)
            }
            edited.advice[position].chased.append(day)
            summary = "advice chased from \(agency) on \(day)"
        case .returned(let note):
            edited.advice[position].markReceived(on: day)
            edited.advice[position].returnForMoreDetail(on: day, note: note)
            summary = "advice from \(agency) received and returned for more detail on \(day): \(note)"
        }
        if let refusal = EventForm.newError(in: edited, comparedWith: ehcCase, check: check, today: today) {
            throw refusal
        }
        return CaseEdit(edited: edited, expectedVersion: expectedVersion, summary: summary, before: ehcCase)
    }
}

extension AdviceRequest {
    /// Why a chase on `day` is not recorded again: one chase a day is the record, a second is a slip.
    static func refusalToChase(_ request: AdviceRequest, on day: CalendarDate) -> String? {
        guard request.chased.contains(day) else { return nil }
        return "A chase of \(AdviceWording.agency(request)) on \(day) is already recorded; nothing was added."
    }
}
