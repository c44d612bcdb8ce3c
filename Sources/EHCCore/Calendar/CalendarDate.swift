/// A calendar date with no time and no time zone, as statutory deadlines are counted.
///
/// The regulations count in calendar days, weeks and months; a time of day or a time zone
/// would only invite off-by-one errors around midnight and daylight saving. A `CalendarDate`
/// is stored as the number of days since 1970-01-01, so adding weeks is integer arithmetic
/// and dates sort and compare as integers.
///
/// ```swift
/// let request = CalendarDate("2025-01-06")!
/// request.adding(weeks: 20)            // 2025-05-26
/// CalendarDate("2024-02-29")!.adding(months: 12)   // 2025-02-28 (clamped to the month's end)
/// request.description                  // "2025-01-06"
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let dayNumber: Int

    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// The date of a proleptic Gregorian year, month and day; `nil` when there is no such day, or
    /// the year is not one of four digits (0–9999: what `YYYY-MM-DD` can say), so no stored
    /// value, however large, can overflow the day arithmetic.
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else {
            return nil
        }
        self.dayNumber = CalendarDate.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (other separators, times, missing zeros) is `nil`.
    public init?(_ text: some StringProtocol) {
        if let parsed = text.utf8.withContiguousStorageIfAvailable({ Self(isoDigits: $0) }) {
            guard let parsed else { return nil }
            self = parsed
        } else {
            guard let parsed = Self(isoDigits: Array(text.utf8)) else { return nil }
            self = parsed
        }
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes in place, e.g. a database column's buffer.
    public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        self.init(isoDigits: bytes)
    }

    /// Parses exactly `YYYY-MM-DD` from its UTF-8 bytes, without copying them.
    private init?<Bytes: RandomAccessCollection>(isoDigits bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        withISOBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Hands `body` the UTF-8 bytes of ``description`` without making a `String`: how the store
    /// writes 100,000 cases' dates quickly.
    ///
    /// ```swift
    /// CalendarDate("2025-01-06")!.withISOBytes { Array($0) }   // the 10 bytes of "2025-01-06"
    /// ```
    public func withISOBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let (year, month, day) = civil
        guard (0...9999).contains(year) else {
            let text = CalendarDate.pad(year, 4) + "-" + CalendarDate.pad(month, 2) + "-" + CalendarDate.pad(day, 2)
            return try Array(text.utf8).withUnsafeBufferPointer(body)
        }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { bytes in
            func put(_ value: Int, digits: Int, at offset: Int) {
                var rest = value
                for place in (0..<digits).reversed() {
                    bytes[offset + place] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, digits: 4, at: 0)
            bytes[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5)
            bytes[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 8)
            return try body(UnsafeBufferPointer(bytes))
        }
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// A day after every date ehcdesk stores (9999-12-31), for sorting the undated last.
    public static let distantFuture = CalendarDate(dayNumber: 2_932_896)

    /// `Feb` for any day of February: how charts and periods name a month.
    public var monthAbbreviation: String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    }

    /// `Feb 2026`.
    public var monthAndYear: String { monthAbbreviation + " " + String(year) }

    /// The first day of this date's month: `CalendarDate("2026-02-14")!.firstOfMonth` is 2026-02-01.
    public var firstOfMonth: CalendarDate {
        adding(days: 1 - day)
    }

    public func adding(weeks: Int) -> CalendarDate {
        adding(days: 7 * weeks)
    }

    /// Adds calendar months, clamping to the end of a shorter month (31 January + 1 month = 28 or 29 February).
    public func adding(months: Int) -> CalendarDate {
        let (year, month, day) = civil
        let monthIndex = year * 12 + (month - 1) + months
        let newYear = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let newMonth = monthIndex - newYear * 12 + 1
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return CalendarDate(dayNumber: CalendarDate.daysFromCivil(year: newYear, month: newMonth, day: newDay))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// Monday = 1 … Sunday = 7 (ISO 8601).
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let offset = (dayNumber + 3) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private var civil: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a date in the form YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
