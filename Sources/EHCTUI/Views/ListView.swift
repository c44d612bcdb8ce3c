/// A column of a list screen, declared once: its header, how wide it may be, how it aligns, and
/// when it gives way on a narrow terminal.
///
/// Widths are in terminal cells. A status column is `.fixed` at the width of its longest word
/// (`excepted 9999d`) so it is never cut; names and settings are `.flexible` and take what is
/// left, in proportion to their share, up to their maximum; when even the minimums do not fit,
/// the column with the highest `givesWay` is dropped first (0: never dropped).
///
/// ```swift
/// let columns = [ListColumn("Reference", .fixed(14)), ListColumn("Child", .flexible(minimum: 8, maximum: 30, share: 3))]
/// ListLayout.widths(columns, width: 80)   // [14, 30]
/// ```
public struct ListColumn: Sendable, Hashable {
    public enum Width: Sendable, Hashable {
        case fixed(Int)
        case flexible(minimum: Int, maximum: Int, share: Int)
    }

    public enum Alignment: Sendable, Hashable {
        case left, right
    }

    public var header: String
    public var width: Width
    public var alignment: Alignment
    /// The order columns are dropped in when the screen is too narrow: highest first, 0 never.
    public var givesWay: Int

    public init(_ header: String, _ width: Width, alignment: Alignment = .left, givesWay: Int = 0) {
        self.header = header
        self.width = width
        self.alignment = alignment
        self.givesWay = givesWay
    }

    var minimum: Int {
        switch width {
        case .fixed(let cells): cells
        case .flexible(let minimum, _, _): minimum
        }
    }
}

/// Column widths for a list, the same arithmetic for every list screen.
public enum ListLayout {
    /// The marker column (`▸` on the selected row) before the first column.
    public static let marker = 2

    /// The first row to show so that row `line` (and the `context` rows above it, such as its
    /// heading) is among the `visible` rows of a list of `count`, moving `scroll` as little as
    /// possible and never past the end: the one scrolling rule of every list screen.
    ///
    /// ```swift
    /// ListLayout.scroll(0, keeping: 30, visible: 20, count: 100)   // 11
    /// ```
    public static func scroll(_ scroll: Int, keeping line: Int, context: Int = 0, visible: Int, count: Int) -> Int {
        let rows = max(1, visible)
        var first = scroll
        if line - context < first { first = max(0, line - context) }
        if line >= first + rows { first = line - rows + 1 }
        return max(0, min(first, max(0, count - rows)))
    }

    /// The width of each column within `width` cells (marker and one space between columns
    /// included), 0 for a column dropped for want of room.
    public static func widths(_ columns: [ListColumn], width: Int) -> [Int] {
        var kept = Array(repeating: true, count: columns.count)
        func needed() -> Int {
            let shown = columns.indices.filter { kept[$0] }
            return shown.reduce(0) { $0 + columns[$1].minimum } + max(0, shown.count - 1)
        }
        let available = max(0, width - marker)
        while needed() > available {
            let droppable = columns.indices.filter { kept[$0] && columns[$0].givesWay > 0 }
            guard let drop = droppable.max(by: { columns[$0].givesWay < columns[$1].givesWay }) else { break }
            kept[drop] = false
        }
        var widths = columns.indices.map { kept[$0] ? columns[$0].minimum : 0 }
        var spare = max(0, available - needed())
        // Share the spare cells out in proportion, then again among those not yet at their maximum.
        while spare > 0 {
            let growing = columns.indices.filter { index in
                guard kept[index], case let .flexible(_, maximum, share) = columns[index].width else { return false }
                return widths[index] < maximum && share > 0
            }
            let shares = growing.reduce(0) { total, index in
                if case let .flexible(_, _, share) = columns[index].width { return total + share }
                return total
            }
            guard shares > 0 else { break }
            var given = 0
            for index in growing {
                guard case let .flexible(_, maximum, share) = columns[index].width else { continue }
                let portion = max(1, spare * share / shares)
                let grant = min(portion, maximum - widths[index], spare - given)
                widths[index] += grant
                given += grant
                if given == spare { break }
            }
            guard given > 0 else { break }
            spare -= given
        }
        return widths
    }
}

/// One cell of a list row: its text and, for a status, its own role (a word, never colour alone).
public struct ListCell: Sendable, Hashable {
    public var text: String
    /// `nil`: the row's role (normal or selected).
    public var role: StyleRole?

    public init(_ text: String, _ role: StyleRole? = nil) {
        self.text = text
        self.role = role
    }
}

/// A row of a list screen: cells in column order, or a heading across the columns (an agency).
public enum ListRow: Sendable, Hashable {
    case cells([ListCell])
    case heading(String)
}

/// Draws any list screen: the header, then only the rows on screen, each fitted to its column
/// by cells, the selected one marked `▸` and carrying the cursor. The case list, a drill-down,
/// the reviews and "who owes what" all draw through it, so they line up and truncate alike.
///
/// ```swift
/// ListView.draw(columns: columns, rowCount: rows.count, scroll: 0, selected: 2, in: area, on: &canvas) { rows[$0] }
/// ```
public enum ListView {
    public static func draw(columns: [ListColumn], rowCount: Int, scroll: Int, selected: Int?,
                            in area: ScreenLayout.Rect, focused: Bool = true, on canvas: inout Canvas,
                            row: (Int) -> ListRow) {
        guard area.height > 0, area.width > 0 else { return }
        let widths = ListLayout.widths(columns, width: area.width)
        canvas.fill(row: area.row, column: area.column, width: area.width, height: 1, role: .header)
        write(zip(columns, widths).map { ListCell($0.0.header) }, widths: widths, columns: columns,
              marker: focused ? "▶" : "", row: area.row, area: area, role: .header, on: &canvas)
        let visible = scroll..<min(rowCount, scroll + max(0, area.height - 1))
        for index in visible {
            let line = area.row + 1 + index - scroll
            let isSelected = index == selected
            let role: StyleRole = isSelected ? .selected : .normal
            switch row(index) {
            case .heading(let text):
                canvas.write(TextFitting.truncated(text, to: area.width), row: line, column: area.column,
                             maxWidth: area.width, role: .header)
            case .cells(let cells):
                canvas.fill(row: line, column: area.column, width: area.width, height: 1, role: role)
                write(cells, widths: widths, columns: columns, marker: isSelected ? "▸" : "", row: line, area: area,
                      role: role, on: &canvas)
            }
            if isSelected, focused { canvas.cursor = Canvas.Position(row: line, column: area.column) }
        }
    }

    /// Rows of a list `height` rows tall on screen (the first is the header).
    public static func visibleRows(height: Int) -> Int { max(0, height - 1) }

    private static func write(_ cells: [ListCell], widths: [Int], columns: [ListColumn], marker: String, row: Int,
                              area: ScreenLayout.Rect, role: StyleRole, on canvas: inout Canvas) {
        let end = area.column + area.width
        canvas.write(marker, row: row, column: area.column, maxWidth: ListLayout.marker, role: role)
        var column = area.column + ListLayout.marker
        for (index, cell) in cells.enumerated() where index < widths.count && widths[index] > 0 {
            let width = widths[index]
            let text = columns[index].alignment == .right ? TextFitting.rightAligned(cell.text, to: width)
                : TextFitting.fitted(cell.text, to: width)
            let cellRole = cell.role.map { role == .selected && $0 == .normal ? .selected : $0 } ?? role
            canvas.write(text, row: row, column: column, maxWidth: max(0, end - column), role: cellRole)
            column += width + 1
        }
    }
}
