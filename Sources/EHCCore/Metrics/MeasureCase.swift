/// What the catalogue of measures reads of one case: the dates of its facts, its deadlines as a
/// database stores them (due, met, switched off, excepted) and its advice and reviews, nothing else.
///
/// Two sources make it and must agree: the facts through the rule engine
/// (``init(_:calendar:today:from:)``), and a store reading the deadlines it keeps beside the facts, so
/// that a whole-caseload count never recomputes a deadline. The catalogue's one tally
/// (``MeasureCatalogue/add(_:from:to:today:to:)``) reads only this, whichever made it.
///
/// ```swift
/// let measured = MeasureCase(sam, calendar: StatutoryCalendar(), today: today, from: today.adding(months: -12))
/// measured.triage(calendar: calendar, today: today).isOverdue   // true: the final plan is late
/// ```
public struct MeasureCase: Sendable, Hashable {
    public var id: String
    public var caseworker: String
    public var status: CaseStatus
    public var requestDate: CalendarDate
    public var decisionToAssess: CalendarDate?
    /// The day of a decision not to issue a plan.
    public var notIssueDecided: CalendarDate?
    public var draftPlanIssued: CalendarDate?
    public var finalPlanIssued: CalendarDate?
    public var closed: CalendarDate?
    /// The deadlines of the case a period from `from` can count (``reads(kind:due:met:from:)``), in the calendar's order.
    public var deadlines: [Limit]
    public var advice: [Advice]
    /// The review meetings in date order: review N is the N-th.
    public var reviews: [Meeting]

    /// One deadline as stored: what neither `today` nor the counting of a period changes.
    public struct Limit: Sendable, Hashable {
        public var kind: DeadlineKind
        /// The advice request (from 0) or the review (from 1) it belongs to (``StoredDeadline/item``).
        public var item: Int?
        public var due: CalendarDate
        public var met: CalendarDate?
        public var switchedOff: Bool
        public var excepted: Bool

        public init(kind: DeadlineKind, item: Int?, due: CalendarDate, met: CalendarDate?, switchedOff: Bool, excepted: Bool) {
            (self.kind, self.item, self.due, self.met, self.switchedOff, self.excepted) = (kind, item, due, met, switchedOff, excepted)
        }
    }

    /// One advice request, in the case's order.
    public struct Advice: Sendable, Hashable {
        public var agency: Agency
        public var requested: CalendarDate
        public var received: CalendarDate?
        /// Returned for more detail (and not yet received again, unless `received` is later).
        public var returned: Bool

        public init(agency: Agency, requested: CalendarDate, received: CalendarDate?, returned: Bool) {
            (self.agency, self.requested, self.received, self.returned) = (agency, requested, received, returned)
        }

        public var isOutstanding: Bool { received == nil || returned }
    }

    /// One review meeting and the decision after it.
    public struct Meeting: Sendable, Hashable {
        public var held: CalendarDate
        public var decided: CalendarDate?
        public var decision: ReviewDecision?

        public init(held: CalendarDate, decided: CalendarDate?, decision: ReviewDecision?) {
            (self.held, self.decided, self.decision) = (held, decided, decision)
        }
    }

    public init(id: String, caseworker: String, status: CaseStatus, requestDate: CalendarDate,
                decisionToAssess: CalendarDate?, notIssueDecided: CalendarDate?, draftPlanIssued: CalendarDate?,
                finalPlanIssued: CalendarDate?, closed: CalendarDate?, deadlines: [Limit], advice: [Advice],
                reviews: [Meeting]) {
        (self.id, self.caseworker, self.status, self.requestDate) = (id, caseworker, status, requestDate)
        (self.decisionToAssess, self.notIssueDecided, self.draftPlanIssued) = (decisionToAssess, notIssueDecided, draftPlanIssued)
        (self.finalPlanIssued, self.closed) = (finalPlanIssued, closed)
        (self.deadlines, self.advice, self.reviews) = (deadlines, advice, reviews)
    }

