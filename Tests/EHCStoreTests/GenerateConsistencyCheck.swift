import EHCCore

/// Everything that would make a case an impossible story on `today`, one sentence per problem.
///
/// Written from the brief and `statutory-rules.md`, independently of the generator, so that the
/// generator's tests check its output against the rules rather than against itself.
func inconsistencies(of ehcCase: EHCCase, today: CalendarDate) -> [String] {
    var problems: [String] = []
    func require(_ condition: Bool, _ problem: @autoclosure () -> String) {
        if !condition { problems.append(ehcCase.id + ": " + problem()) }
    }
    let request = ehcCase.requestDate
    func happened(_ date: CalendarDate?, _ what: String) {
        guard let date else { return }
        require(date >= request, "\(what) \(date) is before the request \(request)")
        require(date <= today, "\(what) \(date) is after today \(today)")
    }

    require(ehcCase.child.dateOfBirth < request, "born after the request")
    require((0...25).contains(ehcCase.child.age(on: request)), "aged \(ehcCase.child.age(on: request)) at request")
    require(request <= today, "request after today")
    require(ehcCase.id.hasPrefix("EHC-\(request.year)-") && ehcCase.id.count >= 14
                && ehcCase.id.dropFirst(9).allSatisfy(\.isASCII) && ehcCase.id.dropFirst(9).allSatisfy(\.isNumber),
            "reference \(ehcCase.id) is not EHC-<request year>-<digits>")

    happened(ehcCase.decisionToAssess?.date, "decision to assess")
    let assessed = ehcCase.decisionToAssess?.outcome == .assess
    if !assessed {
        require(ehcCase.advice.isEmpty && ehcCase.decisionToIssue == nil && ehcCase.draftPlanIssued == nil
                    && ehcCase.exceptions.isEmpty, "assessment facts without a decision to assess")
    }
    for advice in ehcCase.advice {
        happened(advice.requested, "advice requested")
        happened(advice.received, "advice received")
        require(advice.received.map { $0 >= advice.requested } ?? true, "advice received before it was requested")
        require(advice.chased == advice.chased.sorted(), "chases out of order")
        for chase in advice.chased {
            happened(chase, "advice chased")
            require(chase >= advice.requested, "advice chased before it was requested")
            require(advice.received.map { chase <= $0 } ?? true, "advice chased after it was received")
        }
        require(advice.agency == .other ? advice.detail != nil : true, "other advice without detail")
    }
    if let issue = ehcCase.decisionToIssue {
        happened(issue.date, "decision to issue")
        require(assessed && issue.date >= ehcCase.decisionToAssess!.date, "decision to issue before deciding to assess")
    }
    if let draft = ehcCase.draftPlanIssued {
        happened(draft, "draft")
        require(ehcCase.decisionToIssue?.outcome == .issue, "draft without a decision to issue")
        require(ehcCase.decisionToIssue.map { draft >= $0.date } ?? true, "draft before the decision to issue")
    }
    if let final = ehcCase.finalPlanIssued {
        happened(final, "final plan")
        require(ehcCase.draftPlanIssued.map { final > $0 } ?? false, "final plan without an earlier draft")
    }
    for exception in ehcCase.exceptions {
        problems += exceptionProblems(exception, of: ehcCase, today: today)
    }

    require(ehcCase.reviews.isEmpty || ehcCase.finalPlanIssued != nil, "reviews without a final plan")
    var previousConclusion = ehcCase.finalPlanIssued ?? request
    for (number, review) in ehcCase.reviews.enumerated() {
        let isLast = number == ehcCase.reviews.count - 1
        require(review.meetingDate > previousConclusion, "review \(number + 1) before the previous conclusion")
        if review.meetingDate > today {
            require(isLast && review.reportSent == nil && review.decisionDate == nil, "a future meeting with results")
            continue
        }
        happened(review.reportSent, "review report")
        happened(review.decisionDate, "review decision")
        happened(review.amendedPlanIssued, "amended plan")
        require(review.reportSent.map { $0 >= review.meetingDate } ?? true, "review report before its meeting")
        require((review.decisionDate == nil) == (review.decision == nil), "review decision without its date")
        require(review.decisionDate.map { $0 >= review.meetingDate } ?? true, "review decision before its meeting")
        require(review.amendedPlanIssued == nil || review.decision == .amend, "amended plan without an amend decision")
        require(review.amendedPlanIssued.map { $0 >= review.decisionDate! } ?? true, "amended plan before the decision")
        require(review.decisionDate != nil || isLast, "a later review follows an unconcluded one")
        require(review.decision != .cease || isLast, "a review after the plan ceased")
        previousConclusion = review.decisionDate ?? review.meetingDate
    }
    if let transfer = ehcCase.phaseTransfer {
        require(ehcCase.finalPlanIssued != nil, "phase transfer without a plan")
        happened(transfer.amendedPlanIssued, "phase transfer amended plan")
        require(transfer.amendedPlanIssued.map { $0 > ehcCase.finalPlanIssued! } ?? true,
                "phase transfer plan before the plan")
    }
    if let closure = ehcCase.closed {
        happened(closure.date, "closure")
        require(closure.date >= latestDate(in: ehcCase), "closed before its last event")
        require(!closure.reason.isEmpty, "closed without a reason")
    }
    return problems
}

