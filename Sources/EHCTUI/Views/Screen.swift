/// The whole screen as a pure function of the state: title bar, list, detail, footer, and the
/// help overlay on top, or a "terminal too small" message below 40×10.
///
/// ```swift
/// let canvas = Screen.render(state)   // the backend flushes it; tests compare canvas.text
/// ```
public enum Screen {
    public static func render(_ state: AppState, keymap: Keymap = .standard) -> Canvas {
        var canvas = Canvas(width: state.size.width, height: state.size.height)
        let layout = ScreenLayout(size: state.size)
        if layout.isTooSmall {
            drawTooSmall(state.size, on: &canvas)
            return canvas
        }
        Chrome.drawTitleBar(state, on: &canvas)
        let body = ScreenLayout.Rect(row: 1, column: 0, width: state.size.width, height: state.size.height - 2)
        let inset = ScreenLayout.Rect(row: 1, column: 1, width: state.size.width - 2, height: state.size.height - 2)
        switch state.top {
        case .audit(let audit):
            AuditView.draw(audit, in: body, on: &canvas)
        case .reviews(let reviews):
            ReviewsView.draw(reviews, today: state.today, size: state.size, on: &canvas)
        case .whoOwes(let screen):
            WhoOwesView.draw(screen, today: state.today, in: inset, on: &canvas)
        case .dataQuality(let screen):
            DataQualityView.draw(screen, in: inset, on: &canvas)
        case .dashboard(let screen):
            drawDashboard(screen, in: inset, on: &canvas)
        case .auditQueue(let queue):
            AuditQueueView.draw(queue, in: body, on: &canvas)
        case .caseList, .caseDetail, .drillDown:
            CaseListView.draw(state, in: layout.list, focused: state.focus == .list, on: &canvas)
            if let border = layout.border {
                for row in border.row..<(border.row + border.height) {
                    canvas.write("│", row: row, column: border.column, role: .border)
                }
            }
            DetailView.draw(state, layout: layout, on: &canvas)
        }
        Chrome.drawFooter(state, keymap: keymap, on: &canvas)
        switch state.overlay {
        case .help(let context)?:
            HelpOverlay.draw(keymap: keymap, context: context,
                             notes: context == .dashboard ? HelpOverlay.dashboardNotes(state.dashboard) : [], on: &canvas)
            canvas.cursor = nil
        case .messages?:
            let lines = state.messageHistory.isEmpty ? [[DetailView.Span("No messages yet in this session", .muted)]]
                : state.messageHistory.suffix(max(1, canvas.height - 6)).map { [DetailView.Span($0)] }
            Box.draw(title: "Messages, newest last", lines: lines, minWidth: 40, on: &canvas)
            canvas.cursor = nil
        case .confirmQuit?:
            Box.draw(title: "Quit ehcdesk?", lines: [[DetailView.Span("y quits · any other key stays on the \(state.top.title)")]],
                     minWidth: 40, on: &canvas)
            canvas.cursor = nil
        case .auditChoice?:
            let last = state.detail?.audits.last { $0.audit.finished != nil }
            Box.draw(title: "This plan has a finished audit", lines: [
                [DetailView.Span(last?.line() ?? "")], [],
                [DetailView.Span("v read it · n start a new audit · any other key cancels")],
            ], minWidth: 50, on: &canvas)
            canvas.cursor = nil
        case .eventMenu?, .form?:
            RecordingOverlay.draw(state, keymap: keymap, on: &canvas)
        case .filter?, nil:
            break
        }
        return canvas
    }

    /// The dashboard between the title bar and the footer, or a line saying it is being computed.
    private static func drawDashboard(_ screen: DashboardScreen, in area: ScreenLayout.Rect, on canvas: inout Canvas) {
        guard let dashboard = screen.dashboard else {
            canvas.write("Computing the dashboard for \(screen.period.title)…", row: 2, column: 1, role: .muted)
            return
        }
        if screen.isShowingAudits {
            AuditSummaryView.draw(dashboard.audits, period: dashboard.period.title, in: area, on: &canvas)
        } else {
            DashboardView.draw(dashboard, selected: screen.selected, in: area, on: &canvas)
        }
    }

    /// As much of the message as fits, one phrase per line, from the top left.
    private static func drawTooSmall(_ size: TerminalSize, on canvas: inout Canvas) {
        let lines = [
            "Terminal too small",
            "\(size), need \(ScreenLayout.minimumWidth)×\(ScreenLayout.minimumHeight)",
            "q quits",
        ]
        for (row, line) in lines.enumerated() {
            canvas.write(TextFitting.truncated(line, to: size.width), row: row, column: 0, role: .warning)
        }
    }
}
