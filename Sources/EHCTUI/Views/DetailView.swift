import EHCCore

/// The detail pane: who the child is, what has happened, and every deadline with its status in
/// words and its explanation wrapped to the pane's width.
///
/// ```swift
/// DetailView.lines(for: state, width: 60)   // the pane's content, before scrolling
/// DetailView.draw(state, layout: layout, on: &canvas)
/// ```
public enum DetailView {
    /// A run of text in one role; a line is a few spans.
    public struct Span: Sendable, Hashable {
        public var text: String
        public var role: StyleRole

        public init(_ text: String, _ role: StyleRole = .normal) {
            self.text = text
            self.role = role
        }
    }

    public typealias Line = [Span]

    public static func draw(_ state: AppState, layout: ScreenLayout, on canvas: inout Canvas) {
        let focused = state.focus == .detail
        let title = layout.detailTitle
        if layout.isSideBySide {
            canvas.fill(row: title.row, column: title.column, width: title.width, height: 1, role: .header)
            canvas.write((focused ? "▶ " : "  ") + "Case detail", row: title.row, column: title.column,
                         maxWidth: title.width, role: .header)
        } else {
            canvas.write(String(repeating: "─", count: title.width), row: title.row, column: title.column,
                         maxWidth: title.width, role: .border)
            canvas.write((focused ? "▶ " : "─ ") + "Case detail ", row: title.row, column: title.column,
                         maxWidth: title.width, role: focused ? .header : .border)
        }
        let content = layout.detailContent
        let lines = lines(for: state, width: content.width)
        let first = max(0, min(state.detailScroll, lines.count - content.height))
        for (offset, line) in lines.dropFirst(first).prefix(content.height).enumerated() {
            var column = content.column
            for span in line {
                column = canvas.write(span.text, row: content.row + offset, column: column,
                                      maxWidth: max(0, content.column + content.width - column), role: span.role)
            }
        }
        if focused { canvas.cursor = Canvas.Position(row: content.row, column: content.column) }
    }

    /// The pane's lines for the selected case at `width` cells (the reducer uses their count to
    /// stop scrolling at the end).
    public static func lines(for state: AppState, width: Int) -> [Line] {
        content(for: state, width: width).lines
    }

    /// The first line of each section (the deadline that brought the case here, every deadline,
    /// the timeline, events, checks, exceptions, contributions), for `]` and `[`.
    public static func sectionStarts(for state: AppState, width: Int) -> [Int] {
        content(for: state, width: width).sections.map(\.start)
    }

    /// The section that shows a case's `field` (a path such as `child.upn` or `plan.placements`, as
    /// a data-quality finding names it): the SEN2 section for the person's identifiers and the
    /// plan's details, Exceptions for exceptions, Events for dates; `nil` for the lines at the top
    /// (the child's name and birth date).
    static func section(showing field: String) -> String? {
        let head = field.split(separator: ".").first.map(String.init) ?? field
        switch head {
        case "child":
            return ["child.givenName", "child.familyName", "child.dateOfBirth"].contains(field) ? nil : SectionTitle.returnDetails
        case "plan": return SectionTitle.returnDetails
        case "closed": return field == "closed" ? SectionTitle.events : SectionTitle.returnDetails
        case "exceptions": return SectionTitle.exceptions
        default: return head.isEmpty ? nil : SectionTitle.events
        }
    }

    /// The titles ``section(showing:)`` scrolls to, as ``content(for:width:)`` writes them.
    private enum SectionTitle {
        static let events = "Events"
        static let exceptions = "Exceptions"
        static let returnDetails = "SEN2"
    }

    /// The first line of the section showing `field` (0 when it is at the top, or the case has no such section).
    static func start(showing field: String, for state: AppState, width: Int) -> Int {
        guard let title = section(showing: field) else { return 0 }
        return content(for: state, width: width).sections.first { $0.title == title }?.start ?? 0
    }