    /// The case as the catalogue reads it for a period from `from`, from its facts; a lasting
    /// exception is ruled on `today`.
    public init(_ ehcCase: EHCCase, calendar: StatutoryCalendar, today: CalendarDate, from: CalendarDate) {
        let stored = calendar.storedDeadlines(of: ehcCase, rulingLastingExceptionsOn: today)
            .filter { Self.reads(kind: $0.kind, due: $0.due, met: $0.met, from: from) }
        self.init(
            id: ehcCase.id, caseworker: ehcCase.caseworker, status: calendar.status(of: ehcCase),
            requestDate: ehcCase.requestDate, decisionToAssess: ehcCase.decisionToAssess?.date,
            notIssueDecided: ehcCase.decisionToIssue?.outcome == .notIssue ? ehcCase.decisionToIssue?.date : nil,
            draftPlanIssued: ehcCase.draftPlanIssued, finalPlanIssued: ehcCase.finalPlanIssued,
            closed: ehcCase.closed?.date,
            deadlines: stored.map(Limit.init),
            advice: ehcCase.advice.map {
                Advice(agency: $0.agency, requested: $0.requested, received: $0.received, returned: $0.quality == .returned)
            },
            reviews: StatutoryCalendar.inMeetingOrder(ehcCase.reviews).map {
                Meeting(held: $0.meetingDate, decided: $0.decisionDate, decision: $0.decision)
            })
    }

    /// Whether a period from `from` can count the deadline: still open; or met or due from that
    /// day, unless it is a review's report, decision or amended plan, which only the caseload on
    /// `today` reads while they are open. A deadline met and due before the period is settled before
    /// it. (A store selects the same rows in SQL: ``MeasureStream``.)
    public static func reads(kind: DeadlineKind, due: CalendarDate, met: CalendarDate?, from: CalendarDate) -> Bool {
        guard let met else { return true }
        return !kind.isReviewPaperwork && (met >= from || due >= from)
    }

    /// The deadline of a kind the case has at most one of (the assessment's, the phase transfer).
    public func deadline(_ kind: DeadlineKind) -> Limit? { deadlines.first { $0.kind == kind } }

    /// The deadline of the advice request at `position`.
    public func adviceDeadline(_ position: Int) -> Limit? {
        deadlines.first { $0.kind == .advice && $0.item == position }
    }

    /// Where the case stands in the list's views on `today`: the same facts a ``CaseSummary`` made
    /// by the rule engine gives (``CaseSummary/triage``), found from the stored deadlines.
    public func triage(calendar: StatutoryCalendar, today: CalendarDate) -> TriageFacts {
        let isActive = status.isActive
        // The next deadline is an unexcused breach whenever there is one, else the soonest still to
        // come, else the oldest excused lateness (StatutoryCalendar.nextDeadline).
        var unexcusedBreach = false
        var soonestToCome: CalendarDate?
        var reviewDue = false
        for limit in deadlines where limit.met == nil && !limit.switchedOff {
            if limit.due < today {
                if !limit.excepted { unexcusedBreach = true }
            } else if soonestToCome.map({ limit.due < $0 }) ?? true {
                soonestToCome = limit.due
            }
            if limit.kind.isReviewDuty, calendar.isPressing(due: limit.due, today: today) { reviewDue = true }
        }
        let stage = CaseSummary.Stage(status: status, decided: decisionToAssess != nil, finalPlanIssued: finalPlanIssued != nil,
                                      draftPlanIssued: draftPlanIssued != nil,
                                      adviceOutstanding: advice.contains(where: \.isOutstanding), reviewDue: reviewDue)
        let dueSoon = !unexcusedBreach && soonestToCome.map { calendar.status(due: $0, met: nil, today: today) == .dueSoon } ?? false
        return TriageFacts(isActive: isActive, isOverdue: isActive && unexcusedBreach, isDueSoon: isActive && dueSoon,
                           stage: stage, isAtRisk: isAtRisk(today: today))
    }

    /// ``BreachForecast``'s at risk, from the stored deadlines.
    private func isAtRisk(today: CalendarDate) -> Bool {
        guard finalPlanIssued == nil, status == .open, let finalPlan = deadline(.finalPlan), !finalPlan.switchedOff
        else { return false }
        let lastAwaited = deadlines.lazy.filter { $0.kind == .advice && $0.met == nil }.map(\.due).max()
        return BreachForecast.isAtRisk(finalPlanDue: finalPlan.due, draft: draftPlanIssued, lastAwaitedDue: lastAwaited,
                                       today: today)
    }
}

extension MeasureCase.Limit {
    init(_ stored: StoredDeadline) {
        self.init(kind: stored.kind, item: stored.item, due: stored.due, met: stored.met, switchedOff: stored.switchedOff,
                  excepted: stored.excepted)
    }
}

extension DeadlineKind {
    /// A review's report, decision or amended plan: the duties that follow the review meeting.
    public var isReviewPaperwork: Bool { isReviewDuty && self != .annualReview }

    /// An annual-review duty: the review itself, its report, its decision, the amended plan.
    public var isReviewDuty: Bool {
        switch self {
        case .annualReview, .reviewReport, .reviewDecision, .amendedPlan: true
        default: false
        }
    }
}
