import EHCCore

/// A sample of plans to audit, as a work queue: each sampled plan with whether its audit is
/// done, in progress or still to do. Opened by `ehcdesk audit sample … --open`; Enter shows a
/// plan's case (where `a` audits it), and the queue is read again when it is shown again.
///
/// ```swift
/// var state = AppState(caseload: summaries, today: today, databaseLabel: "demo")
/// _ = reduce(&state, .openAuditQueue(AuditQueue(title: "Sample of 10, seed 1", caseIDs: ids)))   // [.loadAuditQueue(ids)]
/// ```
public struct AuditQueue: Sendable, Hashable {
    /// One sampled plan.
    public struct Row: Sendable, Hashable {
        public enum Progress: String, Sendable, Hashable {
            case toDo = "to do", inProgress = "in progress", done
        }

        public var caseID: String
        public var childName: String
        public var familyName: String
        public var caseworker: String
        public var planIssued: CalendarDate?
        public var progress: Progress
        /// The finished audit's grade, when done.
        public var grade: AuditGrade?

        public init(caseID: String, childName: String, familyName: String? = nil, caseworker: String,
                    planIssued: CalendarDate?, progress: Progress, grade: AuditGrade? = nil) {
            self.caseID = caseID
            self.childName = childName
            self.familyName = familyName ?? CaseSummary.familyName(guessedFrom: childName)
            self.caseworker = caseworker
            self.planIssued = planIssued
            self.progress = progress
            self.grade = grade
        }
    }

    public var title: String
    /// The sample, in the order it was drawn.
    public var caseIDs: [String]
    /// Every sampled plan as read, `nil` while they are read.
    public internal(set) var allRows: [Row]?
    /// The rows shown: the filter, scope and order applied.
    public private(set) var rows: [Row]?
    public internal(set) var selected = 0
    public internal(set) var scroll = 0
    /// The filter typed, and the order, as on every list screen.
    public internal(set) var query = ListQuery()
    /// The caseworker whose plans alone are shown (`m`), `nil` for the whole team.
    public internal(set) var caseworker: String?
    private var index: ListIndex?

    /// Takes freshly read rows, keeping the selected plan selected.
    mutating func load(_ fresh: [Row]) {
        allRows = fresh
        index = ListIndex(fresh)
        refine()
    }

    /// Applies the query and the scope, keeping the selected plan selected when it is still shown.
    mutating func refine() {
        guard let allRows, let index else { return }
        let wanted = selectedRow?.caseID
        let kept = query.apply(index, matched: index.matches(query), in: Array(0..<Int32(allRows.count)),
                               caseworker: caseworker)
        let shown = kept.map { allRows[Int($0)] }
        rows = shown
        selected = wanted.flatMap { id in shown.firstIndex { $0.caseID == id } } ?? min(selected, max(0, shown.count - 1))
    }

    public init(title: String, caseIDs: [String]) {
        self.title = title
        self.caseIDs = caseIDs
    }

    /// "3 of 10 done" (of the whole sample, whatever the filter).
    public var progress: String {
        guard let allRows else { return "reading…" }
        return "\(allRows.filter { $0.progress == .done }.count) of \(allRows.count) done"
    }

    public var selectedRow: Row? {
        guard let rows, rows.indices.contains(selected) else { return nil }
        return rows[selected]
    }

    /// Rows of the queue on a screen `height` rows tall (title bar, heading, column header and footer aside).
    static func visibleRows(height: Int) -> Int { max(1, height - 4) }

    mutating func move(by delta: Int, height: Int) {
        guard let rows, !rows.isEmpty else { return }
        let (sum, overflow) = selected.addingReportingOverflow(delta)
        selected = max(0, min(rows.count - 1, overflow ? (delta > 0 ? .max : 0) : sum))
        keepVisible(height: height)
    }

    mutating func keepVisible(height: Int) {
        scroll = ListLayout.scroll(scroll, keeping: selected, visible: Self.visibleRows(height: height),
                                   count: rows?.count ?? 0)
    }
}

/// The queue's keys and its answer.
func reduceAuditQueue(_ state: inout AppState, _ action: Action) -> [Effect] {
    let height = state.size.height
    switch action {
    case .back:
        return state.pop()
    case .auditQueueLoaded(let rows):
        state.auditQueue?.load(rows)
        state.auditQueue?.keepVisible(height: height)
        return []
    case .moveDown: state.auditQueue?.move(by: 1, height: height)
    case .moveUp: state.auditQueue?.move(by: -1, height: height)
    case .pageDown: state.auditQueue?.move(by: AuditQueue.visibleRows(height: height), height: height)
    case .pageUp: state.auditQueue?.move(by: -AuditQueue.visibleRows(height: height), height: height)
    case .moveToFirst: state.auditQueue?.move(by: -Int.max / 2, height: height)
    case .moveToLast: state.auditQueue?.move(by: Int.max / 2, height: height)
    case .openQueuedCase:
        guard let row = state.auditQueue?.selectedRow else { return [] }
        return state.showCase(row.caseID)
    default:
        return reduceListKeys(&state, action) ?? []
    }
    return []
}

extension AuditQueue.Row: ListedRow {
    var listReference: String { caseID }
    var listChildName: String { childName }
    var listFamilyName: String { familyName }
    var listCaseworker: String { caseworker }
}

/// The queue between the title bar and the footer.
enum AuditQueueView {
    static let columns = [
        ListColumn("Reference", .fixed(14)),
        ListColumn("Child", .flexible(minimum: 10, maximum: 30, share: 4)),
        ListColumn("Caseworker", .flexible(minimum: 8, maximum: 24, share: 3), givesWay: 1),
        ListColumn("Plan issued", .fixed(11)),
        ListColumn("Audit", .fixed(CellWidth.of("done: Requires improvement"))),
    ]

    static func draw(_ queue: AuditQueue, in area: ScreenLayout.Rect, on canvas: inout Canvas) {
        canvas.write("Audit queue · \(queue.title) · \(queue.progress)", row: area.row, column: area.column,
                     maxWidth: area.width, role: .header)
        guard let rows = queue.rows else { return }
        let list = ScreenLayout.Rect(row: area.row + 1, column: area.column, width: area.width, height: area.height - 1)
        ListView.draw(columns: columns, rowCount: rows.count, scroll: queue.scroll, selected: queue.selected, in: list,
                      on: &canvas) { index in
            let row = rows[index]
            let progress = row.grade.map { "done: " + $0.displayName } ?? row.progress.rawValue
            return .cells([ListCell(row.caseID), ListCell(row.childName), ListCell(row.caseworker),
                           ListCell(row.planIssued?.description ?? "—"),
                           ListCell(progress, row.progress == .done ? .met : row.progress == .inProgress ? .dueSoon : .normal)])
        }
        if rows.isEmpty {
            canvas.write("No plans were issued in the sample's period.", row: list.row + 1, column: list.column + 2,
                         maxWidth: list.width - 2, role: .muted)
        }
    }
}
