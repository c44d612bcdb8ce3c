import EHCCore

/// "Data quality" while it is open: every finding of the SEN2 and inspection checks as of the
/// coming census, grouped by rule with its count; Enter opens the case, the field and its fix
/// said; a fix saved makes the finding go when the screen is shown again (it is read afresh).
///
/// ```swift
/// _ = reduce(&state, .openDataQuality)        // [.loadDataQuality]
/// _ = reduce(&state, .openFindingCase)        // the case, and "Fix child.upn: …"
/// ```
public struct DataQualityScreen: Sendable, Hashable {
    /// One finding with whose case it is, for the filter, the scope and the order.
    public struct Row: Sendable, Hashable {
        public var finding: DataQualityFinding
        public var childName: String
        public var familyName: String
        public var caseworker: String

        public init(finding: DataQualityFinding, childName: String, familyName: String, caseworker: String) {
            self.finding = finding
            self.childName = childName
            self.familyName = familyName
            self.caseworker = caseworker
        }
    }

    /// A reading: the census checked against and the findings in the table's order.
    public struct Report: Sendable, Hashable {
        public var census: CalendarDate
        public var rows: [Row]

        public init(census: CalendarDate, rows: [Row]) {
            self.census = census
            self.rows = rows
        }
    }

    /// `nil` while it is being read.
    public private(set) var report: Report?
    /// The rules that found something, in the table's order, one group each.
    public private(set) var rules: [DataQualityRule] = []
    var rows = GroupedRows<Row>()

    public var filterText: String { rows.query.filterText }
    public var selectedRow: Row? { rows.selectedRow }
    public var errors: Int { report?.rows.count { $0.finding.severity == .error } ?? 0 }

    public init() {}

    mutating func show(_ report: Report) {
        self.report = report
        let byRule = Dictionary(grouping: report.rows, by: \.finding.rule)
        rules = DataQualityRule.all.filter { byRule[$0.id] != nil }
        rows.show(rules.map { byRule[$0.id] ?? [] }, same: Self.same)
    }

    mutating func refine() {
        rows.refine(same: Self.same)
    }

    private static func same(_ one: Row, _ other: Row) -> Bool { one.finding == other.finding }

    /// Lines of findings on screen: all but the title bar, the heading, the column header and the footer.
    static func visibleLines(in size: TerminalSize) -> Int {
        max(1, size.height - 5)
    }
}

extension DataQualityScreen.Row: ListedRow {
    var listReference: String { finding.caseID ?? "" }
    var listChildName: String { childName }
    var listFamilyName: String { familyName }
    var listCaseworker: String { caseworker }
}

/// The keys of "Data quality" and its answer.
func reduceDataQuality(_ state: inout AppState, _ action: Action) -> [Effect] {
    let height = DataQualityScreen.visibleLines(in: state.size)
    switch action {
    case .back:
        return state.pop()
    case .dataQualityLoaded(let report):
        state.dataQuality?.show(report)
        state.dataQuality?.rows.keepVisible(height: height)
        return []
    case .moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast:
        state.dataQuality?.rows.move(by: action.movement(height: height) ?? 0, height: height)
        return []
    case .openFindingCase:
        guard let finding = state.dataQuality?.selectedRow?.finding else { return [] }
        guard let caseID = finding.caseID else {
            state.message = "This finding is about the caseload as a whole: " + finding.message
            return []
        }
        state.detailOpensAt = (caseID, finding.field)
        let effects = state.showCase(caseID)
        scrollToFieldAwaited(&state)
        state.message = "Fix \(finding.field): " + finding.message
        return effects
    default:
        return reduceListKeys(&state, action) ?? []
    }
}
