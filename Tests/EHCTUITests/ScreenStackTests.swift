import Foundation
import EHCCore
import Testing
@testable import EHCTUI

@Suite("The screen stack")
struct ScreenStackTests {
    @Test("Esc pops one screen at a time back to the case list, whatever was opened from what")
    func escapePops() {
        var state = OwedFixtures.openState()
        _ = reduce(&state, .openDashboard)
        _ = reduce(&state, .openReviews)
        #expect(state.stack.map(\.keyContext) == [.list, .whoOwes, .dashboard, .reviews])
        _ = reduce(&state, .back)
        #expect(state.keyContext == .dashboard)
        _ = reduce(&state, .back)
        #expect(state.keyContext == .whoOwes)
        _ = reduce(&state, .back)
        #expect(state.stack == [.caseList])
        _ = reduce(&state, .back)
        #expect(state.stack == [.caseList])
    }

    @Test("opening a screen already on the stack goes back to it rather than piling up a second")
    func noTwoOfAKind() {
        var state = ReviewsFixtures.openState()
        _ = reduce(&state, .openReviewedCase)
        #expect(state.stack.map(\.keyContext) == [.list, .reviews, .detail])
        #expect(reduce(&state, .openReviews) == [.loadReviews])
        #expect(state.stack.map(\.keyContext) == [.list, .reviews])
    }

    @Test("q quits from the case list, and asks first from any other screen; y quits, any other key stays",
          arguments: [Action.openDashboard, .openReviews, .openWhoOwes])
    func quitAsksAwayFromTheList(opening: Action) {
        var state = Fixtures.loadedState()
        #expect(reduce(&state, .quit) == [.quit])
        _ = reduce(&state, opening)
        #expect(reduce(&state, .quit).isEmpty)
        #expect(state.keyContext == .confirmQuit)
        #expect(Screen.render(state).text.contains("Quit ehcdesk?"))
        let stay = Keymap.standard.resolve(.character("j"), in: state.keyContext)
        #expect(reduce(&state, stay).isEmpty)
        #expect(state.overlay == nil)
        _ = reduce(&state, .quit)
        #expect(reduce(&state, Keymap.standard.resolve(.character("y"), in: state.keyContext)) == [.quit])
    }

    @Test("a key with no meaning on the screen says so and names ? for the keys")
    func unboundKeySays() {
        var state = ReviewsFixtures.openState()
        let action = Keymap.standard.resolve(.character("z"), in: state.keyContext)
        #expect(action == .unbound(.character("z")))
        _ = reduce(&state, action)
        #expect(state.message == "No action for z here; ? lists the keys")
        #expect(Screen.render(state).text.contains("No action for z here; ? lists the keys"))
    }

    @Test("every key of every screen context does something: an action, text, or a message saying it has none",
          arguments: KeyContext.allCases)
    func noKeySwallowed(context: KeyContext) {
        let keys: [Key] = [.up, .down, .pageUp, .pageDown, .home, .end, .enter, .tab, .backTab, .escape, .backspace,
                           .control("x")] + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?[]-".map(Key.character)
        for key in keys { _ = Keymap.standard.resolve(key, in: context) }
        #expect(Keymap.standard.conflicts().isEmpty)
    }

    @Test("the message line keeps the session's messages; M lists them, newest last")
    func messageHistory() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .unbound(.character("z")))
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .unbound(.character("x")))
        #expect(state.messageHistory == ["No action for z here; ? lists the keys", "No action for x here; ? lists the keys"])
        _ = reduce(&state, Keymap.standard.resolve(.character("M"), in: state.keyContext))
        let text = Screen.render(state).text
        #expect(text.contains("Messages, newest last"))
        #expect(text.contains("No action for z here"))
    }

    @Test("a long message wraps over the rows above the footer instead of being cut")
    func longMessageWraps() {
        var state = Fixtures.loadedState()
        let long = "Not saved: EHC-2025-00002 was changed by r.other at 10:42 since you opened it; "
            + "your change is not written and the case as it is now is shown; record it again if it still applies"
        _ = reduce(&state, .saveRefused(message: long, fresh: nil, summary: nil))
        let rows = Screen.render(state).text.split(separator: "\n").prefix(24).suffix(3)
        #expect(rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == long)
    }
}

