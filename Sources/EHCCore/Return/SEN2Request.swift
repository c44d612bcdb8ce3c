/// One request as the SEN2 return reports it for a collection: the outcome codes derived from
/// ehcdesk's facts, as of the census (`../shared/domain/sen2.md` §2–3).
///
/// - `RequestOutcome`: `Y` the authority decided to assess, `N` not to; `W` the request was
///   withdrawn or ended before a decision; `A` no decision yet; `H` historical, decided before the
///   collection period (or a plan transferred in from another authority).
/// - `AssessmentOutcome`: `Y` a plan is to be issued (dated the day it **was** issued, blank until
///   then), `N` not to issue (dated the day of the decision), `W`, `A`, `H` as above.
/// - `Week20`: the rule engine's verdict that an exception excuses the final plan's 20 weeks.
/// - The active plan: placements attended, needs, and the review meeting, outcome and decision
///   letter as of the census.
///
/// ```swift
/// let request = SEN2Request(sam, collection: SEN2Collection.year(2026)!, calendar: StatutoryCalendar())
/// request?.outcome        // SEN2Request.Outcome(code: "Y", date: 2025-02-10)
/// ```
public struct SEN2Request: Sendable, Hashable {
    /// An outcome code and its date.
    public struct Outcome: Sendable, Hashable {
        public var code: String
        public var date: CalendarDate?
    }

    public struct Assessment: Sendable, Hashable {
        public var outcome: Outcome
        public var week20: Bool?
        /// The plan, once issued by the census.
        public var plan: NamedPlan?
    }

    public struct NamedPlan: Sendable, Hashable {
        public var startDate: CalendarDate
        public var details: PlanDetails
        /// When the plan ended (not the decision to cease), and why.
        public var ceaseDate: CalendarDate?
        public var ceaseReason: CeaseReason?
    }

    /// The plan in force during the period: the last review as of the census and where the child is.
    public struct ActivePlan: Sendable, Hashable {
        public var transferLA: String?
        public var reviewMeeting: CalendarDate?
        public var reviewOutcome: ReviewDecision?
        /// The day the authority wrote with its decision (SEN2 `LastReview`), not the meeting.
        public var lastReview: CalendarDate?
    }

    public var receivedDate: CalendarDate
    public var source: RequestSource
    public var youthAccommodation: Bool
    public var outcome: Outcome
    public var challenges: Set<Challenge>
    public var exported: Bool
    public var assessment: Assessment?
    public var activePlan: ActivePlan?

    /// The request as reported in `collection`, or `nil` when it is not in that return: received
    /// after the census, or ended (closed, refused or not issued) before the period began.
    public init?(_ ehcCase: EHCCase, collection: SEN2Collection, calendar: StatutoryCalendar) {
        let start = collection.periodStart, census = collection.census
        guard ehcCase.requestDate <= census, Self.isReported(ehcCase, from: start) else { return nil }
        receivedDate = ehcCase.requestDate
        source = ehcCase.requestSource
        youthAccommodation = ehcCase.youthAccommodation
        challenges = ehcCase.challenges
        exported = ehcCase.exportedToAnotherLA
        let closedByCensus = ehcCase.closed.flatMap { $0.date <= census ? $0.date : nil }
        let historical = ehcCase.transferredIn != nil

        // The decision whether to assess.
        let assess = ehcCase.decisionToAssess.flatMap { $0.date <= census ? $0 : nil }
        switch assess {
        case let decision? where historical || decision.date < start: outcome = Outcome(code: "H", date: decision.date)
        case let decision?: outcome = Outcome(code: decision.outcome == .assess ? "Y" : "N", date: decision.date)
        case nil where historical: outcome = Outcome(code: "H", date: nil)
        case nil: outcome = closedByCensus.map { Outcome(code: "W", date: $0) } ?? Outcome(code: "A", date: nil)
        }
        let assessed = assess?.outcome == .assess || (historical && ehcCase.finalPlanIssued != nil)
        guard assessed else { return }

        // The decision whether to issue a plan, dated by the plan for a Y.
        let issue = ehcCase.decisionToIssue.flatMap { $0.date <= census ? $0 : nil }
        let issued = ehcCase.finalPlanIssued.flatMap { $0 <= census ? $0 : nil }
        let assessmentOutcome: Outcome
        if historical || (issued.map { $0 < start } ?? false) {
            assessmentOutcome = Outcome(code: "H", date: issued)
        } else if let issue {
            assessmentOutcome = Outcome(code: issue.outcome == .issue ? "Y" : "N",
                                        date: issue.outcome == .issue ? issued : issue.date)
        } else if issued != nil {
            assessmentOutcome = Outcome(code: "Y", date: issued)
        } else {
            assessmentOutcome = closedByCensus.map { Outcome(code: "W", date: $0) } ?? Outcome(code: "A", date: nil)
        }
        var assessment = Assessment(outcome: assessmentOutcome, week20: nil, plan: nil)
        if let issued {
            assessment.week20 = ehcCase.plan.reportedWeek20 ?? calendar.isExcepted("finalPlan", in: ehcCase, today: census)
            assessment.plan = NamedPlan(startDate: issued, details: ehcCase.plan, ceaseDate: closedByCensus,
                                        ceaseReason: closedByCensus == nil ? nil : ehcCase.closed?.ceaseReason)
            if closedByCensus.map({ $0 >= start }) ?? true {
                let review = ehcCase.reviews.last { $0.meetingDate <= census }
                let decided = review?.decisionDate.flatMap { $0 <= census ? $0 : nil }
                activePlan = ActivePlan(transferLA: ehcCase.transferredIn?.formerLA, reviewMeeting: review?.meetingDate,
                                        reviewOutcome: decided == nil ? nil : review?.decision, lastReview: decided)
            }
        }
        self.assessment = assessment
    }

    /// Whether a request still has anything to report from `start` on: it did not end before it.
    private static func isReported(_ ehcCase: EHCCase, from start: CalendarDate) -> Bool {
        if let closed = ehcCase.closed, closed.date < start { return false }
        if let refused = ehcCase.decisionToAssess, refused.outcome == .notAssess, refused.date < start { return false }
        if let refused = ehcCase.decisionToIssue, refused.outcome == .notIssue, refused.date < start { return false }
        return true
    }
}
