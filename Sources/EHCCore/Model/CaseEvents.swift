/// The recorded events of a case as dated sentences, in date order: the case's history as a
/// caseworker tells it, shared by the detail pane and `ehcdesk case`.
///
/// ```swift
/// CaseEvents.list(for: sam).first?.text   // "request received from parent"
/// ```
public enum CaseEvents {
    /// One dated thing that happened.
    public struct Event: Sendable, Hashable {
        public var date: CalendarDate
        public var text: String
    }

    public static func list(for ehcCase: EHCCase) -> [Event] {
        var events = [Event(date: ehcCase.requestDate, text: "request received from \(ehcCase.requestSource.displayName)")]
        if let decision = ehcCase.decisionToAssess {
            events.append(Event(date: decision.date,
                                text: decision.outcome == .assess ? "decided to assess" : "decided not to assess"))
        }
        for advice in ehcCase.advice {
            let agency = advice.agency.displayName + (advice.detail.map { " (\($0))" } ?? "")
            events.append(Event(date: advice.requested, text: "advice requested: \(agency)"))
            for chased in advice.chased { events.append(Event(date: chased, text: "advice chased: \(agency)")) }
            if let received = advice.received { events.append(Event(date: received, text: "advice received: \(agency)")) }
            if let returned = advice.returned {
                events.append(Event(date: returned, text: "advice returned for more detail: \(agency)"))
            }
        }
        if let decision = ehcCase.decisionToIssue {
            events.append(Event(date: decision.date,
                                text: decision.outcome == .issue ? "decided to issue a plan" : "decided not to issue a plan"))
        }
        if let draft = ehcCase.draftPlanIssued { events.append(Event(date: draft, text: "draft plan issued")) }
        if let final = ehcCase.finalPlanIssued { events.append(Event(date: final, text: "final plan issued")) }
        for exception in ehcCase.exceptions {
            let until = exception.to.map { " until \($0)" } ?? ", continuing"
            let against = exception.appliesTo.joined(separator: ", ")
            events.append(Event(date: exception.from,
                                text: "exception (\(exception.ground.displayName))\(until), against \(against)"))
        }
        for (index, review) in ehcCase.reviews.enumerated() {
            let number = index + 1
            events.append(Event(date: review.meetingDate, text: "annual review \(number) meeting"))
            if let sent = review.reportSent { events.append(Event(date: sent, text: "review \(number) report sent")) }
            if let decided = review.decisionDate {
                let what = review.decision.map { ": \($0.rawValue)" } ?? ""
                events.append(Event(date: decided, text: "review \(number) decision\(what)"))
            }
            if let notice = review.amendmentProposed {
                events.append(Event(date: notice, text: "review \(number) amendment notice sent"))
            }
            if let amended = review.amendedPlanIssued {
                events.append(Event(date: amended, text: "review \(number) amended plan issued"))
            }
        }
        if let transfer = ehcCase.phaseTransfer, let amended = transfer.amendedPlanIssued {
            events.append(Event(date: amended, text: "phase transfer plan amended (\(transfer.transferYear))"))
        }
        if let closed = ehcCase.closed { events.append(Event(date: closed.date, text: "closed: \(closed.reason)")) }
        // Stable: events of one day keep the order of the statutory process.
        return events.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}

extension RequestSource {
    /// The source as a caseworker says it: "young person", "social care".
    public var displayName: String {
        switch self {
        case .parent: "parent"
        case .youngPerson: "young person"
        case .school: "school"
        case .health: "health"
        case .socialCare: "social care"
        case .other: "other"
        }
    }
}
