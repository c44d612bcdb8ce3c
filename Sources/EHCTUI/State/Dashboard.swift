import EHCCore

/// Everything the team lead's dashboard shows for a period, computed once from the caseload, with
/// every selectable number and the case ids behind it (for drill-down with Enter).
///
/// Pure: built from cases, settings, a period and `today`; the view only draws it. The selectable
/// numbers are ``figures``, in drawing order (headline, ageing, reviews, advice, caseworkers), so
/// a selection is an index into that list.
///
/// ```swift
/// let period = Dashboard.Period.twelveMonths(endingWith: today)
/// let dashboard = Dashboard(cases: cases, settings: Settings(), period: period, today: today)
/// dashboard.figures[2].title      // "Plans issued over 20 weeks, Dec 2025 to Nov 2026"
/// dashboard.figures[2].caseIDs    // the cases behind it
/// ```
public struct Dashboard: Sendable, Hashable {
    /// Whole calendar months, both ends included: the dashboard's period.
    public struct Period: Sendable, Hashable {
        public var from: CalendarDate
        public var to: CalendarDate

        /// The twelve months ending with the month of `day`.
        public static func twelveMonths(endingWith day: CalendarDate) -> Period {
            let first = day.firstOfMonth
            return Period(from: first.adding(months: -11), to: first.adding(months: 1).adding(days: -1))
        }

        /// The default period: the last twelve whole months before `today` (a month still running
        /// would show a few plans as a full bar).
        public static func lastTwelveWholeMonths(before today: CalendarDate) -> Period {
            twelveMonths(endingWith: today.firstOfMonth.adding(days: -1))
        }

        /// The same length of period moved `months` later (earlier when negative).
        public func shifted(byMonths months: Int) -> Period {
            let lastMonth = to.firstOfMonth.adding(months: months)
            return Period(from: from.adding(months: months), to: lastMonth.adding(months: 1).adding(days: -1))
        }

        /// `Dec 2025 to Nov 2026`.
        public var title: String { Dashboard.monthName(from) + " " + String(from.year) + " to "
            + Dashboard.monthName(to) + " " + String(to.year) }
    }

    /// The sections of the dashboard, in drawing order.
    public enum Section: Sendable, Hashable {
        case headline, ageing, reviews, audits, advice, caseworkers
    }

    /// One selectable number: what it counts, its value as shown, and the cases behind it.
    public struct Figure: Sendable, Hashable {
        public var section: Section
        /// Short label shown beside the value, e.g. `within 20 wk`.
        public var label: String
        public var value: String
        /// The title of the drill-down list, e.g. `Open assessments 20-30 weeks since request`.
        public var title: String
        public var caseIDs: [String]
        /// True when a non-zero value is bad news (late, overdue): drawn as overdue.
        public var isConcern: Bool
    }

    /// How the by-caseworker table is sorted; the counts sort largest first.
    public enum CaseworkerOrder: String, Sendable, Hashable, CaseIterable {
        case name, openCases, overdue, dueSoon

        /// The next order, for a key that cycles through them.
        public var next: CaseworkerOrder {
            let all = Self.allCases
            return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
        }
    }

    public private(set) var period: Period
    public private(set) var today: CalendarDate
    /// Plans issued in the period, grouped by month of issue.
    public private(set) var timeliness: Timeliness.Report
    public private(set) var ageing: [AssessmentAgeing.Bucket]
    public private(set) var advice: [AdviceTimeliness.AgencyFigures]
    public private(set) var reviewsOverdue: [String]
    /// Sorted by `caseworkerOrder`.
    public private(set) var caseworkers: [CaseworkerWorkload.Row]
    public private(set) var caseworkerOrder: CaseworkerOrder
    /// The national percentage within 20 weeks excluding exceptions, drawn as a reference line when set.
    public private(set) var nationalPercent: Double?
    /// Quality-assurance grades of the audits finished in the period.
    public private(set) var audits: AuditSummary?