    /// The pane's content: who the child is, then what put the case on the list (its most urgent
    /// deadline with the rule behind it and the breach forecast), every deadline, and then the
    /// history: timeline, events, checks, exceptions and contributions.
    static func content(for state: AppState, width: Int) -> (lines: [Line], sections: [(title: String, start: Int)]) {
        guard width > 0 else { return ([], []) }
        guard let summary = state.selectedCase else { return ([], []) }
        guard let detail = state.detail, detail.ehcCase.id == summary.id else {
            return ([[Span("Loading \(summary.id)…", .muted)]], [])
        }
        let ehcCase = detail.ehcCase
        let child = ehcCase.child
        let today = state.today
        let setting = child.setting ?? "no setting recorded"
        var sections: [(title: String, start: Int)] = []
        var lines: [Line] = [[Span(child.fullName, .header), Span("  " + ehcCase.id, .muted)]]
        func section(_ title: String) {
            sections.append((title, lines.count))
            lines.append([Span(title, .header)])
        }
        lines += wrapped("Born \(child.dateOfBirth) (age \(child.age(on: today))) · \(setting)",
                         width: width, indent: 0, hanging: 2)
        lines += wrapped("Caseworker \(ehcCase.caseworker) · \(summary.status.displayName)",
                         width: width, indent: 0, hanging: 2)
        if !detail.alsoOpen.isEmpty {
            lines += wrapped("Also open: " + detail.alsoOpen.joined(separator: ", "), width: width, indent: 0, hanging: 2)
                .map { $0.map { Span($0.text, .header) } }
        }
        if let key = summary.nextDeadline?.key, let urgent = detail.deadlines.first(where: { $0.key == key }) {
            section("Now")
            lines += deadlineLines(urgent, today: today, width: width)
        }
        if let forecast = detail.forecast {
            lines += wrapped(forecast.explanation, width: width, indent: 2, hanging: 4).map { line in
                line.map { Span($0.text, forecast.isAtRisk || forecast.isOverdue ? .overdue : .met) }
            }
        }
        section("Deadlines")
        if detail.deadlines.isEmpty { lines.append([Span("  none computed", .muted)]) }
        for deadline in detail.deadlines { lines += deadlineLines(deadline, today: today, width: width) }
        section("Timeline")
        for (index, line) in TimelineBar.lines(for: ehcCase, today: today, width: width).enumerated() {
            lines += wrapped(line, width: width, indent: 2, hanging: 2).map { $0.map { Span($0.text, index == 0 ? .normal : .muted) } }
        }
        section(SectionTitle.events)
        let events = CaseEvents.list(for: ehcCase)
        if events.isEmpty { lines.append([Span("  none recorded yet", .muted)]) }
        for event in events {
            lines += wrapped("\(event.date)  \(event.text)", width: width, indent: 2, hanging: 14)
        }
        if !detail.checks.isEmpty {
            section("Checks")
            for finding in detail.checks {
                let role: StyleRole = finding.severity == .error ? .overdue : .dueSoon
                lines += wrapped("\(finding.severity.rawValue.uppercased()) \(finding.message)", width: width, indent: 2,
                                 hanging: 4).map { line in line.map { Span($0.text, role) } }
            }
        }
        if !ehcCase.exceptions.isEmpty {
            section(SectionTitle.exceptions)
            for (index, exception) in ehcCase.exceptions.enumerated() {
                let ruling = detail.exceptionRulings.first { $0.index == index }
                let verdict = ruling.map { $0.isAllowed ? "allowed" : "REFUSED: " + $0.refusals.joined(separator: "; ") } ?? ""
                let regulation = ruling.map { $0.regulation.isEmpty ? "" : " (reg \($0.regulation))" } ?? ""
                let until = exception.to.map { " to \($0)" } ?? ", continuing"
                lines += wrapped("\(exception.ground.displayName) from \(exception.from)\(until) against "
                                 + exception.appliesTo.joined(separator: ", ") + regulation + " · " + verdict,
                                 width: width, indent: 2, hanging: 4)
            }
        }
        if !detail.audits.isEmpty {
            section("Audits")
            for record in detail.audits {
                lines += wrapped(record.line(), width: width, indent: 2, hanging: 4)
            }
        }
        section(SectionTitle.returnDetails)
        for text in returnLines(ehcCase) { lines += wrapped(text, width: width, indent: 2, hanging: 4) }
        let contributions = ContributionsPane.lines(for: detail, today: today, width: width)
        if !contributions.isEmpty {
            lines.append([])
            sections.append(("Contributions", lines.count))
            lines += contributions
        }
        return (lines, sections)
    }

    /// The facts the SEN2 return needs, as recorded (`e s` and `e g` change them), "—" where none is.
    static func returnLines(_ ehcCase: EHCCase) -> [String] {
        let details = ehcCase.child.details
        let identity = details.upn.map { "UPN \($0)" } ?? details.uln.map { _ in "no UPN" }
            ?? details.upnUnknown.map { "no UPN or ULN: \($0.rawValue) \($0.wording)" } ?? "no UPN, ULN or reason recorded"
        var lines = [identity + (details.uln.map { " · ULN \($0)" } ?? "") + " · sex \(details.sex?.rawValue ?? "—")"
                     + " · ethnicity \(details.ethnicity ?? "—") · postcode \(details.postcode ?? "—")"]
        if ehcCase.finalPlanIssued != nil {
            let plan = ehcCase.plan
            let needs = [plan.primaryNeed, plan.secondaryNeed].compactMap { $0?.rawValue }.joined(separator: ", ")
            let main = plan.mainPlacementIndex.map { plan.placements[$0].establishment.label }
            lines.append("Needs \(needs.isEmpty ? "—" : needs) · main placement \(main ?? "—")"
                         + (ehcCase.closed.map { _ in " · cease reason " + (ehcCase.closed?.ceaseReason.map { String($0.rawValue) } ?? "—") } ?? ""))
        }
        return lines
    }

    /// A deadline: its due date, status in words and key, then the rule and regulation behind it.
    private static func deadlineLines(_ deadline: Deadline, today: CalendarDate, width: Int) -> [Line] {
        let status = StatusWording.long(for: deadline, today: today)
        return [[Span("  \(deadline.due)  "), Span(status.text, status.role), Span("  " + deadline.key, .muted)]]
            + wrapped(deadline.explanation, width: width, indent: 4, hanging: 4).map { line in
                line.map { Span($0.text, .muted) }
            }
    }

    /// Wraps one paragraph: the first line indented by `indent`, later ones by `hanging`.
    static func wrapped(_ text: String, width: Int, indent: Int, hanging: Int) -> [Line] {
        let parts = TextFitting.wrapped(text, width: max(1, width - hanging), firstLineWidth: max(1, width - indent))
        return parts.enumerated().map { index, part in
            [Span(String(repeating: " ", count: index == 0 ? indent : hanging) + part)]
        }
    }
}
