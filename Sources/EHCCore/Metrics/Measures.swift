/// One figure of the catalogue: what it counts, its value, and the cases behind it, so that a
/// screen, a report and a drill-down showing the same measure show the same number and open to
/// the same cases.
///
/// ```swift
/// let measures = MeasureCatalogue(settings: Settings()).measures(for: cases, from: from, to: to, today: today)
/// measures["plans.within20Weeks"]?.value   // 379
/// measures["plans.within20Weeks"]?.cases   // ["EHC-2025-00011", …]
/// ```
public struct Measure: Sendable, Hashable, Identifiable {
    /// Stable, dotted: `plans.within20Weeks`, `advice.outstanding.health`.
    public var id: String
    /// How a board paper names it.
    public var label: String
    /// One sentence saying exactly what is counted.
    public var definition: String
    /// A count, a percentage or a mean (`cases` is empty for a mean).
    public var value: Double
    /// The sorted case references behind a count.
    public var cases: [String]
    public var unit: Unit

    public init(id: String, label: String, definition: String, value: Double, cases: [String], unit: Unit) {
        (self.id, self.label, self.definition, self.value, self.cases, self.unit) = (id, label, definition, value, cases, unit)
    }

    public enum Unit: String, Sendable, Hashable {
        /// Counted once per case.
        case cases
        /// Counted once per advice request or per case's request: a case may hold several.
        case requests
        /// Counted once per annual review: a case may have two due in a period.
        case reviews
        case weeks
    }
}

extension Array where Element == Measure {
    /// The measure with this id.
    public subscript(id: String) -> Measure? { first { $0.id == id } }

    /// Each measure's label as a title or a definitions list says it: a part ("within 20 weeks")
    /// after the whole it is part of, as the catalogue lists them ("New EHC plans issued: within 20 weeks").
    public func fullLabels() -> [String: String] {
        var labels: [String: String] = [:]
        var whole = ""
        for measure in self {
            if measure.label.first?.isUppercase == true {
                whole = measure.label
                labels[measure.id] = measure.label
            } else {
                labels[measure.id] = whole + ": " + measure.label
            }
        }
        return labels
    }
}

/// The DfE's published measures (`../shared/domain/sen2.md` §6), computed in one place from the
/// cases' facts and the statutory calendar, for a period `from…to` on `today`: the catalogue
/// every figure on the dashboard, in a report or a list count reads from.
///
/// Period rules, one per area: requests by `requestDate`; decisions not to issue by their date;
/// plans by `finalPlanIssued`; advice by the day it was requested; reviews and phase transfers by
/// the due date of their deadline; the caseload on `today`. "Within 20 weeks" is the final-plan
/// deadline met, so the counting settings apply (≤ 140 days under the default counting); over 20
/// weeks but within a year is 141–364 days, a year or more 365 days or more (52 weeks, sen2.md).
/// Each definition names its regulation from the rule table (``DeadlineKind/rule``), never a copy.
public struct MeasureCatalogue: Sendable {
    public let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    /// Every measure for the period, in catalogue order.
    public func measures(for cases: [EHCCase], from: CalendarDate, to: CalendarDate, today: CalendarDate) -> [Measure] {
        measures(merging: [tally(cases, from: from, to: to, today: today)])
    }

    /// The measures from tallies of parts of the caseload (each made by ``tally(_:from:to:today:)``
    /// or ``add(_:from:to:today:to:)``, on its own thread if need be), merged.
    ///
    /// ```swift
    /// let tallies = try store.foldMeasureCases(settings: settings, today: today, from: from, into: { MeasureCatalogue.Tally() }) {
    ///     catalogue.add($1, from: from, to: to, today: today, to: &$0)
    /// }
    /// let measures = catalogue.measures(merging: tallies)
    /// ```
    public func measures(merging tallies: [Tally]) -> [Measure] {
        var whole = Tally()
        for part in tallies { whole.merge(part) }
        return Self.catalogue(settings: settings, caseworkers: whole.caseworkers).map { whole.measure($0) }
    }

