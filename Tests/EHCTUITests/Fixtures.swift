import EHCCore
@testable import EHCTUI

/// A small caseload with the names that break naive terminal code (Zoë, Łukasz, Nguyễn, 李雷)
/// and deadlines in every status, pinned to one day.
enum Fixtures {
    static let today = CalendarDate("2025-11-24")!

    static func deadline(_ key: String, _ kind: DeadlineKind, due: String, status: Deadline.Status,
                         met: String? = nil, excepted: Bool = false) -> Deadline {
        Deadline(key: key, kind: kind, due: CalendarDate(due)!, met: met.flatMap { CalendarDate($0) },
                 status: status, excepted: excepted,
                 explanation: "\(kind.rawValue) due \(due): worked out from the request (Regs 2014 reg 13(2))",
                 source: "Regs 2014 reg 13(2)")
    }

    static func summary(_ id: String, _ child: String, _ caseworker: String, requested: String,
                        next: Deadline?, status: CaseStatus = .open, stage: CaseSummary.Stage = [],
                        atRisk: Bool = false) -> CaseSummary {
        CaseSummary(id: id, childName: child, caseworker: caseworker, setting: nil,
                    requestDate: CalendarDate(requested)!, status: status, nextDeadline: next, stage: stage, isAtRisk: atRisk)
    }

    /// Eight named cases, deliberately out of urgency order, with the stage flags that put at least
    /// one of them in every view (awaiting decision, advice, draft issued, review due, closed).
    static let namedCases: [CaseSummary] = [
        summary("EHC-2025-00001", "Zoë Müller", "A. Okafor", requested: "2025-06-02",
                next: deadline("finalPlan", .finalPlan, due: "2025-10-20", status: .overdue), stage: .awaitingAdvice,
                atRisk: true),
        summary("EHC-2025-00004", "李雷", "李娜", requested: "2025-11-10",
                next: deadline("decisionToAssess", .decisionToAssess, due: "2025-12-22", status: .pending),
                stage: .awaitingDecision),
        summary("EHC-2025-00005", "Sam Example", "A. Okafor", requested: "2024-01-08",
                next: deadline("annualReview:1", .annualReview, due: "2025-12-05", status: .dueSoon), status: .planIssued,
                stage: .reviewDue),
        summary("EHC-2025-00002", "Łukasz Kowalczyk", "B. Nguyễn", requested: "2025-09-01",
                next: deadline("decisionToAssess", .decisionToAssess, due: "2025-10-13", status: .overdue),
                stage: .awaitingDecision),
        summary("EHC-2025-00003", "Nguyễn Thị Minh Khai", "C. Smith", requested: "2025-10-20",
                next: deadline("advice:educationalPsychology", .advice, due: "2025-12-01", status: .dueSoon),
                stage: .awaitingAdvice),
        summary("EHC-2025-00006", "Aoife Ní Bhriain", "D. Evans", requested: "2025-08-04",
                next: deadline("noticeNotToIssue", .noticeNotToIssue, due: "2025-11-24", status: .dueSoon,
                               excepted: true)),
        summary("EHC-2025-00007", "Chloé Gonçalves", "C. Smith", requested: "2025-06-30",
                next: deadline("finalPlan", .finalPlan, due: "2025-11-17", status: .overdue), stage: .draftIssued),
        summary("EHC-2024-00008", "Oliver Twist-Brown", "D. Evans", requested: "2024-02-05",
                next: nil, status: .closed),
    ]

    /// The named cases plus `extra` plain ones due later, for paging.
    static func caseload(extra: Int = 0) -> [CaseSummary] {
        namedCases + (0..<extra).map { index in
            summary("EHC-2025-1\(String(1000 + index).suffix(3))0", "Child \(index)", "E. Patel",
                    requested: "2025-11-03",
                    next: deadline("decisionToAssess", .decisionToAssess, due: "2025-12-15", status: .pending))
        }
    }

    static func state(extra: Int = 0, width: Int = 80, height: Int = 24) -> AppState {
        AppState(caseload: caseload(extra: extra), today: today, databaseLabel: "caseload.sqlite",
                 size: TerminalSize(width: width, height: height))
    }

    /// The detail of Łukasz's case (the most urgent one), with a few events and deadlines.
    static let lukaszDetail: CaseDetail = {
        var ehcCase = EHCCase(
            id: "EHC-2025-00002",
            child: Child(givenName: "Łukasz", familyName: "Kowalczyk", dateOfBirth: CalendarDate("2015-04-30")!,
                         setting: "St Mary's C of E Primary"),
            caseworker: "B. Nguyễn", requestDate: CalendarDate("2025-09-01")!, requestSource: .youngPerson)
        ehcCase.advice = [AdviceRequest(agency: .educationalPsychology, requested: CalendarDate("2025-09-15")!,
                                        chased: [CalendarDate("2025-10-20")!])]
        return CaseDetail(ehcCase: ehcCase, deadlines: [
            deadline("decisionToAssess", .decisionToAssess, due: "2025-10-13", status: .overdue),
            deadline("advice:educationalPsychology", .advice, due: "2025-10-27", status: .overdue),
            deadline("finalPlan", .finalPlan, due: "2026-01-19", status: .pending),
        ])
    }()

    /// A state with the most urgent case selected and its detail loaded.
    static func loadedState(extra: Int = 0, width: Int = 80, height: Int = 24) -> AppState {
        var state = state(extra: extra, width: width, height: height)
        _ = state.start()
        _ = reduce(&state, .detailLoaded(lukaszDetail))
        return state
    }
}
