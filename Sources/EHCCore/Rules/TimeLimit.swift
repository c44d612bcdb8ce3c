/// A deadline before it is judged on a day: everything that neither `today` nor an exception changes.
///
/// ``StatutoryCalendar`` lists a case's time limits from the rule table, ``ExceptionRuling`` checks
/// exceptions against them (their keys and the period each runs over), and only then are they
/// turned into ``Deadline`` values with a status for `today`.
struct TimeLimit: Sendable {
    var key: String
    var kind: DeadlineKind
    /// The day the clock started: the period an exception must overlap runs from here to `due`.
    var start: CalendarDate
    var due: CalendarDate
    var met: CalendarDate?
    /// What the rule's sentence needs, kept as facts: the sentence is built only for deadlines a
    /// caller reads (``explanation(settings:)``), never for the many a caseload list only compares.
    var wording: Wording
    /// Why a recorded decision, cessation or closure has switched this time limit off, if it has.
    var switchedOff: String?
    /// The advice item this limit belongs to, for advice deadlines.
    var adviceIndex: Int?

    /// The advice request (from 0) or the review (from 1) the limit belongs to, if any.
    var item: Int? {
        if let adviceIndex { return adviceIndex }
        guard case .counted(.review(let number), _) = wording else { return nil }
        return number
    }

    /// The facts a time limit's sentence is built from.
    enum Wording: Sendable {
        /// A period counted from an event: the deadline's name and the event's phrase.
        case counted(label: Label, startPhrase: StartPhrase)
        /// A phase transfer's fixed day in `year`.
        case phaseTransfer(PhaseTransferKind, year: Int)
    }

    /// A deadline's name: the rule's title, numbered for a review, or naming the agency asked for advice.
    enum Label: Sendable {
        case title
        case review(Int)
        case advice(AdviceRequest)
    }

    /// The event a period counts from, as the sentence names it.
    enum StartPhrase: Sendable {
        case fixed(String)
        case reviewAnchor(Int)
        case reviewMeeting(Int)
    }

    /// The rule's sentence, without exception or status remarks.
    func explanation(settings: Settings) -> String {
        let rule = kind.rule
        switch wording {
        case .phaseTransfer(let transferKind, let year):
            return rule.phaseTransferExplanation(kind: transferKind, year: year, due: due, settings: settings)
        case .counted(let label, let startPhrase):
            let name = switch label {
            case .title: rule.title
            case .review(let number): rule.label(review: number)
            case .advice(let item): StatutoryCalendar.adviceLabel(item)
            }
            let phrase = switch startPhrase {
            case .fixed(let text): text
            case .reviewAnchor(let number):
                number == 1 ? "the final plan issued" : "the decision after review \(number - 1) notified"
            case .reviewMeeting(let number): "review meeting \(number) on"
            }
            let sentence = rule.explanation(label: name, due: due, startPhrase: phrase, start: start, settings: settings)
            guard case .advice(let item) = label, item.quality == .returned, let returned = item.returned else {
                return sentence
            }
            return sentence + "; returned for more detail on \(returned): still due on \(due), "
                + "the 6 weeks run from the original request"
        }
    }
}

extension StatutoryCalendar {
    /// Every time limit the case has, in the order a caseworker reads them: assessment, reviews, phase transfer.
    ///
    /// Applicability (documented choice): a deadline whose clock has not started is omitted
    /// (`noticeNotToIssue` before a decision to assess, `amendedPlan:N` without a decision to amend,
    /// the next annual review before the previous one is concluded). A deadline whose clock has
    /// started is never dropped: when a recorded decision switches it off before it is met
    /// (`finalPlan` after deciding not to assess or not to issue, `noticeNotToIssue` after deciding
    /// to issue) it stays as `notApplicable` with the decision named; when the case is closed or the
    /// plan ceased, unmet deadlines falling due on or after that day become `notApplicable`, while
    /// one already missed before it stays `overdue`, because that breach happened.
    func timeLimits(of ehcCase: EHCCase) -> [TimeLimit] {
        var limits: [TimeLimit] = []
        limits.reserveCapacity(4 + ehcCase.advice.count + 4 * ehcCase.reviews.count + 2)
        appendAssessment(of: ehcCase, to: &limits)
        appendReviews(of: ehcCase, to: &limits)
        appendPhaseTransfer(of: ehcCase, to: &limits)
        if let end = endOfDuties(of: ehcCase) {
            for index in limits.indices where limits[index].met == nil && limits[index].switchedOff == nil
                && limits[index].due >= end.date {
                limits[index].switchedOff = end.reason
            }
        }
        return limits
    }

