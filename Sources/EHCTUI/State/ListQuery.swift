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
/// query.apply(to: rows, keys: ListQuery.searchKeys(rows), in: Array(0..<Int32(rows.count)), caseworker: nil)
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

    /// The folded search key of each row, computed once per reading of the rows.
    static func searchKeys<Row: ListedRow>(_ rows: [Row]) -> [String] {
        rows.map { CaseSummary.searchKey(of: [$0.listReference, $0.listChildName, $0.listCaseworker]) }
    }

    /// `positions` (into `rows`, in the screen's own urgency order) kept when their search key
    /// (``searchKeys(_:)``) matches the filter and they belong to `caseworker` (when given), in the sort order.
    func apply<Row: ListedRow>(to rows: [Row], keys: [String], in positions: [Int32], caseworker: String?) -> [Int32] {
        let words = CaseSummary.folded(filterText).split(separator: " ")
        var kept = positions.filter { position in
            if let caseworker, rows[Int(position)].listCaseworker != caseworker { return false }
            return words.allSatisfy { keys[Int(position)].contains($0) }
        }
        let key: ((Row) -> String)? = switch sortOrder {
        case .reference: { $0.listReference }
        case .familyName: { CaseSummary.familyNameOrder(childName: $0.listChildName, familyName: $0.listFamilyName) }
        case .givenName: { CaseSummary.folded($0.listChildName) }
        case .caseworker: { $0.listCaseworker }
        case .urgency, .requestDate: nil
        }
        if let key {
            let keys = Dictionary(kept.map { ($0, key(rows[Int($0)])) }, uniquingKeysWith: { first, _ in first })
            // Stable: rows with the same key keep the urgency order.
            kept = kept.enumerated().sorted { (keys[$0.element] ?? "", $0.offset) < (keys[$1.element] ?? "", $1.offset) }
                .map(\.element)
        }
        return kept
    }
}
