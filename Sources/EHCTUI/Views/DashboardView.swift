import EHCCore

/// The team lead's dashboard drawn into a region: headline timeliness, a month-by-month bar chart
/// of the percentage within 20 weeks (excluding exceptions, with the national figure as a reference
/// line), open assessments by weeks since request, reviews overdue, advice by agency and the
/// by-caseworker table. The selected figure (an index into ``Dashboard/figures``) is highlighted.
///
/// Sections shrink to fit: a tall region gets a taller chart and the advice table, a short one the
/// advice figures on one line; the caseworker table takes the rows left, scrolled to the selection.
///
/// ```swift
/// DashboardView.draw(dashboard, selected: 2, in: layout.list, on: &canvas)   // "over 20 wk" highlighted
/// ```
public enum DashboardView {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let axisWidth = 5

    public static func draw(_ dashboard: Dashboard, selected: Int?, in area: ScreenLayout.Rect,
                            on canvas: inout Canvas) {
        guard area.height > 0, area.width > 0 else { return }
        var pen = DashboardPen(area: area, row: area.row, selected: selected, figures: Array(dashboard.figures.enumerated()))
        pen.line("Timeliness of new EHC plans, " + dashboard.period.title, role: .header, on: &canvas)
        pen.flow(.headline, on: &canvas)
        pen.line(percentages(dashboard), role: .normal, on: &canvas)
        pen.gap()
        drawChart(dashboard, pen: &pen, on: &canvas)
        pen.gap()
        pen.line("Open assessments by weeks since request", role: .header, on: &canvas)
        pen.flow(.ageing, on: &canvas)
        pen.gap()
        pen.flow(.reviews, on: &canvas)
        if dashboard.audits != nil { pen.flow(.audits, lead: "Audit grades:", on: &canvas) }
        if area.height >= 40 {
            drawAdviceTable(dashboard, pen: &pen, on: &canvas)
        } else {
            pen.flow(.advice, lead: "Advice past 6 weeks:", on: &canvas)
        }
        pen.gap()
        drawCaseworkers(dashboard, pen: &pen, on: &canvas)
    }

    static func percentages(_ dashboard: Dashboard) -> String {
        let overall = dashboard.timeliness.overall
        var text = "Within 20 weeks: " + percent(overall.percentWithin) + " of all plans, "
            + percent(overall.percentWithinExcludingExceptions) + " excluding exceptions"
        if let national = dashboard.nationalPercent { text += " (national " + percent(national) + ")" }
        return text
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(Int((value * 10).rounded()) / 10) + "." + String(Int((value * 10).rounded()) % 10) + "%"
    }

    // MARK: Chart

    static func drawChart(_ dashboard: Dashboard, pen: inout DashboardPen, on canvas: inout Canvas) {
        let months = dashboard.timeliness.groups
        guard !months.isEmpty else { return }
        let area = pen.area
        let height = max(3, min(12, area.height / 4))
        let labelWidth = dashboard.nationalPercent == nil ? 0 : 16
        let slot = max(2, min(8, (area.width - axisWidth - labelWidth) / months.count))
        let top = pen.row
        let national = dashboard.nationalPercent.map { min(height - 1, Int($0 / 100 * Double(height))) }
        for level in 0..<height {
            let row = top + height - 1 - level
            let axis = level == height - 1 ? "100%" : level == 0 ? "0%" : ""
            canvas.write(TextFitting.rightAligned(axis, to: axisWidth - 1), row: row, column: area.column,
                         maxWidth: axisWidth - 1, role: .muted)
            canvas.write("│", row: row, column: area.column + axisWidth - 1, role: .border)
            for (index, month) in months.enumerated() {
                let filled = month.percentWithinExcludingExceptions.map { Int(($0 / 100 * Double(height * 8)).rounded()) } ?? 0
                let eighths = max(0, min(8, filled - level * 8))
                let column = area.column + axisWidth + index * slot
                if eighths > 0 {
                    canvas.write(String(repeating: blocks[eighths - 1], count: slot - 1), row: row, column: column,
                                 maxWidth: area.column + area.width - column, role: .normal)
                } else if level == national {
                    canvas.write(String(repeating: "╌", count: slot), row: row, column: column,
                                 maxWidth: area.column + area.width - column, role: .muted)
                }
            }
            if level == national, let percent = dashboard.nationalPercent {
                let column = area.column + axisWidth + months.count * slot
                canvas.write(" national " + Self.percent(percent), row: row, column: column,
                             maxWidth: area.column + area.width - column, role: .muted)
            }
        }
        pen.row = top + height
        for (index, month) in months.enumerated() {
            let column = area.column + axisWidth + index * slot
            let value = month.percentWithinExcludingExceptions.map { String(Int($0.rounded())) } ?? "-"
            canvas.write(value, row: pen.row, column: column, maxWidth: slot - 1, role: .muted)
            let name = Dashboard.monthNames[min(11, max(0, (Int(month.key.suffix(2)) ?? 1) - 1))]
            canvas.write(slot > 3 ? name : String(name.prefix(1)), row: pen.row + 1, column: column,
                         maxWidth: slot - 1, role: .muted)
        }
        pen.row += 2
    }

    // MARK: Tables

