import Foundation

/// What a caseworker may type in a date field: `YYYY-MM-DD`, `today`, `yesterday`, or `-3`
/// for three days ago, read against a `today` passed in (never the clock).
///
/// ```swift
/// DateEntry.parse("-3", today: CalendarDate("2025-11-24")!)        // 2025-11-21
/// DateEntry.parse("yesterday", today: CalendarDate("2025-11-24")!) // 2025-11-23
/// DateEntry.parse("24/11/2025", today: today)                      // nil
/// ```
public enum DateEntry {
    /// The words a date field accepts, for hints and refusals.
    public static let hint = "YYYY-MM-DD, today, yesterday or -N (days ago)"

    public static func parse(_ text: String, today: CalendarDate) -> CalendarDate? {
        let entry = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch entry {
        case "today", "t": return today
        case "yesterday", "y": return today.adding(days: -1)
        default: break
        }
        if entry.hasPrefix("-"), let days = Int(entry.dropFirst()), days >= 0, days <= 36_500 {
            return today.adding(days: -days)
        }
        return CalendarDate(entry)
    }
}