    /// The day the case's statutory duties ended and why: the closure, else a decision to cease the plan.
    func endOfDuties(of ehcCase: EHCCase) -> (date: CalendarDate, reason: String)? {
        if let closed = ehcCase.closed {
            return (closed.date, "the case was closed on \(closed.date)")
        }
        if let cease = ehcCase.reviews.first(where: { $0.decision == .cease }) {
            let date = cease.decisionDate ?? cease.meetingDate
            return (date, "the decision to cease the plan on \(date)")
        }
        return nil
    }

    private func limit(_ rule: DeadlineRule, key: String, label: TimeLimit.Label = .title,
                       startPhrase: TimeLimit.StartPhrase, start: CalendarDate, met: CalendarDate?) -> TimeLimit {
        TimeLimit(key: key, kind: rule.kind, start: start, due: rule.due(from: start, settings: settings), met: met,
                  wording: .counted(label: label, startPhrase: startPhrase))
    }

    private func appendAssessment(of ehcCase: EHCCase, to limits: inout [TimeLimit]) {
        let request = ehcCase.requestDate
        let assessment = ehcCase.decisionToAssess
        let issue = ehcCase.decisionToIssue

        let decision = DeadlineRule.decisionToAssess
        limits.append(limit(decision, key: decision.kind.rawValue,
                            startPhrase: .fixed("the request received"), start: request, met: assessment?.date))

        let advice = DeadlineRule.advice
        let adviceKeys = AdviceRequest.deadlineKeys(ehcCase.advice)
        for (index, item) in ehcCase.advice.enumerated() {
            let key = adviceKeys[index]
            var entry = limit(advice, key: key, label: .advice(item), startPhrase: .fixed("the advice request received"),
                              start: item.requested, met: item.isOutstanding ? nil : item.received)
            entry.adviceIndex = index
            limits.append(entry)
        }

        // Reg 10(1) only concerns an assessment that was decided on; a recorded decision to issue,
        // draft or final plan implies one (and implies the decision to issue, switching reg 10(1) off).
        let planRecorded = issue != nil || ehcCase.draftPlanIssued != nil || ehcCase.finalPlanIssued != nil
        let decidedToAssess = assessment?.outcome == .assess || (assessment == nil && planRecorded)
        if decidedToAssess {
            let notice = DeadlineRule.noticeNotToIssue
            var entry = limit(notice, key: notice.kind.rawValue,
                              startPhrase: .fixed("the request received"), start: request,
                              met: issue?.outcome == .notIssue ? issue?.date : nil)
            entry.switchedOff = Self.planDecidedReason(of: ehcCase)
            limits.append(entry)
        }

        let final = DeadlineRule.finalPlan
        var finalPlan = limit(final, key: final.kind.rawValue, startPhrase: .fixed("the request received"),
                              start: request, met: ehcCase.finalPlanIssued)
        if finalPlan.met == nil { finalPlan.switchedOff = Self.noPlanReason(of: ehcCase) }
        limits.append(finalPlan)
    }

    /// Why a notice not to issue is no longer due: a plan was decided, drafted or issued.
    static func planDecidedReason(of ehcCase: EHCCase) -> String? {
        if let issue = ehcCase.decisionToIssue {
            return issue.outcome == .issue ? "a plan was decided on \(issue.date)" : nil
        }
        if let draft = ehcCase.draftPlanIssued { return "a draft plan was issued on \(draft)" }
        if let final = ehcCase.finalPlanIssued { return "the final plan was issued on \(final)" }
        return nil
    }

    /// Why no plan will follow the request, if a decision said so.
    static func noPlanReason(of ehcCase: EHCCase) -> String? {
        if let assessment = ehcCase.decisionToAssess, assessment.outcome == .notAssess {
            return "the decision not to assess on \(assessment.date)"
        }
        if let issue = ehcCase.decisionToIssue, issue.outcome == .notIssue {
            return "the decision not to issue a plan on \(issue.date)"
        }
        return nil
    }

