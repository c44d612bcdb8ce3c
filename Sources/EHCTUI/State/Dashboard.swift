import EHCCore

/// Everything the team lead's dashboard shows for a period, read from the catalogue of measures
/// (``MeasureCatalogue``): every selectable number is a measure, or a month of the chart made from
/// two, with the case ids behind it (for drill-down with Enter) and its definition (for `?`).
///
/// Pure: built from cases, settings, a period and `today`; the view only draws it. The selectable
/// numbers are ``figures``, in drawing order (headline, chart, ageing, reviews, phase transfers,
/// audits, advice, caseworkers), so a selection is an index into that list. Audit grades are the
/// one section outside the catalogue: they are the plan audits' own summary (``AuditSummary``),
/// as `report audits` prints it.
///
/// ```swift
/// let period = Dashboard.Period.lastTwelveWholeMonths(before: today)
/// let dashboard = Dashboard(cases: cases, settings: Settings(), period: period, today: today)
/// dashboard.figures[3].measureID   // "plans.over20WithinYear"
/// dashboard.figures[3].caseIDs     // the cases behind it, as `report measures` lists them
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
        public var title: String { from.monthAndYear + " to " + to.monthAndYear }
    }

    /// The sections of the dashboard, in drawing order.
    public enum Section: Sendable, Hashable {
        case headline, excludingExceptions, chart, ageing, reviews, phaseTransfers, audits, advice, caseworkers
    }

    /// One selectable number: what it counts, its value as shown, the cases behind it and what it means.
    public struct Figure: Sendable, Hashable {
        public var section: Section
        /// Short label shown beside the value, e.g. `within 20 wk`.
        public var label: String
        public var value: String
        /// The title of the drill-down list, e.g. `Open, 20-30 weeks since request`.
        public var title: String
        public var caseIDs: [String]
        /// What a non-zero value means: nothing to worry about, a breach (drawn as overdue) or a warning (as due soon).
        public var concern: Concern
        /// The catalogue measure shown (`nil` for an audit grade); a month of the chart names its numerator.
        public var measureID: String?
        /// One sentence saying exactly what is counted: the catalogue's, shown by `?`.
        public var definition: String
        /// The cases are plans issued: the drill-down shows request date, issue date and weeks taken.
        public var isPlans = false
    }

    /// How a non-zero figure is drawn.
    public enum Concern: Sendable, Hashable {
        case none, breach, warning
    }

    /// One month of the chart: plans issued in it, leaving out those with an allowed exception on
    /// the final plan, and how many of them within 20 weeks (the DfE's headline measure).
    public struct Month: Sendable, Hashable {
        public var first: CalendarDate
        public var issued: [String]
        public var within: [String]
        /// `nil` when no plan was issued in the month (never a division by zero).
        public var percent: Double? { issued.isEmpty ? nil : Double(within.count) / Double(issued.count) * 100 }
        public var key: String { String(first.description.prefix(7)) }
    }

    /// One caseworker's row: their active cases, those overdue and those due soon (the list's views).
    public struct CaseworkerRow: Sendable, Hashable {
        public var caseworker: String
        public var active: Measure
        public var overdue: Measure
        public var dueSoon: Measure
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

    /// The request and issue dates of a plan, for a drill-down's columns.
    public struct PlanDates: Sendable, Hashable {
        public var requested: CalendarDate
        public var issued: CalendarDate
        /// Days from request to issue ÷ 7, to one decimal, as `plans.averageWeeks` counts them.
        public var weeks: Double { (Double(requested.days(until: issued)) / 7 * 10).rounded() / 10 }
    }

    public private(set) var period: Period
    public private(set) var today: CalendarDate
    /// The whole catalogue for the period, in catalogue order.
    public private(set) var measures: [Measure]
    /// The chart's months, the period's first to its last.
    public private(set) var months: [Month]
    /// The agencies asked for advice in the period, in the catalogue's order.
    public private(set) var agencies: [Agency]
    /// Sorted by `caseworkerOrder`.
    public private(set) var caseworkers: [CaseworkerRow]
    public private(set) var caseworkerOrder: CaseworkerOrder
    /// The national percentage within 20 weeks excluding exceptions, drawn as a reference line when set.
    public private(set) var nationalPercent: Double?
    /// Quality-assurance grades of the audits finished in the period.
    public private(set) var audits: AuditSummary?
    /// The plans issued in the period, by reference: what a plans drill-down shows beside each case.
    public private(set) var planDates: [String: PlanDates]

    /// What the dashboard takes from some cases: the catalogue's tally of them and the few facts
    /// of each it shows beside the measures. A caseload is read a chunk at a time into parts
    /// (``part(of:settings:period:today:)``, on every core), so it is never in memory whole.
    public struct Part: Sendable {
        var tally = MeasureCatalogue.Tally()
        var facts: [(id: String, caseworker: String, requested: CalendarDate, issued: CalendarDate?)] = []

        public init() {}

        /// Adds `cases`, as the measures read them for `period` (``MeasureCase``, from a store's
        /// stored deadlines or from the facts), read after those the part holds.
        public mutating func add(_ cases: [MeasureCase], settings: Settings, period: Period, today: CalendarDate) {
            MeasureCatalogue(settings: settings).add(cases, from: period.from, to: period.to, today: today, to: &tally)
            facts += cases.map { ($0.id, $0.caseworker, $0.requestDate, $0.finalPlanIssued) }
        }
    }

    /// The part of `cases` for the dashboard of `period` (``Part/add(_:settings:period:today:)``).
    public static func part(of cases: [MeasureCase], settings: Settings, period: Period, today: CalendarDate) -> Part {
        var part = Part()
        part.add(cases, settings: settings, period: period, today: today)
        return part
    }

    public init(cases: [EHCCase], settings: Settings, period: Period, today: CalendarDate,
                caseworkerOrder: CaseworkerOrder = .name, nationalPercent: Double? = nil, audits: [PlanAudit] = []) {
        let calendar = StatutoryCalendar(settings: settings)
        let measured = cases.map { MeasureCase($0, calendar: calendar, today: today, from: period.from) }
        self.init(parts: [Self.part(of: measured, settings: settings, period: period, today: today)], settings: settings,
                  period: period, today: today, caseworkerOrder: caseworkerOrder, nationalPercent: nationalPercent,
                  audits: audits)
    }

    /// The dashboard of the cases the parts were made from, in any split: the screen's runtime
    /// makes one part per core.
    ///
    /// ```swift
    /// let parts = try store.foldMeasureCases(settings: settings, today: today, from: period.from, into: { Dashboard.Part() }) {
    ///     $0.add($1, settings: settings, period: period, today: today)
    /// }
    /// let dashboard = Dashboard(parts: parts, settings: settings, period: period, today: today)
    /// ```
    public init(parts: [Part], settings: Settings, period: Period, today: CalendarDate,
                caseworkerOrder: CaseworkerOrder = .name, nationalPercent: Double? = nil, audits: [PlanAudit] = []) {
        let measures = MeasureCatalogue(settings: settings).measures(merging: parts.map(\.tally))
        self.period = period
        self.today = today
        self.measures = measures
        self.nationalPercent = nationalPercent
        let issued = Set(measures["plans.issued"]?.cases ?? [])
        var planDates: [String: PlanDates] = [:]
        var caseworkerOf: [String: String] = [:]
        for part in parts {
            for fact in part.facts {
                if caseworkerOf[fact.id] == nil { caseworkerOf[fact.id] = fact.caseworker }
                if let final = fact.issued, issued.contains(fact.id) {
                    planDates[fact.id] = PlanDates(requested: fact.requested, issued: final)
                }
            }
        }
        self.planDates = planDates
        // The months: the period's plans split by month of issue (a plan's measures depend on its issue day alone).
        var months: [Month] = []
        var first = period.from.firstOfMonth
        while first <= period.to {
            months.append(Month(first: first, issued: [], within: []))
            first = first.adding(months: 1)
        }
        func monthIndex(_ id: String) -> Int? {
            guard let date = planDates[id]?.issued, let start = months.first?.first else { return nil }
            let index = (date.year - start.year) * 12 + date.month - start.month
            return months.indices.contains(index) ? index : nil
        }
        for id in measures["plans.issuedExcludingExceptions"]?.cases ?? [] { if let at = monthIndex(id) { months[at].issued.append(id) } }
        for id in measures["plans.within20WeeksExcludingExceptions"]?.cases ?? [] { if let at = monthIndex(id) { months[at].within.append(id) } }
        self.months = months
        self.agencies = Agency.allCases.filter { (measures["advice.requested." + $0.rawValue]?.value ?? 0) > 0 }
        let activePrefix = TriageView.allOpen.measureID + "."
        let names = Set(measures.compactMap { $0.id.hasPrefix(activePrefix) ? String($0.id.dropFirst(activePrefix.count)) : nil })
        self.caseworkers = names.compactMap { name in
            guard let active = measures["caseload.active." + name], let overdue = measures["caseload.overdue." + name],
                  let dueSoon = measures["caseload.dueSoon." + name] else { return nil }
            return CaseworkerRow(caseworker: name, active: active, overdue: overdue, dueSoon: dueSoon)
        }
        self.caseworkerOrder = .name
        self.audits = audits.isEmpty ? nil
            : AuditSummary(audits: audits, caseworkerOf: caseworkerOf, from: period.from, to: period.to)
        sortCaseworkers(by: caseworkerOrder)
    }

    /// The catalogue's measure, or an empty one (a caseload with no such cases).
    public func measure(_ id: String) -> Measure {
        measures[id] ?? Measure(id: id, label: id, definition: "", value: 0, cases: [], unit: .cases)
    }

    /// Re-sorts the by-caseworker table (and so the order of its figures).
    public mutating func sortCaseworkers(by order: CaseworkerOrder) {
        caseworkerOrder = order
        let key: (CaseworkerRow) -> Double
        switch order {
        case .name:
            caseworkers.sort { $0.caseworker < $1.caseworker }
            figures = makeFigures()
            return
        case .openCases: key = \.active.value
        case .overdue: key = \.overdue.value
        case .dueSoon: key = \.dueSoon.value
        }
        caseworkers.sort { (key($1), $0.caseworker) < (key($0), $1.caseworker) }
        figures = makeFigures()
    }

    /// Every selectable number, in drawing order: made once per computation or re-sort, so a
    /// key on the dashboard never rebuilds them.
    public private(set) var figures: [Figure] = []

    /// The percentage of a count measure in another, to one decimal, or `nil` when the whole is zero.
    public func percent(_ part: String, of whole: String) -> Double? {
        let total = measure(whole).value
        return total == 0 ? nil : measure(part).value / total * 100
    }

    private func makeFigures() -> [Figure] {
        let span = period.title
        let labels = measures.fullLabels()
        func figure(_ section: Section, _ id: String, _ label: String, concern: Concern = .none,
                    drillingTo base: String? = nil, plans: Bool = false) -> Figure {
            let measure = measure(id)
            let value = measure.unit == .weeks ? String(format: "%.1f", measure.value) : String(Int(measure.value))
            let onToday = id.hasPrefix("caseload.")
            return Figure(section: section, label: label, value: value,
                          title: (labels[id] ?? measure.label) + (onToday ? " on \(today)" : ", \(span)"),
                          caseIDs: base.map { self.measure($0).cases } ?? measure.cases, concern: concern,
                          measureID: id, definition: measure.definition, isPlans: plans)
        }
        var figures = [
            figure(.headline, "plans.issued", "issued", plans: true),
            figure(.headline, "plans.within20Weeks", "within 20 wk", plans: true),
            figure(.headline, "plans.over20WithinYear", "over 20 wk", concern: .breach, plans: true),
            figure(.headline, "plans.overYear", "52 wk+", concern: .breach, plans: true),
            figure(.headline, "plans.averageWeeks", "mean wk", drillingTo: "plans.issued", plans: true),
            figure(.excludingExceptions, "plans.issuedExcludingExceptions", "issued", plans: true),
            figure(.excludingExceptions, "plans.within20WeeksExcludingExceptions", "within 20 wk", plans: true),
            figure(.excludingExceptions, "plans.averageWeeksExcludingExceptions", "mean wk",
                   drillingTo: "plans.issuedExcludingExceptions", plans: true),
        ]
        figures += months.map { month in
            let name = month.first.monthAndYear
            return Figure(section: .chart, label: name, value: Self.percentText(month.percent),
                          title: "Plans issued in \(name), excluding exceptions: \(month.within.count) of \(month.issued.count) within 20 weeks",
                          caseIDs: month.issued, concern: .none, measureID: "plans.within20WeeksExcludingExceptions",
                          definition: "Of the plans issued in \(name) without an allowed exception on the final plan "
                              + "(plans.issuedExcludingExceptions), the share issued within 20 weeks "
                              + "(plans.within20WeeksExcludingExceptions): the DfE's headline measure.",
                          isPlans: true)
        }
        figures += (0...AssessmentAgeing.boundaries.count).map { bucket in
            figure(.ageing, "caseload.ageing.\(bucket)", AssessmentAgeing.label(ofBucket: bucket),
                   concern: AssessmentAgeing.fromWeeks(ofBucket: bucket) >= 20 ? .breach : .none)
        }
        figures += [
            figure(.reviews, "reviews.expected", "due"),
            figure(.reviews, "reviews.meetingRecorded", "held"),
            figure(.reviews, "reviews.noMeeting", "no meeting", concern: .breach),
            figure(.reviews, "reviews.notYetDue", "not yet due"),
            figure(.reviews, "reviews.decisionWithin4Weeks", "decided ≤4 wk"),
            figure(.reviews, "reviews.decisionAfter4Weeks", "later", concern: .breach),
            figure(.reviews, "reviews.decisionOutstanding", "undecided", concern: .breach),
            figure(.reviews, "caseload.reviewsOverdueNoMeeting", "overdue now, no meeting", concern: .breach),
            figure(.phaseTransfers, "phaseTransfers.due", "due"),
            figure(.phaseTransfers, "phaseTransfers.issuedOnTime", "on time"),
            figure(.phaseTransfers, "phaseTransfers.issuedLate", "late", concern: .breach),
            figure(.phaseTransfers, "phaseTransfers.overdue", "overdue", concern: .breach),
            figure(.phaseTransfers, "phaseTransfers.notYetDue", "not yet due"),
        ]
        if let audits {
            figures += AuditGrade.allCases.map { grade in
                let graded = audits.overall.caseIDsByGrade[grade] ?? []
                return Figure(section: .audits, label: grade.displayName, value: String(graded.count),
                              title: "Plans audited \(grade.displayName), \(span)", caseIDs: graded,
                              concern: grade >= .requiresImprovement ? .breach : .none, measureID: nil,
                              definition: "Plans whose audit finished in the period was graded \(grade.displayName) "
                                  + "(the plan audits' summary, as report audits prints it).")
            }
        }
        for agency in agencies {
            let name = Self.shortName(agency)
            figures += [
                figure(.advice, "advice.requested." + agency.rawValue, name + " requested"),
                figure(.advice, "advice.withinSixWeeks." + agency.rawValue, name + " within 6 wk"),
                figure(.advice, "advice.outstanding." + agency.rawValue, name + " outstanding"),
                figure(.advice, "advice.outstandingOverdue." + agency.rawValue, name + " overdue", concern: .breach),
            ]
        }
        for row in caseworkers {
            figures += [
                figure(.caseworkers, row.active.id, row.caseworker + " active"),
                figure(.caseworkers, row.overdue.id, row.caseworker + " overdue", concern: .breach),
                figure(.caseworkers, row.dueSoon.id, row.caseworker + " due soon", concern: .warning),
            ]
        }
        return figures
    }

    /// `47%`, `-` when there is nothing to divide.
    static func percentText(_ value: Double?) -> String {
        value.map { String(Int($0.rounded())) + "%" } ?? "-"
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

}
