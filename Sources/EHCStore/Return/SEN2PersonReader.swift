import EHCCore
import Foundation

/// One `Person` element of a SEN2 file turned into cases, one per `Requests`: the outcome codes
/// read back into the facts that give the same codes (``SEN2Request``), so a return exported,
/// imported and exported again is the same file.
struct SEN2PersonReader {
    let node: SEN2Node
    let file: String
    let collection: SEN2Collection
    /// The import index of this person's first request.
    let firstIndex: Int
    private(set) var problems: [ImportProblem] = []
    /// Requests decided Y whose plan is not issued: SEN2 gives that decision no date.
    private(set) var undatedIssues = 0

    init(node: SEN2Node, file: String, collection: SEN2Collection, firstIndex: Int) {
        self.node = node
        self.file = file
        self.collection = collection
        self.firstIndex = firstIndex
    }

    /// The person's requests as cases, or none when any value is refused (see ``problems``).
    mutating func cases() -> [ImportedCase] {
        var person = SEN2NodeReader(node, file: file)
        let surname = person.text(SEN2Element.surname, required: true)
        let forename = person.text(SEN2Element.forename, required: true)
        let birth = person.date(SEN2Element.birthDate, required: true)
        let details = PersonDetails(
            upn: person.identifier(SEN2Element.upn), uln: person.identifier(SEN2Element.uln),
            upnUnknown: person.code(SEN2Element.upnUnknown, UPNUnknownReason.allCases.map(\.rawValue), UPNUnknownReason.init),
            sex: person.code(SEN2Element.sex, ["M", "F"], SEN2Codes.sex),
            ethnicity: person.identifier(SEN2Element.ethnicity), postcode: person.identifier(SEN2Element.postcode))
        let requests = person.children(SEN2Element.requests)
        if requests.isEmpty { person.add(node, "a person has at least one Requests element") }
        person.finish()
        problems += person.problems
        guard let surname, let forename, let birth else { return [] }
        var cases: [ImportedCase] = []
        for (offset, request) in requests.enumerated() {
            let index = firstIndex + offset
            let id = "SEN2-\(collection.year)-" + String(String(1_000_000 + index + 1).dropFirst())
            let child = Child(givenName: forename, familyName: surname, dateOfBirth: birth,
                              personID: offset == 0 ? nil : cases.first?.ehcCase.id, details: details)
            if let ehcCase = readRequest(request, id: id, child: child) {
                var places = ImportPlaces(file: file)
                places.record("cases[\(index)]", file: file, line: request.line, column: request.column)
                places.record("cases[\(index)].child", file: file, line: node.line, column: node.column)
                cases.append(ImportedCase(index: index, ehcCase: ehcCase, audits: [], version: nil, fractionRead: 0,
                                          places: places))
            }
        }
        return problems.isEmpty ? cases : []
    }

    private mutating func readRequest(_ node: SEN2Node, id: String, child: Child) -> EHCCase? {
        var request = SEN2NodeReader(node, file: file)
        defer { problems += request.problems }
        let received = request.date(SEN2Element.receivedDate, required: true)
        let source = request.code(SEN2Element.requestSource, required: true, ["1", "2", "3", "4", "5"], SEN2Codes.requestSource)
        let outcomeDate = request.date(SEN2Element.requestOutcomeDate)
        let outcome = request.code(SEN2Element.requestOutcome, required: true, ["Y", "N", "A", "W", "H"]) { $0 }
        var ehcCase = EHCCase(id: id, child: child, caseworker: SEN2Source.unassigned,
                              requestDate: received ?? collection.census, requestSource: source ?? .other)
        ehcCase.youthAccommodation = request.flag(SEN2Element.youthAccommodation)
        if request.flag(SEN2Element.requestMediation) { ehcCase.challenges.insert(.requestMediation) }
        if request.flag(SEN2Element.requestTribunal) { ehcCase.challenges.insert(.requestTribunal) }
        ehcCase.exportedToAnotherLA = request.flag(SEN2Element.exported)
        let assessment = request.child(SEN2Element.assessment)
        let active = request.child(SEN2Element.activePlans)
        request.finish()

        switch outcome {
        case "Y", "N":
            guard let outcomeDate else {
                request.add(SEN2Element.requestOutcome, "outcome \(outcome ?? "") needs its RequestOutcomeDate")
                return nil
            }
            ehcCase.decisionToAssess = Decision(date: outcomeDate, outcome: outcome == "Y" ? .assess : .notAssess)
        case "W":
            guard let outcomeDate else {
                request.add(SEN2Element.requestOutcome, "outcome W needs the day the request was withdrawn (RequestOutcomeDate)")
                return nil
            }
            ehcCase.closed = Closure(date: outcomeDate, reason: "Withdrawn or ended before a decision (SEN2 W)")
        case "H":
            if let outcomeDate { ehcCase.decisionToAssess = Decision(date: outcomeDate, outcome: assessment == nil ? .notAssess : .assess) }
        default:
            break
        }
        if let node = assessment?.node, outcome != "Y", outcome != "H" {
            request.add(node, "a request with outcome \(outcome ?? "") has nothing below it: the Assessment belongs to Y or H")
        }
        if var reader = assessment {
            readAssessment(&reader, into: &ehcCase, requestDecided: outcomeDate)
            request.problems += reader.problems
        }
        if var reader = active {
            readActivePlan(&reader, into: &ehcCase)
            request.problems += reader.problems
        }
        return ehcCase
    }

