import EHCCore

/// The team lead's dashboard drawn into a region: plans issued in the period and how long they took,
/// a month-by-month bar chart of the percentage within 20 weeks excluding exceptions (the national
/// figure drawn over the bars), open assessments by weeks since request, the annual reviews and phase
/// transfers due in the period in the DfE's categories, advice by agency and the by-caseworker table.
/// Every number is a figure of ``Dashboard/figures``, so every one can be selected; the selected one
/// (an index into that list) is highlighted.
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
        pen.line("New EHC plans issued, " + dashboard.period.title, role: .header, on: &canvas)
        pen.flow(.headline, on: &canvas)
        pen.flow(.excludingExceptions, lead: "Excluding exceptions:", on: &canvas)
        if area.height >= 30 { pen.line(percentages(dashboard), role: .normal, on: &canvas) }
        pen.gap()
        drawChart(dashboard, pen: &pen, on: &canvas)
        pen.gap()
        pen.flow(.ageing, lead: "Open by weeks since request:", on: &canvas)
        pen.gap()
        pen.flow(.reviews, lead: "Annual reviews due in period:", on: &canvas)
        pen.flow(.phaseTransfers, lead: "Phase transfers due:", on: &canvas)
        if dashboard.audits != nil { pen.flow(.audits, lead: "Audit grades:", on: &canvas) }
        if area.height >= 40 {
            drawAdviceTable(dashboard, pen: &pen, on: &canvas)
        } else {
            drawAdviceLine(dashboard, pen: &pen, on: &canvas)
        }
        pen.gap()
        drawCaseworkers(dashboard, pen: &pen, on: &canvas)
    }

    static func percentages(_ dashboard: Dashboard) -> String {
        var text = "Within 20 weeks: " + percent(dashboard.percent("plans.within20Weeks", of: "plans.issued"))
            + " of all plans, " + percent(dashboard.percent("plans.within20WeeksExcludingExceptions",
                                                            of: "plans.issuedExcludingExceptions"))
            + " excluding exceptions"
        if let national = dashboard.nationalPercent { text += " (national " + percent(national) + ")" }
        if dashboard.measure("plans.issued").value == 0 { text = "No plans issued in the period" }
        return text
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(Int((value * 10).rounded()) / 10) + "." + String(Int((value * 10).rounded()) % 10) + "%"
    }

    // MARK: Chart

    /// Bars of each month's percentage within 20 weeks excluding exceptions, the national line drawn
    /// over them, each month's figure (`47%`) under its bar and selectable.
    static func drawChart(_ dashboard: Dashboard, pen: inout DashboardPen, on canvas: inout Canvas) {
        let months = dashboard.months
        guard !months.isEmpty, pen.hasRoom else { return }
        let area = pen.area
        var title = "% within 20 weeks by month of issue, excluding exceptions"
        if let national = dashboard.nationalPercent { title += "   ╌ national " + percent(national) }
        pen.line(title, role: .muted, on: &canvas)
        let height = max(3, min(12, area.height / 6))
        let slot = max(2, min(8, (area.width - axisWidth) / months.count))
        let top = pen.row
        let national = dashboard.nationalPercent.map { min(height - 1, Int($0 / 100 * Double(height))) }
        for level in 0..<height {
            let row = top + height - 1 - level
            let axis = level == height - 1 ? "100%" : level == 0 ? "0%" : ""
            canvas.write(TextFitting.rightAligned(axis, to: axisWidth - 1), row: row, column: area.column,
                         maxWidth: axisWidth - 1, role: .muted)
            canvas.write("│", row: row, column: area.column + axisWidth - 1, role: .border)
            for (index, month) in months.enumerated() {
                let column = area.column + axisWidth + index * slot
                let room = area.column + area.width - column
                if level == national {
                    // Over the bars: the reference is read against every month, so nothing may hide it.
                    canvas.write(String(repeating: "╌", count: slot), row: row, column: column, maxWidth: room, role: .muted)
                    continue
                }
                let filled = month.percent.map { Int(($0 / 100 * Double(height * 8)).rounded()) } ?? 0
                let eighths = max(0, min(8, filled - level * 8))
                if eighths > 0 {
                    canvas.write(String(repeating: blocks[eighths - 1], count: slot - 1), row: row, column: column,
                                 maxWidth: room, role: .normal)
                }
            }
        }
        pen.row = top + height
        let first = dashboard.figures.firstIndex { $0.section == .chart } ?? 0
        for (index, month) in months.enumerated() {
            let column = area.column + axisWidth + index * slot
            let figure = first + index
            let value = pen.figures.indices.contains(figure) ? pen.figures[figure].element.value : "-"
            let shown = CellWidth.of(value) <= slot - 1 ? value : String(value.dropLast())
            canvas.write(shown, row: pen.row, column: column, maxWidth: slot - 1,
                         role: figure == pen.selected ? .selected : .muted)
            let name = month.first.monthAbbreviation
            canvas.write(slot > 3 ? name : String(name.prefix(1)), row: pen.row + 1, column: column,
                         maxWidth: slot - 1, role: .muted)
        }
        pen.row += 2
    }

    // MARK: Tables

    /// Tall regions: one row per agency, each count a figure.
    static func drawAdviceTable(_ dashboard: Dashboard, pen: inout DashboardPen, on canvas: inout Canvas) {
        let widths = [24, 11, 12, 8, 12, 9]
        pen.gap()
        pen.cells(["Advice by agency", "requested", "within 6 wk", "%", "outstanding", "overdue"],
                  widths: widths, role: .header, on: &canvas)
        let first = dashboard.figures.firstIndex { $0.section == .advice } ?? 0
        for (offset, agency) in dashboard.agencies.enumerated() where pen.hasRoom {
            let figure = first + offset * 4
            let share = dashboard.percent("advice.withinSixWeeks." + agency.rawValue, of: "advice.requested." + agency.rawValue)
            pen.cells([agency.displayName], widths: [widths[0]], role: .normal, advance: false, on: &canvas)
            var column = pen.area.column + widths[0]
            for (place, width) in [(0, widths[1]), (1, widths[2]), (nil, widths[3]), (2, widths[4]), (3, widths[5])] {
                if let place {
                    pen.figure(figure + place, column: column, width: width, on: &canvas)
                } else {
                    let text = percent(share)
                    canvas.write(TextFitting.rightAligned(text, to: width - 1), row: pen.row, column: column,
                                 maxWidth: max(0, pen.area.column + pen.area.width - column), role: .normal)
                }
                column += width
            }
            pen.row += 1
        }
    }

    /// Short regions: `EP 40/20/12/3` per agency (requested / within 6 weeks / outstanding / overdue).
    static func drawAdviceLine(_ dashboard: Dashboard, pen: inout DashboardPen, on canvas: inout Canvas) {
        guard pen.hasRoom, !dashboard.agencies.isEmpty else { return }
        let area = pen.area
        var column = canvas.write("Advice asked/in 6 wk/owed/late: ", row: pen.row, column: area.column,
                                  maxWidth: area.width, role: .header)
        let first = dashboard.figures.firstIndex { $0.section == .advice } ?? 0
        for (offset, agency) in dashboard.agencies.enumerated() {
            let figures = (0..<4).map { first + offset * 4 + $0 }.filter { pen.figures.indices.contains($0) }
            let name = Dashboard.shortName(agency) + " "
            let width = CellWidth.of(name) + figures.map { CellWidth.of(pen.figures[$0].element.value) + 1 }.reduce(0, +)
            if column > area.column, column + width > area.column + area.width {
                pen.row += 1
                column = area.column
                guard pen.hasRoom else { return }
            }
            column = canvas.write(name, row: pen.row, column: column, maxWidth: area.column + area.width - column, role: .muted)
            for (place, index) in figures.enumerated() {
                let figure = pen.figures[index].element
                column = canvas.write(figure.value, row: pen.row, column: column,
                                      maxWidth: area.column + area.width - column, role: pen.role(of: index, figure))
                if place < figures.count - 1 {
                    column = canvas.write("/", row: pen.row, column: column, maxWidth: area.column + area.width - column,
                                          role: .muted)
                }
            }
            column += pen.spacing
        }
        pen.row += 1
    }

    static func drawCaseworkers(_ dashboard: Dashboard, pen: inout DashboardPen, on canvas: inout Canvas) {
        let widths = [max(12, min(28, pen.area.width - 30)), 10, 10, 10]
        let marks: [Dashboard.CaseworkerOrder] = [.name, .openCases, .overdue, .dueSoon]
        let titles = ["Caseworker", "active", "overdue", "due soon"].enumerated().map { index, title in
            marks[index] == dashboard.caseworkerOrder ? title + " ▾" : title
        }
        pen.cells(titles, widths: widths, role: .header, on: &canvas)
        let first = dashboard.figures.firstIndex { $0.section == .caseworkers } ?? 0
        let rows = dashboard.caseworkers
        let room = pen.area.row + pen.area.height - pen.row
        guard room > 0 else { return }
        let shown = rows.count > room ? room - 1 : rows.count
        let chosen = pen.selected.map { ($0 - first) / 3 }.flatMap { rows.indices.contains($0) && $0 >= 0 ? $0 : nil } ?? 0
        let start = max(0, min(chosen - shown + 1, rows.count - shown))
        for (offset, row) in rows.enumerated().dropFirst(start).prefix(shown) {
            pen.cells([row.caseworker], widths: [widths[0]], role: .normal, advance: false, on: &canvas)
            var column = pen.area.column + widths[0]
            for place in 0..<3 {
                pen.figure(first + offset * 3 + place, column: column, width: widths[place + 1], on: &canvas)
                column += widths[place + 1]
            }
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

    /// Between figures on a line: a narrow terminal gives up a space so a section keeps to fewer rows.
    var spacing: Int { area.width < 100 ? 2 : 3 }

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
                                  role: role(of: index, figure)) + spacing
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
        guard figure.value != "0" else { return .normal }
        switch figure.concern {
        case .none: return .normal
        case .breach: return .overdue
        case .warning: return .dueSoon
        }
    }
}
