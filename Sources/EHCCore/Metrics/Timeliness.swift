/// SEN2-consistent timeliness of final plans issued in a period, including and excluding exceptions,
/// overall and per group (month of issue or caseworker).
///
/// A plan counts when `finalPlanIssued` falls in [from, to]; it is within 20 weeks when issued on or
/// before its `finalPlan` due date (`final − request ≤ 140` days, 139 with day-one counting). A plan is
/// "with exception" when a valid exception relieves its `finalPlan` deadline (SEN2 `week20` = 1): the
/// "excluding exceptions" figures (the DfE headline) leave it out of numerator and denominator.
///
/// ```swift
/// let report = Timeliness(settings: Settings()).report(
///     for: cases, from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-12-31")!, groupedBy: .month,
///     today: CalendarDate("2026-01-10")!)
/// report.overall.percentWithinExcludingExceptions   // e.g. 52.7
/// report.groups.first?.key                          // "2025-01"
/// ```
public struct Timeliness: Sendable {
    /// How plans are grouped.
    public enum Grouping: String, Sendable, Hashable, CaseIterable {
        /// By month of issue, key `YYYY-MM`; every month of the period is listed, empty ones too.
        case month
        /// By caseworker; only caseworkers with a plan in the period are listed.
        case caseworker
    }

    /// Counts and percentages of one set of plans.
    public struct Figures: Sendable, Hashable {
        public var key: String
        public var plansIssued = 0
        public var withinTwentyWeeks = 0
        public var plansIssuedExcludingExceptions = 0
        public var withinTwentyWeeksExcludingExceptions = 0
        /// The cases behind `plansIssued`, in the order met (for drill-down).
        public var issuedCaseIDs: [String] = []
        /// The cases behind `withinTwentyWeeks`.
        public var withinCaseIDs: [String] = []
        /// The cases with an exception on `finalPlan`, left out of the "excluding exceptions" figures.
        public var exceptedCaseIDs: [String] = []

        public init(key: String) {
            self.key = key
        }

        /// Percentage within 20 weeks, one decimal; `nil` when no plan was issued.
        public var percentWithin: Double? { Timeliness.percent(withinTwentyWeeks, of: plansIssued) }
        /// The DfE headline: percentage within 20 weeks of plans without an exception; `nil` when none.
        public var percentWithinExcludingExceptions: Double? {
            Timeliness.percent(withinTwentyWeeksExcludingExceptions, of: plansIssuedExcludingExceptions)
        }

        /// The plans issued later than 20 weeks: `issuedCaseIDs` less `withinCaseIDs`.
        public var lateCaseIDs: [String] {
            let within = Set(withinCaseIDs)
            return issuedCaseIDs.filter { !within.contains($0) }
        }

        mutating func count(_ id: String, within: Bool, excepted: Bool) {
            plansIssued += 1
            issuedCaseIDs.append(id)
            if within {
                withinTwentyWeeks += 1
                withinCaseIDs.append(id)
            }
            guard !excepted else {
                exceptedCaseIDs.append(id)
                return
            }
            plansIssuedExcludingExceptions += 1
            if within { withinTwentyWeeksExcludingExceptions += 1 }
        }
    }

    /// The figures of a period.
    public struct Report: Sendable, Hashable {
        public var from: CalendarDate
        public var to: CalendarDate
        /// All plans of the period; its key is empty.
        public var overall: Figures
        /// One per group, sorted by key; empty without a grouping.
        public var groups: [Figures]
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// The timeliness of plans issued in [from, to]. `today` only matters for exceptions still lasting.
    public func report(for cases: some Sequence<EHCCase>, from: CalendarDate, to: CalendarDate,
                       groupedBy grouping: Grouping? = nil, today: CalendarDate) -> Report {
        report(forPlans: cases.lazy.compactMap(IssuedPlan.init), from: from, to: to, groupedBy: grouping, today: today)
    }

