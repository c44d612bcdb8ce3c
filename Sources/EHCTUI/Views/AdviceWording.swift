import EHCCore

/// Where an advice request stands, in the caseworker's words: shared by the contributions pane
/// of the case detail and the "Who owes what" screen, so both say the same thing.
///
/// ```swift
/// AdviceWording.standing(deadline, today: today)   // ("12 days over", .overdue)
/// AdviceWording.chases(item)                       // "chased 2×, last 2025-03-20"
/// AdviceWording.quality(item)                      // "RETURNED 2025-03-12: no outcomes"
/// ```
enum AdviceWording {
    /// Days over, days left, or when it was met; an excepted lateness says so rather than shouts.
    static func standing(_ deadline: Deadline, today: CalendarDate) -> (text: String, role: StyleRole) {
        if let met = deadline.met {
            return ("received \(met)" + (deadline.status == .metLate ? " (late)" : ""), .met)
        }
        let days = deadline.daysLeft(on: today)
        if days < 0 {
            let over = plural(-days, "day") + " over"
            return deadline.excepted ? ("excepted, " + over, .muted) : (over, .overdue)
        }
        if days == 0 { return ("due today", .dueSoon) }
        return ("due in " + plural(days, "day"), deadline.status == .dueSoon ? .dueSoon : .normal)
    }

    /// The same in a table cell: `28d over`, `excepted 28d`, `due today`, `due in 21d`.
    static func short(_ deadline: Deadline, today: CalendarDate) -> (text: String, role: StyleRole) {
        let days = deadline.daysLeft(on: today)
        if days < 0 { return deadline.excepted ? ("excepted \(-days)d", .muted) : ("\(-days)d over", .overdue) }
        if days == 0 { return ("due today", .dueSoon) }
        return ("due in \(days)d", deadline.status == .dueSoon ? .dueSoon : .normal)
    }

    /// How often and when it was last chased.
    static func chases(_ item: AdviceRequest) -> String {
        guard let last = item.chased.max() else { return "not chased" }
        return "chased \(item.chased.count)×, last \(last)"
    }

    /// The verdict on advice received, with the return's day and note; `nil` when none is recorded.
    static func quality(_ item: AdviceRequest) -> String? {
        switch item.quality {
        case nil: nil
        case .adequate?: "adequate" + (item.qualityNote.map { ": " + $0 } ?? "")
        case .returned?: "RETURNED" + (item.returned.map { " \($0)" } ?? "") + (item.qualityNote.map { ": " + $0 } ?? "")
        }
    }

    /// The agency as listed, with its detail: "Other (speech and language therapy)".
    static func agency(_ item: AdviceRequest) -> String {
        guard let detail = item.detail, !detail.isEmpty else { return item.agency.displayName }
        return item.agency.displayName + " (" + detail + ")"
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)" + (count == 1 ? "" : "s")
    }
}
