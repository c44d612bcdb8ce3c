import EHCCore
import EHCStore
import Testing

/// The caseload's proportions, checked on 10,000 cases as ranges around the brief's targets.
@Suite("Caseload generator: a realistic mix")
struct GenerateMixTests {
    let cases = tenThousandCases
    let today = generatorToday

    @Test("most professional advice names a contact; some advice still being gathered is returned for more detail")
    func contactsAndReturns() {
        let professional = cases.flatMap(\.advice).filter { ![.parentViews, .childViews].contains($0.agency) }
        #expect((0.6...0.8).contains(generatedShare(professional) { $0.contact != nil }))
        let returned = cases.flatMap(\.advice).filter { $0.quality == .returned }
        #expect(returned.count >= 20)
        #expect(returned.allSatisfy { $0.qualityNote != nil && $0.returned! >= $0.received! && $0.returned! <= today })
    }

    @Test("about a fifth of decisions refuse to assess, mostly within six weeks")
    func refusals() {
        let decided = cases.filter { $0.decisionToAssess != nil }
        let refused = decided.filter { $0.decisionToAssess?.outcome == .notAssess }
        #expect((0.18...0.27).contains(generatedShare(decided) { $0.decisionToAssess?.outcome == .notAssess }))
        #expect(generatedShare(refused) { $0.requestDate.days(until: $0.decisionToAssess!.date) <= 42 } > 0.75)
    }

    @Test("about one in twenty assessments ends in a decision not to issue")
    func notIssue() {
        let decided = cases.filter { $0.decisionToIssue != nil }
        #expect((0.03...0.09).contains(generatedShare(decided) { $0.decisionToIssue?.outcome == .notIssue }))
    }

    @Test("about 55 % of final plans are issued within 20 weeks, some after 30 and 52")
    func finalPlanTimeliness() {
        let weeks = cases.compactMap { ehcCase in ehcCase.finalPlanIssued.map { ehcCase.requestDate.days(until: $0) } }
        #expect((0.50...0.62).contains(generatedShare(weeks) { $0 <= 140 }))
        #expect(generatedShare(weeks) { $0 > 210 } > 0.05)
        #expect(generatedShare(weeks) { $0 > 364 } > 0.01)
    }

    @Test("most final plans come at least 15 days after the draft")
    func draftToFinal() {
        let finals = cases.filter { $0.finalPlanIssued != nil }
        #expect(generatedShare(finals) { $0.draftPlanIssued!.days(until: $0.finalPlanIssued!) >= 15 } > 0.9)
    }

    @Test("open assessments wait at every stage, some overdue")
    func stagesInProgress() {
        let open = cases.filter { $0.closed == nil }
        let awaitingDecision = open.filter { $0.decisionToAssess == nil }
        let awaitingAdvice = open.filter {
            $0.decisionToAssess?.outcome == .assess && $0.decisionToIssue == nil && $0.advice.contains { $0.received == nil }
        }
        let draftIssued = open.filter { $0.draftPlanIssued != nil && $0.finalPlanIssued == nil }
        #expect(awaitingDecision.count > 20)
        #expect(awaitingDecision.contains { $0.requestDate.days(until: today) > 42 })
        #expect(awaitingAdvice.count > 20)
        #expect(draftIssued.count > 10)
        #expect(open.contains {
            $0.decisionToAssess?.outcome == .assess && $0.decisionToIssue?.outcome != .notIssue
                && $0.finalPlanIssued == nil && $0.requestDate.days(until: today) > 364
        })
    }

    @Test("advice goes to every agency, some late, some outstanding and chased")
    func adviceMix() {
        let advice = cases.flatMap(\.advice)
        for agency in Agency.allCases {
            #expect(advice.contains { $0.agency == agency }, "no advice from \(agency)")
        }
        #expect(Set(advice.compactMap(\.detail)) == ["speech and language therapy", "occupational therapy"])
        #expect(generatedShare(advice.filter { $0.received != nil }) { $0.requested.days(until: $0.received!) > 42 } > 0.15)
        #expect(advice.contains { $0.received == nil && !$0.chased.isEmpty })
    }

    @Test("5 to 8 % of cases carry an exception, on several grounds")
    func exceptions() {
        #expect((0.05...0.08).contains(generatedShare(cases) { !$0.exceptions.isEmpty }))
        let grounds = Set(cases.flatMap(\.exceptions).map(\.ground))
        #expect(grounds.isSuperset(of: [.personalCircumstances, .absence, .schoolClosure, .missedAppointment]))
    }

    @Test("plans issued more than a year ago have reviews, some overdue and some amended")
    func reviews() {
        let oldPlans = cases.filter { $0.finalPlanIssued.map { $0.days(until: today) > 400 } ?? false }
        #expect(generatedShare(oldPlans) { !$0.reviews.isEmpty } > 0.85)
        let reviews = cases.flatMap(\.reviews)
        #expect(Set(reviews.compactMap(\.decision)) == Set(ReviewDecision.allCases))
        #expect(reviews.contains { $0.amendedPlanIssued != nil })
        #expect(reviews.contains { $0.meetingDate > today })
        // Overdue: the last conclusion (or the plan) is more than a year ago and no review follows it.
        #expect(cases.contains { ehcCase in
            guard ehcCase.closed == nil, let plan = ehcCase.finalPlanIssued,
                  ehcCase.reviews.last?.decision != .cease else { return false }
            let anchor = ehcCase.reviews.last?.decisionDate ?? (ehcCase.reviews.isEmpty ? plan : today)
            return anchor.adding(months: 12) < today
        })
    }

    @Test("some children move school or into post-16, and a few cases are closed")
    func transfersAndClosures() {
        let kinds = Set(cases.compactMap(\.phaseTransfer?.kind))
        #expect(kinds == Set(PhaseTransferKind.allCases))
        #expect((0.01...0.08).contains(generatedShare(cases) { $0.closed != nil }))
    }
}
