/// Computes every statutory deadline of a case, its status on a given day, and the case's status,
/// all from the rule table (``DeadlineRule``) under the effective ``Settings``.
///
/// Pure: the same case, settings and `today` always give the same deadlines, and `today` only
/// ever changes a deadline's `status` (and, for an exception still lasting, whether it is valid yet).
///
/// ```swift
/// let calendar = StatutoryCalendar()                      // default settings
/// let deadlines = calendar.deadlines(for: sam, today: CalendarDate("2025-03-01")!)
/// deadlines.first { $0.key == "finalPlan" }?.due          // 2025-05-26 for a request of 2025-01-06
/// calendar.status(of: sam)                                // .open
/// ```
public struct StatutoryCalendar: Sendable {
    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Every deadline of the case, judged on `today`, in reading order (assessment, reviews, phase transfer).
    ///
    /// See ``timeLimits(of:)`` for which deadlines are omitted and which are `notApplicable`.
    public func deadlines(for ehcCase: EHCCase, today: CalendarDate) -> [Deadline] {
        let limits = timeLimits(of: ehcCase)
        let rulings = ehcCase.exceptions.isEmpty ? [] : exceptionRulings(for: ehcCase, limits: limits, today: today)
        return deadlines(limits, of: ehcCase, rulings: rulings, today: today)
    }

    /// Every deadline of the case and its list summary, from one computation of its time limits:
    /// what a whole-caseload count needs when it reads both (the catalogue of measures).
    public func deadlinesAndSummary(for ehcCase: EHCCase, today: CalendarDate) -> (deadlines: [Deadline], summary: CaseSummary) {
        let limits = timeLimits(of: ehcCase)
        let rulings = ehcCase.exceptions.isEmpty ? [] : exceptionRulings(for: ehcCase, limits: limits, today: today)
        let summary = CaseSummary(ehcCase, status: status(of: ehcCase),
                                  next: nextDeadline(limits, of: ehcCase, rulings: rulings, today: today),
                                  isAtRisk: BreachForecast.isAtRisk(ehcCase, limits: limits, calendar: self, today: today))
        return (deadlines(limits, of: ehcCase, rulings: rulings, today: today), summary)
    }

    private func deadlines(_ limits: [TimeLimit], of ehcCase: EHCCase, rulings: [ExceptionRuling],
                           today: CalendarDate) -> [Deadline] {
        var deadlines: [Deadline] = []
        deadlines.reserveCapacity(limits.count)
        for limit in limits {
            deadlines.append(deadline(limit, of: ehcCase, rulings: rulings, today: today))
        }
        return deadlines
    }

    /// One time limit judged on `today`, with its exception or switch-off remark (the sentence is built when read).
    func deadline(_ limit: TimeLimit, of ehcCase: EHCCase, rulings: [ExceptionRuling], today: CalendarDate) -> Deadline {
        var remarks = ""
        if let reason = limit.switchedOff, limit.met == nil {
            remarks += "; not applicable: " + reason
        }
        let excuse = rulings.excusing(limit.key, in: ehcCase)
        if let excuse {
            remarks += "; excepted: " + excuse.excuse(of: ehcCase.exceptions[excuse.index], for: limit.kind)
        }
        return Deadline(
            key: limit.key, kind: limit.kind, due: limit.due, met: limit.met,
            status: status(due: limit.due, met: limit.met, switchedOff: limit.switchedOff != nil, today: today),
            excepted: excuse != nil, sentence: .rule(.init(limit: limit, settings: settings, remarks: remarks)), source: limit.kind.rule.source)
    }

