import EHCCore
import GRDB
import Foundation

/// A fresh folder under the system temporary directory, removed when the test is done with it.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "ehcdesk-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A small case with every kind of fact, for round trips.
func sampleCase(id: String = "EHC-2025-00001") -> EHCCase {
    let date = { (text: String) in CalendarDate(text)! }
    return EHCCase(
        id: id,
        child: Child(givenName: "Zoë", familyName: "Nguyễn", dateOfBirth: date("2016-03-02"), setting: "Oakfield Primary",
                     personID: "P-000017",
                     details: PersonDetails(upn: "H801200001001", upnUnknown: nil, sex: .female, ethnicity: "AOTH",
                                            postcode: "AB1 2CD")),
        caseworker: "A. Caseworker", requestDate: date("2025-01-06"), requestSource: .parent,
        decisionToAssess: Decision(date: date("2025-02-10"), outcome: .assess),
        advice: [
            AdviceRequest(agency: .educationalPsychology, contact: "Dr A. Shah", requested: date("2025-02-11"),
                          received: date("2025-03-20"), chased: [date("2025-03-18")], quality: .adequate),
            AdviceRequest(agency: .other, detail: "speech and language therapy", requested: date("2025-02-11")),
            AdviceRequest(agency: .health, contact: "Community paediatrics, Dr O'Neill", requested: date("2025-02-11"),
                          received: date("2025-03-10"), quality: .returned, qualityNote: "no health outcomes, \"see notes\"",
                          returned: date("2025-03-12")),
        ],
        decisionToIssue: Decision(date: date("2025-04-01"), outcome: .issue),
        draftPlanIssued: date("2025-04-14"), finalPlanIssued: date("2025-05-20"),
        exceptions: [StatutoryException(ground: .personalCircumstances, appliesTo: ["finalPlan"], from: date("2025-03-01"),
                                        to: date("2025-03-28"), note: "family bereavement", parentInformed: date("2025-03-03"))],
        reviews: [Review(meetingDate: date("2026-04-30"), reportSent: date("2026-05-08"), decisionDate: date("2026-05-20"),
                         decision: .amend, amendmentProposed: date("2026-05-20"))],
        phaseTransfer: PhaseTransfer(kind: .school, transferYear: 2027),
        closed: nil, youthAccommodation: true, challenges: [.assessmentMediation, .requestTribunal],
        exportedToAnotherLA: false, transferredIn: TransferIn(formerLA: "886"),
        plan: PlanDetails(
            placements: [
                Placement(establishment: .urn("100001"), rank: 1, senUnit: true, entry: date("2025-06-02")),
                Placement(establishment: .setting(.OTH, other: "hospital school, \"Ward 4\""), rank: 2, namedInPlan: false,
                          resourcedProvision: true, entry: date("2025-06-02"), leaving: date("2025-12-19")),
                Placement(establishment: .ukprn("10001234"), rank: 1, namedInPlan: true),
            ],
            primaryNeed: .ASD, secondaryNeed: .SLCN, residential: .partYear, workBasedPlacement: true,
            personalBudget: [.personalBudget, .directPayment], reportedWeek20: true))
}

/// The case as a database from before v11 holds it: nothing of SEN2's person, request or plan details.
func beforeReturnDetails(_ ehcCase: EHCCase) -> EHCCase {
    var old = ehcCase
    old.child.personID = nil
    old.child.details = PersonDetails()
    old.youthAccommodation = false
    old.challenges = []
    old.exportedToAnotherLA = false
    old.transferredIn = nil
    old.plan = PlanDetails()
    old.closed?.ceaseReason = nil
    return old
}

/// Writes a case into a database of a schema from v4 to v10, with the columns those schemas had
/// (what the migration tests build; the store itself only ever writes the current schema).
func insertBeforeReturnDetails(_ ehcCase: EHCCase, _ db: Database) throws {
    func text(_ date: CalendarDate?) -> String? { date?.description }
    try db.execute(sql: """
        INSERT INTO cases (id, givenName, familyName, dateOfBirth, setting, caseworker, requestDate, requestSource,
            decisionToAssessDate, decisionToAssessOutcome, decisionToIssueDate, decisionToIssueOutcome,
            draftPlanIssued, finalPlanIssued, phaseTransferKind, phaseTransferYear, phaseTransferAmendedPlanIssued,
            closedDate, closedReason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, arguments: [
            ehcCase.id, ehcCase.child.givenName, ehcCase.child.familyName, text(ehcCase.child.dateOfBirth),
            ehcCase.child.setting, ehcCase.caseworker, text(ehcCase.requestDate), ehcCase.requestSource.rawValue,
            text(ehcCase.decisionToAssess?.date), ehcCase.decisionToAssess?.outcome.rawValue,
            text(ehcCase.decisionToIssue?.date), ehcCase.decisionToIssue?.outcome.rawValue,
            text(ehcCase.draftPlanIssued), text(ehcCase.finalPlanIssued), ehcCase.phaseTransfer?.kind.rawValue,
            ehcCase.phaseTransfer?.transferYear, text(ehcCase.phaseTransfer?.amendedPlanIssued),
            text(ehcCase.closed?.date), ehcCase.closed?.reason,
        ])
    for (position, item) in ehcCase.advice.enumerated() {
        let chased = "[" + item.chased.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        try db.execute(sql: """
            INSERT INTO advice (caseId, position, agency, detail, requested, received, chased, contact, quality,
                qualityNote, returned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [ehcCase.id, position, item.agency.rawValue, item.detail, text(item.requested),
                             text(item.received), chased, item.contact, item.quality?.rawValue, item.qualityNote,
                             text(item.returned)])
    }
    for (position, item) in ehcCase.exceptions.enumerated() {
        let appliesTo = "[" + item.appliesTo.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        try db.execute(sql: """
            INSERT INTO exceptions (caseId, position, ground, appliesTo, fromDate, toDate, note, parentInformed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [ehcCase.id, position, item.ground.rawValue, appliesTo, text(item.from), text(item.to),
                             item.note, text(item.parentInformed)])
    }
    for (position, item) in ehcCase.reviews.enumerated() {
        try db.execute(sql: """
            INSERT INTO reviews (caseId, position, meetingDate, reportSent, decisionDate, decision, amendmentProposed,
                amendedPlanIssued) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [ehcCase.id, position, text(item.meetingDate), text(item.reportSent),
                             text(item.decisionDate), item.decision?.rawValue, text(item.amendmentProposed),
                             text(item.amendedPlanIssued)])
    }
}
