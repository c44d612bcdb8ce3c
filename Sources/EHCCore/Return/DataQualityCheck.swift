/// Runs the ``DataQualityRule`` table over a caseload, a case at a time, as of a census date.
///
/// Most rules look at one case; a few look across cases (a UPN shared by two persons, the
/// requests of one person that disagree, the share of requests from "other"): those keep a small
/// summary per case as the cases stream past and report in ``finish()``. Memory grows with the
/// number of UPNs and persons, never with whole cases.
///
/// ```swift
/// var check = DataQualityCheck(census: CalendarDate("2027-01-21")!)
/// var findings = cases.flatMap { check.findings(for: $0) }
/// findings += check.finish()
/// ```
public struct DataQualityCheck: Sendable {
    public let census: CalendarDate
    /// Whether an exception excuses the 20 weeks is the rule engine's answer (SEN2 `Week20`).
    public let calendar: StatutoryCalendar
    /// The activity the share rules count: the calendar year before the census.
    let periodStart: CalendarDate
    let periodEnd: CalendarDate

    /// Who each person is, as their first request seen records it.
    private struct Identity: Hashable {
        var givenName: String, familyName: String, dateOfBirth: CalendarDate, sex: Sex?, upn: String?, uln: String?
    }

    /// Each person's first request seen, and who it says they are.
    private var firstRequest: [String: (caseID: String, identity: Identity)] = [:]
    /// The first holder of each UPN; `sharedUPNs` the others, for the few UPNs held more than once.
    private var upnHolders: [String: (personID: String, caseID: String)] = [:]
    private var sharedUPNs: [String: [(personID: String, caseID: String)]] = [:]
    private var requestsInPeriod = 0
    private var requestsFromOther = 0
    private var plansInPeriod = 0
    private var plansWithExceptions = 0

    public init(census: CalendarDate, calendar: StatutoryCalendar = StatutoryCalendar()) {
        self.census = census
        self.calendar = calendar
        (periodStart, periodEnd) = SEN2Collection.activity(beforeCensus: census)
    }

    /// The findings about one case, in the table's order; remembers what ``finish()`` needs.
    public mutating func findings(for ehcCase: EHCCase) -> [DataQualityFinding] {
        var report = CaseReport(ehcCase: ehcCase)
        checkIdentifiers(ehcCase, into: &report)
        checkPerson(ehcCase, into: &report)
        checkPlan(ehcCase, into: &report)
        remember(ehcCase)
        return report.findings
    }

    /// The findings across cases, once every case has been seen.
    public func finish() -> [DataQualityFinding] {
        var findings: [DataQualityFinding] = []
        for (upn, others) in sharedUPNs.sorted(by: { $0.key < $1.key }) {
            guard let first = upnHolders[upn] else { continue }
            let holders = [first] + others
            guard Set(holders.map(\.personID)).count > 1 else { continue }
            for holder in holders {
                let others = holders.filter { $0.personID != holder.personID }.map(\.caseID)
                findings.append(DataQualityFinding(
                    rule: .upnShared, personID: holder.personID, caseID: holder.caseID, field: "child.upn",
                    message: "the UPN \(upn) is also recorded for \(others.joined(separator: ", "))"))
            }
        }
        if requestsInPeriod >= 20, requestsFromOther * 5 > requestsInPeriod {
            findings.append(DataQualityFinding(
                rule: .requestSourceOther, personID: nil, caseID: nil, field: "requestSource",
                message: "\(requestsFromOther) of the \(requestsInPeriod) requests received from \(periodStart) to \(periodEnd) "
                    + "have the source 'other' (more than one in five)"))
        }
        if plansInPeriod >= 20, plansWithExceptions * 2 > plansInPeriod {
            findings.append(DataQualityFinding(
                rule: .exceptionsShare, personID: nil, caseID: nil, field: "exceptions",
                message: "\(plansWithExceptions) of the \(plansInPeriod) plans issued from \(periodStart) to \(periodEnd) "
                    + "are reported with the 20-week exceptions (more than half)"))
        }
        return findings
    }

    // MARK: One case

    private struct CaseReport {
        let ehcCase: EHCCase
        var findings: [DataQualityFinding] = []

        mutating func add(_ rule: DataQualityRule, _ field: String, _ message: String) {
            findings.append(DataQualityFinding(rule: rule, personID: ehcCase.personID, caseID: ehcCase.id,
                                               field: field, message: message))
        }
    }

