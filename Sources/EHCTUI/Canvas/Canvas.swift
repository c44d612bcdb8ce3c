/// An in-memory screen: a grid of cells, each a grapheme and a ``StyleRole``.
///
/// Views draw into a Canvas and never touch the terminal; the backend flushes it in one go and
/// tests compare its ``text`` and ``roleMap`` with snapshot files. A wide character occupies
/// two cells: the grapheme in the first, a continuation cell in the second. Writes are clipped
/// to the grid, so drawing is total for any size.
///
/// ```swift
/// var canvas = Canvas(width: 20, height: 2)
/// canvas.write("李雷", row: 0, column: 0, role: .normal)   // 4 cells
/// canvas.text   // "李雷\n"
/// ```
public struct Canvas: Sendable, Hashable {
    /// One terminal cell.
    public struct Cell: Sendable, Hashable {
        /// The grapheme drawn here; a space for blank and continuation cells.
        public var grapheme: Character
        /// Cells the grapheme takes (1 or 2; 0 marks the continuation of a wide character).
        public var width: Int
        public var role: StyleRole

        public static let blank = Cell(grapheme: " ", width: 1, role: .normal)

        public var isContinuation: Bool { width == 0 }
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the backend puts the hardware cursor: the focused row, for screen readers.
    public var cursor: Position?

    /// A cell's coordinates, row first as curses counts them.
    public struct Position: Sendable, Hashable {
        public var row: Int
        public var column: Int

        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Fills a rectangle with spaces of one role (a bar, a selected row, an overlay's ground).
    public mutating func fill(row: Int, column: Int, width fillWidth: Int, height fillHeight: Int, role: StyleRole) {
        let rows = max(0, row)..<min(height, row + fillHeight)
        let columns = max(0, column)..<min(width, column + fillWidth)
        guard !rows.isEmpty, !columns.isEmpty else { return }
        for y in rows {
            clearHalves(row: y, columns: columns)
            for x in columns { cells[y * width + x] = Cell(grapheme: " ", width: 1, role: role) }
        }
    }

    /// Writes text from `column` on, clipped to `maxWidth` cells and to the grid, and returns
    /// the column after the last cell written. Nothing wraps: callers fit or wrap text first.
    @discardableResult
    public mutating func write(_ text: String, row: Int, column: Int, maxWidth: Int = .max,
                               role: StyleRole) -> Int {
        guard row >= 0, row < height else { return column }
        let limit = min(width, maxWidth == .max ? width : column + maxWidth)
        var x = column
        for character in text {
            let grapheme = CellWidth.sanitized(character)
            let cells = CellWidth.of(grapheme)
            // A lone combining mark has nothing to sit on in a fresh cell: leave it out.
            if cells == 0 { continue }
            if x + cells > limit {
                // Half a wide character would not fit: keep the column blank, as ncurses does.
                if x < limit && x >= 0 { put(Cell(grapheme: " ", width: 1, role: role), row: row, column: x) }
                return limit
            }
            if x >= 0 {
                put(Cell(grapheme: grapheme, width: cells, role: role), row: row, column: x)
                if cells == 2 { put(Cell(grapheme: " ", width: 0, role: role), row: row, column: x + 1) }
            }
            x += cells
        }
        return x
    }

    /// The screen as text, one line per row, trailing spaces removed; a wide character appears
    /// once, as `tmux capture-pane` shows it.
    public var text: String {
        var result = ""
        for y in 0..<height {
            var line = ""
            for x in 0..<width where !self[y, x].isContinuation { line.append(self[y, x].grapheme) }
            while line.last == " " { line.removeLast() }
            result += line + "\n"
        }
        return result
    }

    /// The role of every cell, one ``StyleRole/symbol`` per cell (continuation cells included).
    public var roleMap: String {
        var result = ""
        for y in 0..<height {
            for x in 0..<width { result.append(self[y, x].role.symbol) }
            result += "\n"
        }
        return result
    }

    /// The cell column where `text` first starts on `row`, if it appears there.
    public func column(of text: String, row: Int) -> Int? {
        var line = ""
        var columns: [Int] = []
        for x in 0..<width where !self[row, x].isContinuation {
            line.append(self[row, x].grapheme)
            columns.append(x)
        }
        guard let range = line.firstRange(of: text) else { return nil }
        return columns[line.distance(from: line.startIndex, to: range.lowerBound)]
    }

    private mutating func put(_ cell: Cell, row: Int, column: Int) {
        guard column >= 0, column < width else { return }
        // The lead cell of a wide character already cleared both of its cells.
        if !cell.isContinuation { clearHalves(row: row, columns: column..<(column + max(1, cell.width))) }
        cells[row * width + column] = cell
    }

    /// Blanks the other half of any wide character cut by writing over `columns`.
    private mutating func clearHalves(row: Int, columns: Range<Int>) {
        let base = row * width
        if columns.lowerBound > 0, columns.lowerBound < width, cells[base + columns.lowerBound].isContinuation {
            cells[base + columns.lowerBound - 1] = Cell(grapheme: " ", width: 1,
                                                        role: cells[base + columns.lowerBound - 1].role)
        }
        let last = min(columns.upperBound, width) - 1
        if last >= 0, last + 1 < width, cells[base + last].width == 2 {
            cells[base + last + 1] = Cell(grapheme: " ", width: 1, role: cells[base + last + 1].role)
        }
    }
}
