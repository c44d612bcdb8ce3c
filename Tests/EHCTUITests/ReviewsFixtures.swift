import EHCCore
@testable import EHCTUI

/// A small caseload of plans for the reviews screen, judged on ``Fixtures/today`` (2025-11-24).
enum ReviewsFixtures {
    static func plan(_ id: String, _ given: String, born: String, issued: String, caseworker: String = "A. Okafor",
                     reviews: [Review] = [], transfer: PhaseTransfer? = nil) -> EHCCase {
        let issuedOn = CalendarDate(issued)!
        return EHCCase(id: id, child: Child(givenName: given, familyName: "Example", dateOfBirth: CalendarDate(born)!),
                       caseworker: caseworker, requestDate: issuedOn.adding(weeks: -20), requestSource: .parent,
                       decisionToAssess: Decision(date: issuedOn.adding(weeks: -14), outcome: .assess),
                       decisionToIssue: Decision(date: issuedOn.adding(weeks: -4), outcome: .issue),
                       finalPlanIssued: issuedOn, reviews: reviews, phaseTransfer: transfer)
    }

    static let cases: [EHCCase] = [
        // Review 1 due 2025-10-13: overdue, nobody has met.
        plan("EHC-2024-00010", "Amara", born: "2014-02-03", issued: "2024-10-14"),
        // Review 1 due 2025-12-01; met 2025-11-17: report due 2025-12-01, decision 2025-12-15.
        plan("EHC-2024-00020", "Zoë", born: "2013-05-20", issued: "2024-12-02", caseworker: "B. Nguyễn",
             reviews: [Review(meetingDate: CalendarDate("2025-11-17")!)]),
        // An under-5: review 1 due 2026-03-02.
        plan("EHC-2025-00030", "Noah", born: "2022-03-01", issued: "2025-03-03"),
        // Moving to secondary school in September 2026: amended plan due 2026-02-14.
        plan("EHC-2023-00040", "Łukasz", born: "2015-04-30", issued: "2023-06-05",
             reviews: [Review(meetingDate: CalendarDate("2025-04-28")!, reportSent: CalendarDate("2025-05-06")!,
                              decisionDate: CalendarDate("2025-05-12")!, decision: .maintain)],
             transfer: PhaseTransfer(kind: .school, transferYear: 2026)),
        // Review 1 due 2025-09-01, overdue; a meeting is booked for 2025-12-08.
        plan("EHC-2024-00050", "Siobhán", born: "2012-11-11", issued: "2024-09-02",
             reviews: [Review(meetingDate: CalendarDate("2025-12-08")!)]),
        // Ceased at its first review: no row.
        plan("EHC-2023-00060", "Ceased", born: "2010-01-01", issued: "2023-01-09",
             reviews: [Review(meetingDate: CalendarDate("2023-12-04")!, reportSent: CalendarDate("2023-12-11")!,
                              decisionDate: CalendarDate("2023-12-18")!, decision: .cease)]),
    ]

    static var rows: [PlanReviewRow] {
        PlanReviewRow.rows(of: cases, calendar: StatutoryCalendar(), today: Fixtures.today)
    }

    /// The case list of these cases, the reviews screen open and its rows read.
    static func openState(width: Int = 80, height: Int = 24) -> AppState {
        let calendar = StatutoryCalendar()
        var state = AppState(caseload: cases.map { CaseSummary($0, calendar: calendar, today: Fixtures.today) },
                             today: Fixtures.today, databaseLabel: "caseload.sqlite",
                             size: TerminalSize(width: width, height: height))
        _ = state.start()
        _ = reduce(&state, .openReviews)
        _ = reduce(&state, .reviewsLoaded(rows))
        return state
    }
}
