/// The counting conventions ehcdesk applies, each a setting because sources disagree.
///
/// The defaults follow the wording of the regulations (see `statutory-rules.md`); an authority
/// whose legal team reads them differently changes a setting, never the code.
///
/// ```swift
/// var settings = Settings()            // eventPlusWeeks, strict, before, 14
/// settings.counting = .dayOne          // "day 1 is the day the request arrived"
/// ```
public struct Settings: Sendable, Hashable {
    /// How "within N weeks of E" is counted.
    public enum Counting: String, Sendable, Hashable, CaseIterable {
        /// Due on E + 7N days (the English-law default: the event day is not counted).
        case eventPlusWeeks
        /// The event day is day 1: due on E + 7N − 1.
        case dayOne
    }

    /// How "the period of 12 months starting with D" ends.
    public enum ReviewPeriod: String, Sendable, Hashable, CaseIterable {
        /// D + 12 months − 1 day.
        case strict
        /// D + 12 months.
        case anniversary
    }

    /// How "before 15 February" / "before 31 March" is read.
    public enum PhaseDeadline: String, Sendable, Hashable, CaseIterable {
        /// 14 February / 30 March.
        case before
        /// 15 February / 31 March.
        case by
    }

    public var counting: Counting
    public var reviewPeriod: ReviewPeriod
    public var phaseDeadline: PhaseDeadline
    /// An unmet deadline this many days away or fewer is `dueSoon`.
    public var dueSoonDays: Int

    public init(counting: Counting = .eventPlusWeeks, reviewPeriod: ReviewPeriod = .strict,
                phaseDeadline: PhaseDeadline = .before, dueSoonDays: Int = 14) {
        self.counting = counting
        self.reviewPeriod = reviewPeriod
        self.phaseDeadline = phaseDeadline
        self.dueSoonDays = dueSoonDays
    }
}
