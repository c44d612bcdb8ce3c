/// One year's SEN2 collection: its census date and the calendar year of activity it reports.
///
/// The return for `year` counts the caseload on the census date (a Thursday in January of `year`)
/// and the activity of the previous calendar year. Census dates come from a table of known dates
/// (`../shared/domain/sen2.md` §1); a year not in it is refused rather than guessed, so a return is
/// never sent against the wrong day. Adding a year is one line.
///
/// ```swift
/// let collection = SEN2Collection.year(2026)!
/// collection.census        // 2026-01-15
/// collection.periodStart   // 2025-01-01
/// ```
public struct SEN2Collection: Sendable, Hashable {
    public let year: Int
    public let census: CalendarDate

    /// The known census dates, [S] in `sen2.md`: the third Thursday of January in each.
    public static let known: [SEN2Collection] = [
        SEN2Collection(year: 2025, census: CalendarDate(year: 2025, month: 1, day: 16)),
        SEN2Collection(year: 2026, census: CalendarDate(year: 2026, month: 1, day: 15)),
        SEN2Collection(year: 2027, census: CalendarDate(year: 2027, month: 1, day: 21)),
    ].compactMap { $0 }

    private init?(year: Int, census: CalendarDate?) {
        guard let census else { return nil }
        self.year = year
        self.census = census
    }

    /// The collection of `year`, or `nil` when its census date is not known.
    public static func year(_ year: Int) -> SEN2Collection? {
        known.first { $0.year == year }
    }

    /// The first collection whose census falls on or after `day`: the return being prepared.
    public static func coming(after day: CalendarDate) -> SEN2Collection? {
        known.first { $0.census >= day }
    }

    /// The census data quality is checked against by default: the coming one, or, past the
    /// last known, the same day a year on.
    public static func censusToCheck(after day: CalendarDate) -> CalendarDate {
        coming(after: day)?.census ?? day.adding(months: 12)
    }

    /// 1 January of the year before: the first day of activity reported.
    public var periodStart: CalendarDate { Self.activity(beforeCensus: census).start }
    /// 31 December of the year before.
    public var periodEnd: CalendarDate { Self.activity(beforeCensus: census).end }

    /// The activity a census reports: the calendar year before it.
    public static func activity(beforeCensus census: CalendarDate) -> (start: CalendarDate, end: CalendarDate) {
        (CalendarDate(year: census.year - 1, month: 1, day: 1) ?? census,
         CalendarDate(year: census.year - 1, month: 12, day: 31) ?? census)
    }

    /// The years a message can name, for refusals: "2025, 2026 or 2027".
    public static var knownYears: String {
        let years = known.map { String($0.year) }
        return years.dropLast().joined(separator: ", ") + (years.count > 1 ? " or " : "") + (years.last ?? "")
    }
}

/// SEN2's codes for ehcdesk's own vocabularies: each mapping in one place, both ways.
///
/// ```swift
/// SEN2Codes.requestSource(.school)   // "2"
/// SEN2Codes.sex("F")                 // .female
/// ```
public enum SEN2Codes {
    /// `RequestSource`: 1 the child's parent or the young person, 2 a school or other setting,
    /// 3 a health professional, 4 a social care professional, 5 other.
    public static func requestSource(_ source: RequestSource) -> String {
        switch source {
        case .parent, .youngPerson: "1"
        case .school: "2"
        case .health: "3"
        case .socialCare: "4"
        case .other: "5"
        }
    }

    /// The request source a SEN2 code reads as; code 1 is read as the parent (SEN2 does not tell
    /// a parent from a young person).
    public static func requestSource(_ code: String) -> RequestSource? {
        switch code {
        case "1": .parent
        case "2": .school
        case "3": .health
        case "4": .socialCare
        case "5": .other
        default: nil
        }
    }

    public static func sex(_ sex: Sex) -> String { sex == .male ? "M" : "F" }

    public static func sex(_ code: String) -> Sex? {
        switch code {
        case "M": .male
        case "F": .female
        default: nil
        }
    }

    /// `ReviewOutcome`: `A` amend, `C` cease, `M` maintain.
    public static func reviewOutcome(_ decision: ReviewDecision) -> String {
        switch decision {
        case .amend: "A"
        case .cease: "C"
        case .maintain: "M"
        }
    }

    public static func reviewOutcome(_ code: String) -> ReviewDecision? {
        switch code {
        case "A": .amend
        case "C": .cease
        case "M": .maintain
        default: nil
        }
    }

    public static func flag(_ value: Bool) -> String { value ? "1" : "0" }

    public static func flag(_ code: String) -> Bool? {
        switch code {
        case "1": true
        case "0": false
        default: nil
        }
    }

    /// Exactly `count` ASCII digits: a URN (6), a UKPRN (8), an LA number (3).
    public static func isDigits(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A 3-digit LA number, e.g. `886`.
    public static func isLANumber(_ text: String) -> Bool { isDigits(text, count: 3) }

    /// A code as a person types or a file holds it (a UPN, an ethnicity code, a postcode, a URN):
    /// 1 to 20 printable ASCII characters. Whether it is a *valid* code is for ``DataQualityCheck``,
    /// which says how to fix it.
    public static func isTypedCode(_ text: String) -> Bool {
        (1...20).contains(text.utf8.count) && text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }

    /// The CBDS main ethnicity codes (`sen2.md` §3); extended codes of four letters are queried, not refused.
    public static let mainEthnicities: Set<String> = [
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
        "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    ]
}
