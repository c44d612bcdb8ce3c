import EHCCore
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
        child: Child(givenName: "Zoë", familyName: "Nguyễn", dateOfBirth: date("2016-03-02"), setting: "Oakfield Primary"),
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
        closed: nil)
}
