import EHCCore
import Testing
@testable import EHCTUI

/// Owed advice on three of the fixture's cases, judged by the real engine on the fixture's day.
enum OwedFixtures {
    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    static func assessment(_ id: String, _ given: String, _ family: String, caseworker: String, request: String,
                           advice: [AdviceRequest]) -> EHCCase {
        var ehcCase = EHCCase(id: id, child: Child(givenName: given, familyName: family, dateOfBirth: date("2016-01-01")),
                              caseworker: caseworker, requestDate: date(request), requestSource: .parent)
        ehcCase.decisionToAssess = Decision(date: date(request).adding(days: 14), outcome: .assess)
        ehcCase.advice = advice
        return ehcCase
    }

    static let cases: [EHCCase] = [
        assessment("EHC-2025-00002", "Łukasz", "Kowalczyk", caseworker: "B. Nguyễn", request: "2025-09-01", advice: [
            AdviceRequest(agency: .educationalPsychology, contact: "Dr A. Shah", requested: date("2025-09-15"),
                          chased: [date("2025-10-28"), date("2025-11-11")]),
            AdviceRequest(agency: .health, contact: "Community paediatrics", requested: date("2025-09-15")),
        ]),
        assessment("EHC-2025-00003", "Nguyễn Thị", "Minh Khai", caseworker: "C. Smith", request: "2025-10-20", advice: [
            AdviceRequest(agency: .educationalPsychology, requested: date("2025-11-03")),
            AdviceRequest(agency: .other, detail: "speech and language therapy", contact: "Ms Obi",
                          requested: date("2025-11-03"), received: date("2025-11-17"), quality: .returned,
                          qualityNote: "no outcomes", returned: date("2025-11-18")),
        ]),
        assessment("EHC-2025-00001", "Zoë", "Müller", caseworker: "A. Okafor", request: "2025-06-02", advice: [
            AdviceRequest(agency: .health, requested: date("2025-06-20"), received: date("2025-07-20")),
            AdviceRequest(agency: .socialCare, contact: "SW Patel", requested: date("2025-06-20"),
                          chased: [date("2025-08-10")]),
        ]),
    ]

    static let owed = WhoOwesWhat(cases: cases, calendar: StatutoryCalendar(), today: Fixtures.today)
    static let versions = ["EHC-2025-00001": 4, "EHC-2025-00002": 2, "EHC-2025-00003": 1]

    static func openState(width: Int = 80, height: Int = 24) -> AppState {
        var state = Fixtures.loadedState(width: width, height: height)
        _ = reduce(&state, .openWhoOwes)
        _ = reduce(&state, .whoOwesLoaded(owed, versions: versions))
        return state
    }
}

@Suite("Who owes what: reducer")
struct WhoOwesReducerTests {
    @Test("w opens the screen and asks for the owed advice; Esc goes back to the cases")
    func openAndClose() {
        var state = Fixtures.loadedState()
        #expect(Keymap.standard.action(for: .character("w"), in: state.keyContext) == .openWhoOwes)
        #expect(reduce(&state, .openWhoOwes) == [.loadWhoOwes])
        #expect(state.keyContext == .whoOwes)
        #expect(Keymap.standard.action(for: .escape, in: state.keyContext) == .back)
        _ = reduce(&state, .back)
        #expect(state.whoOwes == nil)
        #expect(state.keyContext == .list)
    }

    @Test("the first request of the first agency is selected, and j moves to the next across agencies")
    func selection() {
        var state = OwedFixtures.openState()
        #expect(state.whoOwes?.selectedItem?.caseID == "EHC-2025-00002")
        #expect(state.whoOwes?.selectedItem?.advice.agency == .educationalPsychology)
        _ = reduce(&state, .moveDown)
        _ = reduce(&state, .moveDown)
        #expect(state.whoOwes?.selectedItem?.advice.agency == .health)
        _ = reduce(&state, .moveToLast)
        #expect(state.whoOwes?.selectedItem?.advice.agency == .other)
    }

