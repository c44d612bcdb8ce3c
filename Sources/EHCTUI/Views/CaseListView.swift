import EHCCore

/// The caseload list: one row per case, drawing only the rows on screen so 100,000 cases cost
/// no more per frame than twenty.
///
/// Columns: reference, child, caseworker, weeks since request, next deadline (due date and
/// key) and status as a word with a role (`OVERDUE 12d` in `.overdue`), drawn by ``ListView``.
///
/// ```swift
/// CaseListView.draw(state, in: layout.list, focused: state.focus == .list, on: &canvas)
/// ```
public enum CaseListView {
    /// The case list's columns: the status as wide as its longest word, so it is never cut; the
    /// weeks, then the caseworker, give way first on a narrow terminal.
    static let columns = [
        ListColumn("Reference", .fixed(14)),
        ListColumn("Child", .flexible(minimum: 12, maximum: 30, share: 4)),
        ListColumn("Caseworker", .flexible(minimum: 10, maximum: 24, share: 3), givesWay: 2),
        ListColumn("Wks", .fixed(3), alignment: .right, givesWay: 3),
        ListColumn("Next deadline", .flexible(minimum: 21, maximum: 39, share: 4)),
        ListColumn("Status", .fixed(StatusWording.longestShort + 1)),
    ]

    /// A drill-down into plans issued: when each was asked for and issued, and the weeks it took.
    static let planColumns = [
        ListColumn("Reference", .fixed(14)),
        ListColumn("Child", .flexible(minimum: 12, maximum: 30, share: 4)),
        ListColumn("Caseworker", .flexible(minimum: 10, maximum: 24, share: 3), givesWay: 1),
        ListColumn("Requested", .fixed(11)),
        ListColumn("Issued", .fixed(11)),
        ListColumn("Weeks", .fixed(6), alignment: .right),
    ]

    public static func draw(_ state: AppState, in area: ScreenLayout.Rect, focused: Bool, on canvas: inout Canvas) {
        guard area.height > 0 else { return }
        let today = state.today
        let plans = state.drilledCases?.plans
        ListView.draw(columns: plans == nil ? columns : planColumns, rowCount: state.caseload.count,
                      scroll: state.listScroll, selected: state.selectedCase == nil ? nil : state.selection, in: area,
                      focused: focused, on: &canvas) { index in
            let summary = state.caseload[index]
            guard let plans else { return .cells(cells(summary, today: today)) }
            let dates = plans[summary.id]
            return .cells([ListCell(summary.id), ListCell(summary.childName), ListCell(summary.caseworker),
                           ListCell(dates.map { $0.requested.description } ?? "—"),
                           ListCell(dates.map { $0.issued.description } ?? "—"),
                           ListCell(dates.map { String(format: "%.1f", $0.weeks) } ?? "—")])
        }
        if state.caseload.isEmpty {
            let empty = state.everyCase.isEmpty ? "No cases yet: try ehcdesk demo, or ehcdesk import FILE"
                : "No cases in \(state.preferences.view.title)" + (state.filterText.isEmpty ? "" : " matching the filter")
            canvas.write(empty, row: area.row + 1, column: area.column + ListLayout.marker,
                         maxWidth: area.width - ListLayout.marker, role: .muted)
        }
    }

    /// One case's cells; `!` before the status marks an assessment still savable but at risk of
    /// missing 20 weeks (``CaseSummary/isAtRisk``, view 9).
    static func cells(_ summary: CaseSummary, today: CalendarDate) -> [ListCell] {
        let next: String
        let status: (text: String, role: StyleRole)
        if let deadline = summary.nextDeadline {
            next = "\(deadline.due) \(deadline.shortTitle)"
            status = StatusWording.short(for: deadline, today: today)
        } else {
            next = "—"
            status = (StatusWording.caseStatus(summary.status), .muted)
        }
        return [
            ListCell(summary.id), ListCell(summary.childName), ListCell(summary.caseworker),
            ListCell(String(summary.weeksSinceRequest(on: today))), ListCell(next),
            // The `!` takes the cell's first place on every row, so the status words line up.
            ListCell((summary.isAtRisk ? "!" : " ") + status.text, status.role),
        ]
    }
}
