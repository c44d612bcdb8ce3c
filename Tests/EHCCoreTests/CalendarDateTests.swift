import Testing
@testable import EHCCore

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("parsing rejects impossible days, missing zeros and stray spaces", arguments: [
        "2025-02-30", "2025-1-06", " 2025-01-06", "2025-01-06 ", "2025/01/06", "2023-02-29",
    ])
    func rejects(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test("parsing and printing round-trip")
    func roundTrip() {
        #expect(CalendarDate("2024-02-29")?.description == "2024-02-29")
    }

    @Test("adding 12 months to 29 February clamps to 28 February")
    func monthClamp() {
        #expect(day("2024-02-29").adding(months: 12) == day("2025-02-28"))
        #expect(day("2025-01-31").adding(months: 1) == day("2025-02-28"))
    }

    @Test("weeks cross the year end")
    func yearEnd() {
        #expect(day("2025-12-29").adding(weeks: 1) == day("2026-01-05"))
    }
}

@Test("a date's ISO bytes are its description, padded, for early and late years")
func isoBytesPadded() {
    for text in ["0001-01-01", "0999-12-31", "2024-02-29", "9999-12-31"] {
        let date = CalendarDate(text)!
        #expect(date.description == text)
        #expect(date.withISOBytes { Array($0) } == Array(text.utf8))
    }
}
