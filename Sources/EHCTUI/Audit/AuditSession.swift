import EHCCore

/// An audit in progress on screen: the template, the answers so far, which question is selected,
/// and the comment being typed.
///
/// The auditor moves through questions with `j`/`k`, answers each with one key, and the
/// selection moves on by itself. Every answer is saved at once (an ``AuditSession/Effect``), so
/// quitting halfway loses nothing and the audit resumes where it stopped. A save that fails (the
/// disk is full, another session saved the same audit) is said on the screen; the answers stay in
/// the session, `s` saves them all again, and closing with answers unsaved asks first.
///
/// ```swift
/// var session = AuditSession(template: template, audit: audit, childName: "Zoë Müller", today: today)
/// let effects = session.reduce(.answer(.yes))   // [.save(audit, summary: "X1 answered yes")]
/// session.progress                              // "1/24"
/// ```
public struct AuditSession: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case moveDown, moveUp, moveToFirst, moveToLast
        case answer(AuditAnswer.Value)
        case startComment, typeComment(Character), deleteCommentCharacter, commitComment, cancelComment
        case toggleGuidance
        case finish
        case close
        /// Save the whole audit again after a failed save.
        case retrySave
        /// The runtime stored the audit: it is now at `version`.
        case saved(version: Int)
        /// The runtime could not store it; `message` says why.
        case saveFailed(message: String)
    }

    /// What the runtime must do for the session.
    public enum Effect: Sendable, Hashable {
        /// Store the audit (new or updated) with this audit-trail summary, refused if the stored
        /// audit is no longer at `expectedVersion` (another session saved it).
        case save(PlanAudit, summary: String, expectedVersion: Int)
        /// Leave the audit screen.
        case close
    }

    public let template: AuditTemplate
    public private(set) var audit: PlanAudit
    public let childName: String
    /// The day answers and the finish are recorded on.
    public let today: CalendarDate
    public private(set) var selected = 0
    public private(set) var isShowingGuidance = false
    /// The comment being typed for the selected question, while the comment line is open.
    public private(set) var commentDraft: String?
    /// The grade and its reasons once finished.
    public private(set) var result: AuditResult?
    /// A one-line answer to the last key: a refusal or a confirmation.
    public private(set) var message: String?
    /// The stored audit's version this session last read or wrote.
    public private(set) var storedVersion: Int
    /// Set when a save failed: answers on screen that are not in the database.
    public private(set) var isUnsaved = false
    private var closeAsked = false

    public init(template: AuditTemplate, audit: PlanAudit, childName: String, today: CalendarDate, storedVersion: Int = 1) {
        self.template = template
        self.audit = audit
        self.storedVersion = storedVersion
        self.childName = childName
        self.today = today
        let questions = template.questions
        // Resume at the first unanswered question.
        selected = questions.firstIndex { question in !audit.answers.contains { $0.questionID == question.id } } ?? 0
        if audit.finished != nil { result = AuditGrading.grade(audit.answers, with: template) }
    }

    public var questions: [AuditTemplate.Question] { template.questions }

    public var selectedQuestion: AuditTemplate.Question? {
        questions.indices.contains(selected) ? questions[selected] : nil
    }

    public func answer(to question: AuditTemplate.Question) -> AuditAnswer? {
        audit.answers.first { $0.questionID == question.id }
    }

    /// "17/24": answered over all questions.
    public var progress: String {
        let answered = questions.filter { answer(to: $0) != nil }.count
        return "\(answered)/\(questions.count)"
    }

    public mutating func reduce(_ action: Action) -> [Effect] {
        switch action {
        case let .saved(version):
            storedVersion = version
            if isUnsaved { message = "Saved: every answer is stored" }
            isUnsaved = false
            return []
        case let .saveFailed(why):
            isUnsaved = true
            message = "Not saved: \(why). Your answers are kept here: s saves them again"
            return []
        case .retrySave:
            guard isUnsaved else {
                message = "Every answer is already saved"
                return []
            }
            return [.save(audit, summary: "audit saved again after a failed save", expectedVersion: storedVersion)]
        case .close where isUnsaved && !closeAsked:
            closeAsked = true
            message = "Some answers are not saved: s saves them, Esc again closes and loses them"
            return []
        default: break
        }
        if action != .close { closeAsked = false }
        message = nil
        if commentDraft != nil { return reduceComment(action) }
        switch action {
        case .moveDown: selected = min(selected + 1, max(0, questions.count - 1))
        case .moveUp: selected = max(selected - 1, 0)
        case .moveToFirst: selected = 0
        case .moveToLast: selected = max(0, questions.count - 1)
        case .toggleGuidance: isShowingGuidance.toggle()
        case let .answer(value): return record(value)
        case .startComment:
            guard let question = selectedQuestion else { return [] }
            commentDraft = answer(to: question)?.comment ?? ""
        case .finish: return finish()
        case .close: return [.close]
        case .typeComment, .deleteCommentCharacter, .commitComment, .cancelComment, .retrySave, .saved, .saveFailed: break
        }
        return []
    }

    private mutating func reduceComment(_ action: Action) -> [Effect] {
        switch action {
        case let .typeComment(character): commentDraft?.append(character)
        case .deleteCommentCharacter: if commentDraft?.isEmpty == false { commentDraft?.removeLast() }
        case .cancelComment: commentDraft = nil
        case .commitComment:
            guard let question = selectedQuestion, let draft = commentDraft else { return [] }
            commentDraft = nil
            guard let existing = answer(to: question) else {
                message = "Answer \(question.id) first, then add a comment"
                return []
            }
            audit.answer(AuditAnswer(questionID: question.id, value: existing.value,
                                     comment: draft.isEmpty ? nil : draft))
            return [.save(audit, summary: "audit comment on \(question.id)", expectedVersion: storedVersion)]
        default: break
        }
        return []
    }

    private mutating func record(_ value: AuditAnswer.Value) -> [Effect] {
        guard let question = selectedQuestion else { return [] }
        guard audit.finished == nil else {
            message = "This audit is finished; its answers are kept as graded"
            return []
        }
        if value == .notApplicable, !question.allowsNotApplicable {
            message = "\(question.id) is a limiting question: n/a would lift its cap, and the template does not allow it; "
                + (question.scale == .grade ? "answer 1–4" : "answer y, p or n")
            return []
        }
        guard value.fits(question.scale) else {
            message = question.scale == .grade ? "\(question.id) is graded: answer 1–4 or -" : "\(question.id) is answered y, p, n or -"
            return []
        }
        audit.answer(AuditAnswer(questionID: question.id, value: value, comment: answer(to: question)?.comment))
        selected = min(selected + 1, questions.count - 1)
        return [.save(audit, summary: "audit: \(question.id) answered \(value.word)", expectedVersion: storedVersion)]
    }

    private mutating func finish() -> [Effect] {
        guard audit.finished == nil else { return [] }
        let unanswered = questions.filter { answer(to: $0) == nil }
        guard unanswered.isEmpty else {
            message = "\(unanswered.count) questions unanswered (first \(unanswered[0].id)): answer them or mark them -"
            selected = questions.firstIndex { $0.id == unanswered[0].id } ?? selected
            return []
        }
        let outcome = audit.finish(with: template, on: today)
        result = outcome
        return [.save(audit, summary: "audit finished: \(outcome.grade.displayName)", expectedVersion: storedVersion)]
    }
}
