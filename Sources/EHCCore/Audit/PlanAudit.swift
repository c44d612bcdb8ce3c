/// One quality-assurance audit of one case's plan: who audited it against which template, the
/// answers so far, and, once finished, the grade and any moderation.
///
/// A half-done audit is saved as it is and resumed later; finishing grades it with the template's
/// rule. A second auditor's moderation is kept beside the original grade, never over it.
///
/// ```swift
/// var audit = PlanAudit(caseID: "EHC-2025-00017", templateID: "ehc-plan", auditor: "R. Auditor",
///                       started: today)
/// audit.answers.append(AuditAnswer(questionID: "A1", value: .yes))
/// audit.finish(with: template, on: today)
/// audit.grade   // .outstanding
/// ```
public struct PlanAudit: Sendable, Hashable, Identifiable {
    /// The database's number for the audit (`nil` before it is first saved).
    public var id: Int64?
    public var caseID: String
    public var templateID: String
    public var auditor: String
    public var started: CalendarDate
    public var finished: CalendarDate?
    public var answers: [AuditAnswer]
    public var grade: AuditGrade?
    public var score: Double?
    public var moderation: Moderation?

    public init(id: Int64? = nil, caseID: String, templateID: String, auditor: String, started: CalendarDate,
                finished: CalendarDate? = nil, answers: [AuditAnswer] = [], grade: AuditGrade? = nil,
                score: Double? = nil, moderation: Moderation? = nil) {
        self.id = id
        self.caseID = caseID
        self.templateID = templateID
        self.auditor = auditor
        self.started = started
        self.finished = finished
        self.answers = answers
        self.grade = grade
        self.score = score
        self.moderation = moderation
    }

    /// A second auditor's view of a finished audit: agreement, or a changed grade with a reason.
    public struct Moderation: Sendable, Hashable {
        public var moderator: String
        public var date: CalendarDate
        public var grade: AuditGrade
        public var note: String?

        public init(moderator: String, date: CalendarDate, grade: AuditGrade, note: String? = nil) {
            self.moderator = moderator
            self.date = date
            self.grade = grade
            self.note = note
        }
    }

    /// The grade that counts: the moderated one when there is one.
    public var finalGrade: AuditGrade? { moderation?.grade ?? grade }

    /// Records or replaces the answer to one question.
    public mutating func answer(_ answer: AuditAnswer) {
        if let index = answers.firstIndex(where: { $0.questionID == answer.questionID }) {
            answers[index] = answer
        } else {
            answers.append(answer)
        }
    }

    /// Grades the audit with the template's rule and marks it finished.
    @discardableResult
    public mutating func finish(with template: AuditTemplate, on date: CalendarDate) -> AuditResult {
        let result = AuditGrading.grade(answers, with: template)
        grade = result.grade
        score = result.score
        finished = date
        return result
    }
}