    @Test("v asks to record the selected request received today, at the version it was read")
    func markReceived() {
        var state = OwedFixtures.openState()
        #expect(reduce(&state, .markAdviceReceived) == [.changeAdvice(AdviceChange(
            caseID: "EHC-2025-00002", position: 0, expectedVersion: 2, kind: .received, day: Fixtures.today))])
    }

    @Test("c asks to record a chase today")
    func chase() {
        var state = OwedFixtures.openState()
        #expect(reduce(&state, .chaseAdvice) == [.changeAdvice(AdviceChange(
            caseID: "EHC-2025-00002", position: 0, expectedVersion: 2, kind: .chased, day: Fixtures.today))])
    }

    @Test("x asks why, typed keys go into the note, and Enter asks to record the return")
    func returnWithNote() {
        var state = OwedFixtures.openState()
        _ = reduce(&state, .startReturnNote)
        #expect(state.keyContext == .returnNote)
        for character in "no outcomes" {
            _ = reduce(&state, Keymap.standard.action(for: .character(character), in: state.keyContext)!)
        }
        #expect(reduce(&state, .commitReturnNote) == [.changeAdvice(AdviceChange(
            caseID: "EHC-2025-00002", position: 0, expectedVersion: 2, kind: .returned(note: "no outcomes"),
            day: Fixtures.today))])
        #expect(state.keyContext == .whoOwes)
    }

    @Test("an empty return note is refused with a message and nothing is asked")
    func emptyNote() {
        var state = OwedFixtures.openState()
        _ = reduce(&state, .startReturnNote)
        #expect(reduce(&state, .commitReturnNote) == [])
        #expect(state.message == "Say what is missing from the advice (Esc cancels)")
    }

    @Test("after a save the screen is read again, so its counts follow")
    func reloadAfterSave() {
        var state = OwedFixtures.openState()
        let detail = Fixtures.lukaszDetail
        let summary = Fixtures.namedCases[3]
        let edit = CaseEdit(edited: detail.ehcCase, expectedVersion: 2, summary: "advice received", before: detail.ehcCase)
        let effects = reduce(&state, .saved(SavedChange(summary: summary, detail: detail, edit: edit)))
        #expect(effects.last == .loadWhoOwes)
        #expect(state.message?.hasPrefix("Saved EHC-2025-00002") == true)
        #expect(state.undoStack.count == 1)
    }

    @Test("another process's change is read into the screen too")
    func reloadAfterOthersChange() {
        var state = OwedFixtures.openState()
        #expect(reduce(&state, .caseloadChanged(Fixtures.caseload())).last == .loadWhoOwes)
    }

    @Test("Enter opens the selected request's case with its detail over the screen; Esc goes back to it, read afresh")
    func openCase() {
        var state = OwedFixtures.openState()
        _ = reduce(&state, .moveToLast)
        let effects = reduce(&state, .openOwedCase)
        #expect(state.top == .caseDetail)
        #expect(state.selectedCase?.id == "EHC-2025-00003")
        #expect(state.focus == .detail)
        #expect(effects.contains(.loadDetail(caseID: "EHC-2025-00003")))
        #expect(reduce(&state, .back) == [.loadWhoOwes])
        #expect(state.keyContext == .whoOwes)
    }

    @Test("page down keeps the selection on screen on a long list")
    func scrolling() throws {
        let many = (0..<40).map { index in
            OwedFixtures.assessment("EHC-2025-1\(1000 + index)", "Child", "\(index)", caseworker: "E. Patel",
                                    request: "2025-09-01", advice: [AdviceRequest(agency: .health, requested: OwedFixtures.date("2025-09-15"))])
        }
        var state = Fixtures.loadedState()
        _ = reduce(&state, .openWhoOwes)
        _ = reduce(&state, .whoOwesLoaded(WhoOwesWhat(cases: many, calendar: StatutoryCalendar(), today: Fixtures.today),
                                          versions: [:]))
        _ = reduce(&state, .pageDown)
        _ = reduce(&state, .pageDown)
        let rows = try #require(state.whoOwes?.rows)
        let line = rows.rowLines[rows.selected]
        #expect(rows.selected > 20)
        #expect(line >= rows.scroll && line < rows.scroll + WhoOwesScreen.visibleLines(in: state.size))
    }
}

@Suite("Who owes what: changes to advice")
struct AdviceChangeTests {
    let ehcCase = OwedFixtures.cases[1]

    @Test("received clears a return and is summarised for the audit trail")
    func receivedAfterReturn() throws {
        let change = AdviceChange(caseID: ehcCase.id, position: 1, expectedVersion: 1, kind: .received, day: Fixtures.today)
        let edit = try change.edit(of: ehcCase, check: ConsistencyCheck(), today: Fixtures.today)
        #expect(edit.edited.advice[1].received == Fixtures.today)
        #expect(edit.edited.advice[1].quality == nil)
        #expect(edit.summary == "advice received from Other (speech and language therapy) on 2025-11-24")
        #expect(edit.before == ehcCase)
    }