    /// The most urgent unmet deadline of the case (the most overdue breach that is not excepted,
    /// else the soonest still to come, else the oldest excused lateness: an excused breach never
    /// hides what is due next), whether
    /// an annual-review duty is overdue or due soon, and whether the assessment is at risk of missing
    /// 20 weeks: what a caseload list needs, from one list of time limits, without building any sentence.
    func nextDeadline(for ehcCase: EHCCase, today: CalendarDate) -> (next: Deadline?, reviewDue: Bool, isAtRisk: Bool) {
        let limits = timeLimits(of: ehcCase)
        let isAtRisk = BreachForecast.isAtRisk(ehcCase, limits: limits, calendar: self, today: today)
        let rulings = ehcCase.exceptions.isEmpty ? [] : exceptionRulings(for: ehcCase, limits: limits, today: today)
        let (next, reviewDue) = nextDeadline(limits, of: ehcCase, rulings: rulings, today: today)
        return (next, reviewDue, isAtRisk)
    }

    /// The most urgent unmet deadline among `limits` and whether a review duty is overdue or due soon.
    func nextDeadline(_ limits: [TimeLimit], of ehcCase: EHCCase, rulings: [ExceptionRuling],
                      today: CalendarDate) -> (next: Deadline?, reviewDue: Bool) {
        // A breach nobody has excused comes first: an excepted advice item must not hide a final plan
        // 200 days late; what is still to come goes before a lateness already excused.
        func rank(_ index: Int) -> Int {
            guard limits[index].due < today else { return 1 }
            return rulings.excusing(limits[index].key, in: ehcCase) != nil ? 2 : 0
        }
        // Tracked by position: time limits are compared in place, never copied.
        var next: Int?
        var nextRank = 3
        var reviewDue = false
        for index in limits.indices where limits[index].met == nil && limits[index].switchedOff == nil {
            let (due, kind) = (limits[index].due, limits[index].kind)
            let indexRank = rank(index)
            if let best = next, (nextRank, limits[best].due, limits[best].key) <= (indexRank, due, limits[index].key) {} else {
                next = index
                nextRank = indexRank
            }
            if kind.isReviewDuty, isPressing(due: due, today: today) { reviewDue = true }
        }
        guard let next else { return (nil, reviewDue) }
        return (deadline(limits[next], of: ehcCase, rulings: rulings, today: today), reviewDue)
    }

    /// Where a deadline stands on `today`: met on time or late whatever the day; otherwise
    /// `notApplicable` when switched off, `overdue` after the due day, `dueSoon` from
    /// `dueSoonDays` before it to the due day itself, else `pending`.
    public func status(due: CalendarDate, met: CalendarDate?, switchedOff: Bool = false,
                       today: CalendarDate) -> Deadline.Status {
        if let met { return met <= due ? .metOnTime : .metLate }
        if switchedOff { return .notApplicable }
        let daysLeft = today.days(until: due)
        if daysLeft < 0 { return .overdue }
        return daysLeft <= settings.dueSoonDays ? .dueSoon : .pending
    }

    /// Whether an unmet deadline due on `due` is overdue or due soon on `today`: what puts an
    /// annual-review duty in the list's Reviews view.
    func isPressing(due: CalendarDate, today: CalendarDate) -> Bool {
        let status = status(due: due, met: nil, today: today)
        return status == .overdue || status == .dueSoon
    }

    /// Where the case stands as a whole. The most final fact wins: a closure, then a plan ceased
    /// at review, then a decision not to assess or not to issue, then an issued final plan.
    public func status(of ehcCase: EHCCase) -> CaseStatus {
        CaseStatus(closed: ehcCase.closed != nil, ceased: ehcCase.reviews.contains { $0.decision == .cease },
                   notAssessed: ehcCase.decisionToAssess?.outcome == .notAssess,
                   notIssued: ehcCase.decisionToIssue?.outcome == .notIssue, planIssued: ehcCase.finalPlanIssued != nil)
    }

    /// The ruling on each recorded exception, in recorded order (index `i` is `exceptions[i]`).
    public func exceptionRulings(for ehcCase: EHCCase, today: CalendarDate) -> [ExceptionRuling] {
        exceptionRulings(for: ehcCase, limits: timeLimits(of: ehcCase), today: today)
    }

