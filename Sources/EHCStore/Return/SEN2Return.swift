import EHCCore
import Foundation

/// The SEN2 person-level return, written: a header, then every person with their requests as
/// ``SEN2Request`` derives them, in the element order of ``SEN2Element``.
///
/// Written a person at a time through ``XMLStreamWriter`` and handed out in pieces, so memory
/// holds one person (and the requests of persons not yet complete), never the return.
///
/// ```swift
/// let header = SEN2Return.Header(collection: SEN2Collection.year(2026)!, laNumber: "886", written: today)
/// try SEN2Return.write(header, calendar: calendar, store: store) { bytes in try file.append(bytes) }
/// ```
public enum SEN2Return {
    public struct Header: Sendable {
        public var collection: SEN2Collection
        public var laNumber: String
        /// The day written, as `DateTime` at midnight: the same day gives the same file.
        public var written: CalendarDate

        public init(collection: SEN2Collection, laNumber: String, written: CalendarDate) {
            self.collection = collection
            self.laNumber = laNumber
            self.written = written
        }
    }

    /// The software code written in the header.
    static let softwareCode = "ehcdesk"
    static let release = "1"

    /// What a write reported: how many persons and requests.
    public struct Written: Sendable, Equatable {
        public var persons = 0
        public var requests = 0
    }

    /// Writes the whole return, handing each piece of bytes to `append` as it is made; `inspect`
    /// sees every person's requests as they are read (the export checks them in the same pass).
    public static func write(_ header: Header, calendar: StatutoryCalendar, store: CaseStore,
                             inspect: ([EHCCase]) -> Void = { _ in }, append: (Data) throws -> Void) throws -> Written {
        let xml = try XMLStreamWriter()
        try xml.start(SEN2Element.message)
        try writeHeader(header, xml)
        try xml.start(SEN2Element.persons)
        var written = Written()
        try store.forEachPerson { requests in
            inspect(requests)
            let reported = requests.compactMap { ehcCase in
                SEN2Request(ehcCase, collection: header.collection, calendar: calendar).map { (ehcCase, $0) }
            }
            guard let first = reported.first?.0 else { return }
            try writePerson(first.child, requests: reported, collection: header.collection, xml)
            written.persons += 1
            written.requests += reported.count
            if written.persons % 256 == 0 { try append(try xml.take()) }
        }
        try xml.end()
        try xml.end()
        try append(try xml.finish())
        return written
    }

    private static func writeHeader(_ header: Header, _ xml: XMLStreamWriter) throws {
        try xml.within(SEN2Element.header) {
            try xml.within(SEN2Element.collectionDetails) {
                try xml.element(SEN2Element.collection, SEN2Element.collectionName)
                try xml.element(SEN2Element.year, String(header.collection.year))
                try xml.element(SEN2Element.referenceDate, header.collection.census.description)
            }
            try xml.within(SEN2Element.source) {
                try xml.element(SEN2Element.sourceLevel, SEN2Element.localAuthorityLevel)
                try xml.element(SEN2Element.lea, header.laNumber)
                try xml.element(SEN2Element.softwareCode, softwareCode)
                try xml.element(SEN2Element.release, release)
                try xml.element(SEN2Element.serialNo, "1")
                try xml.element(SEN2Element.dateTime, header.written.description + "T00:00:00")
            }
        }
    }

    private static func writePerson(_ child: Child, requests: [(EHCCase, SEN2Request)], collection: SEN2Collection,
                                    _ xml: XMLStreamWriter) throws {
        let details = child.details
        try xml.within(SEN2Element.person) {
            try xml.element(SEN2Element.surname, child.familyName)
            try xml.element(SEN2Element.forename, child.givenName)
            try xml.element(SEN2Element.birthDate, child.dateOfBirth.description)
            try xml.element(SEN2Element.sex, details.sex.map(SEN2Codes.sex))
            try xml.element(SEN2Element.ethnicity, details.ethnicity)
            try xml.element(SEN2Element.postcode, details.postcode)
            try xml.element(SEN2Element.upn, details.upn)
            try xml.element(SEN2Element.uln, details.uln)
            try xml.element(SEN2Element.upnUnknown, details.upnUnknown?.rawValue)
            for (ehcCase, request) in requests {
                try writeRequest(request, plan: ehcCase.plan, census: collection.census, xml)
            }
        }
    }

