/// Computes every deadline of a case (placeholder until the statutory engine lands).
public struct StatutoryCalendar: Sendable {
    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public func deadlines(for ehcCase: EHCCase, today: CalendarDate) -> [Deadline] {
        []
    }

    public func status(of ehcCase: EHCCase) -> CaseStatus {
        .open
    }
}