/// The conditions of the Exceptions table in `statutory-rules.md`, and its dates inside the story.
private func exceptionProblems(_ exception: StatutoryException, of ehcCase: EHCCase, today: CalendarDate) -> [String] {
    var problems: [String] = []
    func require(_ condition: Bool, _ problem: String) {
        if !condition { problems.append(ehcCase.id + ": " + exception.ground.rawValue + ": " + problem) }
    }
    let request = ehcCase.requestDate
    for date in [exception.from, exception.to, exception.parentInformed].compactMap({ $0 }) {
        require(date >= request && date <= today, "date \(date) outside request…today")
    }
    require(exception.parentInformed.map { $0 >= exception.from } ?? false, "family not told, or told before it began")
    require(exception.to.map { $0 > exception.from } ?? true, "ends before it begins")
    switch exception.ground {
    case .personalCircumstances:
        require(!(exception.note ?? "").isEmpty, "no note")
    case .absence:
        require(exception.to.map { exception.from.days(until: $0) >= 28 } ?? false, "shorter than four weeks")
    case .schoolClosure, .earlyYearsClosure:
        require(exception.to.map { exception.from.days(until: $0) >= 28 } ?? false, "shorter than four weeks")
        if let to = exception.to {
            let window = exception.from.adding(days: -7)...to.adding(days: -7)
            require(ehcCase.advice.contains { $0.agency == .education && window.contains($0.requested) },
                    "no education advice asked for in \(window)")
        }
    case .missedAppointment:
        require(exception.appliesTo.allSatisfy { $0.hasPrefix("advice:") }, "claimed against a non-advice deadline")
    }
    for key in exception.appliesTo {
        let period: ClosedRange<CalendarDate>?
        switch key {
        case "finalPlan":
            require(ehcCase.decisionToIssue?.outcome != .notIssue, "claimed against a final plan never due")
            require(ehcCase.finalPlanIssued.map { exception.from < $0 } ?? true, "begins after the final plan")
            period = request...request.adding(weeks: 20)
        case "decisionToAssess": period = request...request.adding(weeks: 6)
        case "noticeNotToIssue": period = request...request.adding(weeks: 16)
        default:
            let agency = key.hasPrefix("advice:") ? Agency(rawValue: String(key.dropFirst(7))) : nil
            period = ehcCase.advice.first { $0.agency == agency }.map { $0.requested...$0.requested.adding(weeks: 6) }
        }
        if let period {
            let end = exception.to ?? today
            require(exception.from <= period.upperBound && end >= period.lowerBound, "does not overlap \(key)")
        } else {
            require(false, "claimed against unknown deadline \(key)")
        }
    }
    return problems
}

/// The latest date anywhere in a case other than its closure.
private func latestDate(in ehcCase: EHCCase) -> CalendarDate {
    var dates: [CalendarDate?] = [ehcCase.requestDate, ehcCase.decisionToAssess?.date, ehcCase.decisionToIssue?.date,
                                  ehcCase.draftPlanIssued, ehcCase.finalPlanIssued,
                                  ehcCase.phaseTransfer?.amendedPlanIssued]
    for advice in ehcCase.advice { dates += [advice.requested, advice.received] + advice.chased.map { $0 } }
    for exception in ehcCase.exceptions { dates += [exception.from, exception.to, exception.parentInformed] }
    for review in ehcCase.reviews {
        dates += [review.meetingDate, review.reportSent, review.decisionDate, review.amendedPlanIssued]
    }
    return dates.compactMap { $0 }.max()!
}
