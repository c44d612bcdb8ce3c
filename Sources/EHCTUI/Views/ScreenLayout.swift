/// Where each part of the screen goes for a terminal size: pure rectangle arithmetic, total for
/// every size (below the minimum it says so, and the screen shows "terminal too small").
///
/// Wide terminals (≥ 140 columns) put the list and the detail side by side; narrower ones put
/// the list above the detail.
///
/// ```swift
/// let layout = ScreenLayout(size: TerminalSize(width: 80, height: 24))
/// layout.visibleListRows   // 10
/// ```
public struct ScreenLayout: Sendable, Hashable {
    /// A rectangle of cells.
    public struct Rect: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public var width: Int
        public var height: Int

        public init(row: Int, column: Int, width: Int, height: Int) {
            self.row = row
            self.column = column
            self.width = max(0, width)
            self.height = max(0, height)
        }
    }

    public static let minimumWidth = 40
    public static let minimumHeight = 10
    public static let sideBySideWidth = 140

    public let size: TerminalSize
    public let isTooSmall: Bool
    public let isSideBySide: Bool
    /// The list's column header and its rows.
    public let list: Rect
    /// The row naming the detail pane (a separator line when stacked).
    public let detailTitle: Rect
    public let detailContent: Rect
    /// The vertical border column when side by side.
    public let border: Rect?

    public init(size: TerminalSize) {
        self.size = size
        isTooSmall = size.width < Self.minimumWidth || size.height < Self.minimumHeight
        isSideBySide = size.width >= Self.sideBySideWidth
        // Row 0 is the title bar, the last row the footer.
        let bodyTop = 1
        let bodyHeight = max(0, size.height - 2)
        if isSideBySide {
            let listWidth = size.width * 11 / 20
            list = Rect(row: bodyTop, column: 0, width: listWidth, height: bodyHeight)
            border = Rect(row: bodyTop, column: listWidth, width: 1, height: bodyHeight)
            // The title's focus marker sits in the two cells before the content column.
            let detailColumn = listWidth + 3
            detailTitle = Rect(row: bodyTop, column: listWidth + 1, width: size.width - listWidth - 1, height: 1)
            detailContent = Rect(row: bodyTop + 1, column: detailColumn, width: size.width - detailColumn,
                                 height: bodyHeight - 1)
        } else {
            let listHeight = bodyHeight / 2
            list = Rect(row: bodyTop, column: 0, width: size.width, height: listHeight)
            border = nil
            detailTitle = Rect(row: bodyTop + listHeight, column: 0, width: size.width, height: 1)
            detailContent = Rect(row: bodyTop + listHeight + 1, column: 1, width: size.width - 2,
                                 height: bodyHeight - listHeight - 1)
        }
    }

    /// Case rows on screen (the list's first row is its column header).
    public var visibleListRows: Int { max(0, list.height - 1) }
}
