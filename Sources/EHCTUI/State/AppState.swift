import EHCCore

/// Everything the TUI shows, as one value: views are functions of it, ``reduce(_:_:)`` alone changes it.
///
/// The caseload is sorted by urgency once, here; the list then draws only its visible rows.
///
/// ```swift
/// var state = AppState(caseload: summaries, today: CalendarDate("2025-11-24")!,
///                      databaseLabel: "caseload.sqlite", size: TerminalSize(width: 80, height: 24))
/// _ = reduce(&state, .moveDown)
/// let canvas = Screen.render(state)
/// ```
public struct AppState: Sendable {
    /// Which pane receives movement keys.
    public enum Focus: String, Sendable, Hashable {
        case list, detail
    }

    /// Every case, most urgent first (``CaseSummary/isMoreUrgent(_:than:)``).
    public private(set) var caseload: [CaseSummary]
    /// Index into ``caseload`` of the selected case (0 when the caseload is empty).
    public internal(set) var selection = 0
    /// Index of the first list row on screen.
    public internal(set) var listScroll = 0
    public internal(set) var focus = Focus.list
    /// The loaded detail of the selected case; `nil` while it loads.
    public internal(set) var detail: CaseDetail?
    /// First line of the detail pane on screen.
    public internal(set) var detailScroll = 0
    public internal(set) var isShowingHelp = false
    public internal(set) var size: TerminalSize
    /// What the title bar calls the database, e.g. its file name.
    public var databaseLabel: String
    /// The day every status is computed for (passed in, never read from the clock).
    public let today: CalendarDate
    /// The case whose detail was asked for and has not arrived yet.
    var requestedDetailID: String?

    public init(caseload: [CaseSummary], today: CalendarDate, databaseLabel: String,
                size: TerminalSize = TerminalSize(width: 80, height: 24)) {
        self.caseload = caseload.sorted(by: CaseSummary.isMoreUrgent)
        self.today = today
        self.databaseLabel = databaseLabel
        self.size = size
    }

    public var caseCount: Int { caseload.count }

    public var selectedCase: CaseSummary? {
        caseload.indices.contains(selection) ? caseload[selection] : nil
    }

    /// The keymap context the next key is read in.
    public var keyContext: KeyContext {
        if isShowingHelp { return .help }
        return focus == .list ? .list : .detail
    }

    /// The effects to run before the first key: load the detail of the first case.
    public mutating func start() -> [Effect] {
        requestDetailIfNeeded()
    }

    /// Asks for the selected case's detail unless it is shown or already on its way.
    mutating func requestDetailIfNeeded() -> [Effect] {
        guard let id = selectedCase?.id else {
            detail = nil
            return []
        }
        if detail?.ehcCase.id == id || requestedDetailID == id { return [] }
        detail = nil
        detailScroll = 0
        requestedDetailID = id
        return [.loadDetail(caseID: id)]
    }
}
