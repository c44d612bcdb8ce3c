/// One answer to one checklist question.
///
/// ```swift
/// AuditAnswer(questionID: "F2", value: .no, comment: "no hours given for speech therapy")
/// ```
public struct AuditAnswer: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case yes, partly, no, notApplicable
        case grade(Int)

        /// The stored word: `yes`, `partly`, `no`, `na`, `1`…`4`.
        public var word: String {
            switch self {
            case .yes: "yes"
            case .partly: "partly"
            case .no: "no"
            case .notApplicable: "na"
            case let .grade(value): String(value)
            }
        }

        public init?(word: String) {
            switch word {
            case "yes": self = .yes
            case "partly": self = .partly
            case "no": self = .no
            case "na": self = .notApplicable
            default:
                guard let value = Int(word), (1...4).contains(value) else { return nil }
                self = .grade(value)
            }
        }

        /// Points earned out of 1, or `nil` for not applicable.
        var points: Double? {
            switch self {
            case .yes: 1
            case .partly: 0.5
            case .no: 0
            case .notApplicable: nil
            case let .grade(value): Double(value - 1) / 3
            }
        }

        /// The worst answer on its scale: what a limiting question must not get.
        var isFail: Bool { self == .no || self == .grade(1) }

        /// Fits the question's scale.
        public func fits(_ scale: AuditTemplate.AnswerScale) -> Bool {
            switch (self, scale) {
            case (.grade, .grade), (.notApplicable, .grade): true
            case (.grade, .yesPartlyNo): false
            case (_, .yesPartlyNo): true
            default: false
            }
        }
    }

    public var questionID: String
    public var value: Value
    public var comment: String?

    public init(questionID: String, value: Value, comment: String? = nil) {
        self.questionID = questionID
        self.value = value
        self.comment = comment
    }
}

/// The grade of a finished audit and why: the score and the answers that pulled it down.
///
/// ```swift
/// let result = AuditGrading.grade(answers, with: template)
/// result.grade     // .requiresImprovement
/// result.reasons   // ["F2 answered no (limiting): caps the grade at Requires improvement", …]
/// ```
public struct AuditResult: Sendable, Hashable {
    public var grade: AuditGrade
    /// Earned points over available points, 0…1 (1 when nothing was applicable).
    public var score: Double
    public var answered: Int
    public var total: Int
    /// The answers that cost points or capped the grade, worst first, in words.
    public var reasons: [String]
    /// The limiting questions failed, which cap the grade at the rule's `limitingCap`.
    public var limitedBy: [String] = []

    /// What a moderated grade better than the cap means, in words: a moderator overriding the
    /// limiting questions, which the record must say, not hide. `nil` when it does not override.
    ///
    /// ```swift
    /// result.override(by: .good, cap: .requiresImprovement)   // "overrides the limiting cap of F1 (Requires improvement)"
    /// ```
    public func override(by moderated: AuditGrade, cap: AuditGrade) -> String? {
        guard !limitedBy.isEmpty, moderated < cap else { return nil }
        return "overrides the limiting cap of " + limitedBy.joined(separator: ", ") + " (\(cap.displayName))"
    }
}

/// Applies a template's grading rule to a set of answers.
public enum AuditGrading {
    public static func grade(_ answers: [AuditAnswer], with template: AuditTemplate) -> AuditResult {
        let byQuestion = Dictionary(answers.map { ($0.questionID, $0) }, uniquingKeysWith: { _, last in last })
        var earned = 0.0
        var available = 0.0
        var capped = false
        var limitedBy: [String] = []
        var reasons: [(cost: Double, text: String)] = []
        for question in template.questions {
            guard let answer = byQuestion[question.id], let points = answer.value.points else { continue }
            earned += points
            available += 1
            if question.limiting && answer.value.isFail {
                capped = true
                limitedBy.append(question.id)
                reasons.append((2, "\(question.id) answered \(answer.value.word) (limiting): caps the grade at "
                                + template.grading.limitingCap.displayName))
            } else if points < 1 {
                reasons.append((1 - points, "\(question.id) answered \(answer.value.word): \(question.text)"))
            }
        }
        let score = available == 0 ? 1 : earned / available
        let rule = template.grading
        var grade: AuditGrade = score >= rule.outstanding ? .outstanding
            : score >= rule.good ? .good
            : score >= rule.requiresImprovement ? .requiresImprovement : .inadequate
        if capped, grade < rule.limitingCap { grade = rule.limitingCap }
        let ordered = reasons.enumerated().sorted { ($1.element.cost, $0.offset) < ($0.element.cost, $1.offset) }
        let answered = template.questions.filter { byQuestion[$0.id] != nil }.count
        return AuditResult(grade: grade, score: score, answered: answered, total: template.questions.count,
                           reasons: ordered.map(\.element.text), limitedBy: limitedBy)
    }
}
