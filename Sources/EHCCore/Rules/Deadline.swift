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
    public var explanation: String { sentence.text }
    /// The legal source, e.g. `Regs 2014 reg 13(2)`.
    public var source: String
    private let sentence: Sentence

    public init(key: String, kind: DeadlineKind, due: CalendarDate, met: CalendarDate?, status: Status,
                excepted: Bool, explanation: String, source: String) {
        self.init(key: key, kind: kind, due: due, met: met, status: status, excepted: excepted,
                  sentence: .text(explanation), source: source)
    }

    init(key: String, kind: DeadlineKind, due: CalendarDate, met: CalendarDate?, status: Status,
         excepted: Bool, sentence: Sentence, source: String) {
        self.key = key
        self.kind = kind
        self.due = due
        self.met = met
        self.status = status
        self.excepted = excepted
        self.sentence = sentence
        self.source = source
    }

    /// A deadline's explanation: given as text, or kept as the facts it is built from until it is
    /// read (a caseload list computes 100,000 deadlines and shows none of their sentences).
    ///
    /// Two sentences are equal when their texts are.
    enum Sentence: Sendable, Hashable {
        case text(String)
        /// The rule's sentence for a time limit, then its remarks; boxed, so copying a deadline
        /// (as every summary of a list holds one) costs one reference, not the time limit's.
        case rule(RuleSentence)

        var text: String {
            switch self {
            case .text(let text): text
            case .rule(let facts): facts.limit.explanation(settings: facts.settings) + facts.remarks
            }
        }

        static func == (left: Sentence, right: Sentence) -> Bool { left.text == right.text }
        func hash(into hasher: inout Hasher) { hasher.combine(text) }
    }

    /// What a rule's sentence is built from: the time limit, the settings it was counted under,
    /// and the remarks (exception, switch-off) to append.
    final class RuleSentence: Sendable {
        let limit: TimeLimit
        let settings: Settings
        let remarks: String

        init(limit: TimeLimit, settings: Settings, remarks: String) {
            self.limit = limit
            self.settings = settings
            self.remarks = remarks
        }
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

    /// The status from the facts that decide it, the most final winning: a closure, then a plan
    /// ceased at review, then a decision not to assess or not to issue, then an issued final plan.
    ///
    /// ```swift
    /// CaseStatus(closed: false, ceased: false, notAssessed: false, notIssued: false, planIssued: true)   // .planIssued
    /// ```
    public init(closed: Bool, ceased: Bool, notAssessed: Bool, notIssued: Bool, planIssued: Bool) {
        self = closed ? .closed : ceased ? .ceased : notAssessed ? .notAssessed : notIssued ? .notIssued
            : planIssued ? .planIssued : .open
    }

    /// A request, an assessment or a plan in force: a case someone still owes something on.
    public var isActive: Bool { self == .open || self == .planIssued }
}