    private mutating func readAssessment(_ assessment: inout SEN2NodeReader, into ehcCase: inout EHCCase,
                                         requestDecided: CalendarDate?) {
        let outcome = assessment.code(SEN2Element.assessmentOutcome, required: true, ["Y", "N", "A", "W", "H"]) { $0 }
        let date = assessment.date(SEN2Element.assessmentOutcomeDate)
        for (element, challenge) in [(SEN2Element.assessmentMediation, Challenge.assessmentMediation),
                                     (SEN2Element.assessmentTribunal, .assessmentTribunal),
                                     (SEN2Element.otherMediation, .otherMediation), (SEN2Element.otherTribunal, .otherTribunal)]
        where assessment.flag(element) {
            ehcCase.challenges.insert(challenge)
        }
        let week20 = assessment.code(SEN2Element.week20, ["0", "1"], SEN2Codes.flag)
        let plan = assessment.child(SEN2Element.namedPlan)
        assessment.finish()
        var startDate: CalendarDate?
        if var reader = plan {
            startDate = readNamedPlan(&reader, into: &ehcCase)
            assessment.problems += reader.problems
        }
        ehcCase.plan.reportedWeek20 = startDate == nil ? nil : week20
        switch outcome {
        case "Y":
            if let issued = startDate ?? date {
                ehcCase.finalPlanIssued = issued
            } else {
                undatedIssues += 1
                ehcCase.decisionToIssue = Decision(date: requestDecided ?? ehcCase.requestDate, outcome: .issue)
            }
        case "N":
            guard let date else { return assessment.add(SEN2Element.assessmentOutcome, "outcome N needs its AssessmentOutcomeDate") }
            ehcCase.decisionToIssue = Decision(date: date, outcome: .notIssue)
        case "W":
            guard let date else { return assessment.add(SEN2Element.assessmentOutcome, "outcome W needs its AssessmentOutcomeDate") }
            ehcCase.closed = Closure(date: date, reason: "Withdrawn or ended before a decision (SEN2 W)")
        case "H":
            guard let issued = startDate ?? date else {
                return assessment.add(SEN2Element.assessmentOutcome, "outcome H needs the plan's StartDate (NamedPlan)")
            }
            ehcCase.finalPlanIssued = issued
        default:
            break
        }
        if let node = plan?.node, outcome != "Y", outcome != "H" {
            assessment.add(node, "an assessment with outcome \(outcome ?? "") has no NamedPlan")
        }
    }

    /// The plan's facts; its StartDate, the day it was issued.
    private mutating func readNamedPlan(_ plan: inout SEN2NodeReader, into ehcCase: inout EHCCase) -> CalendarDate? {
        let start = plan.date(SEN2Element.startDate, required: true)
        ehcCase.plan.residential = plan.code(SEN2Element.planResidential, ["A", "B"], Residential.init)
        ehcCase.plan.workBasedPlacement = plan.flag(SEN2Element.planWorkBased)
        for (element, item) in [(SEN2Element.personalBudget, PersonalBudgetItem.personalBudget),
                                (SEN2Element.organisedArrangement, .organisedArrangement),
                                (SEN2Element.directPayment, .directPayment)] where plan.flag(element) {
            ehcCase.plan.personalBudget.insert(item)
        }
        let ceased = plan.date(SEN2Element.ceaseDate)
        let reason = plan.code(SEN2Element.ceaseReason, (1...9).map(String.init)) { Int($0).flatMap(CeaseReason.init) }
        switch (ceased, reason) {
        case let (date?, reason?): ehcCase.closed = Closure(date: date, reason: "Plan ceased: " + reason.wording, ceaseReason: reason)
        case (nil, nil): break
        default: plan.add(SEN2Element.ceaseDate, "CeaseDate and CeaseReason are given together or not at all")
        }
        for detail in plan.children(SEN2Element.planDetail) {
            var reader = SEN2NodeReader(detail, file: file)
            if let placement = readPlacement(&reader, attended: false) { ehcCase.plan.placements.append(placement) }
            reader.finish()
            plan.problems += reader.problems
        }
        plan.finish()
        return start
    }

