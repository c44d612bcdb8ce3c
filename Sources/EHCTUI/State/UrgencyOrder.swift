import EHCCore

extension CaseSummary {
    /// Where the case falls in the order a caseworker works through: most overdue first, then
    /// soonest due, then cases with no open deadline (the list breaks ties by reference).
    ///
    /// An unmet deadline due earlier is either further overdue or due sooner, so the due day
    /// alone orders both halves of the rule.
    ///
    /// ```swift
    /// let caseload = summaries.sorted { ($0.urgencyDay, $0.id) < ($1.urgencyDay, $1.id) }
    /// ```
    public var urgencyDay: Int {
        nextDeadline?.due.dayNumber ?? Int(Int32.max)
    }
}
