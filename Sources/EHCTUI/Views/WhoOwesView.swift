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
    struct Columns: Equatable {
        static let marker = 2
        static let reference = 14
        static let outstanding = 4
        static let standing = 12
        static let chased = 13

        var child: Int
        var caseworker: Int
        var contact: Int

        init(width: Int) {
            let fixed = Self.marker + Self.reference + Self.outstanding + Self.standing + Self.chased + 6
            let flexible = max(0, width - fixed)
            child = min(28, flexible * 40 / 100)
            caseworker = min(22, flexible * 28 / 100)
            contact = min(28, flexible - child - caseworker)
        }
    }

    public static func draw(_ screen: WhoOwesScreen, today: CalendarDate, in area: ScreenLayout.Rect,
                            on canvas: inout Canvas) {
        guard area.height > 2, area.width > 0 else { return }
        guard let owed = screen.owed else {
            canvas.write("Reading the advice owed across the caseload…", row: area.row, column: area.column,
                         maxWidth: area.width, role: .muted)
            return
        }
        let requests = owed.outstanding == 1 ? "1 request owed" : "\(Chrome.grouped(owed.outstanding)) requests owed"
        canvas.write("Who owes what · \(requests), \(Chrome.grouped(owed.overdue)) overdue", row: area.row,
                     column: area.column, maxWidth: area.width, role: .header)
        let columns = Columns(width: area.width)
        canvas.fill(row: area.row + 1, column: area.column, width: area.width, height: 1, role: .header)
        CaseListView.write([("", Columns.marker - 1), ("Reference", Columns.reference), ("Child", columns.child),
               ("Caseworker", columns.caseworker), ("Contact", columns.contact), ("Out", Columns.outstanding),
               ("Standing", Columns.standing), ("Last chased", Columns.chased)],
              row: area.row + 1, area: area, role: .header, on: &canvas)
        guard !screen.lines.isEmpty else {
            canvas.write("No advice is owed: every request on an open assessment has been received.",
                         row: area.row + 2, column: area.column + Columns.marker, maxWidth: area.width, role: .muted)
            return
        }
        let selectedLine = screen.requestLines.indices.contains(screen.selected) ? screen.requestLines[screen.selected] : -1
        let height = area.height - 2 - (screen.noteDraft == nil ? 0 : 1)
        for offset in 0..<max(0, min(height, screen.lines.count - screen.scroll)) {
            let line = screen.scroll + offset
            let row = area.row + 2 + offset
            switch screen.lines[line] {
            case .agency(let group):
                let entry = owed.groups[group]
                let counts = "\(Chrome.grouped(entry.items.count)) owed, \(Chrome.grouped(entry.overdue)) overdue"
                canvas.write(entry.agency.displayName + ": " + counts, row: row, column: area.column, maxWidth: area.width,
                             role: .header)
            case .request:
                guard let item = screen.item(atLine: line) else { continue }
                drawRow(item, selected: line == selectedLine, today: today, columns: columns, row: row, area: area,
                        on: &canvas)
            }
        }
        if let note = screen.noteDraft {
            let row = area.row + area.height - 1
            canvas.fill(row: row, column: area.column, width: area.width, height: 1, role: .selected)
            canvas.write("Received today and returned for more detail because: " + note + "▏", row: row,
                         column: area.column, maxWidth: area.width, role: .selected)
        }
    }

    private static func drawRow(_ item: WhoOwesWhat.Item, selected: Bool, today: CalendarDate, columns: Columns,
                                row: Int, area: ScreenLayout.Rect, on canvas: inout Canvas) {
        let role: StyleRole = selected ? .selected : .normal
        let contact = (item.advice.quality == .returned ? "returned · " : "")
            + [item.advice.detail, item.advice.contact].compactMap { $0 }.joined(separator: ": ")
        let chased = item.advice.chased.max().map { "\(item.advice.chased.count)× \($0)" } ?? "—"
        canvas.fill(row: row, column: area.column, width: area.width, height: 1, role: role)
        let standingColumn = CaseListView.write([
            (selected ? "▸" : "", Columns.marker - 1), (item.caseID, Columns.reference), (item.childName, columns.child),
            (item.caseworker, columns.caseworker), (contact, columns.contact),
            (TextFitting.rightAligned("\(item.daysOutstanding)d", to: Columns.outstanding), Columns.outstanding),
        ], row: row, area: area, role: role, on: &canvas)
        let standing = AdviceWording.short(item.deadline, today: today)
        let chasedColumn = canvas.write(TextFitting.fitted(standing.text, to: Columns.standing), row: row,
                                        column: standingColumn, maxWidth: max(0, area.column + area.width - standingColumn),
                                        role: selected ? .selected : standing.role) + 1
        canvas.write(TextFitting.truncated(chased, to: Columns.chased), row: row, column: chasedColumn,
                     maxWidth: max(0, area.column + area.width - chasedColumn), role: role)
    }
}
