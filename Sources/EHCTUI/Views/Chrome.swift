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
        let head = " ehcdesk · \(state.databaseLabel) · "
        let title: String
        switch state.top {
        case .dashboard(let screen):
            title = head + "today \(state.today) · Dashboard · \(screen.period.title)"
        case .reviews(let reviews):
            let shown = reviews.rows == nil ? "reading…" : grouped(reviews.shownCount)
            title = head + "today \(state.today) · Reviews · \(reviews.filter.title(cohort: reviews.cohort)) \(shown)"
                + querySuffix(state, reviews.query)
        case .whoOwes(let screen):
            title = head + "today \(state.today) · Who owes what" + querySuffix(state, screen.rows.query)
        case .dataQuality(let screen):
            title = head + "today \(state.today) · Data quality" + querySuffix(state, screen.rows.query)
        case .auditQueue(let queue):
            title = head + "today \(state.today) · Audit queue · \(queue.progress)" + querySuffix(state, queue.query)
        case .audit(let session):
            title = head + "today \(state.today) · Audit of \(session.audit.caseID)"
        case .caseList, .caseDetail, .drillDown:
            title = head + caseListTitle(state)
        }
        canvas.write(TextFitting.truncated(title, to: canvas.width), row: 0, column: 0, role: .statusBar)
    }

    /// The case list's part of the title: the view (or the drill-down), its count, the scope, the
    /// order and the filter.
    private static func caseListTitle(_ state: AppState) -> String {
        var title: String
        if let drill = state.drilledCases {
            let scope = state.preferences.mineOnly ? " · " + (state.preferences.caseworker ?? "mine") : ""
            title = "today \(state.today) · \(drill.title): \(grouped(state.caseCount)) cases\(scope) (Esc: back)"
        } else {
            let total = state.everyCase.count
            let cases = total == 1 ? "1 case" : "\(grouped(total)) cases"
            let scope = state.preferences.mineOnly ? (state.preferences.caseworker ?? "mine") : "team"
            title = "\(cases) · today \(state.today) · \(state.preferences.view.title) \(grouped(state.caseCount)) · \(scope)"
        }
        return title + querySuffix(state, ListQuery(filterText: state.filterText, sortOrder: state.sortOrder),
                                   showsScope: false)
    }

    /// The scope, order and filter of a list screen, as the title bar names them: ` · mine · by reference · /okafor▏`.
    private static func querySuffix(_ state: AppState, _ query: ListQuery, showsScope: Bool = true) -> String {
        var suffix = ""
        if showsScope, state.preferences.mineOnly, let caseworker = state.preferences.caseworker {
            suffix += " · " + caseworker
        }
        if query.sortOrder != .urgency { suffix += " · by \(query.sortOrder.title)" }
        if state.isEditingFilter || !query.filterText.isEmpty {
            suffix += " · /" + query.filterText + (state.isEditingFilter ? "▏" : "")
        }
        return suffix
    }

    /// The message (wrapped over as many rows above the footer as it needs, up to a third of the
    /// screen), else the key hints of the screen with the triage views first on the case screens.
    public static func drawFooter(_ state: AppState, keymap: Keymap, on canvas: inout Canvas) {
        guard canvas.height > 1 else { return }
        let row = canvas.height - 1
        if let message = state.message {
            let lines = TextFitting.wrapped(message, width: max(1, canvas.width - 2))
            let shown = Array(lines.prefix(max(1, canvas.height / 3)))
            for (offset, line) in shown.enumerated() {
                let at = row - shown.count + 1 + offset
                canvas.fill(row: at, column: 0, width: canvas.width, height: 1, role: .warning)
                canvas.write(" " + line, row: at, column: 0, maxWidth: canvas.width, role: .warning)
            }
            return
        }
        var hints = ""
        if state.keyContext == .list || state.keyContext == .detail {
            hints = viewStrip(state, width: canvas.width) + " │"
        }
        hints += " " + keymap.footerHints(in: state.keyContext, width: canvas.width - CellWidth.of(hints) - 1)
        canvas.write(TextFitting.truncated(hints, to: canvas.width), row: row, column: 0, role: .keyHint)
    }

    /// Every triage view with its key and count, the current one in brackets: in full when the
    /// terminal is wide enough, else with short names, else (so the screen's keys still show) the
    /// current view alone and the keys of the others.
    static func viewStrip(_ state: AppState, width: Int) -> String {
        func strip(_ name: (TriageView) -> String) -> String {
            TriageView.allCases.enumerated().map { index, view in
                let entry = "\(index + 1) \(name(view)) \(grouped(state.viewCounts[view] ?? 0))"
                return view == state.preferences.view ? "[" + entry + "]" : entry
            }.joined(separator: " ")
        }
        let full = " " + strip(\.title)
        if CellWidth.of(full) <= width / 2 { return full }
        let short = " " + strip(\.shortTitle)
        if CellWidth.of(short) <= width / 2 { return short }
        let current = (TriageView.allCases.firstIndex(of: state.preferences.view) ?? 0) + 1
        return " [\(current) \(state.preferences.view.shortTitle) \(grouped(state.caseCount))] 1–9 views"
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
