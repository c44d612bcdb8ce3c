/// A titled box centred over the screen, for help, the event menu and event forms.
///
/// ```swift
/// Box.draw(title: "Keys", lines: [[DetailView.Span("j ↓  down")]], minWidth: 40, on: &canvas)
/// ```
public enum Box {
    /// Draws the lines (each a few styled spans) in a box; a box too short for every line says so
    /// on its last line rather than hiding it.
    public static func draw(title: String, lines body: [DetailView.Line], minWidth: Int = 0, on canvas: inout Canvas) {
        let contentWidth = max(minWidth, body.map { line in line.reduce(0) { $0 + CellWidth.of($1.text) } }.max() ?? 0)
        let boxWidth = min(canvas.width, contentWidth + 4)
        let boxHeight = min(canvas.height, body.count + 4)
        guard boxWidth >= 4, boxHeight >= 3 else { return }
        let top = (canvas.height - boxHeight) / 2
        let left = (canvas.width - boxWidth) / 2
        canvas.fill(row: top, column: left, width: boxWidth, height: boxHeight, role: .normal)
        let horizontal = String(repeating: "─", count: boxWidth - 2)
        canvas.write("┌" + horizontal + "┐", row: top, column: left, role: .border)
        canvas.write(" \(title) ", row: top, column: left + 2, maxWidth: boxWidth - 4, role: .header)
        for row in (top + 1)..<(top + boxHeight - 1) {
            canvas.write("│", row: row, column: left, role: .border)
            canvas.write("│", row: row, column: left + boxWidth - 1, role: .border)
        }
        canvas.write("└" + horizontal + "┘", row: top + boxHeight - 1, column: left, role: .border)
        let inner = boxWidth - 4
        let rows = boxHeight - 4
        var shown = Array(body.prefix(rows))
        if body.count > rows, rows > 0 { shown[rows - 1] = [DetailView.Span("… (enlarge the terminal to see all)")] }
        for (offset, line) in shown.enumerated() {
            var column = left + 2
            for span in line {
                column = canvas.write(span.text, row: top + 2 + offset, column: column,
                                      maxWidth: max(0, left + 2 + inner - column), role: span.role)
            }
        }
    }
}
