/// One problem found in a case's facts: an error (impossible or contradictory, refused on import)
/// or a warning (legal but doubtful), located by a path relative to the case.
///
/// ```swift
/// finding.severity   // .error
/// finding.path       // "advice[0].received"
/// finding.message    // "Advice received 2025-02-01 is before it was requested on 2025-02-18."
/// ```
public struct ConsistencyFinding: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case error, warning
    }

    public var severity: Severity
    /// Relative to the case, e.g. `advice[0].received`, `exceptions[1]`; the importer prefixes `cases[3].`.
    public var path: String
    /// A sentence naming the values involved.
    public var message: String
    /// The regulation or rule broken, when there is one, e.g. `Regs 2014 reg 13(1)(a)`.
    public var rule: String?

    public init(severity: Severity, path: String, message: String, rule: String? = nil) {
        self.severity = severity
        self.path = path
        self.message = message
        self.rule = rule
    }
}

/// Checks a case's recorded facts for dates out of order, contradicting decisions, dates in the
/// future and refused exceptions, so bad data is caught before deadlines are computed from it.
///
/// ```swift
/// let findings = ConsistencyCheck().findings(for: sam, today: CalendarDate("2025-06-01")!)
/// findings.contains { $0.severity == .error }   // the importer refuses the file when true
/// ```
public struct ConsistencyCheck: Sendable {
    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Every finding for the case, errors and warnings, in the order of the case's fields.
    public func findings(for ehcCase: EHCCase, today: CalendarDate) -> [ConsistencyFinding] {
        var report = Report(request: ehcCase.requestDate, today: today)
        checkRanges(of: ehcCase, today: today, into: &report)
        checkAssessment(of: ehcCase, into: &report)
        checkReviews(of: ehcCase, into: &report)
        checkExceptions(of: ehcCase, today: today, into: &report)
        if let transfer = ehcCase.phaseTransfer {
            report.event(transfer.amendedPlanIssued, at: "phaseTransfer.amendedPlanIssued", named: "Phase transfer amended plan")
        }
        if let closed = ehcCase.closed {
            report.event(closed.date, at: "closed.date", named: "Closure")
        }
        return report.findings
    }

    /// Collects findings; knows the two checks every recorded date gets.
    private struct Report {
        let request: CalendarDate
        let today: CalendarDate
        var findings: [ConsistencyFinding] = []

        mutating func error(_ path: String, _ message: String, rule: String? = nil) {
            findings.append(ConsistencyFinding(severity: .error, path: path, message: message, rule: rule))
        }

        mutating func warning(_ path: String, _ message: String, rule: String? = nil) {
            findings.append(ConsistencyFinding(severity: .warning, path: path, message: message, rule: rule))
        }

        /// A recorded event must fall between the request and today (`mayBeScheduled`: a future day is allowed).
        mutating func event(_ date: CalendarDate?, at path: String, named name: String, mayBeScheduled: Bool = false) {
            guard let date else { return }
            if date < request {
                error(path, "\(name) \(date) is before the request received \(request).")
            }
            if !mayBeScheduled, date > today {
                error(path, "\(name) \(date) is after today (\(today)); only scheduled review meetings may be in the future.")
            }
        }

        /// `later` must not come before `earlier`.
        mutating func order(_ later: CalendarDate?, at path: String, named laterName: String,
                            after earlier: CalendarDate?, named earlierName: String, rule: String? = nil) {
            guard let later, let earlier, later < earlier else { return }
            error(path, "\(laterName) \(later) is before \(earlierName) \(earlier).", rule: rule)
        }
    }

    /// The first recorded step that presupposes a decision to assess, with its path and name.
    private static func laterStep(of ehcCase: EHCCase) -> (String, String)? {
        if ehcCase.decisionToIssue != nil { return ("decisionToIssue", "A decision whether to issue a plan") }
        if ehcCase.draftPlanIssued != nil { return ("draftPlanIssued", "A draft plan") }
        if ehcCase.finalPlanIssued != nil { return ("finalPlanIssued", "A final plan") }
        return nil
    }

    /// A verdict needs advice received; a note needs a verdict; a return needs its day, on or after the receipt.
    private static func checkQuality(of item: AdviceRequest, at path: String, named name: String,
                                     into report: inout Report) {
        if item.qualityNote != nil, item.quality == nil {
            report.error(path + ".qualityNote", "\(name) has a quality note but no verdict: give quality "
                             + "\"adequate\" or \"returned\", or remove the note.")
        }
        if let quality = item.quality, item.received == nil {
            report.error(path + ".quality", "\(name) is judged \"\(quality.rawValue)\" but was never received.")
        }
        switch (item.quality == .returned, item.returned) {
        case (true, nil):
            report.error(path + ".returned", "\(name) is returned for more detail without the day it was returned.")
        case (false, let day?):
            report.error(path + ".returned", "\(name) has a return date \(day) but its quality is not \"returned\".")
        default: break
        }
        report.event(item.returned, at: path + ".returned", named: name + " returned for more detail")
        report.order(item.returned, at: path + ".returned", named: name + " returned for more detail",
                     after: item.received, named: "its receipt on")
    }

