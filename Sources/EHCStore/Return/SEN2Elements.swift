/// The element names of the SEN2 person-level XML, in one table: the writer and the reader both
/// name elements only through it, so a spelling the DfE corrects is one line here.
///
/// Names follow programs that read real 2026 returns (`../shared/domain/sen2.md` §2, [S]); those
/// marked [U] are unconfirmed: the root `Message`, `PostCode` (some write `Postcode`) and `PlanWBP`
/// (one reader writes `PlanWPB`). The reader also accepts each name in ``alternatives``.
///
/// ```swift
/// SEN2Element.person                    // "Person"
/// SEN2Element.canonical("Postcode")     // "PostCode"
/// ```
enum SEN2Element {
    static let message = "Message"   // [U]
    static let header = "Header"
    static let collectionDetails = "CollectionDetails"
    static let collection = "Collection"
    static let year = "Year"
    static let referenceDate = "ReferenceDate"
    static let source = "Source"
    static let sourceLevel = "SourceLevel"
    static let lea = "LEA"
    static let softwareCode = "SoftwareCode"
    static let release = "Release"
    static let serialNo = "SerialNo"
    static let dateTime = "DateTime"

    static let persons = "Persons"
    static let person = "Person"
    static let surname = "Surname"
    static let forename = "Forename"
    static let birthDate = "PersonBirthDate"
    static let sex = "Sex"
    static let ethnicity = "Ethnicity"
    static let postcode = "PostCode"   // [U]
    static let upn = "UPN"
    static let uln = "UniqueLearnerNumber"
    static let upnUnknown = "UPNunknown"

    static let requests = "Requests"
    static let receivedDate = "ReceivedDate"
    static let requestSource = "RequestSource"
    static let youthAccommodation = "RYA"
    static let requestOutcomeDate = "RequestOutcomeDate"
    static let requestOutcome = "RequestOutcome"
    static let requestMediation = "RequestMediation"
    static let requestTribunal = "RequestTribunal"
    static let exported = "Exported"

    static let assessment = "Assessment"
    static let assessmentOutcome = "AssessmentOutcome"
    static let assessmentOutcomeDate = "AssessmentOutcomeDate"
    static let assessmentMediation = "AssessmentMediation"
    static let assessmentTribunal = "AssessmentTribunal"
    static let otherMediation = "OtherMediation"
    static let otherTribunal = "OtherTribunal"
    static let week20 = "Week20"

    static let namedPlan = "NamedPlan"
    static let startDate = "StartDate"
    static let planResidential = "PlanRes"
    static let planWorkBased = "PlanWBP"   // [U]
    static let personalBudget = "PB"
    static let organisedArrangement = "OA"
    static let directPayment = "DP"
    static let ceaseDate = "CeaseDate"
    static let ceaseReason = "CeaseReason"
    static let planDetail = "PlanDetail"

    static let activePlans = "ActivePlans"
    static let transferLA = "TransferLA"
    static let reviewMeeting = "ReviewMeeting"
    static let reviewOutcome = "ReviewOutcome"
    static let lastReview = "LastReview"
    static let placementDetail = "PlacementDetail"
    static let entryDate = "EntryDate"
    static let leavingDate = "LeavingDate"

    static let urn = "URN"
    static let ukprn = "UKPRN"
    static let setting = "SENSetting"
    static let settingOther = "SENSettingOther"
    static let placementRank = "PlacementRank"
    static let senUnit = "SENunitIndicator"
    static let resourcedProvision = "ResourcedProvisionIndicator"

    static let senNeed = "SENneed"
    static let senType = "SENtype"
    static let senTypeRank = "SENtypeRank"

    /// Other spellings seen in returns, read as the name the table gives.
    static let alternatives = ["Postcode": postcode, "PlanWPB": planWorkBased]

    /// The table's name for an element read from a file.
    static func canonical(_ name: String) -> String { alternatives[name] ?? name }

    /// The collection name written in the header.
    static let collectionName = "SEN2"
    /// `SourceLevel` of a local authority's return.
    static let localAuthorityLevel = "L"
}
