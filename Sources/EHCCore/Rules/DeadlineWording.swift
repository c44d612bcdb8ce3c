/// Deadlines in words: the phrases every screen and report uses, so they read the same everywhere.
///
/// ```swift
/// deadline.statusPhrase(on: today)   // "OVERDUE by 12 days", "met late 2025-06-02, 7 days late"
/// deadline.shortTitle                // "final plan", "EP advice", "review 2 decision"
/// ```
extension Deadline {
    /// The status with the days over or left, e.g. `due soon, 5 days left`, `met on time 2025-02-10`.
    public func statusPhrase(on today: CalendarDate) -> String {
        let exceptedNote = excepted ? ", excepted" : ""
        switch status {
        case .overdue:
            return "OVERDUE by \(Self.days(daysOverdue(on: today)))\(exceptedNote)"
        case .dueSoon:
            let left = daysLeft(on: today)
            return (left == 0 ? "due today" : "due soon, \(Self.days(left)) left") + exceptedNote
        case .pending:
            return "pending, \(Self.days(daysLeft(on: today))) left\(exceptedNote)"
        case .metOnTime:
            return "met on time" + (met.map { " \($0)" } ?? "") + exceptedNote
        case .metLate:
            return "met late" + (met.map { " \($0), \(Self.days(due.days(until: $0))) late" } ?? "") + exceptedNote
        case .notApplicable:
            return "not applicable"
        }
    }

    /// A few words naming the deadline for narrow columns, derived from its key.
    public var shortTitle: String {
        let parts = key.split(separator: ":").map(String.init)
        let number = parts.count > 1 ? parts[1] : ""
        switch kind {
        case .decisionToAssess: return "assess decision"
        case .advice:
            let agency = Agency(rawValue: number).map(\.shortName) ?? number
            return agency + " advice" + (parts.count > 2 ? " " + parts[2] : "")
        case .noticeNotToIssue: return "no-plan notice"
        case .finalPlan: return "final plan"
        case .annualReview: return "review \(number)"
        case .reviewReport: return "review \(number) report"
        case .reviewDecision: return "review \(number) decision"
        case .amendedPlan: return "amended plan \(number)"
        case .phaseTransfer: return "phase transfer"
        }
    }

    private static func days(_ count: Int) -> String {
        count == 1 ? "1 day" : "\(count) days"
    }
}

extension Agency {
    /// The agency in as few words as caseworkers use: `EP`, `health`, `social care`.
    public var shortName: String {
        switch self {
        case .educationalPsychology: "EP"
        case .health: "health"
        case .socialCare: "social care"
        case .education: "education"
        case .parentViews: "parent"
        case .childViews: "child"
        case .other: "other"
        }
    }
}

extension CaseStatus {
    /// Where the case stands, in a caseworker's words.
    public var displayName: String {
        switch self {
        case .open: "assessment open"
        case .planIssued: "plan issued"
        case .notAssessed: "decided not to assess"
        case .notIssued: "decided not to issue a plan"
        case .ceased: "plan ceased"
        case .closed: "closed"
        }
    }
}
