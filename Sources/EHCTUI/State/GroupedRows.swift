import EHCCore

/// The rows of a list screen shown in groups under headings ("who owes what" by agency, data
/// quality by rule): the lines laid out once per reading or query, the selected row, the first
/// line on screen, and the filter, order and scope every list screen has.
///
/// Laid out once per change of rows or query, so a key costs the same whatever the caseload holds.
///
/// ```swift
/// var rows = GroupedRows<WhoOwesWhat.Item>()
/// rows.show(owed.groups.map(\.items)) { ($0.caseID, $0.position) == ($1.caseID, $1.position) }
/// rows.move(by: 1, height: 20)
/// rows.selectedRow   // the second request of the first agency shown
/// ```
struct GroupedRows<Row: ListedRow & Sendable & Hashable>: Sendable, Hashable {
    /// One line of the screen: a group's heading or one row.
    public enum Line: Sendable, Hashable {
        case heading(group: Int)
        case row(group: Int, item: Int)
    }

    public private(set) var groups: [[Row]] = []
    public private(set) var lines: [Line] = []
    /// Indexes into ``lines`` of the rows, in screen order: what the selection moves over.
    public private(set) var rowLines: [Int] = []
    /// Index into ``rowLines``.
    public internal(set) var selected = 0
    /// First line on screen.
    public internal(set) var scroll = 0
    /// The filter typed, and the order within each group.
    public internal(set) var query = ListQuery()
    /// The caseworker whose rows alone are shown (`m`), `nil` for the whole team.
    public internal(set) var caseworker: String?
    /// Each group's search keys and sort ranks, computed once per reading.
    private var indexes: [ListIndex] = []

    public init() {}

    /// A fresh reading; `same` tells a row of the last reading in this one, to keep it selected.
    mutating func show(_ groups: [[Row]], same: (Row, Row) -> Bool) {
        self.groups = groups
        indexes = groups.map { ListIndex($0) }
        refine(same: same)
    }

    /// Lays the lines out again with the query and the scope applied (groups with nothing shown
    /// left out), keeping the selection on the same row when it is still shown.
    mutating func refine(same: (Row, Row) -> Bool) {
        let previous = selectedRow
        lines = []
        rowLines = []
        for (group, rows) in groups.enumerated() where indexes.indices.contains(group) {
            let index = indexes[group]
            let kept = query.apply(index, matched: index.matches(query), in: Array(0..<Int32(rows.count)),
                                   caseworker: caseworker)
            guard !kept.isEmpty else { continue }
            lines.append(.heading(group: group))
            for item in kept {
                rowLines.append(lines.count)
                lines.append(.row(group: group, item: Int(item)))
            }
        }
        let kept = previous.flatMap { previous in
            rowLines.firstIndex { line in row(atLine: line).map { same($0, previous) } ?? false }
        }
        selected = kept ?? min(selected, max(0, rowLines.count - 1))
    }

    /// How many rows the heading at `line` has under it on the screen (the filter and scope applied).
    public func shownCount(ofGroupAt line: Int) -> Int {
        var count = 0
        var next = line + 1
        while lines.indices.contains(next), case .row = lines[next] {
            count += 1
            next += 1
        }
        return count
    }

    public var selectedRow: Row? {
        rowLines.indices.contains(selected) ? row(atLine: rowLines[selected]) : nil
    }

    public func row(atLine line: Int) -> Row? {
        guard lines.indices.contains(line), case let .row(group, item) = lines[line] else { return nil }
        return groups[group][item]
    }

    /// The line the selection is on, if any.
    public var selectedLine: Int? { rowLines.indices.contains(selected) ? rowLines[selected] : nil }

    /// Moves the selection by `delta` rows and scrolls so that it (and its group's heading, when
    /// it is the first of its group) stays within `height` lines.
    mutating func move(by delta: Int, height: Int) {
        guard !rowLines.isEmpty else { return }
        let (sum, overflow) = selected.addingReportingOverflow(delta)
        selected = max(0, min(rowLines.count - 1, overflow ? (delta > 0 ? .max : 0) : sum))
        keepVisible(height: height)
    }

    mutating func keepVisible(height: Int) {
        guard let line = selectedLine else { return }
        // The line above the first row of a group is its heading: kept in view with it.
        scroll = ListLayout.scroll(scroll, keeping: line, context: 1, visible: height, count: lines.count)
    }
}

extension Action {
    /// How far a movement key moves the selection on a list of `height` lines, or `nil` for another key.
    func movement(height: Int) -> Int? {
        switch self {
        case .moveDown: 1
        case .moveUp: -1
        case .pageDown: max(1, height - 1)
        case .pageUp: -max(1, height - 1)
        case .moveToFirst: -Int.max / 2
        case .moveToLast: Int.max / 2
        default: nil
        }
    }
}
