/// One issued plan as the reviews screen lists it: the child, the next annual review with its
/// status, the meeting of the review in progress, the post-meeting deadline in flight and the
/// phase transfer, all read from the deadlines the core computed for `today`.
///
/// Only plans in force are listed (a ceased, closed, refused or unissued case has no review to
/// hold). The list comes most urgent first: reviews overdue with no meeting held yet, then the
/// soonest date anyone has to act on.
///
/// ```swift
/// let rows = PlanReviewRow.rows(of: cases, calendar: StatutoryCalendar(), today: CalendarDate("2026-11-24")!)
/// rows.first?.review?.key          // "annualReview:1"
/// rows.first?.isAwaitingMeeting    // true: overdue and no meeting recorded
/// rows.first?.inFlight?.shortTitle // "review 1 decision" once a meeting is held
/// ```
public struct PlanReviewRow: Sendable, Hashable, Identifiable {
    public var id: String
    public var childName: String
    /// Whole years on `today`.
    public var age: Int
    public var caseworker: String
    /// The annual review not yet concluded (`annualReview:N`): normally the next one.
    public var review: Deadline?
    /// The meeting recorded for that review, held (on or before today) or scheduled (after).
    public var meeting: CalendarDate?
    /// The soonest unmet report, decision or amended-plan deadline of a meeting already held.
    public var inFlight: Deadline?
    /// The `phaseTransfer` deadline, when a transfer is recorded.
    public var phaseTransfer: Deadline?
    public var transfer: PhaseTransfer?
    /// The day everything was computed for.
    public var today: CalendarDate

    /// Under 5 on `today`: the Code recommends a review every 3 to 6 months (guidance, not a breach).
    public var isUnderFive: Bool { age < 5 }

    /// True once the meeting of the review in progress has taken place.
    public var isMeetingHeld: Bool { meeting.map { $0 <= today } ?? false }

    /// The review is overdue and nobody has met yet: what a caseworker must book first. (The review
    /// itself stays overdue until its decision is notified; a held meeting shows under ``inFlight``.)
    public var isAwaitingMeeting: Bool { review?.status == .overdue && !isMeetingHeld }

    /// The first date someone has to act by: the review's due date while no meeting is held, or
    /// the deadline in flight, whichever is sooner.
    public var actBy: CalendarDate? {
        let reviewDue = isMeetingHeld ? nil : review?.due
        switch (reviewDue, inFlight?.due) {
        case let (review?, flight?): return min(review, flight)
        case let (date?, nil), let (nil, date?): return date
        case (nil, nil): return nil
        }
    }

    /// Overdue-and-awaiting-a-meeting first (most overdue first), then by ``actBy``, then reference.
    public static func isMoreUrgent(_ first: PlanReviewRow, than second: PlanReviewRow) -> Bool {
        let far = CalendarDate(dayNumber: .max)
        return (first.isAwaitingMeeting ? 0 : 1, first.actBy ?? far, first.id)
            < (second.isAwaitingMeeting ? 0 : 1, second.actBy ?? far, second.id)
    }

    /// The row of one case from its deadlines, or `nil` unless its plan is in force.
    public init?(_ ehcCase: EHCCase, deadlines: [Deadline], calendar: StatutoryCalendar, today: CalendarDate) {
        guard calendar.status(of: ehcCase) == .planIssued else { return nil }
        id = ehcCase.id
        childName = ehcCase.child.fullName
        age = ehcCase.child.age(on: today)
        caseworker = ehcCase.caseworker
        self.today = today
        transfer = ehcCase.phaseTransfer
        let reviews = StatutoryCalendar.inMeetingOrder(ehcCase.reviews)
        func meetingDate(of deadline: Deadline) -> CalendarDate? {
            let number = deadline.key.split(separator: ":").last.flatMap { Int($0) } ?? 0
            return reviews.indices.contains(number - 1) ? reviews[number - 1].meetingDate : nil
        }
        for deadline in deadlines {
            switch deadline.kind {
            case .annualReview where deadline.met == nil && review == nil:
                review = deadline
                meeting = meetingDate(of: deadline)
            case .reviewReport, .reviewDecision:
                // A report or decision counted from a meeting still to come is not in flight yet.
                guard let held = meetingDate(of: deadline), held <= today else { continue }
                keepSoonest(deadline)
            case .amendedPlan:
                keepSoonest(deadline)
            case .phaseTransfer:
                phaseTransfer = deadline
            default:
                continue
            }
        }
    }

    private mutating func keepSoonest(_ deadline: Deadline) {
        guard deadline.met == nil, deadline.status != .notApplicable else { return }
        if inFlight.map({ deadline.due < $0.due }) ?? true { inFlight = deadline }
    }

    /// The rows of every plan in force among `cases`, most urgent first.
    public static func rows(of cases: [EHCCase], calendar: StatutoryCalendar, today: CalendarDate) -> [PlanReviewRow] {
        cases.compactMap { ehcCase in
            // The status first: deadlines are computed only for plans in force.
            guard calendar.status(of: ehcCase) == .planIssued else { return nil }
            return PlanReviewRow(ehcCase, deadlines: calendar.deadlines(for: ehcCase, today: today),
                                 calendar: calendar, today: today)
        }.sorted(by: isMoreUrgent)
    }
}

extension PhaseTransfer {
    /// The transfer year being planned on `today`: this year until the post-16 deadline in March
    /// has passed, then next year (a September move is amended by 15 February or 31 March of its year).
    ///
    /// ```swift
    /// PhaseTransfer.comingTransferYear(on: CalendarDate("2026-11-24")!)   // 2027
    /// PhaseTransfer.comingTransferYear(on: CalendarDate("2027-03-31")!)   // 2027
    /// ```
    public static func comingTransferYear(on today: CalendarDate) -> Int {
        today.month <= 3 ? today.year : today.year + 1
    }
}
