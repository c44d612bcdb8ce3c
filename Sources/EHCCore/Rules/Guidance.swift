/// A date worth knowing that is not a statutory deadline: a target, a latest-safe day or a
/// recommended window. Shown beside a case's deadlines, labelled as guidance, never counted as a breach.
///
/// ```swift
/// StatutoryCalendar().guidance(for: sam, today: today).first?.title   // "Draft plan target"
/// ```
public struct Guidance: Sendable, Hashable {
    public var title: String
    public var date: CalendarDate
    /// Why the date is what it is, with its source.
    public var explanation: String
}

extension StatutoryCalendar {
    /// Guidance for an open assessment (draft target, latest draft for an on-time final plan),
    /// for a scheduled review meeting (notice and advice two weeks before) and for a plan of a child
    /// under 5 (a review every 3 to 6 months).
    public func guidance(for ehcCase: EHCCase, today: CalendarDate) -> [Guidance] {
        guard ehcCase.closed == nil, status(of: ehcCase) == .open || status(of: ehcCase) == .planIssued else { return [] }
        var items: [Guidance] = []
        let request = ehcCase.requestDate
        if ehcCase.draftPlanIssued == nil, ehcCase.finalPlanIssued == nil {
            let target = request.adding(weeks: 14)
            items.append(Guidance(
                title: "Draft plan target", date: target,
                explanation: "Draft plan target \(target): 14 weeks from the request received \(request), "
                    + "leaving time for comments and the final plan (guidance, IPSEA; no statutory deadline)"))
            let finalDue = DeadlineRule.finalPlan.due(from: request, settings: settings)
            let latest = finalDue.adding(days: -15)
            items.append(Guidance(
                title: "Latest draft for an on-time final plan", date: latest,
                explanation: "Latest draft for an on-time final plan \(latest): the family has 15 days from the "
                    + "draft to comment (Regs 2014 reg 13(1)(a)) before the final plan due \(finalDue)"))
        }
        for (index, review) in ehcCase.reviews.enumerated() where review.meetingDate > today {
            let notice = review.meetingDate.adding(weeks: -2)
            items.append(Guidance(
                title: "Review \(index + 1) meeting notice and advice", date: notice,
                explanation: "Notice of review meeting \(index + 1) and the advice circulated by \(notice): at least "
                    + "2 weeks before the meeting on \(review.meetingDate) (Regs 2014 reg 20(3), (4))"))
        }
        if let (anchor, earliest, latest) = underFiveWindow(of: ehcCase, today: today) {
            items.append(Guidance(
                title: "Under-5 review window", date: latest,
                explanation: "Review of an under-5's plan recommended between \(earliest) and \(latest): every 3 to 6 "
                    + "months from \(anchor) (Code of Practice 9.178; guidance, not a breach)"))
        }
        return items
    }

    /// For a child under 5 whose reviews are all concluded, the window the Code recommends for the
    /// next review (3 to 6 months from the plan's issue or the last decision), with its anchor.
    func underFiveWindow(of ehcCase: EHCCase, today: CalendarDate)
        -> (anchor: CalendarDate, earliest: CalendarDate, latest: CalendarDate)? {
        guard let anchor = lastReviewAnchor(of: ehcCase), ehcCase.child.age(on: today) < 5,
              ehcCase.reviews.allSatisfy({ $0.decisionDate != nil }) else { return nil }
        return (anchor, anchor.adding(months: 3), anchor.adding(months: 6))
    }

    /// The plan's issue or the last review's decision: what the next review is counted from.
    private func lastReviewAnchor(of ehcCase: EHCCase) -> CalendarDate? {
        Self.inMeetingOrder(ehcCase.reviews).last?.decisionDate ?? ehcCase.finalPlanIssued
    }
}
