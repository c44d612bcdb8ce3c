/// The `?` help: a box over the screen listing every binding of the keymap, generated from the
/// table so it can never fall out of date.
///
/// ```swift
/// HelpOverlay.lines(keymap: .standard)   // ["j ↓ C-n      down             list, detail", …]
/// ```
public enum HelpOverlay {
    /// One line per binding: its keys, its label and the contexts where it works.
    public static func lines(keymap: Keymap) -> [String] {
        let keyWidth = keymap.bindings.map { CellWidth.of(keys($0)) }.max() ?? 0
        let labelWidth = keymap.bindings.map { CellWidth.of($0.label) }.max() ?? 0
        return keymap.bindings.map { binding in
            TextFitting.fitted(keys(binding), to: keyWidth) + "  " + TextFitting.fitted(binding.label, to: labelWidth)
                + "  " + binding.contexts.map(\.title).joined(separator: ", ")
        }
    }

    public static func draw(keymap: Keymap, on canvas: inout Canvas) {
        let body = lines(keymap: keymap)
        let contentWidth = body.map { CellWidth.of($0) }.max() ?? 0
        let boxWidth = min(canvas.width, contentWidth + 4)
        let boxHeight = min(canvas.height, body.count + 4)
        guard boxWidth >= 4, boxHeight >= 3 else { return }
        let top = (canvas.height - boxHeight) / 2
        let left = (canvas.width - boxWidth) / 2
        canvas.fill(row: top, column: left, width: boxWidth, height: boxHeight, role: .normal)
        let horizontal = String(repeating: "─", count: boxWidth - 2)
        canvas.write("┌" + horizontal + "┐", row: top, column: left, role: .border)
        canvas.write(" Keys ", row: top, column: left + 2, maxWidth: boxWidth - 4, role: .header)
        for row in (top + 1)..<(top + boxHeight - 1) {
            canvas.write("│", row: row, column: left, role: .border)
            canvas.write("│", row: row, column: left + boxWidth - 1, role: .border)
        }
        canvas.write("└" + horizontal + "┘", row: top + boxHeight - 1, column: left, role: .border)
        let inner = boxWidth - 4
        let rows = boxHeight - 4
        var shown = Array(body.prefix(rows))
        // A box too short for every binding says so on its last line rather than hiding it.
        if body.count > rows, rows > 0 { shown[rows - 1] = "… (enlarge the terminal for all keys)" }
        for (offset, line) in shown.enumerated() {
            canvas.write(TextFitting.truncated(line, to: inner), row: top + 2 + offset, column: left + 2, role: .normal)
        }
    }

    private static func keys(_ binding: KeyBinding) -> String {
        binding.keys.map(\.label).joined(separator: " ")
    }
}
