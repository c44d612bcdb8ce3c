/// One statutory time limit of one case, computed for a given day.
///
/// A deadline is derived, never stored: ``StatutoryCalendar`` computes it from the case's facts,
/// the effective ``Settings`` and `today`. It carries its own explanation, so every screen and
/// report can say *why* a date is what it is.
///
/// ```swift
/// // Final plan due 2025-05-26: 20 weeks from the request received 2025-01-06 (Regs 2014 reg 13(2))
/// deadline.key          // "finalPlan"
/// deadline.status       // .dueSoon
/// deadline.explanation  // the sentence above
/// ```
public struct Deadline: Sendable, Hashable {
    /// Where a deadline stands on a given day (interchange `status`).
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case pending, dueSoon, overdue, metOnTime, metLate, notApplicable

        /// True for the two `met…` statuses.
        public var isMet: Bool { self == .metOnTime || self == .metLate }
    }

    /// Stable interchange key, e.g. `decisionToAssess`, `advice:health:2`, `annualReview:3`.
    public var key: String
    public var kind: DeadlineKind
    public var due: CalendarDate
    /// The day the duty was met, if it was.
    public var met: CalendarDate?
    public var status: Status
    /// True when a recorded exception relieves the authority of this time limit.
    public var excepted: Bool
    /// One sentence naming the rule, its start event and date, and its source.
    public var explanation: String
    /// The legal source, e.g. `Regs 2014 reg 13(2)`.
    public var source: String

    public init(key: String, kind: DeadlineKind, due: CalendarDate, met: CalendarDate?, status: Status,
                excepted: Bool, explanation: String, source: String) {
        self.key = key
        self.kind = kind
        self.due = due
        self.met = met
        self.status = status
        self.excepted = excepted
        self.explanation = explanation
        self.source = source
    }

    /// Days past the due date on `today` while unmet (0 when not overdue).
    public func daysOverdue(on today: CalendarDate) -> Int {
        met == nil && today > due ? due.days(until: today) : 0
    }

    /// Days from `today` to the due date (negative once it has passed).
    public func daysLeft(on today: CalendarDate) -> Int {
        today.days(until: due)
    }
}

/// Where a case stands as a whole (interchange case `status`).
public enum CaseStatus: String, Sendable, Hashable, CaseIterable {
    case open, planIssued, notAssessed, notIssued, ceased, closed
}
