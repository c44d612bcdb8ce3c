import EHCCore
import Testing
@testable import EHCTUI

@Suite("Contributions pane")
struct ContributionsPaneTests {
    /// Łukasz's case with advice in every state: owed and chased, received and adequate, returned.
    static func detail() -> CaseDetail {
        let date = { (text: String) in CalendarDate(text)! }
        var ehcCase = Fixtures.lukaszDetail.ehcCase
        ehcCase.decisionToAssess = Decision(date: date("2025-09-15"), outcome: .assess)
        ehcCase.advice = [
            AdviceRequest(agency: .educationalPsychology, contact: "Dr A. Shah", requested: date("2025-09-15"),
                          chased: [date("2025-10-28"), date("2025-11-11")]),
            AdviceRequest(agency: .health, contact: "Community paediatrics", requested: date("2025-09-15"),
                          received: date("2025-10-20"), quality: .adequate),
            AdviceRequest(agency: .other, detail: "speech and language therapy", requested: date("2025-09-16"),
                          received: date("2025-10-24"), quality: .returned, qualityNote: "no outcomes",
                          returned: date("2025-10-27")),
            AdviceRequest(agency: .parentViews, requested: date("2025-11-03")),
        ]
        let deadlines = StatutoryCalendar().deadlines(for: ehcCase, today: Fixtures.today)
        return CaseDetail(ehcCase: ehcCase, deadlines: deadlines)
    }

    func text(width: Int) -> [String] {
        ContributionsPane.lines(for: Self.detail(), today: Fixtures.today, width: width)
            .map { $0.map(\.text).joined() }
    }

    @Test("one entry per request: contact, asked, due, outstanding days, days over, chases and quality")
    func entries() {
        #expect(text(width: 130) == [
            "Contributions: 3 of 4 outstanding",
            "  Educational psychology · Dr A. Shah",
            "    asked 2025-09-15 · due 2025-10-27 · 70 days outstanding · 28 days over · chased 2×, last 2025-11-11",
            "  Health · Community paediatrics",
            "    asked 2025-09-15 · due 2025-10-27 · received 2025-10-20 · not chased · adequate",
            "  Other (speech and language therapy)",
            "    asked 2025-09-16 · due 2025-10-28 · 69 days outstanding · 27 days over · not chased · RETURNED 2025-10-27: no outcomes",
            "  Parent's views",
            "    asked 2025-11-03 · due 2025-12-15 · 21 days outstanding · due in 21 days · not chased",
            "",
        ])
    }

    @Test("a case with no advice asked has no contributions part")
    func noAdvice() {
        #expect(ContributionsPane.lines(for: Fixtures.lukaszDetail.with(advice: []), today: Fixtures.today, width: 80)
            .isEmpty)
    }

    @Test("detail with contributions at 100×60")
    func snapshot() throws {
        var state = Fixtures.state(width: 100, height: 60)
        _ = state.start()
        _ = reduce(&state, .detailLoaded(Self.detail()))
        _ = reduce(&state, .openDetail)
        for _ in 0..<12 { _ = reduce(&state, .moveDown) }
        try assertSnapshot(Screen.render(state), named: "detail-contributions-100x60")
    }
}

extension CaseDetail {
    func with(advice: [AdviceRequest]) -> CaseDetail {
        var copy = self
        copy.ehcCase.advice = advice
        return copy
    }
}
