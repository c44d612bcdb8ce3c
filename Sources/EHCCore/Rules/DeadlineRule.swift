/// One statutory time limit described as data: its period, start event, when it applies,
/// the exception grounds allowed against it and its legal source.
///
/// Every deadline, status, exception check and explanation ehcdesk produces is read from these
/// rules, so a change in the law is one edit here. Look a rule up through its kind:
///
/// ```swift
/// let rule = DeadlineKind.finalPlan.rule
/// rule.period                                   // .weeks(20)
/// rule.source                                   // "Regs 2014 reg 13(2)"
/// rule.regulation(for: .personalCircumstances)  // "13(3) via 10(4)(c)"
/// rule.regulation(for: .missedAppointment)      // nil: not a ground against the final plan
/// ```
public struct DeadlineRule: Sendable, Hashable {
    /// How long the authority has, counted from the start event.
    public enum Period: Sendable, Hashable {
        /// "Within N weeks of" the start event; counted per ``Settings/Counting``.
        case weeks(Int)
        /// "In the period of 12 months starting with" the anchor (CFA s.44(1)); ended per ``Settings/ReviewPeriod``.
        case twelveMonthsStartingWith
        /// "Before" a fixed day of the transfer year (reg 18(1)); read per ``Settings/PhaseDeadline``.
        case beforeFixedDay(school: MonthDay, postSixteen: MonthDay)
    }

    /// The recorded fact a rule's clock starts from.
    public enum StartEvent: Sendable, Hashable {
        /// The day the authority received the request (CFA s.36(1)).
        case request
        /// The day the advice-giver received the authority's request (reg 8(1)).
        case adviceRequested
        /// Review 1: the final plan's issue; review N: review N−1's decision (CFA s.44(1)(a), (b)).
        case planIssuedOrLastReviewed
        /// The review meeting (reg 20).
        case reviewMeeting
        /// The decision to amend, which the amendment notice accompanies (reg 22(2), (3)).
        case decisionToAmend
        /// The calendar year of a phase transfer (reg 18(1)).
        case transferYear
    }

    /// When a case has this deadline at all.
    public enum Applicability: Sendable, Hashable {
        /// From the request on.
        case always
        /// Once per advice item.
        case eachAdviceItem
        /// Once decided to assess; switched off (`notApplicable`) by a decision to issue.
        case onceDecidedToAssessUntilDecisionToIssue
        /// From the request on; switched off by a decision not to assess or not to issue.
        case fromRequestUnlessNoPlan
        /// For each recorded review, and for the next review once the previous one is concluded.
        case eachReviewAndTheNext
        /// For each recorded review meeting.
        case eachReviewMeeting
        /// For each review that decided `amend`.
        case eachDecisionToAmend
        /// When a phase transfer is recorded; switched off by a decision not to assess or not to issue.
        case phaseTransferRecorded
    }

    /// A day of the year without its year.
    public struct MonthDay: Sendable, Hashable {
        public var month: Int
        public var day: Int

        public init(month: Int, day: Int) {
            self.month = month
            self.day = day
        }
    }

    public var kind: DeadlineKind
    /// What must be done, as a caseworker names it; `#` stands for the review number.
    public var title: String
    public var period: Period
    public var startEvent: StartEvent
    public var applicability: Applicability
    /// The paragraph that lists the exceptions, e.g. `13(3)`; `nil` when no exception exists.
    public var exceptionParagraph: String?
    /// The paragraph whose grounds `exceptionParagraph` borrows, e.g. `10(4)` for reg 13(3).
    public var exceptionsBorrowedFrom: String?
    /// The grounds allowed against this deadline with their letter in the listing paragraph.
    public var groundLetters: [GroundLetter]
    /// The legal source of the time limit, e.g. `Regs 2014 reg 13(2)`.
    public var source: String

    /// A ground and its letter, e.g. `(absence, "d")`.
    public struct GroundLetter: Sendable, Hashable {
        public var ground: ExceptionGround
        public var letter: String
    }

    /// The regulation relieving the authority on `ground`, e.g. `5(4)(a)`, `13(3) via 10(4)(c)`, `8(2)(b)`;
    /// `nil` when the ground is not allowed against this deadline.
    public func regulation(for ground: ExceptionGround) -> String? {
        guard let paragraph = exceptionParagraph,
              let letter = groundLetters.first(where: { $0.ground == ground })?.letter else { return nil }
        if let borrowed = exceptionsBorrowedFrom { return "\(paragraph) via \(borrowed)(\(letter))" }
        return "\(paragraph)(\(letter))"
    }

    /// True when `ground` may relieve the authority of this time limit.
    public func allows(_ ground: ExceptionGround) -> Bool {
        groundLetters.contains { $0.ground == ground }
    }
}