    /// True when a valid exception relieves the authority of the deadline `key` (for `finalPlan`,
    /// the SEN2 `week20` flag that takes a plan out of "excluding exceptions" measures).
    public func isExcepted(_ key: String, in ehcCase: EHCCase, today: CalendarDate) -> Bool {
        guard ehcCase.exceptions.contains(where: { $0.appliesTo.contains(key) }) else { return false }
        return exceptionRulings(for: ehcCase, today: today).excusing(key, in: ehcCase) != nil
    }
}

/// What of a deadline depends on the facts and the counting settings alone, never on `today`:
/// what a database can store beside the facts and query by due date, deriving the status when read.
///
/// `excepted` is the ruling of the case's exceptions that have an end date, which `today` never
/// changes. A lasting exception (no end yet) is ruled on the day it is read (its 4 weeks are counted
/// to `today`), so a case holding one stores its deadlines as not excepted and
/// ``hasLastingException`` tells a reader to rule it from the facts.
///
/// ```swift
/// StatutoryCalendar().storedDeadlines(of: sam).first { $0.key == "finalPlan" }?.due   // 2025-05-26
/// ```
public struct StoredDeadline: Sendable, Hashable {
    public var key: String
    public var kind: DeadlineKind
    public var due: CalendarDate
    public var met: CalendarDate?
    /// A recorded decision, cessation or closure has made it not applicable.
    public var switchedOff: Bool
    /// An allowed exception with an end date relieves the authority of it.
    public var excepted: Bool
    /// Which advice request (its place in the case's list, from 0) or which review (from 1) it
    /// belongs to; `nil` for the assessment's own deadlines and the phase transfer.
    public var item: Int?

    public init(key: String, kind: DeadlineKind, due: CalendarDate, met: CalendarDate?, switchedOff: Bool,
                excepted: Bool = false, item: Int? = nil) {
        (self.key, self.kind, self.due, self.met, self.switchedOff) = (key, kind, due, met, switchedOff)
        (self.excepted, self.item) = (excepted, item)
    }

    /// Overdue on `today`: the calendar's own status rule (``StatutoryCalendar/status(due:met:switchedOff:today:)``),
    /// which no counting setting changes for overdue.
    public func isOverdue(on today: CalendarDate) -> Bool {
        StatutoryCalendar().status(due: due, met: met, switchedOff: switchedOff, today: today) == .overdue
    }

    /// Whether the case holds an exception with no end date, whose ruling depends on `today`.
    public static func hasLastingException(_ ehcCase: EHCCase) -> Bool {
        ehcCase.exceptions.contains { $0.to == nil }
    }
}

extension StatutoryCalendar {
    /// Every deadline of the case without what `today` decides, in ``deadlines(for:today:)`` order.
    public func storedDeadlines(of ehcCase: EHCCase) -> [StoredDeadline] {
        storedDeadlines(of: ehcCase, rulingLastingExceptionsOn: nil)
    }

    /// The stored deadlines, with a lasting exception ruled on `today` when one is given (what the
    /// measures count on that day) rather than left not excepted (what a database stores).
    public func storedDeadlines(of ehcCase: EHCCase, rulingLastingExceptionsOn today: CalendarDate?) -> [StoredDeadline] {
        let limits = timeLimits(of: ehcCase)
        // Rulings of exceptions that all have an end date do not depend on the day they are made (any
        // day will do); a lasting one is ruled on `today`, or not at all.
        let rulingDay = StoredDeadline.hasLastingException(ehcCase) ? today : ehcCase.requestDate
        let rulings = ehcCase.exceptions.isEmpty ? [] : rulingDay.map { exceptionRulings(for: ehcCase, limits: limits, today: $0) } ?? []
        return limits.map { limit in
            StoredDeadline(key: limit.key, kind: limit.kind, due: limit.due, met: limit.met, switchedOff: limit.switchedOff != nil,
                           excepted: rulings.excusing(limit.key, in: ehcCase) != nil, item: limit.item)
        }
    }
}
