import EHCCore
import Foundation
import GRDB
import Testing
@testable import EHCStore

/// Round trips that prove more than "the reader undoes the writer": a case and an audit with every
/// optional field set are stored, and the stored values are read back column by column and field
/// by field against values written out by hand.
@Suite("Every optional field, stored and read back")
struct EveryFieldTests {
    let today = CalendarDate("2026-11-24")!

    /// Every optional fact set: a closure, a returned advice item, an amendment notice and amended
    /// plan, a phase transfer with its amended plan.
    static func everyField() -> EHCCase {
        var ehcCase = sampleCase(id: "EHC-2024-00077")
        ehcCase.reviews = [Review(meetingDate: CalendarDate("2026-04-30")!, reportSent: CalendarDate("2026-05-08")!,
                                  decisionDate: CalendarDate("2026-05-20")!, decision: .amend,
                                  amendmentProposed: CalendarDate("2026-05-22")!, amendedPlanIssued: CalendarDate("2026-07-10")!)]
        ehcCase.phaseTransfer = PhaseTransfer(kind: .postSixteen, transferYear: 2026, amendedPlanIssued: CalendarDate("2026-03-20")!)
        ehcCase.closed = Closure(date: CalendarDate("2026-09-01")!, reason: "moved to another authority",
                                 ceaseReason: .movedToAnotherLA)
        ehcCase.exportedToAnotherLA = true
        ehcCase.child.details.uln = "1234567899"
        return ehcCase
    }

