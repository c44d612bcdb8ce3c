import EHCCore
import Testing
@testable import EHCTUI

@Suite("The reviews screen in the reducer")
struct ReviewsScreenTests {
    func shownIDs(_ state: AppState) -> [String] {
        guard let screen = state.reviews else { return [] }
        return (0..<screen.shownCount).compactMap { screen.shownRow($0)?.id }
    }

    @Test("r opens the screen and asks for the plans to be read; Esc closes it")
    func openAndClose() {
        var state = Fixtures.loadedState()
        #expect(Keymap.standard.action(for: .character("r"), in: .list) == .openReviews)
        #expect(reduce(&state, .openReviews) == [.loadReviews])
        #expect(state.keyContext == .reviews)
        #expect(state.reviews?.rows == nil)
        #expect(Keymap.standard.action(for: .escape, in: .reviews) == .back)
        _ = reduce(&state, .back)
        #expect(state.reviews == nil)
        #expect(state.keyContext == .list)
    }

    @Test("every plan in force, overdue with no meeting first, then the soonest date to act by; ceased plans left out")
    func order() {
        let state = ReviewsFixtures.openState()
        #expect(shownIDs(state) == ["EHC-2024-00050", "EHC-2024-00010", "EHC-2024-00020", "EHC-2025-00030",
                                    "EHC-2023-00040"])
    }

    @Test("each filter counts its plans and its key shows them")
    func filters() {
        var state = ReviewsFixtures.openState()
        let screen = state.reviews!
        #expect(ReviewsScreen.Filter.allCases.map(screen.count) == [5, 2, 1, 1, 1])
        #expect(Keymap.standard.action(for: .character("3"), in: .reviews) == .showReviewFilter(.inFlight))
        _ = reduce(&state, .showReviewFilter(.inFlight))
        #expect(shownIDs(state) == ["EHC-2024-00020"])
        #expect(state.reviews?.selectedRow?.inFlight?.key == "reviewReport:1")
        _ = reduce(&state, .showReviewFilter(.underFive))
        #expect(shownIDs(state) == ["EHC-2025-00030"])
    }

    @Test("the transfer filter holds the coming cohort (2026 on 2025-11-24) with days left to 14 February")
    func phaseTransferCohort() {
        var state = ReviewsFixtures.openState()
        _ = reduce(&state, .showReviewFilter(.phaseTransfer))
        #expect(state.reviews?.cohort == 2026)
        #expect(shownIDs(state) == ["EHC-2023-00040"])
        let deadline = state.reviews?.selectedRow?.phaseTransfer
        #expect(deadline?.due == CalendarDate("2026-02-14"))
        #expect(deadline.map { ReviewsView.days($0, today: Fixtures.today) } == "82d left")
    }

    @Test("j, G and g move within the filter's rows, clamped")
    func movement() {
        var state = ReviewsFixtures.openState()
        _ = reduce(&state, .moveDown)
        #expect(state.reviews?.selected == 1)
        _ = reduce(&state, .moveToLast)
        #expect(state.reviews?.selected == 4)
        _ = reduce(&state, .moveDown)
        #expect(state.reviews?.selected == 4)
        _ = reduce(&state, .moveToFirst)
        #expect(state.reviews?.selected == 0)
        #expect(state.selection == 0)
    }

    @Test("Enter shows the plan's case with its detail focused, so e records on it")
    func openCase() {
        var state = ReviewsFixtures.openState()
        _ = reduce(&state, .moveDown)
        let effects = reduce(&state, .openReviewedCase)
        #expect(state.keyContext == .detail)
        #expect(state.selectedCase?.id == "EHC-2024-00010")
        #expect(effects == [.loadDetail(caseID: "EHC-2024-00010")])
    }

    @Test("Enter widens the list to All open when the case is not in the current view")
    func openCaseOutsideView() {
        var state = ReviewsFixtures.openState()
        _ = reduce(&state, .back)
        _ = reduce(&state, .showView(.closed))
        _ = reduce(&state, .openReviews)
        _ = reduce(&state, .reviewsLoaded(ReviewsFixtures.rows))
        _ = reduce(&state, .openReviewedCase)
        #expect(state.preferences.view == .allOpen)
        #expect(state.selectedCase?.id == "EHC-2024-00050")
    }

    @Test("r from the case reads the plans afresh and selects the same plan again")
    func reopenReads() {
        var state = ReviewsFixtures.openState()
        _ = reduce(&state, .showReviewFilter(.overdue))
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .openReviewedCase)
        #expect(reduce(&state, .openReviews) == [.loadReviews])
        #expect(state.reviews?.rows == nil)
        #expect(state.reviews?.filter == .overdue)
        _ = reduce(&state, .reviewsLoaded(ReviewsFixtures.rows))
        #expect(state.reviews?.selectedRow?.id == "EHC-2024-00010")
    }

    @Test("a change by another process while the screen is open reads the plans again")
    func otherProcessChange() {
        var state = ReviewsFixtures.openState()
        let summaries = ReviewsFixtures.cases.map { CaseSummary($0, calendar: StatutoryCalendar(), today: Fixtures.today) }
        #expect(reduce(&state, .caseloadChanged(summaries)).contains(.loadReviews))
        #expect(state.reviews?.rows == nil)
    }
}

@Suite("reviews screen snapshots")
struct ReviewsSnapshotTests {
    @Test("all plans, in flight and the transfer cohort at 80×24 and 160×48",
          arguments: [ReviewsScreen.Filter.all, .inFlight, .phaseTransfer])
    func filter(_ filter: ReviewsScreen.Filter) throws {
        for (width, height) in [(80, 24), (160, 48)] {
            var state = ReviewsFixtures.openState(width: width, height: height)
            _ = reduce(&state, .showReviewFilter(filter))
            try assertSnapshot(Screen.render(state), named: "reviews-\(filter.rawValue)-\(width)x\(height)")
        }
    }

    @Test("while the plans are read, and its help at 80×24")
    func readingAndHelp() throws {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .openReviews)
        try assertSnapshot(Screen.render(state), named: "reviews-reading-80x24")
        _ = reduce(&state, .showHelp)
        try assertSnapshot(Screen.render(state), named: "reviews-help-80x24")
    }
}