    private func checkIdentifiers(_ ehcCase: EHCCase, into report: inout CaseReport) {
        let details = ehcCase.child.details
        switch (details.upn, details.uln, details.upnUnknown) {
        case (nil, nil, nil):
            report.add(.identifierMissing, "child.upn", "no UPN, ULN or UPNunknown reason is recorded")
        case (nil, nil, let reason?):
            if reason == .under6, ehcCase.child.age(on: census) >= 6 {
                report.add(.under6CodeTooOld, "child.upnUnknown",
                           "UN1 is recorded but the child is \(ehcCase.child.age(on: census)) at the census \(census)")
            }
        case (_, _, let reason?):
            report.add(.reasonWithIdentifier, "child.upnUnknown", "the reason \(reason.rawValue) is recorded beside a UPN or ULN")
        default:
            break
        }
        if let upn = details.upn, let problem = PupilIdentifiers.upnProblem(upn) {
            report.add(.upnInvalid, "child.upn", problem)
        }
        if let uln = details.uln, let problem = PupilIdentifiers.ulnProblem(uln) {
            report.add(.ulnInvalid, "child.uln", problem)
        }
    }

    private func checkPerson(_ ehcCase: EHCCase, into report: inout CaseReport) {
        let details = ehcCase.child.details
        if details.sex == nil { report.add(.sexOrEthnicityMissing, "child.sex", "no sex is recorded") }
        switch details.ethnicity {
        case nil:
            report.add(.sexOrEthnicityMissing, "child.ethnicity", "no ethnicity is recorded")
        case let code? where SEN2Codes.mainEthnicities.contains(code):
            break
        case let code? where code.utf8.count == 4 && code.utf8.allSatisfy({ (0x41...0x5A).contains($0) }):
            report.add(.ethnicityExtended, "child.ethnicity", "\(code) is not one of the CBDS main codes")
        case let code?:
            report.add(.sexOrEthnicityMissing, "child.ethnicity", "\"\(code)\" is not an ethnicity code (four capital letters)")
        }
        if let postcode = details.postcode, !Self.looksLikePostcode(postcode) {
            report.add(.postcodeShape, "child.postcode", "\"\(postcode)\" is not shaped like a UK postcode")
        }
        if ehcCase.hasPlanInForce(on: census), ehcCase.child.age(on: census) >= 25 {
            report.add(.planPastAge25, "child.dateOfBirth",
                       "the plan is in force and the young person is \(ehcCase.child.age(on: census)) at the census \(census)")
        }
        if let first = firstRequest[ehcCase.personID], first.identity != identity(of: ehcCase) {
            report.add(.personDisagrees, "child",
                       "this request and \(first.caseID) are about person \(ehcCase.personID) but record "
                           + differences(first.identity, identity(of: ehcCase)))
        }
    }

    private func checkPlan(_ ehcCase: EHCCase, into report: inout CaseReport) {
        let plan = ehcCase.plan
        let hadPlan = ehcCase.finalPlanIssued != nil
        if let closed = ehcCase.closed {
            if hadPlan, closed.ceaseReason == nil {
                report.add(.ceaseReason, "closed.ceaseReason", "the plan ended on \(closed.date) with no cease reason")
            } else if !hadPlan, let reason = closed.ceaseReason {
                report.add(.ceaseReason, "closed.ceaseReason",
                           "cease reason \(reason.rawValue) is recorded but the request never had a plan")
            }
        }
        for (index, placement) in plan.placements.enumerated() {
            let path = "plan.placements[\(index)]"
            if let entry = placement.entry, let leaving = placement.leaving, leaving < entry {
                report.add(.placementDates, path + ".leaving", "left \(leaving), before the entry on \(entry)")
            }
            if let entry = placement.entry, let ended = ehcCase.closed?.date, hadPlan, entry > ended {
                report.add(.placementDates, path + ".entry", "entered \(entry), after the plan ended on \(ended)")
            }
            switch placement.establishment {
            case let .urn(urn) where !SEN2Codes.isDigits(urn, count: 6):
                report.add(.establishmentNumber, path + ".urn", "\"\(urn)\" is not a 6-digit URN")
            case let .ukprn(ukprn) where !SEN2Codes.isDigits(ukprn, count: 8):
                report.add(.establishmentNumber, path + ".ukprn", "\"\(ukprn)\" is not an 8-digit UKPRN")
            default:
                break
            }
        }
        guard ehcCase.hasPlanInForce(on: census) else { return }
        let named = plan.placements.filter(\.namedInPlan)
        let mainPlacements = named.filter { $0.rank == 1 }.count
        if named.isEmpty {
            report.add(.placementRanks, "plan.placements", "the plan issued \(ehcCase.finalPlanIssued?.description ?? "") names no placement")
        } else if mainPlacements != 1 || named.count > 2 {
            report.add(.placementRanks, "plan.placements",
                       "the plan names \(named.count) placements, \(mainPlacements) of them rank 1")
        }
        if plan.primaryNeed == nil {
            report.add(.primaryNeed, "plan.primaryNeed", "the plan in force has no primary need")
        } else if plan.secondaryNeed == plan.primaryNeed, let need = plan.primaryNeed {
            report.add(.primaryNeed, "plan.secondaryNeed", "the secondary need is the primary need again (\(need.rawValue))")
        }
        let age = ehcCase.child.age(on: census)
        if (5...15).contains(age), !plan.placements.contains(where: { $0.leaving.map { $0 > census } ?? true }) {
            report.add(.schoolAgeWithoutPlacement, "plan.placements",
                       "the child is \(age) at the census and no school or setting is recorded as current")
        }
        if let review = ehcCase.reviews.last, review.decision == .cease, let decided = review.decisionDate,
           decided.adding(weeks: 20) < census {
            report.add(.ceaseNotRecorded, "closed", "the review decided on \(decided) to cease the plan, but it has not ended")
        }
    }

