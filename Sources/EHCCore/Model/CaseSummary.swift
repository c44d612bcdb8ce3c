/// The compact row a caseload list sorts, filters and draws: one per case, no nested records.
///
/// Lists of 100,000 cases stay instant because they work on these summaries, computed once
/// per change of the case, never on full records per frame.
///
/// ```swift
/// let summary = CaseSummary(ehcCase, calendar: StatutoryCalendar(), today: today)
/// summary.nextDeadline?.key   // "finalPlan"
/// ```
public struct CaseSummary: Sendable, Hashable, Identifiable {
    public var id: String
    public var childName: String
    public var caseworker: String
    public var setting: String?
    public var requestDate: CalendarDate
    public var status: CaseStatus
    /// The most urgent unmet deadline: the most overdue, else the soonest due.
    public var nextDeadline: Deadline?

    public init(id: String, childName: String, caseworker: String, setting: String?, requestDate: CalendarDate,
                status: CaseStatus, nextDeadline: Deadline?) {
        self.id = id
        self.childName = childName
        self.caseworker = caseworker
        self.setting = setting
        self.requestDate = requestDate
        self.status = status
        self.nextDeadline = nextDeadline
    }

    public init(_ ehcCase: EHCCase, calendar: StatutoryCalendar, today: CalendarDate) {
        let unmet = calendar.deadlines(for: ehcCase, today: today)
            .filter { $0.met == nil && $0.status != .notApplicable }
        self.init(
            id: ehcCase.id, childName: ehcCase.child.fullName, caseworker: ehcCase.caseworker,
            setting: ehcCase.child.setting, requestDate: ehcCase.requestDate,
            status: calendar.status(of: ehcCase),
            nextDeadline: unmet.min { ($0.due, $0.key) < ($1.due, $1.key) })
    }

    /// Whole weeks since the request on `today`.
    public func weeksSinceRequest(on today: CalendarDate) -> Int {
        max(0, requestDate.days(until: today)) / 7
    }
}