    private static func writeRequest(_ request: SEN2Request, plan: PlanDetails, census: CalendarDate,
                                     _ xml: XMLStreamWriter) throws {
        let flag: (Bool) -> String = SEN2Codes.flag
        try xml.within(SEN2Element.requests) {
            try xml.element(SEN2Element.receivedDate, request.receivedDate.description)
            try xml.element(SEN2Element.requestSource, SEN2Codes.requestSource(request.source))
            try xml.element(SEN2Element.youthAccommodation, flag(request.youthAccommodation))
            try xml.element(SEN2Element.requestOutcomeDate, request.outcome.date?.description)
            try xml.element(SEN2Element.requestOutcome, request.outcome.code)
            try xml.element(SEN2Element.requestMediation, flag(request.challenges.contains(.requestMediation)))
            try xml.element(SEN2Element.requestTribunal, flag(request.challenges.contains(.requestTribunal)))
            try xml.element(SEN2Element.exported, flag(request.exported))
            if let assessment = request.assessment {
                try writeAssessment(assessment, challenges: request.challenges, xml)
            }
            if let active = request.activePlan {
                try xml.within(SEN2Element.activePlans) {
                    try xml.element(SEN2Element.transferLA, active.transferLA)
                    try xml.element(SEN2Element.reviewMeeting, active.reviewMeeting?.description)
                    try xml.element(SEN2Element.reviewOutcome, active.reviewOutcome.map(SEN2Codes.reviewOutcome))
                    try xml.element(SEN2Element.lastReview, active.lastReview?.description)
                    for placement in plan.placements {
                        guard let entry = placement.entry, entry <= census else { continue }
                        try xml.within(SEN2Element.placementDetail) {
                            try writeEstablishment(placement, xml)
                            try xml.element(SEN2Element.entryDate, entry.description)
                            try xml.element(SEN2Element.leavingDate,
                                            placement.leaving.flatMap { $0 <= census ? $0.description : nil })
                            try writeIndicators(placement, xml)
                        }
                    }
                    for (rank, need) in [plan.primaryNeed, plan.secondaryNeed].enumerated() {
                        guard let need else { continue }
                        try xml.within(SEN2Element.senNeed) {
                            try xml.element(SEN2Element.senType, need.rawValue)
                            try xml.element(SEN2Element.senTypeRank, String(rank + 1))
                        }
                    }
                }
            }
        }
    }

    private static func writeAssessment(_ assessment: SEN2Request.Assessment, challenges: Set<Challenge>,
                                        _ xml: XMLStreamWriter) throws {
        let flag: (Bool) -> String = SEN2Codes.flag
        try xml.within(SEN2Element.assessment) {
            try xml.element(SEN2Element.assessmentOutcome, assessment.outcome.code)
            try xml.element(SEN2Element.assessmentOutcomeDate, assessment.outcome.date?.description)
            try xml.element(SEN2Element.assessmentMediation, flag(challenges.contains(.assessmentMediation)))
            try xml.element(SEN2Element.assessmentTribunal, flag(challenges.contains(.assessmentTribunal)))
            try xml.element(SEN2Element.otherMediation, flag(challenges.contains(.otherMediation)))
            try xml.element(SEN2Element.otherTribunal, flag(challenges.contains(.otherTribunal)))
            try xml.element(SEN2Element.week20, assessment.week20.map(flag))
            guard let plan = assessment.plan else { return }
            try xml.within(SEN2Element.namedPlan) {
                let details = plan.details
                try xml.element(SEN2Element.startDate, plan.startDate.description)
                try xml.element(SEN2Element.planResidential, details.residential?.rawValue)
                try xml.element(SEN2Element.planWorkBased, flag(details.workBasedPlacement))
                try xml.element(SEN2Element.personalBudget, flag(details.personalBudget.contains(.personalBudget)))
                try xml.element(SEN2Element.organisedArrangement, flag(details.personalBudget.contains(.organisedArrangement)))
                try xml.element(SEN2Element.directPayment, flag(details.personalBudget.contains(.directPayment)))
                try xml.element(SEN2Element.ceaseDate, plan.ceaseDate?.description)
                try xml.element(SEN2Element.ceaseReason, plan.ceaseReason.map { String($0.rawValue) })
                for placement in details.placements where placement.namedInPlan {
                    try xml.within(SEN2Element.planDetail) {
                        try writeEstablishment(placement, xml)
                        try writeIndicators(placement, xml)
                    }
                }
            }
        }
    }

    private static func writeEstablishment(_ placement: Placement, _ xml: XMLStreamWriter) throws {
        switch placement.establishment {
        case let .urn(urn): try xml.element(SEN2Element.urn, urn)
        case let .ukprn(ukprn): try xml.element(SEN2Element.ukprn, ukprn)
        case let .setting(setting, other):
            try xml.element(SEN2Element.setting, setting.rawValue)
            try xml.element(SEN2Element.settingOther, other)
        }
        try xml.element(SEN2Element.placementRank, String(placement.rank))
    }

    private static func writeIndicators(_ placement: Placement, _ xml: XMLStreamWriter) throws {
        try xml.element(SEN2Element.senUnit, SEN2Codes.flag(placement.senUnit))
        try xml.element(SEN2Element.resourcedProvision, SEN2Codes.flag(placement.resourcedProvision))
    }
}
