import EHCCore

/// The life of a synthetic plan after it is issued: annual reviews, a phase transfer, and for a few
/// cases a closure after everything else.
extension CaseloadGenerator {
    /// Reviews held about a year apart (CFA s.44(1)), each anchored on the previous decision; most on
    /// time, some late, a few never held (overdue), and sometimes the next meeting already booked.
    func addReviews(to ehcCase: inout EHCCase, random: inout SplitMix64) {
        guard var anchor = ehcCase.finalPlanIssued else { return }
        while !random.chance(percent: 6) {
            let periodEnd = anchor.adding(months: 12).adding(days: -1)
            let meeting = random.chance(percent: 82)
                ? periodEnd.adding(days: -random.int(in: 14...70))
                : periodEnd.adding(days: random.int(in: 1...60))
            guard meeting <= today else {
                if meeting <= today.adding(weeks: 8), random.chance(percent: 60) {
                    ehcCase.reviews.append(Review(meetingDate: meeting))
                }
                return
            }
            let report = meeting.adding(days: random.chance(percent: 80) ? random.int(in: 3...14)
                                                                         : random.int(in: 15...45))
            let decided = meeting.adding(days: random.chance(percent: 75) ? random.int(in: 7...28)
                                                                          : random.int(in: 29...75))
            let decision = CaseloadGenerator.reviewDecisions[random.weightedIndex(CaseloadGenerator.reviewWeights)]
            let amended = decided.adding(days: random.chance(percent: 80) ? random.int(in: 14...56)
                                                                          : random.int(in: 57...110))
            let decidedByToday = decided <= today
            ehcCase.reviews.append(Review(
                meetingDate: meeting,
                reportSent: report <= today ? report : nil,
                decisionDate: decidedByToday ? decided : nil,
                decision: decidedByToday ? decision : nil,
                amendedPlanIssued: decidedByToday && decision == .amend && amended <= today ? amended : nil))
            guard decidedByToday, decision != .cease else { return }
            anchor = decided
        }
    }

    /// A move at a fixed point of education (reg 18): into reception, junior or secondary school,
    /// or into post-16, for children with a plan in the year before the move (the coming transfer)
    /// or who moved last September (last year's, its deadline past: issued on time, late or never).
    func addPhaseTransfer(to ehcCase: inout EHCCase, random: inout SplitMix64) {
        guard let plan = ehcCase.finalPlanIssued, ehcCase.reviews.last?.decision != .cease else { return }
        // The school year runs September to August; a child's cohort is the school year of their birth.
        let schoolYearStart = today.month >= 9 ? today.year : today.year - 1
        let birth = ehcCase.child.dateOfBirth
        let yearGroup = schoolYearStart - (birth.month >= 9 ? birth.year : birth.year - 1) - 5
        let kind: PhaseTransferKind
        let moved: Bool
        switch yearGroup {
        case -1, 6: (kind, moved) = (.school, false)
        case 0, 7: (kind, moved) = (.school, true)
        case 2 where random.chance(percent: 30): (kind, moved) = (.school, false)
        case 3 where random.chance(percent: 30): (kind, moved) = (.school, true)
        case 11: (kind, moved) = (.postSixteen, false)
        case 12: (kind, moved) = (.postSixteen, true)
        default: return
        }
        guard random.chance(percent: 85) else { return }
        let transferYear = moved ? schoolYearStart : schoolYearStart + 1
        guard let deadline = CalendarDate(year: transferYear, month: kind == .school ? 2 : 3, day: kind == .school ? 14 : 30)
        else { return }
        // Last year's move concerns plans in force well before its deadline.
        if moved, plan.adding(days: 30) >= deadline { return }
        let issued: CalendarDate? = switch random.int(in: 0...99) {
        case ..<70: max(plan.adding(days: 1), deadline.adding(days: -random.int(in: 0...75)))
        case ..<85: deadline.adding(days: random.int(in: 1...45))
        default: nil
        }
        ehcCase.phaseTransfer = PhaseTransfer(
            kind: kind, transferYear: transferYear,
            amendedPlanIssued: issued.flatMap { $0 > plan && $0 <= today ? $0 : nil })
    }

    /// Closes a case after its last event: every ceased plan (once the day it ended has come),
    /// and about 3 % of the others.
    func addClosure(to ehcCase: inout EHCCase, random: inout SplitMix64) {
        let ceased = ehcCase.reviews.last?.decision == .cease
        guard ceased || random.chance(percent: 3) else { return }
        // A ceased plan ends once the two months for an appeal have passed.
        let date = ehcCase.latestRecordedDate.adding(days: random.int(in: ceased ? 7...60 : 7...120))
        guard date <= today else { return }
        let reason: String
        if ceased {
            reason = "Plan ceased after annual review"
        } else if ehcCase.finalPlanIssued != nil {
            reason = random.element(of: CaseloadGenerator.closedPlanReasons)
        } else if ehcCase.decisionToAssess?.outcome == .notAssess || ehcCase.decisionToIssue?.outcome == .notIssue {
            reason = "Refused; no appeal made"
        } else {
            reason = "Request withdrawn by the family"
        }
        ehcCase.closed = Closure(date: date, reason: reason)
    }

    private static let reviewDecisions: [ReviewDecision] = [.maintain, .amend, .cease]
    private static let reviewWeights = [55, 38, 7]
    private static let closedPlanReasons = [
        "Moved out of the authority's area", "Plan transferred to another authority",
        "Young person left education", "Young person started employment",
    ]
}

extension EHCCase {
    /// The latest date recorded anywhere in the case, a booked future meeting included.
    var latestRecordedDate: CalendarDate {
        var latest = requestDate
        func consider(_ date: CalendarDate?) {
            if let date, date > latest { latest = date }
        }
        consider(decisionToAssess?.date)
        for item in advice {
            consider(item.requested)
            consider(item.received)
            consider(item.chased.last)
        }
        consider(decisionToIssue?.date)
        consider(draftPlanIssued)
        consider(finalPlanIssued)
        for exception in exceptions {
            consider(exception.from)
            consider(exception.to)
            consider(exception.parentInformed)
        }
        for review in reviews {
            consider(review.meetingDate)
            consider(review.reportSent)
            consider(review.decisionDate)
            consider(review.amendedPlanIssued)
        }
        consider(phaseTransfer?.amendedPlanIssued)
        consider(closed?.date)
        return latest
    }
}