    /// What `cases` contribute to every measure: one part of the caseload's counts.
    public func tally(_ cases: [EHCCase], from: CalendarDate, to: CalendarDate, today: CalendarDate) -> Tally {
        let calendar = StatutoryCalendar(settings: settings)
        var tally = Tally()
        add(cases.map { MeasureCase($0, calendar: calendar, today: today, from: from) }, from: from, to: to, today: today, to: &tally)
        return tally
    }

    /// Adds what `cases`, as a store or the rule engine gives them (``MeasureCase``) for a period
    /// from `from`, contribute to every measure to `tally`, a part of the caseload read before them.
    public func add(_ cases: [MeasureCase], from: CalendarDate, to: CalendarDate, today: CalendarDate, to tally: inout Tally) {
        let calendar = StatutoryCalendar(settings: settings)
        let period = from...to
        func status(_ limit: MeasureCase.Limit) -> Deadline.Status {
            calendar.status(due: limit.due, met: limit.met, switchedOff: limit.switchedOff, today: today)
        }
        for measured in cases {
            let id = measured.id
            let caseStatus = measured.status

            // Requests received in the period, and the decision whether to assess.
            if period.contains(measured.requestDate) {
                tally.add("requests.received", id)
                if let decided = measured.decisionToAssess, let limit = measured.deadline(.decisionToAssess) {
                    tally.add(decided <= limit.due ? "requests.decidedWithin6Weeks" : "requests.decidedAfter6Weeks", id)
                } else if let closed = measured.closed, closed <= today {
                    tally.add("requests.withdrawn", id)
                } else {
                    tally.add("requests.awaitingDecision", id)
                }
            }

            // Decisions not to issue a plan, dated in the period.
            if let decided = measured.notIssueDecided, period.contains(decided) {
                tally.add("notIssue.decided", id)
                let limit = measured.deadline(.noticeNotToIssue)?.due ?? measured.requestDate.adding(weeks: 16)
                tally.add(decided <= limit ? "notIssue.within16Weeks" : "notIssue.after16Weeks", id)
            }

            // Final plans issued in the period.
            if let issued = measured.finalPlanIssued, period.contains(issued), let limit = measured.deadline(.finalPlan) {
                let days = measured.requestDate.days(until: issued)
                tally.add("plans.issued", id)
                tally.add(issued <= limit.due ? "plans.within20Weeks" : days >= 365 ? "plans.overYear" : "plans.over20WithinYear", id)
                tally.addDays("plans.averageWeeks", days)
                if !limit.excepted {
                    tally.add("plans.issuedExcludingExceptions", id)
                    if issued <= limit.due { tally.add("plans.within20WeeksExcludingExceptions", id) }
                    tally.addDays("plans.averageWeeksExcludingExceptions", days)
                }
            }

            // Advice requested in the period, by agency.
            for (position, advice) in measured.advice.enumerated() where period.contains(advice.requested) {
                guard let limit = measured.adviceDeadline(position) else { continue }
                let agency = advice.agency.rawValue
                let standing = advice.standing(due: limit.due, caseStatus: caseStatus, today: today)
                tally.addTwice("advice.requested", agency, id)
                if standing.receivedInTime { tally.addTwice("advice.withinSixWeeks", agency, id) }
                if standing.outstanding { tally.addTwice("advice.outstanding", agency, id) }
                if standing.overdue { tally.addTwice("advice.outstandingOverdue", agency, id) }
            }

            // Annual reviews due in the period: review N is the case's N-th review meeting, as the rules number them.
            let reviews = measured.reviews
            // A duty switched off (the plan ceased or closed before it fell due) is expected of nobody.
            for limit in measured.deadlines where limit.kind == .annualReview && period.contains(limit.due) && status(limit) != .notApplicable {
                tally.add("reviews.expected", id)
                if let concluded = limit.met, concluded <= limit.due { tally.add("reviews.concludedOnTime", id) }
                let number = limit.item ?? 0
                let review = reviews.indices.contains(number - 1) ? reviews[number - 1] : nil
                guard let review, review.held <= today else {
                    tally.add(limit.due > today ? "reviews.notYetDue" : "reviews.noMeeting", id)
                    continue
                }
                tally.add("reviews.meetingRecorded", id)
                guard let decided = review.decided, decided <= today else {
                    tally.add("reviews.decisionOutstanding", id)
                    continue
                }
                tally.add(review.held.days(until: decided) <= 28 ? "reviews.decisionWithin4Weeks" : "reviews.decisionAfter4Weeks", id)
                switch review.decision {
                case .amend?: tally.add("reviews.outcomeAmend", id)
                case .cease?: tally.add("reviews.outcomeCease", id)
                case .maintain?: tally.add("reviews.outcomeMaintain", id)
                case nil: break
                }
            }

            // Phase transfers due in the period.
            if let limit = measured.deadline(.phaseTransfer), period.contains(limit.due), status(limit) != .notApplicable {
                tally.add("phaseTransfers.due", id)
                if let met = limit.met {
                    tally.add(met <= limit.due ? "phaseTransfers.issuedOnTime" : "phaseTransfers.issuedLate", id)
                } else {
                    tally.add(limit.due < today ? "phaseTransfers.overdue" : "phaseTransfers.notYetDue", id)
                }
            }

            // The caseload on today: the list's views, by the same predicates (TriageView, CaseSummary).
            if caseStatus == .open {
                tally.add("caseload.open", id)
                let bucket = AssessmentAgeing.bucketIndex(daysSinceRequest: max(0, measured.requestDate.days(until: today)))
                tally.add(Self.ageingIDs[bucket], id)
            }
            if caseStatus == .planIssued {
                tally.add("caseload.plansInForce", id)
                if measured.deadlines.contains(where: { ReviewsOverdue.isOverdue(kind: $0.kind, status: status($0)) }) {
                    tally.add("caseload.reviewsOverdue", id)
                }
                let pending = measured.deadlines.first { $0.kind == .annualReview && $0.met == nil }
                let number = pending?.item ?? 0
                let meeting = reviews.indices.contains(number - 1) ? reviews[number - 1].held : nil
                if PlanReviewRow.isAwaitingMeeting(reviewStatus: pending.map(status), meeting: meeting, today: today) {
                    tally.add("caseload.reviewsOverdueNoMeeting", id)
                }
            }
            let triage = measured.triage(calendar: calendar, today: today)
            for view in TriageView.allCases where view.contains(triage) {
                tally.add(view.measureID, id)
                if Self.byCaseworker.contains(view) {
                    tally.add(view.measureID + "." + measured.caseworker, id)
                    tally.caseworkerSet.insert(measured.caseworker)
                }
            }
        }
    }