extension DeadlineRule {
    // The four local-authority grounds share their letters across regs 5(4), 10(4) and 13(3).
    private static let authorityGrounds: [GroundLetter] = [
        GroundLetter(ground: .schoolClosure, letter: "a"),
        GroundLetter(ground: .earlyYearsClosure, letter: "b"),
        GroundLetter(ground: .personalCircumstances, letter: "c"),
        GroundLetter(ground: .absence, letter: "d"),
    ]

    /// Reg 5(1): decide whether to assess within 6 weeks. A decision *not* to assess falls under
    /// reg 4(1), which has no exceptions; ``ExceptionRuling`` refuses any claimed against it.
    static let decisionToAssess = DeadlineRule(
        kind: .decisionToAssess, title: "Decision whether to assess", period: .weeks(6), startEvent: .request,
        applicability: .always, exceptionParagraph: "5(4)", exceptionsBorrowedFrom: nil,
        groundLetters: authorityGrounds, source: "Regs 2014 reg 5(1)")

    /// Reg 8(1): an advice-giver answers within 6 weeks of receiving the request; reg 8(2)(a)–(c).
    static let advice = DeadlineRule(
        kind: .advice, title: "Advice", period: .weeks(6), startEvent: .adviceRequested,
        applicability: .eachAdviceItem, exceptionParagraph: "8(2)", exceptionsBorrowedFrom: nil,
        groundLetters: [
            GroundLetter(ground: .personalCircumstances, letter: "a"),
            GroundLetter(ground: .absence, letter: "b"),
            GroundLetter(ground: .missedAppointment, letter: "c"),
        ],
        source: "Regs 2014 reg 8(1)")

    /// Reg 10(1): notice that no plan will be issued, within 16 weeks of the request.
    static let noticeNotToIssue = DeadlineRule(
        kind: .noticeNotToIssue, title: "Notice not to issue a plan", period: .weeks(16), startEvent: .request,
        applicability: .onceDecidedToAssessUntilDecisionToIssue, exceptionParagraph: "10(4)",
        exceptionsBorrowedFrom: nil, groundLetters: authorityGrounds, source: "Regs 2014 reg 10(1)")

    /// Reg 13(2): the final plan within 20 weeks of the request; reg 13(3) borrows reg 10(4)'s grounds.
    static let finalPlan = DeadlineRule(
        kind: .finalPlan, title: "Final plan", period: .weeks(20), startEvent: .request,
        applicability: .fromRequestUnlessNoPlan, exceptionParagraph: "13(3)", exceptionsBorrowedFrom: "10(4)",
        groundLetters: authorityGrounds, source: "Regs 2014 reg 13(2)")

    /// CFA s.44(1): each review concluded (the decision notified, per IPSEA) within the 12 months
    /// starting with the plan's issue or the last review's decision. No exceptions.
    static let annualReview = DeadlineRule(
        kind: .annualReview, title: "Annual review #", period: .twelveMonthsStartingWith,
        startEvent: .planIssuedOrLastReviewed, applicability: .eachReviewAndTheNext, exceptionParagraph: nil,
        exceptionsBorrowedFrom: nil, groundLetters: [], source: "CFA 2014 s.44(1)")

    /// Reg 20: the report of the meeting goes to everyone invited within 2 weeks of it.
    static let reviewReport = DeadlineRule(
        kind: .reviewReport, title: "Report of review meeting #", period: .weeks(2), startEvent: .reviewMeeting,
        applicability: .eachReviewMeeting, exceptionParagraph: nil, exceptionsBorrowedFrom: nil,
        groundLetters: [], source: "Regs 2014 reg 20")

    /// Reg 20(10): the authority's decision within 4 weeks of the meeting (Devon [2022]).
    static let reviewDecision = DeadlineRule(
        kind: .reviewDecision, title: "Decision after review #", period: .weeks(4), startEvent: .reviewMeeting,
        applicability: .eachReviewMeeting, exceptionParagraph: nil, exceptionsBorrowedFrom: nil,
        groundLetters: [],
        source: "Regs 2014 reg 20(10); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)")

    /// Reg 22(3): the amended plan within 8 weeks of the amendment notice, which goes with the decision.
    static let amendedPlan = DeadlineRule(
        kind: .amendedPlan, title: "Amended plan after review #", period: .weeks(8), startEvent: .decisionToAmend,
        applicability: .eachDecisionToAmend, exceptionParagraph: nil, exceptionsBorrowedFrom: nil,
        groundLetters: [], source: "Regs 2014 reg 22(3)")

    /// Reg 18(1): the plan reviewed and amended before 15 February (school) or 31 March (post-16).
    static let phaseTransfer = DeadlineRule(
        kind: .phaseTransfer, title: "Phase transfer plan",
        period: .beforeFixedDay(school: MonthDay(month: 2, day: 15), postSixteen: MonthDay(month: 3, day: 31)),
        startEvent: .transferYear, applicability: .phaseTransferRecorded, exceptionParagraph: nil,
        exceptionsBorrowedFrom: nil, groundLetters: [], source: "Regs 2014 reg 18(1)")
}
