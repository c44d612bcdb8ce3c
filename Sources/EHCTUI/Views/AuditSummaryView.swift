import EHCCore

/// The team lead's audit summary: grades overall, by month and by caseworker, and the questions
/// most often answered "no", for the dashboard's period.
///
/// ```swift
/// AuditSummaryView.draw(dashboard.audits, period: "Dec 2025 to Nov 2026", in: area, on: &canvas)
/// ```
public enum AuditSummaryView {
    public static func draw(_ summary: AuditSummary?, period: String, in area: ScreenLayout.Rect,
                            on canvas: inout Canvas) {
        var lines: [(String, StyleRole)] = [("Plan audits, \(period)", .header)]
        guard let summary, summary.overall.total > 0 else {
            lines.append(("No audit was finished in the period: press Esc, then a on a case to audit its plan.", .muted))
            write(lines, in: area, on: &canvas)
            return
        }
        lines.append(("\(summary.overall.total) audits finished", .normal))
        lines.append((row("", cells: AuditGrade.allCases.map(\.shortName) + ["total"]), .header))
        lines.append((row("All", group: summary.overall), .normal))
        lines.append((row("By month", cells: []), .header))
        lines += summary.byMonth.filter { $0.total > 0 }.map { (row("  " + $0.key, group: $0), .normal) }
        lines.append((row("By caseworker", cells: []), .header))
        lines += summary.byCaseworker.map { (row("  " + $0.key, group: $0), .normal) }
        lines.append(("", .normal))
        lines.append(("Questions most often answered no", .header))
        if summary.mostOftenNo.isEmpty { lines.append(("  none", .muted)) }
        lines += summary.mostOftenNo.map { ("  \($0.questionID)  \($0.failed) of \($0.answered) audits", .overdue) }
        write(lines, in: area, on: &canvas)
    }

    /// A table row: the label in 18 cells, then each count right-aligned in 11 (73 cells in all).
    private static func row(_ label: String, cells: [String]) -> String {
        TextFitting.fitted(label, to: 18) + cells.map { TextFitting.rightAligned($0, to: 11) }.joined()
    }

    private static func row(_ label: String, group: AuditSummary.Group) -> String {
        row(label, cells: AuditGrade.allCases.map { String(group.counts[$0] ?? 0) } + [String(group.total)])
    }

    private static func write(_ lines: [(String, StyleRole)], in area: ScreenLayout.Rect, on canvas: inout Canvas) {
        for (offset, line) in lines.prefix(area.height).enumerated() {
            canvas.write(TextFitting.truncated(line.0, to: area.width), row: area.row + offset, column: area.column,
                         role: line.1)
        }
    }
}