    /// The ids of the ageing buckets, made once.
    static let ageingIDs = (0...AssessmentAgeing.boundaries.count).map { "caseload.ageing.\($0)" }

    /// The list views counted for each caseworker too.
    static let byCaseworker: [TriageView] = [.allOpen, .overdue, .dueSoon]

    /// What each measure is, in the order a report lists them.
    struct Entry {
        var id: String
        var label: String
        var definition: String
        var unit: Measure.Unit = .cases
        /// A mean of days ÷ 7 rather than a count.
        var isAverageWeeks = false
    }

    static func catalogue(settings: Settings, caseworkers: [String]) -> [Entry] {
        var entries: [Entry] = [
            Entry(id: "requests.received", label: "Requests for assessment received",
                  definition: "Requests whose request date is in the period.", unit: .requests),
            Entry(id: "requests.decidedWithin6Weeks", label: "decided within 6 weeks",
                  definition: "Of those, the decision whether to assess (either way) was made by its 6-week deadline (\(DeadlineKind.decisionToAssess.rule.source)).",
                  unit: .requests),
            Entry(id: "requests.decidedAfter6Weeks", label: "decided after 6 weeks",
                  definition: "Of those, the decision whether to assess was made after its 6-week deadline.", unit: .requests),
            Entry(id: "requests.awaitingDecision", label: "awaiting a decision",
                  definition: "Of those, no decision whether to assess is recorded on today and the case is not closed.",
                  unit: .requests),
            Entry(id: "requests.withdrawn", label: "withdrawn or closed before a decision",
                  definition: "Of those, the case was closed before any decision whether to assess.", unit: .requests),
            Entry(id: "notIssue.decided", label: "Decisions not to issue a plan",
                  definition: "Decisions not to issue an EHC plan dated in the period."),
            Entry(id: "notIssue.within16Weeks", label: "notified within 16 weeks",
                  definition: "Of those, decided by 16 weeks from the request (\(DeadlineKind.noticeNotToIssue.rule.source))."),
            Entry(id: "notIssue.after16Weeks", label: "after 16 weeks",
                  definition: "Of those, decided more than 16 weeks from the request."),
            Entry(id: "plans.issued", label: "New EHC plans issued",
                  definition: "Final plans issued in the period (first plans, by their issue date)."),
            Entry(id: "plans.within20Weeks", label: "within 20 weeks",
                  definition: "Of those, issued by the final-plan deadline, 20 weeks from the request (\(DeadlineKind.finalPlan.rule.source))."),
            Entry(id: "plans.over20WithinYear", label: "over 20 weeks, within a year",
                  definition: "Of those, issued after the deadline and 364 days or fewer from the request."),
            Entry(id: "plans.overYear", label: "a year or more",
                  definition: "Of those, issued 365 days or more from the request."),
            Entry(id: "plans.issuedExcludingExceptions", label: "New plans, excluding exceptions",
                  definition: "Plans issued in the period, leaving out those with an allowed exception on the final plan "
                      + "(SEN2 Week20: the DfE's headline denominator)."),
            Entry(id: "plans.within20WeeksExcludingExceptions", label: "within 20 weeks, excluding exceptions",
                  definition: "Of those, issued by the final-plan deadline: the DfE's headline numerator."),
            Entry(id: "plans.averageWeeks", label: "Average weeks to issue",
                  definition: "The mean number of days from request to final plan, divided by 7, to one decimal.",
                  unit: .weeks, isAverageWeeks: true),
            Entry(id: "plans.averageWeeksExcludingExceptions", label: "Average weeks to issue, excluding exceptions",
                  definition: "The same mean over the plans without an allowed exception on the final plan.",
                  unit: .weeks, isAverageWeeks: true),
        ]
        let agencyNames = Agency.allCases.map { ($0.rawValue, $0.displayName) }
        for (measure, label, definition) in [
            ("advice.requested", "Advice requested", "Advice requests made in the period."),
            ("advice.withinSixWeeks", "Advice received within 6 weeks",
             "Of those, received by its 6-week deadline and not returned for more detail (\(DeadlineKind.advice.rule.source))."),
            ("advice.outstanding", "Advice outstanding",
             "Of those, on an open case, not received on today, or returned and not yet received again."),
            ("advice.outstandingOverdue", "Advice outstanding past 6 weeks", "Of those outstanding, past their due date on today."),
        ] {
            entries.append(Entry(id: measure, label: label, definition: definition, unit: .requests))
            for (agency, name) in agencyNames {
                entries.append(Entry(id: measure + "." + agency, label: label + ": " + name,
                                     definition: definition + " " + name + " only.", unit: .requests))
            }
        }
        entries += [
            Entry(id: "reviews.expected", label: "Annual reviews expected",
                  definition: "Annual review deadlines (12 months from the plan or the last review, \(DeadlineKind.annualReview.rule.source)) due in the period.", unit: .reviews),
            Entry(id: "reviews.meetingRecorded", label: "meeting recorded",
                  definition: "Of those, the review meeting is recorded on or before today.", unit: .reviews),
            Entry(id: "reviews.noMeeting", label: "no meeting recorded",
                  definition: "Of those, due on or before today with no meeting recorded.", unit: .reviews),
            Entry(id: "reviews.notYetDue", label: "not yet due",
                  definition: "Of those, due after today with no meeting yet: neither on time nor late.", unit: .reviews),
            Entry(id: "reviews.concludedOnTime", label: "concluded on time",
                  definition: "Of those, the review's decision notified on or before its due date: the review concluded "
                      + "within its 12 months (\(DeadlineKind.annualReview.rule.source)).", unit: .reviews),
            Entry(id: "reviews.decisionWithin4Weeks", label: "decision within 4 weeks of the meeting",
                  definition: "Of the meetings recorded, the decision notified 28 days or fewer after it (\(DeadlineKind.reviewDecision.rule.source)).", unit: .reviews),
            Entry(id: "reviews.decisionAfter4Weeks", label: "decision after 4 weeks",
                  definition: "Of the meetings recorded, the decision notified more than 28 days after it.", unit: .reviews),
            Entry(id: "reviews.decisionOutstanding", label: "decision outstanding",
                  definition: "Of the meetings recorded, no decision notified on today.", unit: .reviews),
            Entry(id: "reviews.outcomeMaintain", label: "outcome: maintain", definition: "Decisions to maintain the plan.", unit: .reviews),
            Entry(id: "reviews.outcomeAmend", label: "outcome: amend", definition: "Decisions to amend the plan.", unit: .reviews),
            Entry(id: "reviews.outcomeCease", label: "outcome: cease", definition: "Decisions to cease the plan.", unit: .reviews),
            Entry(id: "phaseTransfers.due", label: "Phase transfers due",
                  definition: "Plans whose phase-transfer amended plan is due in the period (15 February or 31 March, \(DeadlineKind.phaseTransfer.rule.source))."),
            Entry(id: "phaseTransfers.issuedOnTime", label: "amended plan issued on time",
                  definition: "Of those, the amended plan issued by the deadline."),
            Entry(id: "phaseTransfers.issuedLate", label: "issued late", definition: "Of those, issued after the deadline."),
            Entry(id: "phaseTransfers.overdue", label: "overdue",
                  definition: "Of those, not issued and the deadline passed on today."),
            Entry(id: "phaseTransfers.notYetDue", label: "not yet due",
                  definition: "Of those, not issued and the deadline still to come."),
            Entry(id: "caseload.open", label: "Open requests and assessments",
                  definition: "On today: cases whose status is open (a request awaiting its decision, an assessment, or a plan "
                      + "not yet issued), never cases not assessed, not issued, ceased or closed."),
            Entry(id: "caseload.plansInForce", label: "Plans in force",
                  definition: "On today: cases with a final plan issued and not ceased or closed."),
            Entry(id: "caseload.reviewsOverdue", label: "Annual reviews overdue",
                  definition: "On today: plans in force whose review not yet concluded (no decision notified) is past its due "
                      + "date, whether or not its meeting is held: overdue in law."),
            Entry(id: "caseload.reviewsOverdueNoMeeting", label: "Annual reviews overdue, no meeting",
                  definition: "On today: plans in force whose review not yet concluded is past due with no meeting held "
                      + "(the reviews screen's \"Overdue, no meeting\")."),
        ]
        let viewDefinitions: [(TriageView, String)] = [
            (.allOpen, "On today: open requests, assessments and plans in force (caseload.open and caseload.plansInForce together): the list's Active view."),
            (.overdue, "On today: active cases whose next deadline is past due and not excused by an allowed exception: the list's Overdue view."),
            (.dueSoon, "On today: active cases with no unexcused breach whose next deadline is due within \(settings.dueSoonDays) days, today included: the list's Due soon view."),
            (.awaitingDecision, "On today: active cases with no decision whether to assess: the list's Decide view."),
            (.awaitingAdvice, "On today: active cases without a final plan with advice not yet received: the list's Advice view."),
            (.draftIssued, "On today: active cases with a draft plan and no final plan: the list's Draft view."),
            (.reviewsDue, "On today: plans in force with an annual-review duty (review, report, decision, amended plan) overdue or due soon: the list's Reviews view."),
            (.atRisk, "On today: open assessments whose final plan can no longer be issued within 20 weeks (the breach forecast): the list's At risk view."),
            (.closed, "On today: cases not assessed, not issued, ceased or closed: the list's Ended view."),
        ]
        for (view, definition) in viewDefinitions {
            entries.append(Entry(id: view.measureID, label: view.title, definition: definition))
        }
        for index in 0...AssessmentAgeing.boundaries.count {
            let label = AssessmentAgeing.label(ofBucket: index)
            entries.append(Entry(id: "caseload.ageing.\(index)", label: "Open, \(label) weeks since request",
                                 definition: "On today: open cases whose request was \(label) weeks ago (the upper bound's day included)."))
        }
        for caseworker in caseworkers {
            for view in byCaseworker {
                entries.append(Entry(id: view.measureID + "." + caseworker, label: "\(caseworker): \(view.shortTitle.lowercased())",
                                     definition: "As \(view.measureID), for \(caseworker)'s cases."))
            }
        }
        return entries
    }

