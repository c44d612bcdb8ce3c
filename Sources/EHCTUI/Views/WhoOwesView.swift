import EHCCore

/// "Who owes what" drawn between the title bar and the footer: a heading with the totals, then
/// per agency a line with its counts and one row per owed request (reference, child, caseworker,
/// contact, days outstanding, days over or due, chases). Only the lines on screen are drawn.
///
/// ```swift
/// WhoOwesView.draw(screen, today: today, in: area, on: &canvas)
/// // Who owes what · 412 requests owed, 97 overdue
/// // Educational psychology: 120 owed, 40 overdue
/// // ▸ EHC-2025-00002 Łukasz Kowalczyk B. Nguyễn  Dr A. Shah  70d 28d over  2× 2025-11-11
/// ```
public enum WhoOwesView {
    /// The columns; the last chase, then the contact, then the caseworker give way on a narrow terminal.
    static let columns = [
        ListColumn("Reference", .fixed(14)),
        ListColumn("Child", .flexible(minimum: 8, maximum: 28, share: 4)),
        ListColumn("Caseworker", .flexible(minimum: 8, maximum: 22, share: 3), givesWay: 3),
        ListColumn("Contact", .flexible(minimum: 8, maximum: 28, share: 3), givesWay: 2),
        ListColumn("Out", .fixed(4), alignment: .right),
        ListColumn("Standing", .fixed(StatusWording.longestShort)),
        ListColumn("Last chased", .fixed(13), givesWay: 1),
    ]

    public static func draw(_ screen: WhoOwesScreen, today: CalendarDate, in area: ScreenLayout.Rect,
                            on canvas: inout Canvas) {
        guard area.height > 2, area.width > 0 else { return }
        guard let owed = screen.owed else {
            canvas.write("Reading the advice owed across the caseload…", row: area.row, column: area.column,
                         maxWidth: area.width, role: .muted)
            return
        }
        let requests = owed.outstanding == 1 ? "1 request owed" : "\(Chrome.grouped(owed.outstanding)) requests owed"
        let rows = screen.rows
        let shown = rows.rowLines.count == owed.outstanding ? "" : " · \(Chrome.grouped(rows.rowLines.count)) shown"
        canvas.write("Who owes what · \(requests), \(Chrome.grouped(owed.overdue)) overdue" + shown, row: area.row,
                     column: area.column, maxWidth: area.width, role: .header)
        let listArea = ScreenLayout.Rect(row: area.row + 1, column: area.column, width: area.width,
                                         height: area.height - 1 - (screen.noteDraft == nil ? 0 : 1))
        ListView.draw(columns: columns, rowCount: rows.lines.count, scroll: rows.scroll, selected: rows.selectedLine,
                      in: listArea, on: &canvas) { line in
            switch rows.lines[line] {
            case .heading(let group):
                let entry = owed.groups[group]
                let shown = rows.shownCount(ofGroupAt: line)
                return .heading(entry.agency.displayName + ": "
                                + "\(Chrome.grouped(entry.items.count)) owed, \(Chrome.grouped(entry.overdue)) overdue"
                                + (shown == entry.items.count ? "" : " · \(Chrome.grouped(shown)) shown"))
            case .row:
                guard let item = rows.row(atLine: line) else { return .cells([]) }
                return .cells(cells(item, today: today))
            }
        }
        if rows.lines.isEmpty {
            let empty = owed.outstanding == 0 ? "No advice is owed: every request on an open assessment has been received."
                : "No owed advice matches the filter or scope."
            canvas.write(empty, row: area.row + 2, column: area.column + ListLayout.marker, maxWidth: area.width, role: .muted)
        }
        if let note = screen.noteDraft {
            let row = area.row + area.height - 1
            canvas.fill(row: row, column: area.column, width: area.width, height: 1, role: .selected)
            canvas.write("Received today and returned for more detail because: " + note + "▏", row: row,
                         column: area.column, maxWidth: area.width, role: .selected)
        }
    }

    private static func cells(_ item: WhoOwesWhat.Item, today: CalendarDate) -> [ListCell] {
        let contact = (item.advice.quality == .returned ? "returned · " : "")
            + [item.advice.detail, item.advice.contact].compactMap { $0 }.joined(separator: ": ")
        let chased = item.advice.chased.max().map { "\(item.advice.chased.count)× \($0)" } ?? "—"
        let standing = AdviceWording.short(item.deadline, today: today)
        return [ListCell(item.caseID), ListCell(item.childName), ListCell(item.caseworker), ListCell(contact),
                ListCell("\(item.daysOutstanding)d"), ListCell(standing.text, standing.role), ListCell(chased)]
    }
}
