import EHCCore

/// The plain-text form of one case for `ehcdesk case ID`: facts, events, then every deadline explained.
enum CaseReport {
    static func text(_ ehcCase: EHCCase, calendar: StatutoryCalendar, today: CalendarDate) -> String {
        var lines: [String] = []
        let child = ehcCase.child
        lines.append("\(ehcCase.id)  \(child.fullName)")
        lines.append("  born \(child.dateOfBirth) (age \(child.age(on: today)))" + (child.setting.map { ", \($0)" } ?? ""))
        lines.append("  caseworker \(ehcCase.caseworker); status \(calendar.status(of: ehcCase).rawValue)")
        lines.append("")
        lines.append("Events")
        for (date, event) in events(of: ehcCase) {
            lines.append("  \(date)  \(event)")
        }
        lines.append("")
        lines.append("Deadlines on \(today)")
        for deadline in calendar.deadlines(for: ehcCase, today: today) {
            lines.append("  \(deadline.key): due \(deadline.due), \(statusPhrase(deadline, today: today))"
                         + (deadline.excepted ? " (exception applies)" : ""))
            lines.append("    \(deadline.explanation)")
        }
        return lines.joined(separator: "\n")
    }

    /// "met on time 2025-02-10", "overdue by 12 days", "due in 5 days", …
    static func statusPhrase(_ deadline: Deadline, today: CalendarDate) -> String {
        switch deadline.status {
        case .metOnTime: "met on time \(deadline.met.map(\.description) ?? "")"
        case .metLate: "met late \(deadline.met.map(\.description) ?? "") (\(deadline.due.days(until: deadline.met ?? deadline.due)) days late)"
        case .overdue: "OVERDUE by \(deadline.daysOverdue(on: today)) days"
        case .dueSoon, .pending:
            deadline.daysLeft(on: today) == 0 ? "due today" : "due in \(deadline.daysLeft(on: today)) days"
        case .notApplicable: "not applicable"
        }
    }

    /// The recorded facts as dated events, oldest first.
    static func events(of ehcCase: EHCCase) -> [(CalendarDate, String)] {
        var events: [(CalendarDate, String)] = [(ehcCase.requestDate, "request received from \(ehcCase.requestSource.rawValue)")]
        if let decision = ehcCase.decisionToAssess {
            events.append((decision.date, "decision whether to assess: \(decision.outcome.rawValue)"))
        }
        for item in ehcCase.advice {
            let name = item.agency.displayName + (item.detail.map { " (\($0))" } ?? "")
            events.append((item.requested, "advice requested: \(name)"))
            events += item.chased.map { ($0, "advice chased: \(name)") }
            if let received = item.received { events.append((received, "advice received: \(name)")) }
        }
        if let decision = ehcCase.decisionToIssue {
            events.append((decision.date, "decision whether to issue a plan: \(decision.outcome.rawValue)"))
        }
        if let draft = ehcCase.draftPlanIssued { events.append((draft, "draft plan issued")) }
        if let final = ehcCase.finalPlanIssued { events.append((final, "final plan issued")) }
        for exception in ehcCase.exceptions {
            let period = exception.to.map { "until \($0)" } ?? "(continuing)"
            events.append((exception.from, "exception \(exception.ground.rawValue) \(period) against \(exception.appliesTo.joined(separator: ", "))"))
        }
        for (index, review) in ehcCase.reviews.enumerated() {
            events.append((review.meetingDate, "annual review \(index + 1) meeting"))
            if let sent = review.reportSent { events.append((sent, "annual review \(index + 1) report sent")) }
            if let decided = review.decisionDate {
                events.append((decided, "annual review \(index + 1) decision: \(review.decision?.rawValue ?? "recorded")"))
            }
            if let amended = review.amendedPlanIssued { events.append((amended, "amended plan issued")) }
        }
        if let transfer = ehcCase.phaseTransfer, let amended = transfer.amendedPlanIssued {
            events.append((amended, "phase transfer \(transfer.transferYear): amended plan issued"))
        }
        if let closed = ehcCase.closed { events.append((closed.date, "case closed: \(closed.reason)")) }
        return events.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
    }
}
