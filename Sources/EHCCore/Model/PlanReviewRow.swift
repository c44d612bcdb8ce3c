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
    public var familyName: String
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
    /// For an under-5, the latest day of the recommended 3-to-6-month review window (guidance, never a breach).
    public var underFiveReviewBy: CalendarDate?
    /// The day everything was computed for.
    public var today: CalendarDate

    /// Under 5 on `today`: the Code recommends a review every 3 to 6 months (guidance, not a breach).
    public var isUnderFive: Bool { age < 5 }

    /// True once the meeting of the review in progress has taken place.
    public var isMeetingHeld: Bool { meeting.map { $0 <= today } ?? false }

    /// The review is overdue and nobody has met yet: what a caseworker must book first. (The review
    /// itself stays overdue until its decision is notified; a held meeting shows under ``inFlight``.)
    public var isAwaitingMeeting: Bool { Self.isAwaitingMeeting(review: review, meeting: meeting, today: today) }

    /// The rule behind ``isAwaitingMeeting``, for a count that holds the case's deadlines already
    /// (the catalogue's `caseload.reviewsOverdueNoMeeting`): the review not yet concluded is
    /// overdue and its meeting (the N-th in date order) is not held on or before `today`.
    public static func isAwaitingMeeting(review: Deadline?, meeting: CalendarDate?, today: CalendarDate) -> Bool {
        isAwaitingMeeting(reviewStatus: review?.status, meeting: meeting, today: today)
    }

    /// The same rule from the review's status alone.
    public static func isAwaitingMeeting(reviewStatus: Deadline.Status?, meeting: CalendarDate?, today: CalendarDate) -> Bool {
        reviewStatus == .overdue && !(meeting.map { $0 <= today } ?? false)
    }

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
        (first.urgency.0, first.urgency.1, first.id) < (second.urgency.0, second.urgency.1, second.id)
    }

    private var urgency: (Int, Int) { (isAwaitingMeeting ? 0 : 1, actBy?.dayNumber ?? .max) }

    /// The row of one case, or `nil` unless its plan is in force. Only the three deadlines it
    /// shows are built with their explanations; the rest of the case's time limits are only looked at.
    public init?(_ ehcCase: EHCCase, calendar: StatutoryCalendar, today: CalendarDate) {
        guard calendar.status(of: ehcCase) == .planIssued else { return nil }
        id = ehcCase.id
        childName = ehcCase.child.fullName
        familyName = ehcCase.child.familyName
        age = ehcCase.child.age(on: today)
        caseworker = ehcCase.caseworker
        self.today = today
        transfer = ehcCase.phaseTransfer
        underFiveReviewBy = calendar.underFiveWindow(of: ehcCase, today: today)?.latest
        let reviews = StatutoryCalendar.inMeetingOrder(ehcCase.reviews)
        func meetingDate(of limit: TimeLimit) -> CalendarDate? {
            let number = limit.key.split(separator: ":").last.flatMap { Int($0) } ?? 0
            return reviews.indices.contains(number - 1) ? reviews[number - 1].meetingDate : nil
        }
        let limits = calendar.timeLimits(of: ehcCase)
        var review: TimeLimit?
        var inFlight: TimeLimit?
        var phaseTransfer: TimeLimit?
        for limit in limits {
            switch limit.kind {
            case .annualReview where limit.met == nil && review == nil:
                review = limit
                meeting = meetingDate(of: limit)
            case .reviewReport, .reviewDecision, .amendedPlan:
                guard limit.met == nil, limit.switchedOff == nil else { continue }
                // A report or decision counted from a meeting still to come is not in flight yet.
                if limit.kind != .amendedPlan, (meetingDate(of: limit) ?? today) > today { continue }
                if inFlight.map({ limit.due < $0.due }) ?? true { inFlight = limit }
            case .phaseTransfer:
                phaseTransfer = limit
            default:
                continue
            }
        }
        let rulings = ehcCase.exceptions.isEmpty ? [] : calendar.exceptionRulings(for: ehcCase, limits: limits, today: today)
        func deadline(_ limit: TimeLimit?) -> Deadline? {
            limit.map { calendar.deadline($0, of: ehcCase, rulings: rulings, today: today) }
        }
        self.review = deadline(review)
        self.inFlight = deadline(inFlight)
        self.phaseTransfer = deadline(phaseTransfer)
    }

    /// The rows of every plan in force among `cases`, most urgent first.
    public static func rows(of cases: [EHCCase], calendar: StatutoryCalendar, today: CalendarDate) -> [PlanReviewRow] {
        inUrgencyOrder(cases.compactMap { PlanReviewRow($0, calendar: calendar, today: today) })
    }

    /// `rows` most urgent first (rows computed elsewhere, e.g. chunk by chunk while a caseload is read).
    public static func inUrgencyOrder(_ rows: [PlanReviewRow]) -> [PlanReviewRow] {
        // Sorting positions by keys computed once moves integers, not rows.
        let keys = rows.map(\.urgency)
        return rows.indices.sorted { (keys[$0].0, keys[$0].1, rows[$0].id) < (keys[$1].0, keys[$1].1, rows[$1].id) }
            .map { rows[$0] }
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
