import Foundation
import EHCCore

/// What the list needs to pick and order cases on every keystroke, computed once per change of the caseload.
///
/// Holds each case's triage views as bits, every folded search key in one ``SearchBuffer`` (a
/// filter word is one byte scan, not 100,000 string searches) and, per sort order asked for, the
/// permutation of the cases in that order. A keystroke is then one pass over small integers.
///
/// ```swift
/// var index = CaseIndex(everyCase: summaries)
/// let matching = index.matches(words: ["ahmed"])    // one flag per case, in `everyCase` order
/// let byFamilyName = index.permutation(.familyName)           // positions into `everyCase`
/// ```
struct CaseIndex: Sendable {
    /// One bit per ``TriageView`` (its position in `allCases`) for each case.
    private(set) var viewBits: [UInt16]
    /// Every case's folded search key, for the filter.
    private let search: SearchBuffer
    /// Each reference's position in `everyCase`, once a drill-down has asked for it.
    private var positionOfReference: [String: Int32]?
    /// Sort orders computed so far: positions into `everyCase`, in that order.
    private var permutations: [CaseSortOrder: [Int32]] = [:]
    private let everyCase: [CaseSummary]
    /// The two name orders' ranks, folded on another core while the list is first drawn.
    private let nameRanks: NameRanks

    init(everyCase: [CaseSummary]) {
        self.everyCase = everyCase
        var bits = [UInt16](repeating: 0, count: everyCase.count)
        // Through the buffer: each summary is read in place, never copied.
        everyCase.withUnsafeBufferPointer { summaries in
            for position in summaries.indices { bits[position] = summaries[position].triageBits }
        }
        viewBits = bits
        search = SearchBuffer(keys: everyCase.lazy.map(\.searchKey))
        nameRanks = NameRanks(everyCase)
    }

    static func bit(of view: TriageView) -> UInt16 {
        1 << (TriageView.allCases.firstIndex(of: view) ?? 0)
    }

    /// One flag per case: true for the cases named in `ids` (a drill-down's), found through a
    /// reference-to-position table built the first time it is asked for, not by hashing every
    /// reference of the caseload on each refresh.
    mutating func flags(for ids: Set<String>) -> [Bool] {
        if positionOfReference == nil {
            positionOfReference = Dictionary(everyCase.enumerated().map { ($1.id, Int32($0)) },
                                             uniquingKeysWith: { first, _ in first })
        }
        var flags = [Bool](repeating: false, count: everyCase.count)
        for id in ids { if let position = positionOfReference?[id] { flags[Int(position)] = true } }
        return flags
    }

    /// One flag per case: true when every word occurs in its folded search key (all true for no words).
    func matches(words: [Substring]) -> [Bool] {
        search.matches(words: words)
    }

    /// Positions into `everyCase` in `order`, computed the first time the order is asked for.
    ///
    /// Ties go by reference. Each order's field is first turned into one integer rank per case, so the
    /// sort compares integers, never summaries (100,000 cases: ~15 ms instead of ~100 ms).
    mutating func permutation(_ order: CaseSortOrder) -> [Int32] {
        if let known = permutations[order] { return known }
        let positions: [Int32] = switch order {
        case .urgency: sorted(byRank: everyCase.map(\.urgencyDay))
        case .reference: byReference()
        case .familyName: sorted(byRank: nameRanks.ranks.family)
        case .givenName: sorted(byRank: nameRanks.ranks.given)
        case .caseworker: sorted(byRank: Self.ranks(of: everyCase.map(\.caseworker)))
        case .requestDate: sorted(byRank: everyCase.map { $0.requestDate.dayNumber })
        }
        permutations[order] = positions
        return positions
    }

    /// Positions in reference order (kept: every other order breaks its ties with it).
    private mutating func byReference() -> [Int32] {
        if let known = permutations[.reference] { return known }
        let ids = everyCase.map(\.id)
        let positions = (0..<Int32(everyCase.count)).sorted { ids[Int($0)] < ids[Int($1)] }
        permutations[.reference] = positions
        return positions
    }

    /// Positions ordered by `rank` (one per case, lower first, within 32 bits), ties by reference:
    /// one integer per case, the rank in the high 32 bits (signed) and the place in reference order in the low 32.
    private mutating func sorted(byRank rank: [Int]) -> [Int32] {
        let byReference = byReference()
        var keys = byReference.enumerated().map { place, position in Int(Int32(clamping: rank[Int(position)])) << 32 | place }
        keys.sort()
        return keys.map { byReference[$0 & 0xFFFF_FFFF] }
    }

    /// Each value's place among the distinct values in increasing order.
    fileprivate static func ranks(of values: [String]) -> [Int] {
        let distinct = Set(values).sorted()
        let rankOf = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        return values.map { rankOf[$0, default: 0] }
    }
}

/// Every case's rank in the family-name and the given-name order, worked out on another core as
/// soon as the index is built: folding 100,000 names takes longer than a keystroke may (~20 ms),
/// and the list is drawn meanwhile, so the first `s` to reach a name order finds them ready.
private final class NameRanks: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`; nil until worked out.
    private var computed: (family: [Int], given: [Int])?

    init(_ everyCase: [CaseSummary]) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let family = CaseIndex.ranks(of: everyCase.map(\.familyNameOrder))
            let given = CaseIndex.ranks(of: everyCase.map { CaseSummary.folded($0.childName) })
            condition.lock()
            computed = (family, given)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The ranks, waiting for them if they are still being worked out.
    var ranks: (family: [Int], given: [Int]) {
        condition.lock()
        defer { condition.unlock() }
        while computed == nil { condition.wait() }
        return computed ?? ([], [])
    }
}

/// The cases on the list: positions into every case, read through without copying a summary.
///
/// ```swift
/// state.caseload.count
/// state.caseload[state.selection].id
/// ```
public struct CaseList: RandomAccessCollection, Sendable {
    private let everyCase: [CaseSummary]
    /// Positions into `everyCase`, in list order.
    let positions: [Int32]

    init(everyCase: [CaseSummary] = [], positions: [Int32] = []) {
        self.everyCase = everyCase
        self.positions = positions
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(position: Int) -> CaseSummary { everyCase[Int(positions[position])] }
}
