import EHCCore
import Testing
@testable import EHCTUI

@Suite("Recording the SEN2 details by keyboard")
struct ReturnDetailsRecordingTests {
    /// A plan with a mistyped UPN, no sex, no primary need and no placement, ended with no cease reason.
    func faulty() -> EHCCase {
        var ehcCase = PlanEventRecordingTests().plan(decision: .cease)
        ehcCase.child.details = PersonDetails(upn: "J801200001001", ethnicity: "WBRI")
        ehcCase.closed = Closure(date: CalendarDate("2025-11-03")!, reason: "needs met")
        return ehcCase
    }

    @Test("s opens a form filled with what is recorded; a corrected UPN and a sex are saved, the rest kept")
    func personDetails() throws {
        var state = PlanEventRecordingTests().recording(.returnDetails, on: faulty(), typed: ["H801200001001"])
        #expect(state.form?.fields.map(\.value) == ["H801200001001", "", "not applicable", "not recorded", "WBRI", ""])
        _ = reduce(&state, .nextField)
        _ = reduce(&state, .nextField)
        _ = reduce(&state, .nextField)
        for character in "fem" { _ = reduce(&state, .type(character)) }
        let edit = try #require(PlanEventRecordingTests().savedEdit(&state))
        #expect(edit.edited.child.details == PersonDetails(upn: "H801200001001", sex: .female, ethnicity: "WBRI"))
        #expect(edit.summary == "SEN2 person details recorded")
        var check = DataQualityCheck(census: CalendarDate("2026-01-15")!)
        #expect(!check.findings(for: edit.edited).contains { $0.rule == "P02" || $0.rule == "P07" })
    }

    @Test("g records the primary need, the main placement by URN and the cease reason; a bad URN is refused")
    func planDetails() throws {
        var state = PlanEventRecordingTests().recording(.planDetails, on: faulty(), typed: ["ASD", "", "10001"])
        #expect(reduce(&state, .submitForm).isEmpty)
        #expect(state.form?.refusal?.contains("is not a 6-digit URN") == true)
        state = PlanEventRecordingTests().recording(.planDetails, on: faulty(), typed: ["ASD", "", "100001", "2"])
        let edit = try #require(PlanEventRecordingTests().savedEdit(&state))
        #expect(edit.edited.plan.primaryNeed == .ASD && edit.edited.plan.secondaryNeed == nil)
        #expect(edit.edited.plan.placements == [Placement(establishment: .urn("100001"))])
        #expect(edit.edited.closed?.ceaseReason == .needsMetWithoutPlan)
    }

    @Test("g is greyed until a final plan is issued")
    func planDetailsNeedPlan() {
        var request = faulty()
        request.finalPlanIssued = nil
        request.decisionToIssue = nil
        #expect(RecordableEvent.planDetails.unavailability(on: request) == "no final plan is issued yet")
    }

    @Test("the case detail shows the SEN2 facts as recorded, so a fix can be seen")
    func detailShowsThem() {
        let lines = DetailView.returnLines(faulty())
        #expect(lines == ["UPN J801200001001 · sex — · ethnicity WBRI · postcode —",
                          "Needs — · main placement — · cease reason —"])
        var fixed = faulty()
        fixed.child.details = PersonDetails(upnUnknown: .under6, sex: .male)
        fixed.plan = PlanDetails(placements: [Placement(establishment: .urn("100001"))], primaryNeed: .ASD, secondaryNeed: .SLCN)
        fixed.closed?.ceaseReason = .needsMetWithoutPlan
        #expect(DetailView.returnLines(fixed) == ["no UPN or ULN: UN1 under 6, no UPN yet · sex male · ethnicity — · postcode —",
                                                  "Needs ASD, SLCN · main placement URN 100001 · cease reason 2"])
    }
}
