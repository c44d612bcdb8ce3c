/// How promptly each agency returned the advice requested in a period: reg 8(1) gives an
/// advice-giver 6 weeks, so an item is within time when received no later than its due date.
///
/// An item counts when its `requested` date falls in [from, to]. `medianDays` is the median of
/// requested → received in days over the items received; outstanding items have no `received` date,
/// and are overdue once `today` is after their due date. Exceptions do not remove items: the figure
/// measures the agency, not the authority.
///
/// ```swift
/// let agencies = AdviceTimeliness(settings: Settings()).report(
///     for: cases, from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-12-31")!, today: today)
/// agencies.first?.agency            // .educationalPsychology
/// agencies.first?.percentWithin     // e.g. 71.4
/// ```
public struct AdviceTimeliness: Sendable {
    /// The figures of one agency; every list of case ids is in the order met (for drill-down).
    public struct AgencyFigures: Sendable, Hashable {
        public var agency: Agency
        public var requestedCaseIDs: [String] = []
        public var withinCaseIDs: [String] = []
        public var outstandingCaseIDs: [String] = []
        public var outstandingOverdueCaseIDs: [String] = []
        /// Days from request to receipt of each item received, in the order met.
        public var daysToReturn: [Int] = []

        public init(agency: Agency) {
            self.agency = agency
        }

        /// Advice items requested in the period (a case asking the same agency twice counts twice).
        public var requested: Int { requestedCaseIDs.count }
        public var returnedWithinSixWeeks: Int { withinCaseIDs.count }
        public var outstanding: Int { outstandingCaseIDs.count }
        public var outstandingOverdue: Int { outstandingOverdueCaseIDs.count }
        /// Percentage returned within 6 weeks, one decimal; `nil` when nothing was requested.
        public var percentWithin: Double? { Timeliness.percent(returnedWithinSixWeeks, of: requested) }

        /// The median of `daysToReturn` (the mean of the middle two for an even count); `nil` when none returned.
        public var medianDays: Double? {
            guard !daysToReturn.isEmpty else { return nil }
            let sorted = daysToReturn.sorted()
            let middle = sorted.count / 2
            return sorted.count.isMultiple(of: 2) ? Double(sorted[middle - 1] + sorted[middle]) / 2 : Double(sorted[middle])
        }
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// One entry per agency asked in [from, to], in ``Agency`` order.
    public func report(for cases: some Sequence<EHCCase>, from: CalendarDate, to: CalendarDate,
                       today: CalendarDate) -> [AgencyFigures] {
        var byAgency: [Agency: AgencyFigures] = [:]
        let calendar = StatutoryCalendar(settings: settings)
        for ehcCase in cases {
            let status = calendar.status(of: ehcCase)
            for item in ehcCase.advice where item.requested >= from && item.requested <= to {
                let due = DeadlineRule.advice.due(from: item.requested, settings: settings)
                // The catalogue's definitions (``AdviceRequest/standing(due:caseStatus:today:)``): a
                // return is not a receipt in time, and is outstanding again.
                let standing = item.standing(due: due, caseStatus: status, today: today)
                // Changed in place in the dictionary: a copy taken out and put back would copy
                // every list on each append (quadratic: seconds at 100,000 cases).
                func add(to figures: inout AgencyFigures) {
                    figures.requestedCaseIDs.append(ehcCase.id)
                    if let received = item.received { figures.daysToReturn.append(item.requested.days(until: received)) }
                    if standing.receivedInTime { figures.withinCaseIDs.append(ehcCase.id) }
                    if standing.outstanding { figures.outstandingCaseIDs.append(ehcCase.id) }
                    if standing.overdue { figures.outstandingOverdueCaseIDs.append(ehcCase.id) }
                }
                add(to: &byAgency[item.agency, default: AgencyFigures(agency: item.agency)])
            }
        }
        return Agency.allCases.compactMap { byAgency[$0] }
    }
}
