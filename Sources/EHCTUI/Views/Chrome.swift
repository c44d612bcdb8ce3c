import EHCCore

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
        let total = state.everyCase.count
        let cases = total == 1 ? "1 case" : "\(grouped(total)) cases"
        let scope = state.preferences.mineOnly ? (state.preferences.caseworker ?? "mine") : "team"
        var title = " ehcdesk · \(state.databaseLabel) · \(cases) · today \(state.today) · "
            + "\(state.preferences.view.title) \(grouped(state.caseCount)) · \(scope)"
        if let screen = state.dashboard {
            let shown = screen.drillDown.map { "\($0.title): \(grouped(state.caseCount)) cases (Esc: back)" }
            title = " ehcdesk · \(state.databaseLabel) · today \(state.today) · "
                + (shown ?? "Dashboard · \(screen.period.title)")
        }
        if let reviews = state.reviews, !reviews.isShowingCase {
            let shown = reviews.rows == nil ? "reading…" : grouped(reviews.shownCount)
            title = " ehcdesk · \(state.databaseLabel) · today \(state.today) · Reviews · "
                + "\(reviews.filter.title(cohort: reviews.cohort)) \(shown)"
            canvas.write(TextFitting.truncated(title, to: canvas.width), row: 0, column: 0, role: .statusBar)
            return
        }
        if state.sortOrder != .urgency { title += " · by \(state.sortOrder.title)" }
        if state.isEditingFilter || !state.filterText.isEmpty {
            title += " · /" + state.filterText + (state.isEditingFilter ? "▏" : "")
        }
        if state.whoOwes != nil { title = " ehcdesk · \(state.databaseLabel) · today \(state.today) · Who owes what" }
        canvas.write(TextFitting.truncated(title, to: canvas.width), row: 0, column: 0, role: .statusBar)
    }

    public static func drawFooter(_ state: AppState, keymap: Keymap, on canvas: inout Canvas) {
        guard canvas.height > 1 else { return }
        let row = canvas.height - 1
        if let message = state.message {
            canvas.fill(row: row, column: 0, width: canvas.width, height: 1, role: .warning)
            canvas.write(TextFitting.truncated(" " + message, to: canvas.width), row: row, column: 0, role: .warning)
            return
        }
        var hints = " " + keymap.footerHints(in: state.keyContext)
        if state.keyContext == .list || state.keyContext == .detail {
            hints = viewStrip(state, width: canvas.width) + " │" + hints
        }
        canvas.write(TextFitting.truncated(hints, to: canvas.width), row: row, column: 0, role: .keyHint)
    }

    /// Every triage view with its key and count, the current one in brackets: in full when the
    /// terminal is wide enough, else with short names.
    static func viewStrip(_ state: AppState, width: Int) -> String {
        func strip(_ name: (TriageView) -> String) -> String {
            TriageView.allCases.enumerated().map { index, view in
                let entry = "\(index + 1) \(name(view)) \(grouped(state.viewCounts[view] ?? 0))"
                return view == state.preferences.view ? "[" + entry + "]" : entry
            }.joined(separator: " ")
        }
        let full = " " + strip(\.title)
        return CellWidth.of(full) <= width / 2 + width / 4 ? full : " " + strip(\.shortTitle)
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