@Suite("One list on every list screen")
struct ListScreenTests {
    func reviewIDs(_ state: AppState) -> [String] {
        guard let screen = state.reviews else { return [] }
        return (0..<screen.shownCount).compactMap { screen.shownRow($0)?.id }
    }

    func owedIDs(_ state: AppState) -> [String] {
        guard let screen = state.whoOwes else { return [] }
        return screen.rows.rowLines.compactMap { screen.rows.row(atLine: $0)?.caseID }
    }

    func type(_ text: String, into state: inout AppState) {
        _ = reduce(&state, Keymap.standard.resolve(.character("/"), in: state.keyContext))
        for character in text { _ = reduce(&state, Keymap.standard.resolve(.character(character), in: state.keyContext)) }
        _ = reduce(&state, Keymap.standard.resolve(.enter, in: state.keyContext))
    }

    @Test("/ filters the reviews: a caseworker's name without its accent finds their plans only")
    func reviewsFilter() {
        var state = ReviewsFixtures.openState()
        type("nguyen", into: &state)
        #expect(reviewIDs(state) == ["EHC-2024-00020"])
        #expect(Screen.render(state).text.contains("/nguyen"))
        _ = reduce(&state, .startFilter)
        _ = reduce(&state, .clearFilter)
        #expect(reviewIDs(state).count == 5)
    }

    @Test("/ filters who owes what, agencies with nothing left dropped")
    func whoOwesFilter() {
        var state = OwedFixtures.openState()
        type("zoe", into: &state)
        #expect(owedIDs(state) == ["EHC-2025-00001"])
        #expect(state.whoOwes?.rows.lines.count == 2)
    }

    @Test("the audit queue filters like every list, and its progress counts the whole sample")
    func auditQueueFilter() {
        var state = EveryScreenSnapshotTests.state("audit-queue", size: TerminalSize(width: 80, height: 24))
        type("zoe", into: &state)
        #expect(state.auditQueue?.rows?.map(\.caseID) == ["EHC-2025-00001"])
        #expect(state.auditQueue?.progress == "1 of 2 done")
    }

    @Test("m shows only my plans on the reviews and my requests on who owes what, and the whole team again")
    func mineOnEveryList() {
        var state = OwedFixtures.openState()
        state.preferences.caseworker = "C. Smith"
        _ = reduce(&state, .toggleMine)
        #expect(Set(owedIDs(state)) == ["EHC-2025-00003"])
        _ = reduce(&state, .openReviews)
        _ = reduce(&state, .reviewsLoaded(ReviewsFixtures.rows))
        #expect(reviewIDs(state).isEmpty)
        _ = reduce(&state, .toggleMine)
        #expect(reviewIDs(state).count == 5)
    }