    /// Values no rule could make right: a reference outside ``CaseReference``, an empty or
    /// control-character name, a child older than 25 or not yet born at the request, a transfer
    /// year or scheduled date far from the request. Checked first, so nothing out of range is
    /// ever stored (import, forms and `edit` all run this check).
    private func checkRanges(of ehcCase: EHCCase, today: CalendarDate, into report: inout Report) {
        if let problem = CaseReference.problem(with: ehcCase.id) { report.error("id", problem) }
        let names = [("child.givenName", "Given name", ehcCase.child.givenName),
                     ("child.familyName", "Family name", ehcCase.child.familyName),
                     ("caseworker", "Caseworker", ehcCase.caseworker)]
        for (path, name, text) in names {
            if text.allSatisfy(\.isWhitespace) { report.error(path, "\(name) is empty.") }
            if text.count > CaseReference.longestName { report.error(path, "\(name) is longer than \(CaseReference.longestName) characters.") }
        }
        for (path, name, text) in names + [("child.setting", "Setting", ehcCase.child.setting ?? "")]
        where text.unicodeScalars.contains(where: CaseReference.isControl) {
            report.error(path, "\(name) contains a control character; type it again without pasting.")
        }
        let request = ehcCase.requestDate
        let birth = ehcCase.child.dateOfBirth
        if request < CaseReference.earliestRequest {
            report.error("requestDate", "Request received \(request) is before \(CaseReference.earliestRequest); "
                         + "is the year mistyped?")
        }
        if birth > request {
            report.error("child.dateOfBirth", "Date of birth \(birth) is after the request received \(request).")
        } else if birth.adding(months: 26 * 12) <= request {
            report.error("child.dateOfBirth", "Date of birth \(birth) makes the child or young person over 25 at the "
                         + "request received \(request); EHC plans are for those aged 0 to 25.", rule: "CFA 2014 s.83(2)")
        }
        if let year = ehcCase.phaseTransfer?.transferYear, !PhaseTransfer.plausibleYears(after: request).contains(year) {
            let range = PhaseTransfer.plausibleYears(after: request)
            report.error("phaseTransfer.transferYear", "Transfer year \(year) is not a year from \(range.lowerBound) "
                         + "to \(range.upperBound) (the request's year to 25 years on).")
        }
        let latestScheduled = today.adding(months: 24)
        for (index, review) in ehcCase.reviews.enumerated() where review.meetingDate > latestScheduled {
            report.error("reviews[\(index)].meetingDate", "Review meeting \(review.meetingDate) is more than two years "
                         + "after today (\(today)); is the year mistyped?")
        }
        for (index, exception) in ehcCase.exceptions.enumerated() {
            if let to = exception.to, to > request.adding(months: 26 * 12) {
                report.error("exceptions[\(index)].to", "Exception end \(to) is over 26 years after the request; is the year mistyped?")
            }
        }
    }

    private func checkAssessment(of ehcCase: EHCCase, into report: inout Report) {
        let assessment = ehcCase.decisionToAssess
        let issue = ehcCase.decisionToIssue
        report.event(assessment?.date, at: "decisionToAssess.date", named: "Decision whether to assess")
        for (index, item) in ehcCase.advice.enumerated() {
            let path = "advice[\(index)]"
            let name = StatutoryCalendar.adviceLabel(item)
            report.event(item.requested, at: path + ".requested", named: name + " requested")
            report.event(item.received, at: path + ".received", named: name + " received")
            report.order(item.received, at: path + ".received", named: name + " received",
                         after: item.requested, named: "its request on")
            for (chase, date) in item.chased.enumerated() {
                report.event(date, at: path + ".chased[\(chase)]", named: name + " chased")
                report.order(date, at: path + ".chased[\(chase)]", named: name + " chased",
                             after: item.requested, named: "its request on")
            }
            Self.checkQuality(of: item, at: path, named: name, into: &report)
        }
        report.event(issue?.date, at: "decisionToIssue.date", named: "Decision whether to issue a plan")
        report.order(issue?.date, at: "decisionToIssue.date", named: "Decision whether to issue a plan",
                     after: assessment?.date, named: "the decision whether to assess on")
        report.event(ehcCase.draftPlanIssued, at: "draftPlanIssued", named: "Draft plan issued")
        report.event(ehcCase.finalPlanIssued, at: "finalPlanIssued", named: "Final plan issued")
        report.order(ehcCase.finalPlanIssued, at: "finalPlanIssued", named: "Final plan issued",
                     after: ehcCase.draftPlanIssued, named: "the draft plan issued")
        report.order(ehcCase.finalPlanIssued, at: "finalPlanIssued", named: "Final plan issued",
                     after: issue?.date, named: "the decision whether to issue a plan on")

        if let assessment, assessment.outcome == .notAssess {
            if let issue { report.error("decisionToIssue", "A decision whether to issue on \(issue.date) contradicts the decision not to assess on \(assessment.date).") }
            if let draft = ehcCase.draftPlanIssued { report.error("draftPlanIssued", "A draft plan issued \(draft) contradicts the decision not to assess on \(assessment.date).") }
            if let final = ehcCase.finalPlanIssued { report.error("finalPlanIssued", "A final plan issued \(final) contradicts the decision not to assess on \(assessment.date).") }
        }
        if let issue, issue.outcome == .notIssue, let final = ehcCase.finalPlanIssued {
            report.error("finalPlanIssued", "A final plan issued \(final) contradicts the decision not to issue a plan on \(issue.date).")
        }

        // A plan implies both decisions; without their dates the 6-week limit cannot be shown as met.
        if assessment == nil, let (path, name) = Self.laterStep(of: ehcCase) {
            report.warning(path, "\(name) is recorded without the decision whether to assess: record its date, "
                               + "or the 6-week limit shows as unmet.", rule: "Regs 2014 reg 5(1)")
        }

        // Reg 13(1)(a): the parent has at least 15 days beginning with the day the draft was served.
        if let draft = ehcCase.draftPlanIssued, let final = ehcCase.finalPlanIssued, final >= draft,
           draft.days(until: final) < 15 {
            report.warning("finalPlanIssued",
                           "Final plan issued \(final) is \(draft.days(until: final)) days after the draft of \(draft); "
                               + "the parent's 15 days allow finalising from \(draft.adding(days: 15)).",
                           rule: "Regs 2014 reg 13(1)(a)")
        }
        if let final = ehcCase.finalPlanIssued, final.month == 2, final.day == 29 {
            report.warning("finalPlanIssued",
                           "Final plan issued on 29 February (\(final)): its review year is clamped to 28 February; confirm the review date.",
                           rule: "CFA 2014 s.44(1)")
        }
    }

