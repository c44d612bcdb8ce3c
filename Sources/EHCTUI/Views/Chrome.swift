/// The title bar and the footer of key hints that frame every screen.
///
/// ```swift
/// Chrome.drawTitleBar(state, on: &canvas)   // " ehcdesk · demo.sqlite · 1,204 cases · today 2025-11-24"
/// Chrome.drawFooter(state, keymap: .standard, on: &canvas)
/// ```
public enum Chrome {
    public static func drawTitleBar(_ state: AppState, on canvas: inout Canvas) {
        guard canvas.height > 0 else { return }
        canvas.fill(row: 0, column: 0, width: canvas.width, height: 1, role: .statusBar)
        let cases = state.caseCount == 1 ? "1 case" : "\(grouped(state.caseCount)) cases"
        let title = " ehcdesk · \(state.databaseLabel) · \(cases) · today \(state.today)"
        canvas.write(TextFitting.truncated(title, to: canvas.width), row: 0, column: 0, role: .statusBar)
    }

    public static func drawFooter(_ state: AppState, keymap: Keymap, on canvas: inout Canvas) {
        guard canvas.height > 1 else { return }
        let row = canvas.height - 1
        let hints = " " + keymap.footerHints(in: state.keyContext)
        canvas.write(TextFitting.truncated(hints, to: canvas.width), row: row, column: 0, role: .keyHint)
    }

    /// 100000 → "100,000": counts read at a glance.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }
}
