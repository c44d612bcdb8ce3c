/// How long open assessments have been running, in the week buckets the SEND team watches:
/// 0–6, 6–12, 12–16, 16–20, 20–30, 30–52 and over 52 weeks since the request.
///
/// A bucket's upper bound is inclusive in days, matching the statutory "within N weeks": an
/// assessment on day 140 is still in 16–20 (its final plan is due that day), day 141 is in 20–30.
/// Only cases whose status is `open` (no final plan, no decision ending the assessment, not closed) count.
///
/// ```swift
/// let buckets = AssessmentAgeing.buckets(of: cases, calendar: StatutoryCalendar(), today: today)
/// buckets[0].label   // "0-6"
/// buckets[0].count   // open assessments at most 42 days old
/// ```
public enum AssessmentAgeing {
    /// One band of weeks since the request, with the number of open assessments in it.
    public struct Bucket: Sendable, Hashable {
        /// `0-6`, `6-12`, …, `over 52`.
        public var label: String
        public var fromWeeks: Int
        /// `nil` for the open-ended last bucket.
        public var toWeeks: Int?
        public var count: Int { caseIDs.count }
        /// The open assessments in this band, in the order met (for drill-down).
        public var caseIDs: [String]
    }

    /// The bucket boundaries in weeks.
    public static let boundaries = [6, 12, 16, 20, 30, 52]

    /// The buckets, all seven even when empty, youngest first.
    public static func buckets(of cases: some Sequence<EHCCase>, calendar: StatutoryCalendar,
                               today: CalendarDate) -> [Bucket] {
        var members = [[String]](repeating: [], count: boundaries.count + 1)
        for ehcCase in cases where calendar.status(of: ehcCase) == .open {
            members[bucketIndex(daysSinceRequest: ehcCase.requestDate.days(until: today))].append(ehcCase.id)
        }
        var lower = 0
        return members.enumerated().map { index, caseIDs in
            defer { lower = index < boundaries.count ? boundaries[index] : lower }
            guard index < boundaries.count else {
                return Bucket(label: "over \(lower)", fromWeeks: lower, toWeeks: nil, caseIDs: caseIDs)
            }
            return Bucket(label: "\(lower)-\(boundaries[index])", fromWeeks: lower, toWeeks: boundaries[index],
                          caseIDs: caseIDs)
        }
    }

    /// The bucket of an assessment `days` after its request (a future request counts as 0).
    public static func bucketIndex(daysSinceRequest days: Int) -> Int {
        boundaries.firstIndex { days <= 7 * $0 } ?? boundaries.count
    }
}
