import EHCCore
import Testing
@testable import EHCTUI

/// A data-quality reading over the fixture cases: two UPN errors, a missing primary need, a query.
enum QualityFixtures {
    static func row(_ rule: DataQualityRule, _ caseID: String, _ child: String, _ caseworker: String, _ field: String,
                    _ message: String) -> DataQualityScreen.Row {
        DataQualityScreen.Row(
            finding: DataQualityFinding(rule: rule, personID: caseID, caseID: caseID, field: field, message: message),
            childName: child, familyName: String(child.split(separator: " ").last ?? ""), caseworker: caseworker)
    }

    static let report = DataQualityScreen.Report(census: CalendarDate("2026-01-15")!, rows: [
        row(.upnInvalid, "EHC-2025-00001", "Zoë Müller", "A. Okafor", "child.upn",
            "the check letter of 801200001001 is H, not J: a character is mistyped"),
        row(.upnInvalid, "EHC-2025-00002", "Łukasz Kowalczyk", "B. Nguyễn", "child.upn", "a UPN has 13 characters; \"H80\" has 3"),
        row(.primaryNeed, "EHC-2025-00005", "Sam Example", "A. Okafor", "plan.primaryNeed", "the plan in force has no primary need"),
        row(.ethnicityExtended, "EHC-2025-00003", "Nguyễn Thị Minh Khai", "C. Smith", "child.ethnicity",
            "WENG is not one of the CBDS main codes"),
    ])

    static func openState(width: Int = 80, height: Int = 24) -> AppState {
        var state = Fixtures.loadedState(width: width, height: height)
        _ = reduce(&state, .openDataQuality)
        _ = reduce(&state, .dataQualityLoaded(report))
        return state
    }
}

@Suite("Data quality screen")
struct DataQualityScreenTests {
    @Test("Q opens it and reads the findings; they are grouped by rule in the table's order, with counts")
    func opens() throws {
        var state = Fixtures.loadedState()
        #expect(reduce(&state, .openDataQuality) == [.loadDataQuality])
        _ = reduce(&state, .dataQualityLoaded(QualityFixtures.report))
        let screen = try #require(state.dataQuality)
        #expect(screen.rules.map(\.id) == ["P02", "P08", "S01"])
        #expect(screen.rows.groups.map(\.count) == [2, 1, 1])
        #expect(screen.errors == 3)
        let text = Screen.render(state).text
        #expect(text.contains("Data quality · census 2026-01-15 · 3 errors, 1 queries"))
        #expect(text.contains("P02 error · 2 · the UPN is well formed"))
    }

    @Test("Enter opens the finding's case and says the field and the fix; Esc comes back and reads afresh")
    func opensCase() throws {
        var state = QualityFixtures.openState()
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .moveDown)
        let effects = reduce(&state, .openFindingCase)
        #expect(state.top == .caseDetail)
        #expect(state.selectedCase?.id == "EHC-2025-00003")
        #expect(state.message?.hasPrefix("Fix child.ethnicity: WENG is not one of the CBDS main codes") == true)
        #expect(effects.contains { if case .loadDetail("EHC-2025-00003") = $0 { true } else { false } })
        #expect(reduce(&state, .back) == [.loadDataQuality], "a fix saved meanwhile must show")
    }

    @Test("Enter opens the detail at the field: the SEN2 section for a UPN, at once or when the detail arrives")
    func opensAtField() throws {
        var state = QualityFixtures.openState()
        let sen2Line = "no UPN, ULN or reason recorded"
        func select(_ caseID: String) {
            _ = reduce(&state, .moveToFirst)
            for _ in 0..<10 where state.dataQuality?.selectedRow?.finding.caseID != caseID { _ = reduce(&state, .moveDown) }
        }
        // Łukasz's detail is already loaded: it scrolls at once, from the top where the SEN2 lines are out of sight.
        var top = Fixtures.loadedState()
        _ = reduce(&top, .openDetail)
        #expect(!Screen.render(top).text.contains(sen2Line))
        select("EHC-2025-00002")
        _ = reduce(&state, .openFindingCase)
        #expect(state.detail?.ehcCase.id == "EHC-2025-00002")
        #expect(Screen.render(state).text.contains(sen2Line))
        #expect(state.detailScroll > 0)

        // Another case: the scroll waits for its detail, and a finding on the birth date opens at the top.
        _ = reduce(&state, .back)
        select("EHC-2025-00003")
        _ = reduce(&state, .openFindingCase)
        var other = Fixtures.lukaszDetail.ehcCase
        other.id = "EHC-2025-00003"
        _ = reduce(&state, .detailLoaded(CaseDetail(ehcCase: other, deadlines: Fixtures.lukaszDetail.deadlines)))
        #expect(state.detailScroll > 0)
        #expect(Screen.render(state).text.contains(sen2Line))
        #expect(DetailView.start(showing: "child.dateOfBirth", for: state, width: 60) == 0)
        #expect(DetailView.section(showing: "closed.ceaseReason") == "SEN2")
        #expect(DetailView.section(showing: "exceptions") == "Exceptions")
        #expect(DetailView.section(showing: "reviews") == "Events")
    }

    @Test("the filter, the scope and the order work as on every list screen")
    func listKeys() throws {
        var state = QualityFixtures.openState()
        _ = state.setTopFilterText("okafor")
        #expect(state.dataQuality?.rows.rowLines.count == 2)
        _ = state.setTopFilterText("nguyen")
        #expect(state.dataQuality?.rows.rowLines.compactMap { state.dataQuality?.rows.row(atLine: $0)?.finding.caseID }
                    == ["EHC-2025-00002", "EHC-2025-00003"])
        #expect(Screen.render(state).text.contains("P02 error · 1 · the UPN is well formed, with the right check letter · 1 shown")
                    == false, "the heading counts the rule's findings and says how many are shown")
    }

    @Test("a caseload with nothing to fix says so")
    func empty() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .openDataQuality)
        _ = reduce(&state, .dataQualityLoaded(DataQualityScreen.Report(census: CalendarDate("2026-01-15")!, rows: [])))
        #expect(Screen.render(state).text.contains("Nothing to fix"))
    }
}
