import Testing
@testable import EHCCore

@Suite("Grading an audit")
struct AuditGradingTests {
    /// Four yes/partly/no questions (Q1 limiting) and one graded question.
    let template = AuditTemplate(id: "t", title: "Test", sections: [
        .init(code: "A", title: "Views", questions: [
            .init(id: "Q1", text: "Child's voice", scale: .yesPartlyNo, limiting: true),
            .init(id: "Q2", text: "Aspirations", scale: .yesPartlyNo),
        ]),
        .init(code: "F", title: "Provision", questions: [
            .init(id: "Q3", text: "Quantified", scale: .yesPartlyNo),
            .init(id: "Q4", text: "Funded", scale: .yesPartlyNo),
            .init(id: "Q5", text: "Overall quality", scale: .grade),
        ]),
    ], grading: .standard)

    func answers(_ values: [AuditAnswer.Value]) -> [AuditAnswer] {
        values.enumerated().map { AuditAnswer(questionID: "Q\($0.offset + 1)", value: $0.element) }
    }

    @Test("all yes and the top grade is Outstanding with a score of 1")
    func allYes() {
        let result = AuditGrading.grade(answers([.yes, .yes, .yes, .yes, .grade(4)]), with: template)
        #expect(result.grade == .outstanding)
        #expect(result.score == 1)
        #expect(result.reasons.isEmpty)
    }

    @Test("one partly among five is 0.9: still Outstanding at the threshold")
    func thresholdIsInclusive() {
        let result = AuditGrading.grade(answers([.yes, .partly, .yes, .yes, .grade(4)]), with: template)
        #expect(result.score == 0.9)
        #expect(result.grade == .outstanding)
    }

    @Test("grades 1–4 earn 0, 1/3, 2/3 and 1 point; 'not applicable' leaves the question out")
    func gradePointsAndNotApplicable() {
        // 1 + 1 + 1 + (2/3) over 4 applicable questions = 0.9166…: Outstanding.
        let result = AuditGrading.grade(answers([.yes, .yes, .notApplicable, .yes, .grade(3)]), with: template)
        #expect(abs(result.score - (3 + 2.0 / 3) / 4) < 1e-9)
        #expect(result.grade == .outstanding)
        #expect(result.answered == 5)
    }

    @Test("a limiting question answered no caps the grade, and says why first")
    func limitingCaps() {
        // Score 4/5 = 0.8 would be Good; Q1 = no caps it at Requires improvement.
        let result = AuditGrading.grade(answers([.no, .yes, .yes, .yes, .grade(4)]), with: template)
        #expect(result.score == 0.8)
        #expect(result.grade == .requiresImprovement)
        #expect(result.reasons.first == "Q1 answered no (limiting): caps the grade at Requires improvement")
    }

    @Test("a moderated grade above the limiting cap is an override, said so; at or below the cap, or uncapped, it is not")
    func moderationOverride() {
        let capped = AuditGrading.grade(answers([.no, .yes, .yes, .yes, .grade(4)]), with: template)
        #expect(capped.limitedBy == ["Q1"])
        #expect(capped.override(by: .good, cap: .requiresImprovement) == "overrides the limiting cap of Q1 (Requires improvement)")
        #expect(capped.override(by: .requiresImprovement, cap: .requiresImprovement) == nil)
        #expect(capped.override(by: .inadequate, cap: .requiresImprovement) == nil)
        let uncapped = AuditGrading.grade(answers([.yes, .yes, .yes, .yes, .grade(4)]), with: template)
        #expect(uncapped.override(by: .outstanding, cap: .requiresImprovement) == nil)
    }

    @Test("the cap never improves a worse grade")
    func capNeverImproves() {
        let result = AuditGrading.grade(answers([.no, .no, .no, .partly, .grade(1)]), with: template)
        #expect(result.grade == .inadequate)
        #expect(result.reasons.count == 5)
    }

    @Test("Good from 75 %, Requires improvement from 50 %, Inadequate below")
    func bands() {
        #expect(AuditGrading.grade(answers([.yes, .yes, .yes, .no, .grade(4)]), with: template).grade == .good)
        #expect(AuditGrading.grade(answers([.yes, .no, .partly, .partly, .grade(3)]), with: template).grade
                == .requiresImprovement)
        #expect(AuditGrading.grade(answers([.yes, .no, .no, .partly, .grade(2)]), with: template).grade == .inadequate)
    }

    @Test("answer words round-trip and a grade does not fit a yes/no question")
    func answerWords() {
        for value in [AuditAnswer.Value.yes, .partly, .no, .notApplicable, .grade(1), .grade(4)] {
            #expect(AuditAnswer.Value(word: value.word) == value)
        }
        #expect(AuditAnswer.Value(word: "5") == nil)
        #expect(!AuditAnswer.Value.grade(2).fits(.yesPartlyNo))
        #expect(!AuditAnswer.Value.yes.fits(.grade))
        #expect(AuditAnswer.Value.notApplicable.fits(.grade))
    }
}