    static func adviceLabel(_ item: AdviceRequest) -> String {
        guard let detail = item.detail, !detail.isEmpty else { return item.agency.displayName + " advice" }
        return item.agency.displayName + " (" + detail + ") advice"
    }

    private func appendReviews(of ehcCase: EHCCase, to limits: inout [TimeLimit]) {
        let reviews = Self.inMeetingOrder(ehcCase.reviews)
        let annual = DeadlineRule.annualReview
        var anchor = ehcCase.finalPlanIssued
        for (offset, review) in reviews.enumerated() {
            let number = offset + 1
            if let anchor {
                limits.append(limit(annual, key: "annualReview:\(number)", label: .review(number),
                                    startPhrase: .reviewAnchor(number), start: anchor,
                                    met: review.decisionDate))
            }
            for rule in [DeadlineRule.reviewReport, .reviewDecision] {
                limits.append(limit(rule, key: rule.kind.rawValue + ":\(number)", label: .review(number),
                                    startPhrase: .reviewMeeting(number), start: review.meetingDate,
                                    met: rule.kind == .reviewReport ? review.reportSent : review.decisionDate))
            }
            // Reg 22(3): 8 weeks from the amendment notice; when only the decision is recorded, the
            // notice went with it (reg 22(2), Devon [2022]).
            let notice = review.amendmentProposed.map { ($0, TimeLimit.StartPhrase.fixed("the notice of proposed amendments sent")) }
                ?? (review.decision == .amend
                    ? review.decisionDate.map { ($0, TimeLimit.StartPhrase.fixed("the decision to amend notified")) } : nil)
            if let (start, phrase) = notice {
                let amended = DeadlineRule.amendedPlan
                limits.append(limit(amended, key: "amendedPlan:\(number)", label: .review(number),
                                    startPhrase: phrase, start: start, met: review.amendedPlanIssued))
            }
            anchor = review.decisionDate
        }
        // The next review exists once the previous one is concluded (or, for the first, once the plan is
        // issued); a plan ceased at its last review has no next one.
        guard let anchor, reviews.last?.decision != .cease else { return }
        let number = reviews.count + 1
        limits.append(limit(annual, key: "annualReview:\(number)", label: .review(number),
                            startPhrase: .reviewAnchor(number), start: anchor, met: nil))
    }

    /// Reviews numbered 1-based in meeting-date order, whatever order they were recorded in.
    static func inMeetingOrder(_ reviews: [Review]) -> [Review] {
        inMeetingOrder(reviews, held: \.meetingDate)
    }

    /// Reviews, or what stands for them, in meeting order: by the day `held` gives, recorded order
    /// breaking ties (review N is the N-th meeting).
    public static func inMeetingOrder<Item>(_ reviews: [Item], held: (Item) -> CalendarDate) -> [Item] {
        var sorted = true
        for index in reviews.indices.dropFirst() where held(reviews[index - 1]) > held(reviews[index]) {
            sorted = false
        }
        if sorted { return reviews }
        return reviews.enumerated()
            .sorted { (held($0.element), $0.offset) < (held($1.element), $1.offset) }
            .map(\.element)
    }

    private func appendPhaseTransfer(of ehcCase: EHCCase, to limits: inout [TimeLimit]) {
        guard let transfer = ehcCase.phaseTransfer else { return }
        let rule = DeadlineRule.phaseTransfer
        let due = rule.phaseTransferDue(kind: transfer.kind, year: transfer.transferYear, settings: settings)
        // The period an exception would have to overlap: the transfer year up to the due date.
        let yearStart = CalendarDate(year: transfer.transferYear, month: 1, day: 1) ?? due
        var entry = TimeLimit(
            key: rule.kind.rawValue, kind: .phaseTransfer, start: min(yearStart, due), due: due,
            met: transfer.amendedPlanIssued, wording: .phaseTransfer(transfer.kind, year: transfer.transferYear))
        if entry.met == nil { entry.switchedOff = Self.noPlanReason(of: ehcCase) }
        limits.append(entry)
    }
}
