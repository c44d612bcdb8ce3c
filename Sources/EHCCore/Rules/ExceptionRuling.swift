/// The verdict on one recorded exception: allowed, or refused with every reason, plus the
/// regulations it relies on (the interchange export's `regulation`).
///
/// An exception is all or nothing: if any deadline it names cannot be relieved on its ground, it is
/// refused as a whole and marks no deadline `excepted`, because a caseworker must correct the record.
///
/// ```swift
/// let ruling = StatutoryCalendar().exceptionRulings(for: sam, today: today)[0]
/// ruling.isAllowed     // false
/// ruling.refusals      // ["no education advice was requested between 2025-07-16 and 2025-08-27, …"]
/// ruling.regulation    // "13(3) via 10(4)(a)"
/// ```
public struct ExceptionRuling: Sendable, Hashable {
    /// The exception's index in the case's `exceptions`.
    public var index: Int
    /// One sentence per failed condition; empty when the exception is allowed.
    public var refusals: [String]
    /// The regulation per deadline named, deduplicated and joined with `; `, e.g. `13(3) via 10(4)(c); 8(2)(a)`.
    /// Deadlines the ground cannot relieve contribute nothing.
    public var regulation: String

    public var isAllowed: Bool { refusals.isEmpty }

    /// The clause a deadline's explanation adds, e.g. `school or post-16 institution closure from
    /// 2025-07-23 to 2025-09-03 (reg 13(3) via 10(4)(a))`.
    func excuse(of exception: StatutoryException, for kind: DeadlineKind) -> String {
        let until = exception.to.map { " to \($0)" } ?? ", still lasting"
        let regulation = kind.rule.regulation(for: exception.ground).map { " (reg " + $0 + ")" } ?? ""
        return exception.ground.displayName + " from \(exception.from)" + until + regulation
    }
}

extension Array where Element == ExceptionRuling {
    /// The allowed exception of `ehcCase` that names the deadline `key`, if any: what makes the
    /// deadline excepted (the rulings are those of the case's exceptions, index for index).
    func excusing(_ key: String, in ehcCase: EHCCase) -> ExceptionRuling? {
        first { $0.isAllowed && ehcCase.exceptions[$0.index].appliesTo.contains(key) }
    }
}

extension ExceptionGround {
    /// The ground as a caseworker says it.
    public var displayName: String {
        switch self {
        case .schoolClosure: "school or post-16 institution closure"
        case .earlyYearsClosure: "early-years provider closure"
        case .personalCircumstances: "exceptional personal circumstances"
        case .absence: "absence from the authority's area"
        case .missedAppointment: "missed examination or test appointment"
        }
    }

    var isClosure: Bool { self == .schoolClosure || self == .earlyYearsClosure }
}

extension StatutoryCalendar {
    /// A closure or absence must last "a continuous period of at least 4 weeks" (regs 5(4), 8(2), 10(4)).
    static let minimumExceptionDays = 28

    func exceptionRulings(for ehcCase: EHCCase, limits: [TimeLimit], today: CalendarDate) -> [ExceptionRuling] {
        ehcCase.exceptions.enumerated().map { index, exception in
            var refusals = groundRefusals(of: exception, in: ehcCase, today: today)
            var regulations: [String] = []
            for key in exception.appliesTo {
                if let refusal = claimRefusal(of: exception, against: key, in: ehcCase, limits: limits) {
                    refusals.append(refusal)
                }
                if let kind = DeadlineKind(key: key), let regulation = kind.rule.regulation(for: exception.ground),
                   !regulations.contains(regulation) {
                    regulations.append(regulation)
                }
            }
            return ExceptionRuling(index: index, refusals: refusals, regulation: regulations.joined(separator: "; "))
        }
    }

    /// The conditions of the ground itself, whatever deadline it is claimed against.
    ///
    /// An exception with no `to` is still lasting: its length is measured to `today` (it must already
    /// have lasted 4 weeks to count), and a closure's advice window stays open up to `today`.
    private func groundRefusals(of exception: StatutoryException, in ehcCase: EHCCase,
                                today: CalendarDate) -> [String] {
        var refusals: [String] = []
        if exception.appliesTo.isEmpty {
            refusals.append("The exception names no deadline in appliesTo.")
        }
        if let to = exception.to, to < exception.from {
            refusals.append("The exception ends on \(to), before it starts on \(exception.from).")
            return refusals
        }
        let end = exception.to ?? today
        let length = exception.from.days(until: end)
        switch exception.ground {
        case .schoolClosure, .earlyYearsClosure:
            if length < Self.minimumExceptionDays {
                refusals.append("A \(exception.ground.displayName) must last at least 4 weeks (28 days), "
                    + "but \(exception.from) to \(end) is \(length) days.")
            }
            // Regs 5(4)(a)/(b): the authority asked the institution for advice from one week before it
            // closed to one week before it re-opens.
            let windowStart = exception.from.adding(days: -7)
            let windowEnd = exception.to.map { $0.adding(days: -7) } ?? today
            let askedInWindow = ehcCase.advice.contains {
                $0.agency == .education && $0.requested >= windowStart && $0.requested <= windowEnd
            }
            if !askedInWindow {
                refusals.append("No education advice was requested between \(windowStart) and \(windowEnd) "
                    + "(from one week before the closure to one week before it re-opens).")
            }
        case .absence:
            if length < Self.minimumExceptionDays {
                refusals.append("An absence from the area must last at least 4 weeks (28 days), "
                    + "but \(exception.from) to \(end) is \(length) days.")
            }
        case .personalCircumstances:
            if exception.note?.allSatisfy(\.isWhitespace) ?? true {
                refusals.append("Exceptional personal circumstances need a note saying what they are.")
            }
        case .missedAppointment:
            break
        }
        return refusals
    }

    /// Whether the exception may be claimed against the deadline `key` of this case.
    private func claimRefusal(of exception: StatutoryException, against key: String, in ehcCase: EHCCase,
                              limits: [TimeLimit]) -> String? {
        guard let kind = DeadlineKind(key: key) else {
            return "\"\(key)\" is not a deadline key."
        }
        let rule = kind.rule
        if kind == .decisionToAssess, ehcCase.decisionToAssess?.outcome == .notAssess {
            return "No exception applies to a decision not to assess (Regs 2014 reg 4(1) has none)."
        }
        guard rule.allows(exception.ground) else {
            if exception.ground == .missedAppointment {
                return "A missed appointment relieves only an advice-giver's deadline (reg 8(2)(c)), not \(key)."
            }
            if rule.groundLetters.isEmpty {
                return "No exception applies to \(key) (\(rule.source))."
            }
            let allowed = rule.groundLetters.map { "(\($0.letter)) \($0.ground.displayName)" }.joined(separator: ", ")
            return "A \(exception.ground.displayName) cannot relieve \(key): reg \(rule.exceptionParagraph ?? "") "
                + "allows only \(allowed)."
        }
        guard let limit = limits.first(where: { $0.key == key }) else {
            return kind == .advice
                ? "No advice item of the case matches \(key)."
                : "The case has no \(key) deadline."
        }
        // A closure's `to` is the day it re-opens, so its last closed day is the day before.
        let lastDay = exception.to.map { exception.ground.isClosure ? $0.adding(days: -1) : $0 }
        if exception.from > limit.due || (lastDay.map { $0 < limit.start } ?? false) {
            let until = exception.to.map { "to \($0)" } ?? "onwards"
            return "The exception from \(exception.from) \(until) does not overlap the period of \(key), "
                + "\(limit.start) to \(limit.due)."
        }
        return nil
    }
}