    @Test("s sorts the reviews by reference, then by the child's family name")
    func reviewsSort() {
        var state = ReviewsFixtures.openState()
        _ = reduce(&state, .nextSortOrder)
        #expect(reviewIDs(state) == ["EHC-2023-00040", "EHC-2024-00010", "EHC-2024-00020", "EHC-2024-00050",
                                     "EHC-2025-00030"])
        #expect(Screen.render(state).text.contains("by reference"))
    }

    @Test("sorting keeps the selected plan selected and on screen, scrolling to it")
    func sortKeepsSelectionVisible() {
        var state = ReviewsFixtures.openState(width: 80, height: 6)
        #expect(state.reviews?.selectedRow?.id == "EHC-2024-00050")
        _ = reduce(&state, .nextSortOrder)
        #expect(state.reviews?.selectedRow?.id == "EHC-2024-00050")
        #expect(state.reviews?.selected == 3)
        let scroll = state.reviews?.scroll ?? -1
        #expect(scroll >= 2 && scroll <= 3, "two rows on screen (6 rows tall): the selected fourth row is one of them")
    }

    @Test("an agency heading says how many of its requests are shown under a filter")
    func headingCountsShown() {
        var state = OwedFixtures.openState()
        type("lukasz", into: &state)
        let text = Screen.render(state).text
        #expect(text.contains("Educational psychology: 2 owed, 1 overdue · 1 shown"))
        #expect(text.contains("Health: 1 owed, 1 overdue\n"), "all of Health's shown: no count")
    }

    @Test("the folded filter ignores apostrophes, hyphens and spaces as well as case and accents",
          arguments: [("oneill", "Niamh O'Neill"), ("o'neill", "Niamh O'Neill"), ("mensahclarke", "Ama Mensah-Clarke"),
                      ("mensah clarke", "Ama Mensah-Clarke"), ("NÍ BHRIAIN", "Aoife Ní Bhriain"), ("aoifeni", "Aoife Ní Bhriain"),
                      ("lodz", "Łódź Nowak")])
    func foldedFilter(query: String, name: String) {
        let key = CaseSummary.searchKey(of: [name])
        let words = CaseSummary.folded(query).split(separator: " ")
        #expect(words.allSatisfy { key.contains($0) }, "\(query) finds \(name)")
    }

    @Test("the case list sorts by family name, then by given name: UK files go by family name")
    func familyNameSort() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .nextSortOrder)   // reference
        _ = reduce(&state, .nextSortOrder)   // family name
        #expect(state.sortOrder == .familyName)
        // Written out by hand: Bhriain, Example, Gonçalves, Khai, Kowalczyk, Müller, 雷 (the fixture gives no
        // family names, so the last word stands for it).
        #expect(state.caseload.map(\.childName) == ["Aoife Ní Bhriain", "Sam Example", "Chloé Gonçalves",
                                                    "Nguyễn Thị Minh Khai", "Łukasz Kowalczyk", "Zoë Müller", "李雷"])
        _ = reduce(&state, .nextSortOrder)
        #expect(state.sortOrder == .givenName)
        #expect(state.caseload.first?.childName == "Aoife Ní Bhriain")
    }

    @Test("columns: fixed ones keep their width, a status is never cut, the highest givesWay goes first")
    func columnWidths() {
        let columns = [
            ListColumn("Reference", .fixed(14)),
            ListColumn("Child", .flexible(minimum: 10, maximum: 30, share: 1)),
            ListColumn("Extra", .fixed(20), givesWay: 1),
            ListColumn("Status", .fixed(13)),
        ]
        #expect(ListLayout.widths(columns, width: 200) == [14, 30, 20, 13])
        #expect(ListLayout.widths(columns, width: 62) == [14, 10, 20, 13])
        #expect(ListLayout.widths(columns, width: 61) == [14, 30, 0, 13])
        #expect(ListLayout.widths(columns, width: 45) == [14, 14, 0, 13])
        #expect(ListLayout.widths(columns, width: 20) == [14, 10, 0, 13])
    }
}

@Suite("Escape sequences the terminal description does not know")
struct EscapeSequenceTests {
    @Test("Home, End and the rest sent as ESC [ n ~ are their keys", arguments: [
        ("[1~", Key.home), ("[7~", .home), ("[H", .home), ("OH", .home), ("[4~", .end), ("[8~", .end), ("[F", .end),
        ("[5~", .pageUp), ("[6~", .pageDown), ("[A", .up), ("OB", .down), ("[Z", .backTab),
    ])
    func known(sequence: String, key: Key) {
        #expect(EscapeSequence.isComplete(sequence))
        #expect(EscapeSequence.key(for: sequence) == key)
    }

    @Test("an unknown sequence is complete at its final character and stands for no key, never for its characters",
          arguments: ["[15~", "[1;5C", "[200~", "OP"])
    func unknown(sequence: String) {
        #expect(EscapeSequence.isComplete(sequence))
        #expect(!EscapeSequence.isComplete(String(sequence.dropLast())) || sequence.hasPrefix("O"))
        if sequence != "OP" { #expect(EscapeSequence.key(for: sequence) == nil) }
    }
}
