import EHCCore

/// The assessment part of a synthetic case: from the request to the final plan.
///
/// The whole story is planned first (how long each step takes), then only the steps that have
/// happened by `today` are recorded, so recent requests stop at every stage and slow ones show
/// as overdue. Durations follow national experience: about a fifth of requests refused, about
/// 55 % of plans within 20 weeks, a long tail beyond 30 and 52 weeks.
extension CaseloadGenerator {
    func addAssessment(to ehcCase: inout EHCCase, random: inout SplitMix64) {
        let request = ehcCase.requestDate
        let refused = random.chance(percent: 22)
        let decisionDays = refused
            ? (random.chance(percent: 85) ? random.int(in: 21...42) : random.int(in: 43...75))
            : (random.chance(percent: 72) ? random.int(in: 20...42) : random.int(in: 43...90))
        let decisionToAssess = request.adding(days: decisionDays)
        guard decisionToAssess <= today else { return }
        ehcCase.decisionToAssess = Decision(date: decisionToAssess, outcome: refused ? .notAssess : .assess)
        guard !refused else { return }

        let willIssue = !random.chance(percent: 5)
        let adviceStart = decisionToAssess.adding(days: random.int(in: 0...5))
        // Advice takes at least four weeks to gather before anything can be decided on it.
        let earliestDecision = adviceStart.adding(days: 28)
        let draftToFinal = random.chance(percent: 93) ? random.int(in: 15...35) : random.int(in: 7...14)
        let draft = max(request.adding(days: finalPlanDays(random: &random) - draftToFinal), earliestDecision)
        let issueDecision = willIssue
            ? max(draft.adding(days: -random.int(in: 1...10)), decisionToAssess.adding(days: 1))
            : max(request.adding(days: random.chance(percent: 80) ? random.int(in: 84...126)
                                                                  : random.int(in: 127...200)),
                  earliestDecision)
        ehcCase.advice = makeAdvice(start: adviceStart, backBefore: issueDecision, random: &random)
        let finalPlan = draft.adding(days: draftToFinal)
        if willIssue, random.chance(percent: 9),
           let exception = makeException(for: ehcCase, finalPlan: finalPlan, random: &random) {
            ehcCase.exceptions = [exception]
        }

        addContactsAndReturns(to: &ehcCase, stillGathering: issueDecision > today)

        guard issueDecision <= today else { return }
        ehcCase.decisionToIssue = Decision(date: issueDecision, outcome: willIssue ? .issue : .notIssue)
        guard willIssue, draft <= today else { return }
        ehcCase.draftPlanIssued = draft
        guard finalPlan <= today else { return }
        ehcCase.finalPlanIssued = finalPlan
    }

    /// Days from request to final plan: 52 % planned within 20 weeks, which makes about 55 % of the
    /// plans issued by `today` (recent requests still in progress hold back only the slow ones),
    /// then a tail past a year.
    private func finalPlanDays(random: inout SplitMix64) -> Int {
        if random.chance(percent: 52) { return random.int(in: 98...140) }
        switch random.int(in: 0...99) {
        case ..<50: return random.int(in: 141...210)
        case ..<80: return random.int(in: 211...364)
        default: return random.int(in: 365...480)
        }
    }

    /// One request per agency asked, all answered before `backBefore` when answered at all, late
    /// answers and unanswered ones chased fortnightly from the due date.
    private func makeAdvice(start: CalendarDate, backBefore: CalendarDate, random: inout SplitMix64) -> [AdviceRequest] {
        var advice: [AdviceRequest] = []
        advice.reserveCapacity(8)
        for (agency, detail, percent) in CaseloadGenerator.adviceAsked where random.chance(percent: percent) {
            let requested = start.adding(days: random.int(in: 0...3))
            guard requested <= today else { continue }
            let days = switch random.int(in: 0...99) {
            case ..<62: random.int(in: 10...42)
            case ..<88: random.int(in: 43...70)
            default: random.int(in: 71...120)
            }
            let answer = min(requested.adding(days: days), backBefore.adding(days: -1))
            let received = answer <= today ? answer : nil
            var chased: [CalendarDate] = []
            if random.chance(percent: 75) {
                var chase = requested.adding(weeks: 6).adding(days: random.int(in: 1...5))
                while chased.count < 3, chase <= today, chase < (received ?? today.adding(days: 1)) {
                    chased.append(chase)
                    chase = chase.adding(weeks: 2)
                }
            }
            advice.append(AdviceRequest(agency: agency, detail: detail, requested: requested, received: received,
                                        chased: chased))
        }
        return advice
    }

    /// Names a contact on most professional advice, and, while advice is still being gathered, sends
    /// about one answer in eight back for more detail a few days after it came.
    ///
    /// Drawn from a stream of the case's own reference, so the rest of the story (and every caseload
    /// generated before these facts existed) stays exactly as it was.
    private func addContactsAndReturns(to ehcCase: inout EHCCase, stillGathering: Bool) {
        let seed = ehcCase.id.utf8.reduce(UInt64(0xCBF2_9CE4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
        for index in ehcCase.advice.indices {
            var random = SplitMix64(seed: seed, index: index)
            let item = ehcCase.advice[index]
            if let role = Self.contactRoles[item.agency], random.chance(percent: 70) {
                ehcCase.advice[index].contact = role + " " + random.element(of: NamePools.caseworkerFamilyNames)
            }
            guard stillGathering, let received = item.received, random.chance(percent: 12) else { continue }
            let returned = received.adding(days: random.int(in: 1...7))
            guard returned <= today else { continue }
            ehcCase.advice[index].returnForMoreDetail(on: returned, note: random.element(of: Self.returnNotes))
        }
    }

    /// How a contact at each professional agency is named; parents and children are not "contacts".
    private static let contactRoles: [Agency: String] = [
        .educationalPsychology: "Dr", .health: "Dr", .socialCare: "SW", .education: "SENCo", .other: "Therapist",
    ]

    /// Why a caseworker sends advice back (reg 6(1): advice must say what the needs and outcomes are).
    private static let returnNotes = [
        "no outcomes given", "provision not specified or quantified", "needs described but not the help they need",
        "advice is about a different child's setting", "no view on health needs",
    ]

    /// Who is asked for advice in an assessment, and how often (in percent): reg 6(1) names most of them.
    private static let adviceAsked: [(Agency, String?, Int)] = [
        (.parentViews, nil, 92), (.childViews, nil, 80), (.education, nil, 97), (.educationalPsychology, nil, 100),
        (.health, nil, 95), (.socialCare, nil, 60), (.other, "speech and language therapy", 25),
        (.other, "occupational therapy", 12),
    ]
}