    public init(cases: [EHCCase], settings: Settings, period: Period, today: CalendarDate,
                caseworkerOrder: CaseworkerOrder = .name, nationalPercent: Double? = nil, audits: [PlanAudit] = []) {
        let calendar = StatutoryCalendar(settings: settings)
        self.period = period
        self.today = today
        self.timeliness = Timeliness(settings: settings).report(for: cases, from: period.from, to: period.to,
                                                                groupedBy: .month, today: today)
        self.ageing = AssessmentAgeing.buckets(of: cases, calendar: calendar, today: today)
        self.advice = AdviceTimeliness(settings: settings).report(for: cases, from: period.from, to: period.to,
                                                                  today: today)
        self.reviewsOverdue = ReviewsOverdue.caseIDs(in: cases, calendar: calendar, today: today)
        self.caseworkers = CaseworkerWorkload.rows(for: cases, calendar: calendar, today: today)
        self.caseworkerOrder = .name
        self.nationalPercent = nationalPercent
        let caseworkerOf = Dictionary(cases.map { ($0.id, $0.caseworker) }, uniquingKeysWith: { first, _ in first })
        self.audits = audits.isEmpty ? nil
            : AuditSummary(audits: audits, caseworkerOf: caseworkerOf, from: period.from, to: period.to)
        sortCaseworkers(by: caseworkerOrder)
    }

    /// Re-sorts the by-caseworker table (and so the order of its figures).
    public mutating func sortCaseworkers(by order: CaseworkerOrder) {
        caseworkerOrder = order
        let key: (CaseworkerWorkload.Row) -> Int
        switch order {
        case .name:
            caseworkers.sort { $0.caseworker < $1.caseworker }
            figures = makeFigures()
            return
        case .openCases: key = \.openCases
        case .overdue: key = \.overdue
        case .dueSoon: key = \.dueSoon
        }
        caseworkers.sort { (key($1), $0.caseworker) < (key($0), $1.caseworker) }
        figures = makeFigures()
    }

    /// Every selectable number, in drawing order: made once per computation or re-sort, so a
    /// key on the dashboard never rebuilds them.
    public private(set) var figures: [Figure] = []

    private func makeFigures() -> [Figure] {
        let overall = timeliness.overall
        let span = period.title
        var figures = [
            Figure(section: .headline, label: "issued", value: String(overall.plansIssued),
                   title: "Final plans issued, \(span)", caseIDs: overall.issuedCaseIDs, isConcern: false),
            Figure(section: .headline, label: "within 20 wk", value: String(overall.withinTwentyWeeks),
                   title: "Plans issued within 20 weeks, \(span)", caseIDs: overall.withinCaseIDs, isConcern: false),
            Figure(section: .headline, label: "over 20 wk", value: String(overall.lateCaseIDs.count),
                   title: "Plans issued over 20 weeks, \(span)", caseIDs: overall.lateCaseIDs, isConcern: true),
            Figure(section: .headline, label: "with exception", value: String(overall.exceptedCaseIDs.count),
                   title: "Plans with an exception on the final plan, \(span)", caseIDs: overall.exceptedCaseIDs,
                   isConcern: false),
        ]
        figures += ageing.map { bucket in
            Figure(section: .ageing, label: bucket.label, value: String(bucket.count),
                   title: "Open assessments \(bucket.label) weeks since request", caseIDs: bucket.caseIDs,
                   isConcern: bucket.fromWeeks >= 20)
        }
        figures.append(Figure(section: .reviews, label: "annual reviews overdue", value: String(reviewsOverdue.count),
                              title: "Plans whose annual review is overdue on \(today)", caseIDs: reviewsOverdue,
                              isConcern: true))
        if let audits {
            figures += AuditGrade.allCases.map { grade in
                let graded = audits.overall.caseIDsByGrade[grade] ?? []
                return Figure(section: .audits, label: grade.displayName, value: String(graded.count),
                              title: "Plans audited \(grade.displayName), \(span)", caseIDs: graded,
                              isConcern: grade >= .requiresImprovement)
            }
        }
        figures += advice.map { agency in
            Figure(section: .advice, label: Self.shortName(agency.agency), value: String(agency.outstandingOverdue),
                   title: "\(agency.agency.displayName) advice outstanding past 6 weeks",
                   caseIDs: agency.outstandingOverdueCaseIDs, isConcern: true)
        }
        figures += caseworkers.map { row in
            Figure(section: .caseworkers, label: row.caseworker, value: String(row.overdue),
                   title: "\(row.caseworker): cases with a deadline overdue", caseIDs: row.overdueCaseIDs,
                   isConcern: true)
        }
        return figures
    }

    /// A short agency name for narrow tables: `EP`, `Health`, `Social care`, …
    public static func shortName(_ agency: Agency) -> String {
        switch agency {
        case .educationalPsychology: "EP"
        case .parentViews: "Parent"
        case .childViews: "Child"
        default: agency.displayName
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func monthName(_ date: CalendarDate) -> String { monthNames[date.month - 1] }
}
