import EHCCore

/// A row of a list screen as `/`, `m` and `s` see it: whose case it is and who the child is.
protocol ListedRow {
    var listReference: String { get }
    var listChildName: String { get }
    var listFamilyName: String { get }
    var listCaseworker: String { get }
}

extension PlanReviewRow: ListedRow {
    var listReference: String { id }
    var listChildName: String { childName }
    var listFamilyName: String { familyName }
    var listCaseworker: String { caseworker }
}

extension WhoOwesWhat.Item: ListedRow {
    var listReference: String { caseID }
    var listChildName: String { childName }
    var listFamilyName: String { familyName }
    var listCaseworker: String { caseworker }
}

/// What `/`, `m` and `s` have picked on a list screen, applied alike to the reviews and "who owes
/// what" (the case list keeps the same three in ``AppState`` over its precomputed index).
///
/// The filter folds like the case list's (``CaseSummary/folded(_:)``): `oneill` finds O'Neill.
///
/// ```swift
/// var query = ListQuery()
/// query.filterText = "okafor"
/// let index = ListIndex(rows)
/// query.apply(index, matched: index.matches(query), in: Array(0..<Int32(rows.count)), caseworker: nil)
/// ```
public struct ListQuery: Sendable, Hashable {
    public var filterText = ""
    public var sortOrder = CaseSortOrder.urgency

    /// The orders a list of rows without a request date offers (`s` steps through them).
    static let orders: [CaseSortOrder] = [.urgency, .reference, .familyName, .givenName, .caseworker]

    mutating func nextSortOrder() {
        let index = Self.orders.firstIndex(of: sortOrder) ?? 0
        sortOrder = Self.orders[(index + 1) % Self.orders.count]
    }

    /// The words typed, folded like the keys.
    var words: [Substring] { CaseSummary.folded(filterText).split(separator: " ") }

    /// `positions` (into the rows, in the screen's own urgency order) kept when `matched` (one
    /// flag per row, ``ListIndex/matches(_:)``) holds and they belong to `caseworker` (when
    /// given), in the sort order (stable: equal rows keep the urgency order).
    func apply(_ index: ListIndex, matched: [Bool], in positions: [Int32], caseworker: String?) -> [Int32] {
        let kept = positions.filter { matched[Int($0)] && (caseworker == nil || index.caseworkers[Int($0)] == caseworker) }
        guard let ranks = index.ranks[sortOrder] else { return kept }
        // A counting sort by rank: linear, and stable, so equal ranks keep the urgency order.
        var starts = [Int](repeating: 0, count: index.rankLimit + 1)
        for position in kept { starts[Int(ranks[Int(position)]) + 1] += 1 }
        for rank in 1..<starts.count { starts[rank] += starts[rank - 1] }
        var sorted = [Int32](repeating: 0, count: kept.count)
        for position in kept {
            let rank = Int(ranks[Int(position)])
            sorted[starts[rank]] = position
            starts[rank] += 1
        }
        return sorted
    }
}

/// What `/`, `m` and `s` need of a list's rows, computed once per reading of them: the search
/// keys in a ``SearchBuffer``, each row's caseworker, and one integer rank per row for each order
/// (so a sort compares integers, never folds a name per keystroke).
struct ListIndex: Sendable, Hashable {
    private let search: SearchBuffer
    let caseworkers: [String]
    /// For each order but urgency (the rows' own), the rank of each row: 0 up to ``rankLimit``.
    let ranks: [CaseSortOrder: [Int32]]
    /// No rank reaches it: one more than the number of rows.
    var rankLimit: Int { caseworkers.count + 1 }

    init<Row: ListedRow>(_ rows: [Row]) {
        search = SearchBuffer(keys: rows.lazy.map { CaseSummary.searchKey(of: [$0.listReference, $0.listChildName, $0.listCaseworker]) })
        caseworkers = rows.map(\.listCaseworker)
        func ranks(_ key: (Row) -> String) -> [Int32] {
            let keys = rows.map(key)
            let order = Dictionary(Set(keys).sorted().enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
            return keys.map { order[$0] ?? 0 }
        }
        self.ranks = [
            .reference: ranks(\.listReference),
            .familyName: ranks { CaseSummary.familyNameOrder(childName: $0.listChildName, familyName: $0.listFamilyName) },
            .givenName: ranks { CaseSummary.folded($0.listChildName) },
            .caseworker: ranks(\.listCaseworker),
        ]
    }

    /// One flag per row: the filter's words all in its key.
    func matches(_ query: ListQuery) -> [Bool] { search.matches(words: query.words) }
}
