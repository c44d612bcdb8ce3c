import EHCCore

/// Deadline statuses as words and roles, so status never depends on colour alone.
///
/// ```swift
/// StatusWording.short(for: deadline, today: today)   // ("OVERDUE 12d", .overdue)
/// StatusWording.long(for: deadline, today: today)    // ("OVERDUE by 12 days", .overdue)
/// ```
public enum StatusWording {
    /// A list cell: `OVERDUE 12d`, `due 5d`, `due today`, `pending`, `met`, `met late`, `n/a`.
    public static func short(for deadline: Deadline, today: CalendarDate) -> (text: String, role: StyleRole) {
        switch deadline.status {
        case .overdue:
            // The authority need not comply with an excepted limit: say so rather than shout.
            let days = deadline.daysOverdue(on: today)
            return deadline.excepted ? ("excepted \(days)d", .muted) : ("OVERDUE \(days)d", .overdue)
        case .dueSoon:
            let days = deadline.daysLeft(on: today)
            return (days == 0 ? "due today" : "due \(days)d", .dueSoon)
        case .pending: return ("pending", .normal)
        case .metOnTime: return ("met", .met)
        case .metLate: return ("met late", .met)
        case .notApplicable: return ("n/a", .muted)
        }
    }

    /// Cells the longest ``short(for:today:)`` word takes: `excepted 999d` (a lateness of
    /// nearly three years still fits; past that the day count ends in `…`, the word stays).
    public static let longestShort = CellWidth.of("excepted 999d")

    /// A detail line: the status in words with the days over or left.
    public static func long(for deadline: Deadline, today: CalendarDate) -> (text: String, role: StyleRole) {
        (deadline.statusPhrase(on: today), short(for: deadline, today: today).role)
    }

    /// A case with no open deadline says where it stands instead.
    public static func caseStatus(_ status: CaseStatus) -> String {
        switch status {
        case .open: "no deadline"
        case .planIssued: "plan issued"
        case .notAssessed: "not assessed"
        case .notIssued: "not issued"
        case .ceased: "ceased"
        case .closed: "closed"
        }
    }
}
