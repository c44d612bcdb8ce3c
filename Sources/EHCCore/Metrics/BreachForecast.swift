/// Whether an open assessment can still meet its 20-week final-plan deadline, seen from today.
///
/// The draft cannot go out before the last advice is in, and the family then has 15 days to
/// comment (reg 13(1)(a)) before the plan is finalised. So the earliest possible final plan is the
/// later of today and the last outstanding advice's due date (or today, for advice already late),
/// plus the draft's 15 days when no draft has been issued, or the draft's date plus 15 days.
/// When that day is after the final plan's due date, the case is at risk before it breaches. A
/// case already past its due date is not "at risk" but overdue (view 1): at risk means still
/// savable by acting now, so the list of cases at risk holds only those.
///
/// ```swift
/// let deadlines = calendar.deadlines(for: sam, today: today)
/// BreachForecast.forecast(for: sam, deadlines: deadlines, calendar: calendar, today: today)?.isAtRisk   // true
/// ```
public struct BreachForecast: Sendable, Hashable {
    public var finalPlanDue: CalendarDate
    /// The earliest day the final plan could be issued on the current facts.
    public var earliestFinalPlan: CalendarDate
    /// The advice still awaited that holds the draft back, by deadline key, latest first.
    public var awaitedAdvice: [String]

    /// The final plan's due date has already passed: overdue, no longer merely at risk.
    public var isOverdue: Bool

    public var isAtRisk: Bool { !isOverdue && earliestFinalPlan > finalPlanDue }

    /// The forecast in one sentence, naming what holds the plan back.
    public var explanation: String {
        let waiting = awaitedAdvice.isEmpty ? "" : " (waiting for \(awaitedAdvice.joined(separator: ", ")))"
        let verdict = isOverdue
            ? "OVERDUE: the final plan was due on \(finalPlanDue); the earliest it can now be issued is \(earliestFinalPlan)"
            : isAtRisk
            ? "AT RISK: the final plan cannot be issued before \(earliestFinalPlan), after its due date \(finalPlanDue)"
            : "on track: the final plan can be issued from \(earliestFinalPlan), before its due date \(finalPlanDue)"
        return "Breach forecast " + verdict + waiting + " (15 days for comments on the draft, Regs 2014 reg 13(1)(a))"
    }

    /// The forecast for an assessment still heading for a plan, or `nil` (plan issued, refused, closed),
    /// from the deadlines the caller has already computed for `today`.
    public static func forecast(for ehcCase: EHCCase, deadlines: [Deadline], calendar: StatutoryCalendar,
                                today: CalendarDate) -> BreachForecast? {
        guard ehcCase.finalPlanIssued == nil, calendar.status(of: ehcCase) == .open else { return nil }
        guard let finalPlan = deadlines.first(where: { $0.kind == .finalPlan }), finalPlan.status != .notApplicable
        else { return nil }
        let awaited = deadlines.filter { $0.kind == .advice && $0.met == nil }.sorted { $0.due > $1.due }
        return BreachForecast(
            finalPlanDue: finalPlan.due,
            earliestFinalPlan: earliestFinalPlan(draft: ehcCase.draftPlanIssued, lastAwaitedDue: awaited.first?.due,
                                                 today: today),
            awaitedAdvice: ehcCase.draftPlanIssued == nil ? awaited.map(\.key) : [],
            isOverdue: finalPlan.due < today)
    }

    /// Whether ``forecast(for:deadlines:calendar:today:)`` would say at risk, from the case's time
    /// limits alone (already computed by the caller), with no sentence built: what a caseload list
    /// computes for every case.
    static func isAtRisk(_ ehcCase: EHCCase, limits: [TimeLimit], calendar: StatutoryCalendar,
                         today: CalendarDate) -> Bool {
        guard ehcCase.finalPlanIssued == nil, calendar.status(of: ehcCase) == .open else { return false }
        guard let finalPlan = limits.first(where: { $0.kind == .finalPlan }), finalPlan.switchedOff == nil else {
            return false
        }
        let lastAwaited = limits.lazy.filter { $0.kind == .advice && $0.met == nil }.map(\.due).max()
        return isAtRisk(finalPlanDue: finalPlan.due, draft: ehcCase.draftPlanIssued, lastAwaitedDue: lastAwaited, today: today)
    }

    /// At risk from the dates that decide it, for an open assessment whose final-plan deadline is
    /// not switched off: still to come, and the earliest final plan would be after it.
    static func isAtRisk(finalPlanDue: CalendarDate, draft: CalendarDate?, lastAwaitedDue: CalendarDate?,
                         today: CalendarDate) -> Bool {
        finalPlanDue >= today && earliestFinalPlan(draft: draft, lastAwaitedDue: lastAwaitedDue, today: today) > finalPlanDue
    }

    /// The draft's day (or, before a draft, the later of today and the last awaited advice's due date)
    /// plus the 15 days for comments, and never before today.
    private static func earliestFinalPlan(draft: CalendarDate?, lastAwaitedDue: CalendarDate?,
                                          today: CalendarDate) -> CalendarDate {
        let commentsFrom = draft ?? max(today, lastAwaitedDue ?? today)
        return max(today, commentsFrom.adding(days: 15))
    }
}
