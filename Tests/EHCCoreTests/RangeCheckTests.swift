import Testing
@testable import EHCCore

/// Issue 14, class 5: every value is in range before it is stored.
@Suite("Ranges of recorded values")
struct RangeCheckTests {
    let check = ConsistencyCheck()
    let today = day("2025-12-01")

    func errors(_ ehcCase: EHCCase) -> [String: String] {
        Dictionary(check.findings(for: ehcCase, today: today).filter { $0.severity == .error }.map { ($0.path, $0.message) },
                   uniquingKeysWith: { first, _ in first })
    }

    @Test("a transfer year outside the request's year to 25 years on is refused at its path", arguments: [
        100_000_000_000_000_000, -5, 0, 2024, 2051,
    ])
    func transferYear(year: Int) {
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.phaseTransfer = PhaseTransfer(kind: .school, transferYear: year)
        #expect(errors(ehcCase)["phaseTransfer.transferYear"]
            == "Transfer year \(year) is not a year from 2025 to 2050 (the request's year to 25 years on).")
    }

    @Test("the edges of the transfer window are accepted")
    func transferYearEdges() {
        for year in [2025, 2050] {
            var ehcCase = makeCase(request: "2025-01-06")
            ehcCase.phaseTransfer = PhaseTransfer(kind: .school, transferYear: year)
            #expect(errors(ehcCase)["phaseTransfer.transferYear"] == nil, "\(year)")
        }
    }

    @Test("a child over 25 or not yet born at the request is refused; 25 and 364 days is accepted")
    func ageAtRequest() {
        var old = makeCase(request: "2025-01-06")
        old.child.dateOfBirth = day("1999-01-06")
        #expect(errors(old)["child.dateOfBirth"]?.contains("over 25 at the request received 2025-01-06") == true)
        var oldest = makeCase(request: "2025-01-06")
        oldest.child.dateOfBirth = day("1999-01-07")
        #expect(errors(oldest)["child.dateOfBirth"] == nil)
        var unborn = makeCase(request: "2025-01-06")
        unborn.child.dateOfBirth = day("2025-02-01")
        #expect(errors(unborn)["child.dateOfBirth"] == "Date of birth 2025-02-01 is after the request received 2025-01-06.")
    }

    @Test("empty and control-character names are refused at their paths")
    func names() {
        var ehcCase = makeCase(request: "2025-01-06", caseworker: "  ")
        ehcCase.child.givenName = "Sam\u{1B}[2J"
        let found = errors(ehcCase)
        #expect(found["caseworker"] == "Caseworker is empty.")
        #expect(found["child.givenName"] == "Given name contains a control character; type it again without pasting.")
    }

    @Test("references: ASCII letters, digits and - _ / . only, 1 to 40 of them")
    func references() {
        #expect(CaseReference.problem(with: "EHC-2025-00123") == nil)
        #expect(CaseReference.problem(with: "LA/123_a.b") == nil)
        // é precomposed and decomposed would be two references that look alike: neither is allowed.
        for bad in ["EHC-2025-0000\u{E9}", "EHC-2025-0000e\u{301}", "", "EHC 1", "EHC-1\u{1B}", String(repeating: "A", count: 41)] {
            #expect(CaseReference.problem(with: bad) != nil, "\(bad.unicodeScalars.map(\.value))")
        }
        var ehcCase = makeCase(request: "2025-01-06")
        ehcCase.id = "EHC-\u{E9}"
        #expect(errors(ehcCase)["id"]?.hasPrefix("The reference \"EHC-\u{E9}\" may only hold") == true)
    }

    @Test("a year beyond four digits makes no date, so stored values cannot overflow the arithmetic")
    func yearsBeyondFourDigits() {
        #expect(CalendarDate(year: 100_000_000_000_000_000, month: 2, day: 15) == nil)
        #expect(CalendarDate(year: -5, month: 2, day: 15) == nil)
        #expect(CalendarDate(year: 9999, month: 12, day: 31)?.description == "9999-12-31")
        var ehcCase = makeIssuedCase(request: "2024-01-08", final: "2024-05-20")
        ehcCase.phaseTransfer = PhaseTransfer(kind: .school, transferYear: Int.max)
        let deadlines = StatutoryCalendar(settings: Settings()).deadlines(for: ehcCase, today: today)
        #expect(deadlines["phaseTransfer"] != nil)
    }

    @Test("a review meeting scheduled over two years ahead is refused as a mistyped year")
    func farScheduledMeeting() {
        var ehcCase = makeIssuedCase(request: "2024-01-08", final: "2024-05-20")
        ehcCase.reviews = [Review(meetingDate: day("2205-05-01"))]
        #expect(errors(ehcCase)["reviews[0].meetingDate"]?.contains("more than two years after today") == true)
    }
}
