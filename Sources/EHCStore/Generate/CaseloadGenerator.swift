import EHCCore

/// A deterministic maker of realistic synthetic caseloads, for demonstrations, tests and load.
///
/// Case `i` depends only on the seed, `today` and `i`, so a store can write 100,000 cases in
/// chunks without holding them all, and the same seed and day give identical cases on every
/// machine. Every case is a consistent story up to `today`: requests over the last three years,
/// refusals, assessments at every stage (some overdue), valid exceptions, annual reviews,
/// phase transfers and a few closures. Only a scheduled review meeting may lie in the future.
///
/// ```swift
/// let generator = CaseloadGenerator(seed: 2025, today: CalendarDate("2025-10-01")!)
/// let cases = generator.cases(count: 1_000)
/// for start in stride(from: 0, to: 100_000, by: 5_000) {   // chunked: no 100,000-case array
///     write(generator.cases(in: start..<start + 5_000))
/// }
/// ```
public struct CaseloadGenerator: Sendable {
    public let seed: UInt64
    /// The day the caseload is seen from: no recorded fact lies after it.
    public let today: CalendarDate
    /// The authority's SEND caseworkers (8 to 15 of them, how many decided by the seed).
    public let caseworkers: [String]
    let localSettings: LocalSettings
    /// The authority's 3-digit LA number, in its children's UPNs.
    public let laNumber: String
    /// One case in 50 carries a deliberate data-quality fault (``plantedFaults(count:)``).
    public let plantsFaults: Bool

    public init(seed: UInt64, today: CalendarDate, faults: Bool = false) {
        self.seed = seed
        self.today = today
        plantsFaults = faults
        // The authority's fixed features come from a stream of their own, apart from the cases' streams.
        var random = SplitMix64(seed: seed, index: -1)
        let count = random.int(in: 8...15)
        let given = random.shuffled(NamePools.caseworkerGivenNames)
        let family = random.shuffled(NamePools.caseworkerFamilyNames)
        caseworkers = (0..<count).map { given[$0] + " " + family[$0] }
        localSettings = LocalSettings(random: &random)
        laNumber = random.element(of: ["873", "886", "919", "855", "815", "928"])
    }

    /// Cases `0..<count`.
    public func cases(count: Int) -> [EHCCase] {
        cases(in: 0..<count)
    }

    /// Cases with the indices of `range`: consecutive chunks make the same caseload as one call.
    public func cases(in range: Range<Int>) -> [EHCCase] {
        range.map(makeCase(index:))
    }

    /// Case number `index` of this caseload; its reference is `EHC-<request year>-<index, 5 digits>`,
    /// unique within the caseload (indices from 100,000 on take six digits).
    public func makeCase(index: Int) -> EHCCase {
        var random = SplitMix64(seed: seed, index: index)
        let requestDate = today.adding(days: -random.int(in: 0...(3 * 365)))
        var child = makeChild(requestDate: requestDate, random: &random)
        let earlier = earlierRefusedRequest(before: index, requestDate: requestDate)
        if let earlier {
            child = earlier.child
            child.personID = earlier.personID
        }
        let age = child.age(on: requestDate)
        var ehcCase = EHCCase(
            id: CaseloadGenerator.reference(year: requestDate.year, serial: index),
            child: child,
            caseworker: random.element(of: caseworkers),
            requestDate: requestDate,
            requestSource: makeRequestSource(age: age, random: &random))
        addAssessment(to: &ehcCase, random: &random)
        addReviews(to: &ehcCase, random: &random)
        addPhaseTransfer(to: &ehcCase, random: &random)
        addClosure(to: &ehcCase, random: &random)
        addReturnDetails(to: &ehcCase, index: index)
        // The same child asked for again: one person, two requests, the same national details.
        if let earlier { ehcCase.child.details = earlier.child.details }
        return ehcCase
    }

    /// For a few odd indices, case `index - 1` when it was refused an assessment at least two
    /// months before `requestDate` and its child is still of an age to ask: case `index` is then
    /// a new request about the same child (a person with two requests), decided by the index alone.
    private func earlierRefusedRequest(before index: Int, requestDate: CalendarDate) -> EHCCase? {
        // Never where a fault is planted (one case in 50, index 7 of each 50), so a fault is found alone.
        guard index % 2 == 1, index % 50 != 7 else { return nil }
        var random = SplitMix64(seed: seed ^ 0x4147_4149_4E00, index: index)
        guard random.chance(percent: 15) else { return nil }
        let earlier = makeCase(index: index - 1)
        guard let refused = earlier.decisionToAssess, refused.outcome == .notAssess,
              refused.date.adding(days: 60) <= requestDate, earlier.closed.map({ $0.date < requestDate }) ?? true,
              earlier.child.age(on: requestDate) <= 20 else { return nil }
        return earlier
    }

    private func makeChild(requestDate: CalendarDate, random: inout SplitMix64) -> Child {
        let origin = NamePools.childOrigins[random.weightedIndex(NamePools.childOriginWeights)]
        let age = CaseloadGenerator.ageRanges[random.weightedIndex(CaseloadGenerator.ageWeights)]
        let years = random.int(in: age)
        // Back whole years, then 1 to 364 days more: the child is exactly `years` old on the request day
        // and born before it.
        let dateOfBirth = requestDate.adding(months: -12 * years).adding(days: -random.int(in: 1...364))
        return Child(
            givenName: random.element(of: origin.givenNames),
            familyName: random.element(of: origin.familyNames),
            dateOfBirth: dateOfBirth,
            setting: localSettings.setting(forAge: years, random: &random))
    }

    private func makeRequestSource(age: Int, random: inout SplitMix64) -> RequestSource {
        let source = CaseloadGenerator.requestSources[random.weightedIndex(CaseloadGenerator.requestSourceWeights)]
        // Only a young person (over compulsory school age) asks for themselves.
        return source == .youngPerson && age < 16 ? .parent : source
    }

    /// Ages at request, weighted to school age as in SEN2 (most new plans are for 5 to 15 year olds).
    /// Requests at 19 and over are few, and stop at 20: a plan asked for then still ends by 25.
    private static let ageRanges: [ClosedRange<Int>] = [0...1, 2...4, 5...10, 11...15, 16...18, 19...20]
    private static let ageWeights = [3, 15, 42, 28, 8, 4]
    private static let requestSources: [RequestSource] = [.parent, .school, .health, .socialCare, .youngPerson, .other]
    private static let requestSourceWeights = [42, 38, 7, 5, 4, 4]

    /// `EHC-2025-00042`, built byte by byte: fifteen bytes or fewer fit a small string, with no allocation.
    static func reference(year: Int, serial: Int) -> String {
        var digits = 0
        var rest = serial
        repeat { digits += 1; rest /= 10 } while rest > 0
        let serialWidth = max(5, digits)
        return String(unsafeUninitializedCapacity: 9 + serialWidth) { buffer in
            let prefix: StaticString = "EHC-"
            for offset in 0..<4 { buffer[offset] = prefix.utf8Start[offset] }
            var value = year
            for offset in (4..<8).reversed() {
                buffer[offset] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            buffer[8] = UInt8(ascii: "-")
            value = serial
            for offset in (9..<(9 + serialWidth)).reversed() {
                buffer[offset] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            return 9 + serialWidth
        }
    }
}