    private func checkReviews(of ehcCase: EHCCase, into report: inout Report) {
        for (index, review) in ehcCase.reviews.enumerated() {
            let path = "reviews[\(index)]"
            if let final = ehcCase.finalPlanIssued {
                report.order(review.meetingDate, at: path + ".meetingDate", named: "Review meeting",
                             after: final, named: "the final plan issued")
            } else {
                report.error(path, "A review meeting on \(review.meetingDate) is recorded but no final plan was issued.")
            }
            report.event(review.meetingDate, at: path + ".meetingDate", named: "Review meeting", mayBeScheduled: true)
            report.event(review.reportSent, at: path + ".reportSent", named: "Review report sent")
            report.order(review.reportSent, at: path + ".reportSent", named: "Review report sent",
                         after: review.meetingDate, named: "its meeting on")
            report.event(review.decisionDate, at: path + ".decisionDate", named: "Review decision")
            report.order(review.decisionDate, at: path + ".decisionDate", named: "Review decision",
                         after: review.meetingDate, named: "its meeting on")
            report.event(review.amendmentProposed, at: path + ".amendmentProposed", named: "Amendment notice sent")
            report.order(review.amendmentProposed, at: path + ".amendmentProposed", named: "Amendment notice sent",
                         after: review.meetingDate, named: "its meeting on")
            if let proposed = review.amendmentProposed, let decision = review.decision, decision != .amend {
                report.error(path + ".amendmentProposed",
                             "An amendment notice sent \(proposed) contradicts the decision to \(decision.rawValue).",
                             rule: "Regs 2014 reg 22(2)")
            }
            report.event(review.amendedPlanIssued, at: path + ".amendedPlanIssued", named: "Amended plan issued")
            if let amended = review.amendedPlanIssued {
                if review.decision != .amend && review.amendmentProposed == nil {
                    report.error(path + ".amendedPlanIssued",
                                 "Amended plan issued \(amended) without a decision to amend at this review.",
                                 rule: "Regs 2014 reg 22(3)")
                } else {
                    report.order(amended, at: path + ".amendedPlanIssued", named: "Amended plan issued",
                                 after: review.amendmentProposed ?? review.decisionDate,
                                 named: review.amendmentProposed == nil ? "the decision to amend on" : "the amendment notice sent")
                }
            }
            if let decision = review.decision, review.decisionDate == nil {
                report.warning(path + ".decisionDate",
                               "The review decision \(decision.rawValue) has no date, so no deadline can count from it.")
            }
        }
    }

    private func checkExceptions(of ehcCase: EHCCase, today: CalendarDate, into report: inout Report) {
        guard !ehcCase.exceptions.isEmpty else { return }
        let calendar = StatutoryCalendar(settings: settings)
        for ruling in calendar.exceptionRulings(for: ehcCase, today: today) {
            let path = "exceptions[\(ruling.index)]"
            report.event(ehcCase.exceptions[ruling.index].parentInformed, at: path + ".parentInformed",
                         named: "Parent informed of the exception")
            guard !ruling.isAllowed else { continue }
            let ground = ehcCase.exceptions[ruling.index].ground.displayName
            report.error(path, "The \(ground) exception is refused: " + ruling.refusals.joined(separator: " "),
                         rule: ruling.regulation.isEmpty ? nil : "Regs 2014 reg " + ruling.regulation)
        }
    }
}