    @Test("stored columns hold exactly the values given")
    func storedColumns() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([Self.everyField()], by: "tester")
        let (caseRow, advice, review) = try store.pool.read { db in
            (try Row.fetchOne(db, sql: """
                SELECT closedDate, closedReason, phaseTransferKind, phaseTransferYear, phaseTransferAmendedPlanIssued
                FROM cases WHERE id = 'EHC-2024-00077'
                """),
             try Row.fetchOne(db, sql: """
                SELECT agency, contact, received, quality, qualityNote, returned FROM advice
                WHERE caseId = 'EHC-2024-00077' AND position = 2
                """),
             try Row.fetchOne(db, sql: """
                SELECT decision, amendmentProposed, amendedPlanIssued FROM reviews WHERE caseId = 'EHC-2024-00077'
                """))
        }
        let closure = try #require(caseRow)
        #expect(closure["closedDate"] as String? == "2026-09-01")
        #expect(closure["closedReason"] as String? == "moved to another authority")
        #expect(closure["phaseTransferKind"] as String? == "postSixteen")
        #expect(closure["phaseTransferYear"] as Int? == 2026)
        #expect(closure["phaseTransferAmendedPlanIssued"] as String? == "2026-03-20")
        let returned = try #require(advice)
        #expect(returned["agency"] as String? == "health")
        #expect(returned["contact"] as String? == "Community paediatrics, Dr O'Neill")
        #expect(returned["received"] as String? == "2025-03-10")
        #expect(returned["quality"] as String? == "returned")
        #expect(returned["qualityNote"] as String? == "no health outcomes, \"see notes\"")
        #expect(returned["returned"] as String? == "2025-03-12")
        let amended = try #require(review)
        #expect(amended["decision"] as String? == "amend")
        #expect(amended["amendmentProposed"] as String? == "2026-05-22")
        #expect(amended["amendedPlanIssued"] as String? == "2026-07-10")
        #expect(try store.allCases() == [Self.everyField()])
    }

    @Test("the SEN2 details are stored column by column as written by hand")
    func storedReturnDetails() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([Self.everyField()], by: "tester")
        let (row, placements) = try store.pool.read { db in
            (try Row.fetchOne(db, sql: """
                SELECT personId, upn, uln, upnUnknown, sex, ethnicity, postcode, youthAccommodation, challenges,
                    exportedToAnotherLA, transferredFromLA, primaryNeed, secondaryNeed, planResidential, planWorkBased,
                    personalBudget, ceaseReason, planReportedWeek20
                FROM cases WHERE id = 'EHC-2024-00077'
                """),
             try Row.fetchAll(db, sql: """
                SELECT urn, ukprn, setting, settingOther, rank, namedInPlan, senUnit, resourcedProvision, entry, leaving
                FROM placements WHERE caseId = 'EHC-2024-00077' ORDER BY position
                """))
        }
        let details = try #require(row)
        let expected: [String: (any DatabaseValueConvertible)?] = [
            "personId": "P-000017", "upn": "H801200001001", "uln": "1234567899", "upnUnknown": nil, "sex": "female",
            "ethnicity": "AOTH", "postcode": "AB1 2CD", "youthAccommodation": 1,
            "challenges": #"["requestTribunal","assessmentMediation"]"#, "exportedToAnotherLA": 1, "transferredFromLA": "886",
            "primaryNeed": "ASD", "secondaryNeed": "SLCN", "planResidential": "A", "planWorkBased": 1,
            "personalBudget": #"["personalBudget","directPayment"]"#, "ceaseReason": 5,
            "planReportedWeek20": 1,
        ]
        for (column, value) in expected {
            #expect(details[column] as DatabaseValue == (value?.databaseValue ?? .null), "\(column)")
        }
        let cells: [[(any DatabaseValueConvertible)?]] = [
            ["100001", nil, nil, nil, 1, 1, 1, 0, "2025-06-02", nil],
            [nil, nil, "OTH", #"hospital school, "Ward 4""#, 2, 0, 0, 1, "2025-06-02", "2025-12-19"],
            [nil, "10001234", nil, nil, 1, 1, 0, 0, nil, nil],
        ]
        #expect(placements.map { row in (0..<10).map { row[$0] as DatabaseValue } }
                    == cells.map { $0.map { $0?.databaseValue ?? .null } })
    }

    @Test("JSON and CSV carry each optional field by name, and read back to the same case")
    func interchangeCarriesEveryField() throws {
        let calendar = StatutoryCalendar()
        let json = InterchangeDocument.export([Self.everyField()], calendar: calendar, today: today).serialized()
        for fragment in [#""closed": {"#, #""reason": "moved to another authority""#, #""quality": "returned""#,
                         #""returned": "2025-03-12""#, #""amendmentProposed": "2026-05-22""#,
                         #""amendedPlanIssued": "2026-07-10""#, #""kind": "postSixteen""#,
                         #""personId": "P-000017""#, #""upn": "H801200001001""#, #""ceaseReason": 5"#,
                         #""assessmentMediation""#, #""formerLA": "886""#,
                         #""settingOther": "hospital school, \"Ward 4\"""#,
                         #""directPayment""#] {
            #expect(json.contains(fragment), "\(fragment)")
        }
        #expect(try InterchangeDocument.read(Array(json.utf8), file: "x.json") == [Self.everyField()])
        let files = try CaseCSV.export([Self.everyField()], calendar: calendar, today: today)
        #expect(files["cases.csv"]?.contains("2026-09-01,moved to another authority") == true)
        #expect(files["reviews.csv"]?.contains("EHC-2024-00077,2026-04-30,2026-05-08,2026-05-20,amend,2026-05-22,2026-07-10") == true)
        let read = try CaseCSV.read(folder: "in", casesFile: "in/cases.csv", withSiblings: true) { path in
            files[String(path.dropFirst(3))].map { Array($0.utf8) }
        }
        #expect(read.cases == [Self.everyField()])
    }

    @Test("an audit with moderation keeps every field")
    func moderatedAudit() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([Self.everyField()], by: "tester")
        var audit = PlanAudit(caseID: "EHC-2024-00077", templateID: "ehc-plan", auditor: "R. Auditor", started: today)
        audit.answer(AuditAnswer(questionID: "F1", value: .partly, comment: "hours not given"))
        audit.answer(AuditAnswer(questionID: "M1", value: .grade(2)))
        audit.finished = today
        audit.grade = .good
        audit.score = 0.8
        audit.moderation = PlanAudit.Moderation(moderator: "S. Lead", date: today, grade: .requiresImprovement,
                                               note: "F1 is limiting")
        audit.id = try store.save(audit, by: "R. Auditor", summary: "audit finished")
        let stored = try #require(try store.planAudits(caseID: "EHC-2024-00077").first)
        #expect(stored.answers == [AuditAnswer(questionID: "F1", value: .partly, comment: "hours not given"),
                                   AuditAnswer(questionID: "M1", value: .grade(2))])
        #expect(stored.moderation?.moderator == "S. Lead")
        #expect(stored.moderation?.grade == .requiresImprovement)
        #expect(stored.moderation?.note == "F1 is limiting")
        #expect(stored.grade == .good && stored.score == 0.8 && stored.finished == today)
        #expect(stored.finalGrade == .requiresImprovement)
    }
}