    // MARK: Across cases

    private mutating func remember(_ ehcCase: EHCCase) {
        if firstRequest[ehcCase.personID] == nil {
            firstRequest[ehcCase.personID] = (ehcCase.id, identity(of: ehcCase))
        }
        if let upn = ehcCase.child.details.upn {
            if upnHolders[upn] == nil {
                upnHolders[upn] = (ehcCase.personID, ehcCase.id)
            } else {
                sharedUPNs[upn, default: []].append((ehcCase.personID, ehcCase.id))
            }
        }
        if (periodStart...periodEnd).contains(ehcCase.requestDate) {
            requestsInPeriod += 1
            if ehcCase.requestSource == .other { requestsFromOther += 1 }
        }
        if let issued = ehcCase.finalPlanIssued, (periodStart...periodEnd).contains(issued), ehcCase.transferredIn == nil {
            plansInPeriod += 1
            if calendar.isExcepted("finalPlan", in: ehcCase, today: census) { plansWithExceptions += 1 }
        }
    }

    private func identity(of ehcCase: EHCCase) -> Identity {
        let child = ehcCase.child
        return Identity(givenName: child.givenName, familyName: child.familyName, dateOfBirth: child.dateOfBirth,
                        sex: child.details.sex, upn: child.details.upn, uln: child.details.uln)
    }

    private func differences(_ first: Identity, _ other: Identity) -> String {
        var named: [String] = []
        if first.givenName != other.givenName || first.familyName != other.familyName { named.append("different names") }
        if first.dateOfBirth != other.dateOfBirth { named.append("birth dates \(other.dateOfBirth) and \(first.dateOfBirth)") }
        if first.sex != other.sex { named.append("a different sex") }
        if first.upn != other.upn { named.append("different UPNs") }
        if first.uln != other.uln { named.append("different ULNs") }
        return named.joined(separator: ", ")
    }

    /// `A9 9AA`, `A99 9AA`, `AA9 9AA`, `AA99 9AA`, `A9A 9AA`, `AA9A 9AA`: an outward code of 2 to
    /// 4 characters starting with a letter, a space, a digit and two letters.
    static func looksLikePostcode(_ text: String) -> Bool {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let outward = Array(parts[0].utf8), inward = Array(parts[1].utf8)
        func letter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
        func digit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        guard (2...4).contains(outward.count), letter(outward[0]), outward.allSatisfy({ letter($0) || digit($0) }),
              outward.contains(where: digit) else { return false }
        return inward.count == 3 && digit(inward[0]) && letter(inward[1]) && letter(inward[2])
    }
}

extension EHCCase {
    /// Whether a final plan is in force on `day`: issued by then and not ended (closed) by then.
    ///
    /// ```swift
    /// sam.hasPlanInForce(on: CalendarDate("2027-01-21")!)   // true: issued 2025-05-20, never ceased
    /// ```
    public func hasPlanInForce(on day: CalendarDate) -> Bool {
        guard let issued = finalPlanIssued, issued <= day else { return false }
        return closed.map { $0.date > day } ?? true
    }
}
