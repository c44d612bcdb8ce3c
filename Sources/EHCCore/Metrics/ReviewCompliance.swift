/// Annual-review and phase-transfer compliance over a period: the figures of `ehcdesk report reviews`.
///
/// - Reviews due: `annualReview:N` deadlines falling due in the period; concluded on time: those
///   whose decision was notified on or before the due date (CFA s.44(1)).
/// - Decisions within 4 weeks: of the review meetings held in the period, those whose decision came
///   within 4 weeks (reg 20(10)).
/// - Overdue now: plans whose next annual review is overdue on `today` (``ReviewsOverdue``).
/// - Phase transfers: the cohort transferring in the calendar year of the period's end, and those
///   whose amended plan was issued by the phase-transfer deadline (reg 18(1)).
///
/// ```swift
/// let figures = ReviewCompliance(calendar: StatutoryCalendar()).figures(for: cases, from: from, to: to, today: today)
/// figures.reviewsOverdue.count
/// ```
public struct ReviewCompliance: Sendable {
    public struct Figures: Sendable, Hashable {
        public var reviewsDue: [String] = []
        public var reviewsConcludedOnTime: [String] = []
        public var reviewMeetings: [String] = []
        public var decisionsWithinFourWeeks: [String] = []
        public var reviewsOverdue: [String] = []
        public var phaseTransferYear: Int
        public var phaseTransfersDue: [String] = []
        public var phaseTransfersMet: [String] = []
        /// Reviews due in the period whose due date is after today and not yet concluded: neither
        /// on time nor late, so left out of the percentage on time.
        public var reviewsNotYetDue: [String] = []
        /// Phase transfers of the year not yet amended whose deadline is still to come.
        public var phaseTransfersNotYetDue: [String] = []

        /// A share as a percentage to one decimal, `nil` when nothing was due.
        public static func percent(_ part: [String], of whole: [String]) -> Double? {
            whole.isEmpty ? nil : (Double(part.count) * 1000 / Double(whole.count)).rounded() / 10
        }
    }

    public var calendar: StatutoryCalendar

    public init(calendar: StatutoryCalendar) {
        self.calendar = calendar
    }

    /// The case id lists (a case appears once per review it has in a list) for the period.
    public func figures(for cases: some Sequence<EHCCase>, from: CalendarDate, to: CalendarDate,
                        today: CalendarDate) -> Figures {
        var figures = Figures(phaseTransferYear: to.year)
        for ehcCase in cases {
            let deadlines = calendar.deadlines(for: ehcCase, today: today)
            for deadline in deadlines where deadline.status != .notApplicable {
                switch deadline.kind {
                case .annualReview where deadline.due >= from && deadline.due <= to:
                    figures.reviewsDue.append(ehcCase.id)
                    if deadline.status == .metOnTime { figures.reviewsConcludedOnTime.append(ehcCase.id) }
                    if deadline.met == nil, deadline.due > today { figures.reviewsNotYetDue.append(ehcCase.id) }
                case .reviewDecision:
                    // The meeting is the decision deadline's start: due − 4 weeks, counted as the rule counts.
                    let meeting = reviewMeeting(of: ehcCase, decisionKey: deadline.key)
                    guard let meeting, meeting >= from, meeting <= to else { continue }
                    figures.reviewMeetings.append(ehcCase.id)
                    if deadline.status == .metOnTime { figures.decisionsWithinFourWeeks.append(ehcCase.id) }
                case .phaseTransfer where ehcCase.phaseTransfer?.transferYear == to.year:
                    figures.phaseTransfersDue.append(ehcCase.id)
                    if deadline.status == .metOnTime { figures.phaseTransfersMet.append(ehcCase.id) }
                    if deadline.met == nil, deadline.due > today { figures.phaseTransfersNotYetDue.append(ehcCase.id) }
                default:
                    continue
                }
            }
            if ReviewsOverdue.isOverdue(deadlines) {
                figures.reviewsOverdue.append(ehcCase.id)
            }
        }
        return figures
    }

    /// The meeting date of the review a `reviewDecision:N` key names.
    private func reviewMeeting(of ehcCase: EHCCase, decisionKey: String) -> CalendarDate? {
        guard let number = decisionKey.split(separator: ":").last.flatMap({ Int($0) }) else { return nil }
        let reviews = StatutoryCalendar.inMeetingOrder(ehcCase.reviews)
        return reviews.indices.contains(number - 1) ? reviews[number - 1].meetingDate : nil
    }
}