    private mutating func readActivePlan(_ active: inout SEN2NodeReader, into ehcCase: inout EHCCase) {
        if let former = active.text(SEN2Element.transferLA) {
            if SEN2Codes.isLANumber(former) {
                ehcCase.transferredIn = TransferIn(formerLA: former)
            } else {
                active.add(SEN2Element.transferLA, "\"\(former.prefix(40))\" is not a 3-digit LA number")
            }
        }
        let meeting = active.date(SEN2Element.reviewMeeting)
        let outcome = active.code(SEN2Element.reviewOutcome, ["A", "C", "M"], SEN2Codes.reviewOutcome)
        let decided = active.date(SEN2Element.lastReview)
        if let meeting {
            ehcCase.reviews = [Review(meetingDate: meeting, decisionDate: decided, decision: outcome)]
        } else if outcome != nil || decided != nil {
            active.add(SEN2Element.reviewOutcome, "a review outcome or LastReview needs its ReviewMeeting")
        }
        for detail in active.children(SEN2Element.placementDetail) {
            var reader = SEN2NodeReader(detail, file: file)
            if let attended = readPlacement(&reader, attended: true) {
                // The placement named in the plan and attended is one placement.
                if let named = ehcCase.plan.placements.firstIndex(where: {
                    $0.namedInPlan && $0.entry == nil && $0.establishment == attended.establishment && $0.rank == attended.rank
                }) {
                    ehcCase.plan.placements[named].entry = attended.entry
                    ehcCase.plan.placements[named].leaving = attended.leaving
                } else {
                    ehcCase.plan.placements.append(attended)
                }
            }
            reader.finish()
            active.problems += reader.problems
        }
        var needs: [(SENType, Int)] = []
        for need in active.children(SEN2Element.senNeed) {
            var reader = SEN2NodeReader(need, file: file)
            let type = reader.code(SEN2Element.senType, required: true, SENType.allCases.map(\.rawValue), SENType.init)
            let rank = reader.code(SEN2Element.senTypeRank, required: true, ["1", "2"]) { Int($0) }
            reader.finish()
            active.problems += reader.problems
            if let type, let rank {
                if needs.contains(where: { $0.1 == rank }) {
                    active.add(need, "a second SENneed of rank \(rank): a plan has one primary need (rank 1) and at most one secondary (rank 2)")
                }
                needs.append((type, rank))
            }
        }
        ehcCase.plan.primaryNeed = needs.first { $0.1 == 1 }?.0
        ehcCase.plan.secondaryNeed = needs.first { $0.1 == 2 }?.0
        if ehcCase.plan.secondaryNeed != nil, ehcCase.plan.primaryNeed == nil {
            active.add(SEN2Element.senNeed, "a secondary need (rank 2) without a primary need (rank 1)")
        }
        active.finish()
    }

    private func readPlacement(_ reader: inout SEN2NodeReader, attended: Bool) -> Placement? {
        let urn = reader.identifier(SEN2Element.urn)
        let ukprn = reader.identifier(SEN2Element.ukprn)
        let setting = reader.code(SEN2Element.setting, SENSetting.allCases.map(\.rawValue), SENSetting.init)
        let other = reader.text(SEN2Element.settingOther)
        let rank = reader.code(SEN2Element.placementRank, required: true, ["1", "2"]) { Int($0) }
        let entry = attended ? reader.date(SEN2Element.entryDate, required: true) : nil
        let leaving = attended ? reader.date(SEN2Element.leavingDate) : nil
        let senUnit = reader.flag(SEN2Element.senUnit)
        let resourced = reader.flag(SEN2Element.resourcedProvision)
        let (found, given) = Establishment.one(urn: urn, ukprn: ukprn, setting: setting, other: other)
        guard let establishment = found else {
            reader.add(reader.node, "a placement has exactly one of URN, UKPRN or SENSetting; this has \(given)")
            return nil
        }
        guard let rank else { return nil }
        return Placement(establishment: establishment, rank: rank, namedInPlan: !attended, senUnit: senUnit,
                         resourcedProvision: resourced, entry: entry, leaving: leaving)
    }
}
