/// The plans whose annual review is overdue: the next review not yet held (`annualReview:N`) is past
/// its due date on `today`. Ceased and closed plans have no further reviews, so never count.
///
/// ```swift
/// ReviewsOverdue.isOverdue(calendar.deadlines(for: plan, today: CalendarDate("2026-06-01")!))
/// // true for a plan issued 2025-05-26 without a review since
/// ```
public enum ReviewsOverdue {
    /// True when, among a case's deadlines, the next annual review is overdue.
    public static func isOverdue(_ deadlines: [Deadline]) -> Bool {
        deadlines.contains { isOverdue(kind: $0.kind, status: $0.status) }
    }

    /// True when this one deadline is an annual review overdue.
    public static func isOverdue(kind: DeadlineKind, status: Deadline.Status) -> Bool {
        kind == .annualReview && status == .overdue
    }
}
