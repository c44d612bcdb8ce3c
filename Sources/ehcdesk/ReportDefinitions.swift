import EHCCore
import EHCStore

/// The footer lines that say how a report counted, shared by every report so they read alike.
///
/// ```swift
/// ReportDefinitions.conventions(effective)
/// // "Counting conventions: counting = eventPlusWeeks (default), reviewPeriod = strict (default), …"
/// ```
enum ReportDefinitions {
    /// The conventions in force and where each came from.
    static func conventions(_ effective: EffectiveSettings) -> String {
        let settings = effective.settings
        let values = [("counting", settings.counting.rawValue), ("reviewPeriod", settings.reviewPeriod.rawValue),
                      ("phaseDeadline", settings.phaseDeadline.rawValue), ("dueSoonDays", String(settings.dueSoonDays))]
        return "Counting conventions: " + values.map { name, value in
            "\(name) = \(value) (\(effective.sources[name] ?? "default"))"
        }.joined(separator: ", ") + "."
    }

    /// A board paper's title: the report, the period, and the authority when `[organisation] name` is set.
    static func title(_ report: String, from: CalendarDate, to: CalendarDate, _ effective: EffectiveSettings) -> String {
        report + ", \(from) to \(to)" + (effective.organisationName.map { " · " + $0 } ?? "")
    }

    /// The period line: both ends included.
    static func period(from: CalendarDate, to: CalendarDate, counted: String) -> String {
        "Period \(from) to \(to), both days included: \(counted)."
    }
}
