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
        /// Where the fact is in the case's `ehcdesk/1` JSON (`advice[0].received`), so the audit
        /// trail can say who recorded it.
        public var field: String
    }

    public static func list(for ehcCase: EHCCase) -> [Event] {
        var events = [Event(date: ehcCase.requestDate, text: "request received from \(ehcCase.requestSource.displayName)", field: "requestDate")]
        if let decision = ehcCase.decisionToAssess {
            events.append(Event(date: decision.date,
                                text: decision.outcome == .assess ? "decided to assess" : "decided not to assess",
                                field: "decisionToAssess.date"))
        }
        for (index, advice) in ehcCase.advice.enumerated() {
            let path = "advice[\(index)]."
            let agency = advice.agency.displayName + (advice.detail.map { " (\($0))" } ?? "")
            events.append(Event(date: advice.requested, text: "advice requested: \(agency)", field: path + "requested"))
            for chased in advice.chased { events.append(Event(date: chased, text: "advice chased: \(agency)", field: path + "chased")) }
            if let received = advice.received { events.append(Event(date: received, text: "advice received: \(agency)", field: path + "received")) }
            if let returned = advice.returned {
                events.append(Event(date: returned, text: "advice returned for more detail: \(agency)", field: path + "returned"))
            }
        }
        if let decision = ehcCase.decisionToIssue {
            events.append(Event(date: decision.date,
                                text: decision.outcome == .issue ? "decided to issue a plan" : "decided not to issue a plan",
                                field: "decisionToIssue.date"))
        }
        if let draft = ehcCase.draftPlanIssued { events.append(Event(date: draft, text: "draft plan issued", field: "draftPlanIssued")) }
        if let final = ehcCase.finalPlanIssued { events.append(Event(date: final, text: "final plan issued", field: "finalPlanIssued")) }
        for (index, exception) in ehcCase.exceptions.enumerated() {
            let until = exception.to.map { " until \($0)" } ?? ", continuing"
            let against = exception.appliesTo.joined(separator: ", ")
            events.append(Event(date: exception.from,
                                text: "exception (\(exception.ground.displayName))\(until), against \(against)",
                                field: "exceptions[\(index)].from"))
        }
        for (index, review) in ehcCase.reviews.enumerated() {
            let number = index + 1
            let path = "reviews[\(index)]."
            events.append(Event(date: review.meetingDate, text: "annual review \(number) meeting", field: path + "meetingDate"))
            if let sent = review.reportSent { events.append(Event(date: sent, text: "review \(number) report sent", field: path + "reportSent")) }
            if let decided = review.decisionDate {
                let what = review.decision.map { ": \($0.rawValue)" } ?? ""
                events.append(Event(date: decided, text: "review \(number) decision\(what)", field: path + "decisionDate"))
            }
            if let notice = review.amendmentProposed {
                events.append(Event(date: notice, text: "review \(number) amendment notice sent", field: path + "amendmentProposed"))
            }
            if let amended = review.amendedPlanIssued {
                events.append(Event(date: amended, text: "review \(number) amended plan issued", field: path + "amendedPlanIssued"))
            }
        }
        if let transfer = ehcCase.phaseTransfer, let amended = transfer.amendedPlanIssued {
            events.append(Event(date: amended, text: "phase transfer plan amended (\(transfer.transferYear))",
                                field: "phaseTransfer.amendedPlanIssued"))
        }
        if let closed = ehcCase.closed { events.append(Event(date: closed.date, text: "closed: \(closed.reason)", field: "closed.date")) }
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
