/// The plans whose annual review is overdue: the next review not yet held (`annualReview:N`) is past
/// its due date on `today`. Ceased and closed plans have no further reviews, so never count.
///
/// ```swift
/// ReviewsOverdue.caseIDs(in: cases, calendar: StatutoryCalendar(), today: CalendarDate("2026-06-01")!)
/// // ["EHC-2025-0007"] for a plan issued 2025-05-26 without a review since
/// ```
public enum ReviewsOverdue {
    /// The ids of the plans whose next annual review is overdue, in the order met.
    public static func caseIDs(in cases: some Sequence<EHCCase>, calendar: StatutoryCalendar,
                               today: CalendarDate) -> [String] {
        cases.filter { ehcCase in isOverdue(calendar.statuses(of: ehcCase, today: today)) }.map(\.id)
    }

    /// True when, among a case's deadlines (or their kinds and statuses), the next annual review is overdue.
    public static func isOverdue(_ deadlines: [Deadline]) -> Bool {
        isOverdue(deadlines.map { (kind: $0.kind, status: $0.status) })
    }

    static func isOverdue(_ statuses: [(kind: DeadlineKind, status: Deadline.Status)]) -> Bool {
        statuses.contains { $0.kind == .annualReview && $0.status == .overdue }
    }
}
