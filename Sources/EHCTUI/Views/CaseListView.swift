import EHCCore

/// The caseload list: one row per case, drawing only the rows on screen so 100,000 cases cost
/// no more per frame than twenty.
///
/// Columns: reference, child, caseworker, weeks since request, next deadline (due date and
/// key) and status as a word with a role (`OVERDUE 12d` in `.overdue`); a `!` just before the status
/// marks an assessment at risk of missing 20 weeks (``CaseSummary/isAtRisk``, view 9).
///
/// ```swift
/// CaseListView.draw(state, in: layout.list, focused: state.focus == .list, on: &canvas)
/// ```
public enum CaseListView {
    /// Column widths for a list `width` cells wide: fixed ones first, the rest shared out.
    struct Columns: Equatable {
        static let marker = 2
        static let reference = 14
        static let weeks = 3
        static let status = 12
        static let dueDate = 10

        var child: Int
        var caseworker: Int
        var nextDeadline: Int

        init(width: Int) {
            let fixed = Self.marker + Self.reference + Self.weeks + Self.status + 5
            let flexible = max(0, width - fixed)
            child = min(30, flexible * 32 / 100)
            caseworker = min(24, flexible * 24 / 100)
            nextDeadline = min(Self.dueDate + 1 + 28, flexible - child - caseworker)
        }
    }

    public static func draw(_ state: AppState, in area: ScreenLayout.Rect, focused: Bool, on canvas: inout Canvas) {
        guard area.height > 0 else { return }
        let columns = Columns(width: area.width)
        drawHeader(columns, in: area, focused: focused, on: &canvas)
        guard !state.caseload.isEmpty else {
            let empty = state.everyCase.isEmpty ? "No cases yet: try ehcdesk demo, or ehcdesk import FILE"
                : "No cases in \(state.preferences.view.title)" + (state.filterText.isEmpty ? "" : " matching the filter")
            canvas.write(empty, row: area.row + 1,
                         column: area.column + Columns.marker, maxWidth: area.width - Columns.marker, role: .muted)
            return
        }
        let rows = max(0, area.height - 1)
        let visible = state.listScroll..<min(state.caseload.count, state.listScroll + rows)
        for index in visible {
            let row = area.row + 1 + index - state.listScroll
            drawRow(state.caseload[index], selected: index == state.selection, today: state.today,
                    columns: columns, row: row, area: area, on: &canvas)
        }
        if focused, state.selectedCase != nil {
            canvas.cursor = Canvas.Position(row: area.row + 1 + state.selection - state.listScroll, column: area.column)
        }
    }

    private static func drawHeader(_ columns: Columns, in area: ScreenLayout.Rect, focused: Bool,
                                   on canvas: inout Canvas) {
        let cells: [(String, Int)] = [
            (focused ? "▶" : "", Columns.marker - 1), ("Reference", Columns.reference), ("Child", columns.child),
            ("Caseworker", columns.caseworker), ("Wks", Columns.weeks), ("Next deadline", columns.nextDeadline),
            ("Status", Columns.status),
        ]
        canvas.fill(row: area.row, column: area.column, width: area.width, height: 1, role: .header)
        write(cells, row: area.row, area: area, role: .header, on: &canvas)
    }

    private static func drawRow(_ summary: CaseSummary, selected: Bool, today: CalendarDate, columns: Columns,
                                row: Int, area: ScreenLayout.Rect, on canvas: inout Canvas) {
        let role: StyleRole = selected ? .selected : .normal
        let next: String
        let status: (text: String, role: StyleRole)
        if let deadline = summary.nextDeadline {
            next = "\(deadline.due) \(deadline.shortTitle)"
            status = StatusWording.short(for: deadline, today: today)
        } else {
            next = "—"
            status = (StatusWording.caseStatus(summary.status), .muted)
        }
        let cells: [(String, Int)] = [
            (selected ? "▸" : "", Columns.marker - 1), (summary.id, Columns.reference),
            (summary.childName, columns.child), (summary.caseworker, columns.caseworker),
            (TextFitting.rightAligned(String(summary.weeksSinceRequest(on: today)), to: Columns.weeks), Columns.weeks),
            (next, columns.nextDeadline),
        ]
        canvas.fill(row: row, column: area.column, width: area.width, height: 1, role: role)
        let statusColumn = write(cells, row: row, area: area, role: role, on: &canvas)
        canvas.write(TextFitting.truncated(status.text, to: Columns.status), row: row, column: statusColumn,
                     maxWidth: area.column + area.width - statusColumn, role: status.role)
        if summary.isAtRisk, statusColumn > area.column, statusColumn <= area.column + area.width {
            canvas.write("!", row: row, column: statusColumn - 1, role: .overdue)
        }
    }

    /// Writes fitted cells separated by one space; returns the column after the last separator.
    @discardableResult
    static func write(_ cells: [(String, Int)], row: Int, area: ScreenLayout.Rect, role: StyleRole,
                              on canvas: inout Canvas) -> Int {
        var column = area.column
        let end = area.column + area.width
        for (text, width) in cells {
            canvas.write(TextFitting.fitted(text, to: width), row: row, column: column,
                         maxWidth: max(0, end - column), role: role)
            column += width + 1
        }
        return column
    }
}