    /// Counts and day sums of part of the caseload, as its cases are read; tallies of parts merge.
    public struct Tally: Sendable {
        var cases: [String: [String]] = [:]
        var days: [String: DaySum] = [:]
        var caseworkerSet: Set<String> = []

        public init() {}

        struct DaySum: Sendable {
            var total = 0
            var count = 0
        }

        /// Adds the counts of another part of the caseload (one read after this one, to keep references in order).
        mutating func merge(_ other: Tally) {
            for (measure, ids) in other.cases { cases[measure, default: []] += ids }
            for (measure, sum) in other.days {
                days[measure, default: DaySum()].total += sum.total
                days[measure, default: DaySum()].count += sum.count
            }
            caseworkerSet.formUnion(other.caseworkerSet)
        }

        var caseworkers: [String] { caseworkerSet.sorted() }

        mutating func add(_ measure: String, _ id: String) {
            cases[measure, default: []].append(id)
        }

        /// The measure overall and for one agency.
        mutating func addTwice(_ measure: String, _ agency: String, _ id: String) {
            add(measure, id)
            add(measure + "." + agency, id)
        }

        mutating func addDays(_ measure: String, _ value: Int) {
            days[measure, default: DaySum()].total += value
            days[measure, default: DaySum()].count += 1
        }