    @Test("a chase is added to the request's chase history and summarised")
    func chased() throws {
        let change = AdviceChange(caseID: ehcCase.id, position: 0, expectedVersion: 1, kind: .chased, day: Fixtures.today)
        let edit = try change.edit(of: ehcCase, check: ConsistencyCheck(), today: Fixtures.today)
        #expect(edit.edited.advice[0].chased == [Fixtures.today])
        #expect(edit.summary == "advice chased from Educational psychology on 2025-11-24")
    }

    @Test("a return records the receipt and the return today, with the note")
    func returned() throws {
        let change = AdviceChange(caseID: ehcCase.id, position: 0, expectedVersion: 1, kind: .returned(note: "thin"),
                                  day: Fixtures.today)
        let item = try change.edit(of: ehcCase, check: ConsistencyCheck(), today: Fixtures.today).edited.advice[0]
        #expect((item.received, item.returned, item.quality, item.qualityNote)
            == (Fixtures.today, Fixtures.today, .returned, "thin"))
        #expect(item.isOutstanding)
    }

    @Test("a request no longer owed is refused")
    func noLongerOwed() {
        var received = ehcCase
        received.advice[0].markReceived(on: OwedFixtures.date("2025-11-20"))
        let change = AdviceChange(caseID: ehcCase.id, position: 0, expectedVersion: 1, kind: .chased, day: Fixtures.today)
        #expect(throws: FormRefusal(field: nil, message: "that advice on \(ehcCase.id) is no longer awaited; the list is read again")) {
            try change.edit(of: received, check: ConsistencyCheck(), today: Fixtures.today)
        }
    }

    @Test("a change the core finds inconsistent is refused with its reason")
    func inconsistent() {
        let change = AdviceChange(caseID: ehcCase.id, position: 0, expectedVersion: 1, kind: .received,
                                  day: OwedFixtures.date("2025-11-01"))
        #expect(throws: FormRefusal(field: nil, message:
            "Educational psychology advice received 2025-11-01 is before its request on 2025-11-03.")) {
            try change.edit(of: ehcCase, check: ConsistencyCheck(), today: Fixtures.today)
        }
    }
}

@Suite("Who owes what: snapshots")
struct WhoOwesSnapshotTests {
    @Test("who owes what at 80×24")
    func narrow() throws {
        try assertSnapshot(Screen.render(OwedFixtures.openState()), named: "who-owes-80x24")
    }

    @Test("who owes what at 140×30, the second request selected")
    func wide() throws {
        var state = OwedFixtures.openState(width: 140, height: 30)
        _ = reduce(&state, .moveDown)
        try assertSnapshot(Screen.render(state), named: "who-owes-140x30")
    }

    @Test("typing a return note at 100×24")
    func note() throws {
        var state = OwedFixtures.openState(width: 100, height: 24)
        _ = reduce(&state, .startReturnNote)
        for character in "no outcomes" { _ = reduce(&state, .type(character)) }
        try assertSnapshot(Screen.render(state), named: "who-owes-note-100x24")
    }

    @Test("help lists the screen's keys")
    func help() throws {
        var state = OwedFixtures.openState(width: 100, height: 30)
        _ = reduce(&state, .showHelp)
        try assertSnapshot(Screen.render(state), named: "who-owes-help-100x30")
    }
}

@Suite("A chase recorded twice on one day")
struct RepeatedChaseTests {
    static var chasedToday: [EHCCase] {
        var cases = OwedFixtures.cases
        cases[0].advice[0].chased.append(Fixtures.today)
        return cases
    }

    @Test("c on a request already chased today says so and asks for nothing to be saved")
    func onTheScreen() {
        var state = Fixtures.loadedState()
        _ = reduce(&state, .openWhoOwes)
        _ = reduce(&state, .whoOwesLoaded(WhoOwesWhat(cases: Self.chasedToday, calendar: StatutoryCalendar(),
                                                      today: Fixtures.today), versions: OwedFixtures.versions))
        #expect(state.whoOwes?.selectedItem?.caseID == "EHC-2025-00002")
        #expect(reduce(&state, .chaseAdvice).isEmpty)
        #expect(state.message == "A chase of Educational psychology on 2025-11-24 is already recorded; nothing was added.")
    }

    @Test("the same change arriving at the runtime (another screen chased first) is refused too")
    func atTheRuntime() {
        let change = AdviceChange(caseID: "EHC-2025-00002", position: 0, expectedVersion: 2, kind: .chased, day: Fixtures.today)
        #expect(throws: FormRefusal.self) { try change.edit(of: Self.chasedToday[0], check: ConsistencyCheck(), today: Fixtures.today) }
        #expect((try? change.edit(of: OwedFixtures.cases[0], check: ConsistencyCheck(), today: Fixtures.today)) != nil)
    }
}
