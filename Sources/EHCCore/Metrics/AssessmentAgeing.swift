/// How long open assessments have been running, in the week buckets the SEND team watches:
/// 0–6, 6–12, 12–16, 16–20, 20–30, 30–52 and over 52 weeks since the request.
///
/// A bucket's upper bound is inclusive in days, matching the statutory "within N weeks": an
/// assessment on day 140 is still in 16–20 (its final plan is due that day), day 141 is in 20–30.
/// The catalogue counts only cases whose status is `open` in them (`caseload.ageing.N`).
///
/// ```swift
/// AssessmentAgeing.bucketIndex(daysSinceRequest: 141)   // 4
/// AssessmentAgeing.label(ofBucket: 4)                    // "20-30"
/// ```
public enum AssessmentAgeing {
    /// The bucket boundaries in weeks.
    public static let boundaries = [6, 12, 16, 20, 30, 52]

    /// The label of bucket `index` (``bucketIndex(daysSinceRequest:)``): `0-6`, `6-12`, …, `over 52`.
    public static func label(ofBucket index: Int) -> String {
        guard index < boundaries.count else { return "over \(boundaries.last ?? 0)" }
        return "\(index == 0 ? 0 : boundaries[index - 1])-\(boundaries[index])"
    }

    /// The first week of bucket `index`: a bucket from 20 weeks on holds assessments past their final plan's due date.
    public static func fromWeeks(ofBucket index: Int) -> Int {
        index == 0 ? 0 : boundaries[min(index, boundaries.count) - 1]
    }

    /// The bucket of an assessment `days` after its request (a future request counts as 0).
    public static func bucketIndex(daysSinceRequest days: Int) -> Int {
        boundaries.firstIndex { days <= 7 * $0 } ?? boundaries.count
    }
}