    /// The same report from the few facts of each issued plan (``IssuedPlan``), as the store reads them
    /// for a whole database without loading every case in full.
    public func report(forPlans plans: some Sequence<IssuedPlan>, from: CalendarDate, to: CalendarDate,
                       groupedBy grouping: Grouping? = nil, today: CalendarDate) -> Report {
        let calendar = StatutoryCalendar(settings: settings)
        var overall = Figures(key: "")
        var groups: [String: Figures] = [:]
        if grouping == .month { for key in Self.monthKeys(from: from, to: to) { groups[key] = Figures(key: key) } }
        // A month's key made once per month, not once per plan (60,000 plans, a few dozen months).
        var keyOfMonth: [Int: String] = [:]
        func groupKey(ofMonth date: CalendarDate) -> String {
            let month = date.year * 12 + date.month
            if let known = keyOfMonth[month] { return known }
            let key = Self.monthKey(date)
            keyOfMonth[month] = key
            return key
        }
        for plan in plans {
            let final = plan.finalPlanIssued
            guard final >= from, final <= to else { continue }
            let within = final <= DeadlineRule.finalPlan.due(from: plan.requestDate, settings: settings)
            let excepted = plan.caseWithException.map {
                calendar.isExcepted(DeadlineKind.finalPlan.rawValue, in: $0, today: today)
            } ?? false
            overall.count(plan.caseID, within: within, excepted: excepted)
            guard let grouping else { continue }
            let key = grouping == .month ? groupKey(ofMonth: final) : plan.caseworker
            groups[key, default: Figures(key: key)].count(plan.caseID, within: within, excepted: excepted)
        }
        return Report(from: from, to: to, overall: overall, groups: groups.values.sorted { $0.key < $1.key })
    }

    /// `part / whole` as a percentage rounded to one decimal place; `nil` for an empty whole.
    public static func percent(_ part: Int, of whole: Int) -> Double? {
        guard whole > 0 else { return nil }
        return (Double(part) * 1000 / Double(whole)).rounded(.toNearestOrAwayFromZero) / 10
    }

    /// `2026-02`: the key of a month's group.
    public static func monthKey(_ date: CalendarDate) -> String {
        String(date.description.prefix(7))
    }

    static func monthKeys(from: CalendarDate, to: CalendarDate) -> [String] {
        guard from <= to else { return [] }
        var keys: [String] = []
        var month = from.firstOfMonth
        while month <= to {
            keys.append(monthKey(month))
            month = month.adding(months: 1)
        }
        return keys
    }
}

/// An issued plan as the timeliness measure reads it: the request and issue days, and the whole
/// case only when an exception to the final-plan deadline was recorded (whether it is valid
/// depends on the case's other facts).
///
/// ```swift
/// let plan = IssuedPlan(sam)   // nil while no final plan is issued
/// Timeliness().report(forPlans: [plan!], from: from, to: to, today: today)
/// ```
public struct IssuedPlan: Sendable, Hashable {
    public var caseID: String
    public var caseworker: String
    public var requestDate: CalendarDate
    public var finalPlanIssued: CalendarDate
    /// The whole case, when one of its exceptions names the final plan; `nil` otherwise.
    public var caseWithException: EHCCase?

    public init(caseID: String, caseworker: String, requestDate: CalendarDate, finalPlanIssued: CalendarDate,
                caseWithException: EHCCase?) {
        self.caseID = caseID
        self.caseworker = caseworker
        self.requestDate = requestDate
        self.finalPlanIssued = finalPlanIssued
        self.caseWithException = caseWithException
    }

    /// The plan of a case with a final plan issued, else `nil`.
    public init?(_ ehcCase: EHCCase) {
        guard let final = ehcCase.finalPlanIssued else { return nil }
        let named = ehcCase.exceptions.contains { $0.appliesTo.contains(DeadlineKind.finalPlan.rawValue) }
        self.init(caseID: ehcCase.id, caseworker: ehcCase.caseworker, requestDate: ehcCase.requestDate,
                  finalPlanIssued: final, caseWithException: named ? ehcCase : nil)
    }
}
