import EHCCore

/// "Data quality" drawn between the title bar and the footer: a heading with the census and the
/// totals, then per rule a line with its id, kind, count and what it checks, and one row per
/// finding (reference, child, caseworker, the field, what is wrong). Only the lines on screen are drawn.
///
/// ```swift
/// DataQualityView.draw(screen, in: area, on: &canvas)
/// // Data quality · census 2027-01-21 · 12 errors, 3 queries
/// // P02 error · 4 · the UPN is well formed, with the right check letter
/// // ▸ EHC-2025-00002 Zoë Nguyễn  B. Caseworker  child.upn  the check letter of … is H, not J …
/// ```
public enum DataQualityView {
    /// The columns; the caseworker, then the field, give way on a narrow terminal.
    static let columns = [
        ListColumn("Reference", .fixed(14)),
        ListColumn("Child", .flexible(minimum: 8, maximum: 24, share: 3)),
        ListColumn("Caseworker", .flexible(minimum: 8, maximum: 20, share: 2), givesWay: 2),
        ListColumn("Field", .flexible(minimum: 8, maximum: 22, share: 2), givesWay: 1),
        ListColumn("What is wrong", .flexible(minimum: 16, maximum: 200, share: 8)),
    ]

    public static func draw(_ screen: DataQualityScreen, in area: ScreenLayout.Rect, on canvas: inout Canvas) {
        guard area.height > 2, area.width > 0 else { return }
        guard let report = screen.report else {
            canvas.write("Checking the caseload against the SEN2 and inspection rules…", row: area.row, column: area.column,
                         maxWidth: area.width, role: .muted)
            return
        }
        let rows = screen.rows
        let errors = screen.errors, queries = report.rows.count - screen.errors
        let shown = rows.rowLines.count == report.rows.count ? "" : " · \(Chrome.grouped(rows.rowLines.count)) shown"
        canvas.write("Data quality · census \(report.census) · \(Chrome.grouped(errors)) errors, "
                     + "\(Chrome.grouped(queries)) queries" + shown,
                     row: area.row, column: area.column, maxWidth: area.width, role: .header)
        let listArea = ScreenLayout.Rect(row: area.row + 1, column: area.column, width: area.width, height: area.height - 1)
        ListView.draw(columns: columns, rowCount: rows.lines.count, scroll: rows.scroll, selected: rows.selectedLine,
                      in: listArea, on: &canvas) { line in
            switch rows.lines[line] {
            case .heading(let group):
                let rule = screen.rules[group]
                let count = rows.groups[group].count, shownHere = rows.shownCount(ofGroupAt: line)
                return .heading("\(rule.id) \(rule.severity.rawValue) · \(Chrome.grouped(count)) · \(rule.title)"
                                + (shownHere == count ? "" : " · \(Chrome.grouped(shownHere)) shown"))
            case .row:
                guard let row = rows.row(atLine: line) else { return .cells([]) }
                let role: StyleRole = row.finding.severity == .error ? .overdue : .dueSoon
                return .cells([ListCell(row.finding.caseID ?? "caseload"), ListCell(row.childName), ListCell(row.caseworker),
                               ListCell(row.finding.field), ListCell(row.finding.message, role)])
            }
        }
        if rows.lines.isEmpty {
            let empty = report.rows.isEmpty ? "Nothing to fix: every case passes the return's checks for this census."
                : "No finding matches the filter or scope."
            canvas.write(empty, row: area.row + 2, column: area.column + ListLayout.marker, maxWidth: area.width, role: .muted)
        }
    }
}