    static func drawAdviceTable(_ dashboard: Dashboard, pen: inout DashboardPen, on canvas: inout Canvas) {
        let widths = [24, 10, 12, 8, 8, 12, 8]
        pen.gap()
        pen.cells(["Advice by agency", "requested", "within 6 wk", "%", "median", "outstanding", "overdue"],
                  widths: widths, role: .header, on: &canvas)
        let first = dashboard.figures.firstIndex { $0.section == .advice } ?? 0
        for (offset, agency) in dashboard.advice.enumerated() where pen.row < pen.area.row + pen.area.height {
            let median = agency.medianDays.map { String(Int($0.rounded())) + "d" } ?? "-"
            pen.cells([agency.agency.displayName, String(agency.requested), String(agency.returnedWithinSixWeeks),
                       percent(agency.percentWithin), median, String(agency.outstanding)],
                      widths: Array(widths.dropLast()), role: .normal, advance: false, on: &canvas)
            pen.figure(first + offset, column: pen.area.column + widths.dropLast().reduce(0, +), width: widths.last ?? 0,
                       on: &canvas)
            pen.row += 1
        }
    }

    static func drawCaseworkers(_ dashboard: Dashboard, pen: inout DashboardPen, on canvas: inout Canvas) {
        let widths = [max(12, min(28, pen.area.width - 30)), 10, 10, 10]
        let marks: [Dashboard.CaseworkerOrder] = [.name, .openCases, .overdue, .dueSoon]
        let titles = ["Caseworker", "open", "overdue", "due 14d"].enumerated().map { index, title in
            marks[index] == dashboard.caseworkerOrder ? title + " ▾" : title
        }
        pen.cells(titles, widths: widths, role: .header, on: &canvas)
        let first = dashboard.figures.firstIndex { $0.section == .caseworkers } ?? 0
        let rows = dashboard.caseworkers
        let room = pen.area.row + pen.area.height - pen.row
        guard room > 0 else { return }
        let shown = rows.count > room ? room - 1 : rows.count
        let chosen = pen.selected.map { $0 - first }.flatMap { rows.indices.contains($0) ? $0 : nil } ?? 0
        let start = max(0, min(chosen - shown + 1, rows.count - shown))
        for (offset, row) in rows.enumerated().dropFirst(start).prefix(shown) {
            pen.cells([row.caseworker, String(row.openCases)], widths: Array(widths.prefix(2)), role: .normal,
                      advance: false, on: &canvas)
            let column = pen.area.column + widths[0] + widths[1]
            pen.figure(first + offset, column: column, width: widths[2], on: &canvas)
            let dueSoon = String(row.dueSoon)
            canvas.write(dueSoon, row: pen.row, column: column + widths[2] + widths[3] - 1 - dueSoon.count,
                         maxWidth: widths[3], role: row.dueSoon > 0 ? .dueSoon : .normal)
            pen.row += 1
        }
        if shown < rows.count {
            pen.line("… \(rows.count - shown) more caseworkers", role: .muted, on: &canvas)
        }
    }
}

/// Where the dashboard is drawing: the next row, the selection, and the figures to place.
struct DashboardPen {
    var area: ScreenLayout.Rect
    var row: Int
    var selected: Int?
    var figures: [(offset: Int, element: Dashboard.Figure)]

    var hasRoom: Bool { row < area.row + area.height }

    /// A blank row between sections, only when the region is tall enough to spare it.
    mutating func gap() {
        if area.height >= 30 { row += 1 }
    }

    mutating func line(_ text: String, role: StyleRole, on canvas: inout Canvas) {
        guard hasRoom else { return }
        canvas.write(TextFitting.truncated(text, to: area.width), row: row, column: area.column, maxWidth: area.width,
                     role: role)
        row += 1
    }

    /// Writes the figures of a section as `label value` pairs, wrapping onto further rows.
    mutating func flow(_ section: Dashboard.Section, lead: String? = nil, on canvas: inout Canvas) {
        guard hasRoom else { return }
        var column = area.column
        if let lead { column = canvas.write(lead + " ", row: row, column: column, maxWidth: area.width, role: .header) }
        for (index, figure) in figures where figure.section == section {
            let width = CellWidth.of(figure.label) + 1 + CellWidth.of(figure.value)
            if column > area.column, column + width > area.column + area.width {
                row += 1
                column = area.column
                guard hasRoom else { return }
            }
            column = canvas.write(figure.label + " ", row: row, column: column,
                                  maxWidth: area.column + area.width - column, role: .muted)
            column = canvas.write(figure.value, row: row, column: column, maxWidth: area.column + area.width - column,
                                  role: role(of: index, figure)) + 3
        }
        row += 1
    }

    /// Writes one figure's value right-aligned in a table cell.
    func figure(_ index: Int, column: Int, width: Int, on canvas: inout Canvas) {
        guard figures.indices.contains(index) else { return }
        let figure = figures[index].element
        let padding = max(0, width - 1 - CellWidth.of(figure.value))
        canvas.write(figure.value, row: row, column: column + padding, maxWidth: area.column + area.width - column - padding,
                     role: role(of: index, figure))
    }

    /// Writes a table row: the first cell left-aligned, the others right-aligned, each in its width.
    mutating func cells(_ texts: [String], widths: [Int], role: StyleRole, advance: Bool = true,
                        on canvas: inout Canvas) {
        guard hasRoom else { return }
        var column = area.column
        for (index, text) in texts.enumerated() {
            let cell = index == 0 ? TextFitting.fitted(text, to: widths[index] - 1)
                : TextFitting.rightAligned(text, to: widths[index] - 1)
            canvas.write(cell, row: row, column: column, maxWidth: max(0, area.column + area.width - column), role: role)
            column += widths[index]
        }
        if advance { row += 1 }
    }

    func role(of index: Int, _ figure: Dashboard.Figure) -> StyleRole {
        if index == selected { return .selected }
        return figure.isConcern && figure.value != "0" ? .overdue : .normal
    }
}
