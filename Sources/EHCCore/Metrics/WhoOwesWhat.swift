/// Every advice request still owed across a caseload, grouped by agency: who owes what, for how
/// long, and how far past its 6 weeks, so a team can chase the right people first.
///
/// Only open assessments with no final plan count (the cases of the "Awaiting advice" view). An
/// item is owed while ``AdviceRequest/isOutstanding`` (never received, or returned for more
/// detail); its due date and status come from the statutory engine, exceptions included. An item
/// counts as overdue when past its due date and not excepted. Groups follow ``Agency`` order and
/// list their items most overdue first.
///
/// ```swift
/// let owed = WhoOwesWhat(cases: try store.casesAwaitingAdvice().map(\.ehcCase), calendar: calendar, today: today)
/// owed.groups[0].agency      // .educationalPsychology
/// owed.groups[0].overdue     // 12
/// ```
public struct WhoOwesWhat: Sendable, Hashable {
    /// One advice request still owed.
    public struct Item: Sendable, Hashable {
        public var caseID: String
        public var childName: String
        public var familyName: String
        public var caseworker: String
        /// Its index in the case's `advice` list.
        public var position: Int
        public var advice: AdviceRequest
        /// Its `advice:<agency>` deadline as the engine judged it on `today`.
        public var deadline: Deadline
        /// Days since the request: a returned item counts from the original request, like its clock.
        public var daysOutstanding: Int

        public var isOverdue: Bool { deadline.status == .overdue && !deadline.excepted }
    }

    /// The items one agency owes.
    public struct Group: Sendable, Hashable {
        public var agency: Agency
        public var items: [Item]
        public var overdue: Int
    }

    public var groups: [Group]

    public var outstanding: Int { groups.reduce(0) { $0 + $1.items.count } }
    public var overdue: Int { groups.reduce(0) { $0 + $1.overdue } }

    public init(cases: [EHCCase], calendar: StatutoryCalendar, today: CalendarDate) {
        var byAgency: [Agency: [Item]] = [:]
        for ehcCase in cases where ehcCase.finalPlanIssued == nil && ehcCase.advice.contains(where: \.isOutstanding) {
            guard calendar.status(of: ehcCase) == .open else { continue }
            let deadlines = calendar.deadlines(for: ehcCase, today: today)
            let keys = AdviceRequest.deadlineKeys(ehcCase.advice)
            for (position, item) in ehcCase.advice.enumerated() where item.isOutstanding {
                guard let deadline = deadlines.first(where: { $0.key == keys[position] }) else { continue }
                byAgency[item.agency, default: []].append(Item(
                    caseID: ehcCase.id, childName: ehcCase.child.fullName, familyName: ehcCase.child.familyName,
                    caseworker: ehcCase.caseworker, position: position, advice: item, deadline: deadline,
                    daysOutstanding: item.requested.days(until: today)))
            }
        }
        groups = Agency.allCases.compactMap { agency in
            guard let items = byAgency[agency] else { return nil }
            let sorted = items.sorted { ($0.deadline.due, $0.caseID, $0.position) < ($1.deadline.due, $1.caseID, $1.position) }
            return Group(agency: agency, items: sorted, overdue: sorted.count { $0.isOverdue })
        }
    }
}
