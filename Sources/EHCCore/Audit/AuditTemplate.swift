/// A quality-assurance checklist for EHC plans: sections of questions, how each is answered,
/// and the rule that turns the answers into an overall grade.
///
/// Templates are data (TOML files), not code, so each authority can load its own framework;
/// ehcdesk ships a default one for plans, sections A–K and multi-agency contribution.
///
/// ```swift
/// let template = AuditTemplate(id: "ehc-plan", title: "EHC plan quality", sections: [
///     .init(code: "A", title: "Views, interests and aspirations", questions: [
///         .init(id: "A1", text: "Are the child's own words recorded?", scale: .yesPartlyNo, limiting: true),
///     ]),
/// ], grading: .standard)
/// template.questions.count   // 1
/// ```
public struct AuditTemplate: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var sections: [Section]
    public var grading: GradingRule

    public init(id: String, title: String, sections: [Section], grading: GradingRule) {
        self.id = id
        self.title = title
        self.sections = sections
        self.grading = grading
    }

    /// Every question in checklist order.
    public var questions: [Question] { sections.flatMap(\.questions) }

    /// One part of the plan being audited, e.g. section F (special educational provision).
    public struct Section: Sendable, Hashable {
        public var code: String
        public var title: String
        public var questions: [Question]

        public init(code: String, title: String, questions: [Question]) {
            self.code = code
            self.title = title
            self.questions = questions
        }
    }

    /// One checklist question with its answer scale and optional guidance for the auditor.
    public struct Question: Sendable, Hashable, Identifiable {
        public var id: String
        public var text: String
        public var guidance: String?
        public var scale: AnswerScale
        /// A "no" (or the lowest grade) here caps the overall grade at the rule's `limitingCap`.
        public var limiting: Bool
        /// Whether n/a is an answer. A limiting question answered n/a would escape its cap, so it
        /// is not, unless the template says so (`notApplicable = true`); other questions may be.
        public var allowsNotApplicable: Bool

        public init(id: String, text: String, guidance: String? = nil, scale: AnswerScale, limiting: Bool = false,
                    allowsNotApplicable: Bool? = nil) {
            self.id = id
            self.text = text
            self.guidance = guidance
            self.scale = scale
            self.limiting = limiting
            self.allowsNotApplicable = allowsNotApplicable ?? !limiting
        }
    }

    /// How a question is answered.
    public enum AnswerScale: String, Sendable, Hashable, CaseIterable {
        /// yes / partly / no / not applicable, keys `y` `p` `n` `-`.
        case yesPartlyNo
        /// a grade 1 (poor) to 4 (strong), keys `1`–`4`.
        case grade
    }

    /// Turns the score (the share of available points earned) into a grade.
    ///
    /// Each answered question earns points: yes 1, partly ½, no 0; a grade g earns (g − 1)/3.
    /// "Not applicable" leaves the question out. The score is earned / available; the grade is
    /// the best whose threshold the score reaches, then capped by any limiting question answered
    /// "no" (or 1).
    public struct GradingRule: Sendable, Hashable {
        /// Minimum score for Outstanding, Good and Requires improvement (below the last: Inadequate).
        public var outstanding: Double
        public var good: Double
        public var requiresImprovement: Double
        /// The best grade a plan can get with a limiting question failed.
        public var limitingCap: AuditGrade

        public init(outstanding: Double, good: Double, requiresImprovement: Double, limitingCap: AuditGrade) {
            self.outstanding = outstanding
            self.good = good
            self.requiresImprovement = requiresImprovement
            self.limitingCap = limitingCap
        }

        /// 90 % / 75 % / 50 %, a failed limiting question caps at Requires improvement.
        public static let standard = GradingRule(outstanding: 0.9, good: 0.75, requiresImprovement: 0.5,
                                                 limitingCap: .requiresImprovement)
    }
}

/// The overall grade of an audited plan, Ofsted-style.
public enum AuditGrade: String, Sendable, Hashable, CaseIterable, Comparable {
    case outstanding, good, requiresImprovement, inadequate

    public var displayName: String {
        switch self {
        case .outstanding: "Outstanding"
        case .good: "Good"
        case .requiresImprovement: "Requires improvement"
        case .inadequate: "Inadequate"
        }
    }

    /// A column heading: `Outstanding`, `Good`, `Req. impr.`, `Inadequate`.
    public var shortName: String {
        self == .requiresImprovement ? "Req. impr." : displayName
    }

    /// Better grades compare as smaller: `.outstanding < .good`.
    public static func < (lhs: AuditGrade, rhs: AuditGrade) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