        func measure(_ entry: Entry) -> Measure {
            if entry.isAverageWeeks {
                let sum = days[entry.id] ?? DaySum()
                let weeks = sum.count == 0 ? 0 : (Double(sum.total) / Double(sum.count) / 7 * 10).rounded() / 10
                return Measure(id: entry.id, label: entry.label, definition: entry.definition, value: weeks, cases: [],
                               unit: entry.unit)
            }
            // Requests and reviews count each one; the cases behind them are listed once each. Parts
            // read in reference order arrive sorted, so they are sorted only when found not to be.
            let all = cases[entry.id] ?? []
            /// Each reference once, or nil when `references` turn out not to be in order.
            func once(_ references: [String]) -> [String]? {
                var ids: [String] = []
                ids.reserveCapacity(references.count)
                for id in references {
                    if let last = ids.last {
                        if id == last { continue }
                        if id < last { return nil }
                    }
                    ids.append(id)
                }
                return ids
            }
            let ids = once(all) ?? once(all.sorted()) ?? []
            let value = Double(entry.unit == .cases ? ids.count : all.count)
            return Measure(id: entry.id, label: entry.label, definition: entry.definition, value: value, cases: ids,
                           unit: entry.unit)
        }
    }
}

extension AdviceRequest {
    /// Where one advice request stands for the measures, on `today`, against its due date: the
    /// one definition the catalogue, the advice report and the dashboard share
    /// (``MeasureCase/Advice/standing(due:caseStatus:today:)``).
    ///
    /// ```swift
    /// request.standing(due: due, caseStatus: .open, today: today).overdue   // true
    /// ```
    public func standing(due: CalendarDate, caseStatus: CaseStatus, today: CalendarDate)
        -> (receivedInTime: Bool, outstanding: Bool, overdue: Bool) {
        MeasureCase.Advice(agency: agency, requested: requested, received: received, returned: quality == .returned)
            .standing(due: due, caseStatus: caseStatus, today: today)
    }
}

extension MeasureCase.Advice {
    /// - `receivedInTime`: received on or before the due date and not returned for more detail.
    /// - `outstanding`: on a case still open or with a plan in force, not received, or returned and
    ///   not yet received again.
    /// - `overdue`: outstanding and past the due date.
    public func standing(due: CalendarDate, caseStatus: CaseStatus, today: CalendarDate)
        -> (receivedInTime: Bool, outstanding: Bool, overdue: Bool) {
        let inTime = received.map { $0 <= due } ?? false
        let outstanding = isOutstanding && caseStatus.isActive
        return (inTime && !returned, outstanding, outstanding && due < today)
    }
}
