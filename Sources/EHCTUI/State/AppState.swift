import EHCCore

/// Everything the TUI shows, as one value: views are functions of it, ``reduce(_:_:)`` alone changes it.
///
/// Every case is indexed once per change of the caseload; the triage view, the mine/team scope,
/// the filter and the sort order pick the visible ``caseload`` from it when one of them changes
/// (never per frame), and the list then draws only its visible rows.
///
/// ```swift
/// var state = AppState(caseload: summaries, today: CalendarDate("2025-11-24")!,
///                      databaseLabel: "caseload.sqlite", size: TerminalSize(width: 80, height: 24))
/// _ = reduce(&state, .showView(.overdue))
/// let canvas = Screen.render(state)
/// ```
public struct AppState: Sendable {
    /// Which pane receives movement keys.
    public enum Focus: String, Sendable, Hashable {
        case list, detail
    }

    /// Every case, in the order they were loaded: the sort order's permutation in ``index``
    /// (urgency by default, ``CaseSummary/urgencyDay``) orders the list, never this array.
    public private(set) var everyCase: [CaseSummary] {
        didSet { index = CaseIndex(everyCase: everyCase) }
    }
    /// View bits, search bytes and sort orders of ``everyCase``, so a keystroke never recomputes them.
    private var index: CaseIndex
    /// The cases on the list: the view, scope and filter applied, in the sort order.
    public private(set) var caseload = CaseList()
    /// How many cases each view holds within the current scope and filter.
    public private(set) var viewCounts: [TriageView: Int] = [:]
    public internal(set) var preferences: ScreenPreferences
    public internal(set) var sortOrder = CaseSortOrder.urgency
    /// The filter as typed; cases match when every word is in their folded search key.
    public internal(set) var filterText = ""
    /// Index into ``caseload`` of the selected case (0 when the caseload is empty).
    public internal(set) var selection = 0
    /// Index of the first list row on screen.
    public internal(set) var listScroll = 0
    /// The loaded detail of the selected case; `nil` while it loads.
    public internal(set) var detail: CaseDetail?
    /// First line of the detail pane on screen.
    public internal(set) var detailScroll = 0
    /// The screens open, the case list at the bottom and the one on screen last (``StackedScreen``).
    public internal(set) var stack: [StackedScreen] = [.caseList]
    /// Help, a menu, a form, the filter or a question over the top screen, taking its keys.
    public internal(set) var overlay: Overlay?
    /// The report of the last save, refusal or undo, shown above the footer hints (wrapped when long).
    public internal(set) var message: String? {
        didSet {
            guard let message, message != oldValue else { return }
            messageHistory.append(message)
            if messageHistory.count > Self.messageHistoryLimit { messageHistory.removeFirst() }
        }
    }
    /// The messages of this session, oldest first (`M` shows them).
    public private(set) var messageHistory: [String] = []
    static let messageHistoryLimit = 100
    /// Changes saved in this session, last on top: `u` undoes them in turn.
    public internal(set) var undoStack: [CaseEdit] = []
    /// A save is on its way to the store.
    public internal(set) var isSaving = false
    public internal(set) var size: TerminalSize
    /// What the title bar calls the database, e.g. its file name.
    public var databaseLabel: String
    /// The day every status is computed for (passed in, never read from the clock).
    public let today: CalendarDate
    /// The counting conventions, for checking a recorded event before it is saved.
    public let settings: Settings
    /// The case whose detail was asked for and has not arrived yet.
    var requestedDetailID: String?
    /// A field of a case to scroll its detail to once it is shown (a data-quality finding opened with Enter).
    var detailOpensAt: (caseID: String, field: String)?

    public init(caseload: [CaseSummary], today: CalendarDate, databaseLabel: String,
                size: TerminalSize = TerminalSize(width: 80, height: 24),
                preferences: ScreenPreferences = ScreenPreferences(), settings: Settings = Settings()) {
        self.everyCase = caseload
        self.index = CaseIndex(everyCase: caseload)
        self.today = today
        self.databaseLabel = databaseLabel
        self.size = size
        self.preferences = preferences
        self.settings = settings
        refreshCaseload()
    }

    public var caseCount: Int { caseload.count }

    public var selectedCase: CaseSummary? {
        caseload.indices.contains(selection) ? caseload[selection] : nil
    }

    /// The keymap context the next key is read in: the overlay's, else the top screen's.
    public var keyContext: KeyContext {
        overlay?.keyContext ?? top.keyContext
    }

    /// The effects to run before the first key: what the top screen needs (the detail of the
    /// first case, or the rows of a screen opened at start).
    public mutating func start() -> [Effect] {
        refreshTop()
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

    /// Asks for the selected case's detail again, though it is shown (what it lists has changed).
    mutating func reloadDetail() -> [Effect] {
        detail = nil
        requestedDetailID = nil
        return requestDetailIfNeeded()
    }

    /// Puts a case's fresh summary in place of its old one (or adds it); the index orders it anew.
    mutating func replace(_ summary: CaseSummary) {
        var cases = everyCase
        if let position = cases.firstIndex(where: { $0.id == summary.id }) {
            cases[position] = summary
        } else {
            cases.append(summary)
        }
        everyCase = cases
    }

    mutating func replaceAll(_ summaries: [CaseSummary]) {
        everyCase = summaries
    }

    /// Recomputes the visible cases and the view counts, keeping the selected case selected
    /// when it is still on the list.
    mutating func refreshCaseload() {
        let selectedID = selectedCase?.id
        let words = CaseSummary.folded(filterText).split(separator: " ")
        let mine = preferences.mineOnly ? preferences.caseworker : nil
        var included = index.matches(words: words)
        if let mine {
            for (position, summary) in everyCase.enumerated() where summary.caseworker != mine { included[position] = false }
        }
        var counts = [Int](repeating: 0, count: TriageView.allCases.count)
        for (position, bits) in index.viewBits.enumerated() where included[position] {
            for view in counts.indices { counts[view] += Int((bits >> view) & 1) }
        }
        let viewBit = CaseIndex.bit(of: preferences.view)
        let viewBits = index.viewBits
        let visible: [Int32]
        if let drilled = drilledCases?.caseIDs {
            // A drill-down lists the cases behind a dashboard figure whatever the view; the filter and
            // the scope narrow it as on every list (the title bar shows them).
            let inFigure = index.flags(for: drilled)
            visible = index.permutation(sortOrder).filter { included[Int($0)] && inFigure[Int($0)] }
        } else {
            visible = index.permutation(sortOrder).filter { included[Int($0)] && viewBits[Int($0)] & viewBit != 0 }
        }
        caseload = CaseList(everyCase: everyCase, positions: visible)
        viewCounts = Dictionary(uniqueKeysWithValues: zip(TriageView.allCases, counts).filter { $0.1 > 0 })
        let cases = everyCase
        selection = selectedID.flatMap { id in visible.firstIndex { cases[Int($0)].id == id } }
            ?? min(selection, max(0, caseload.count - 1))
    }
}

/// The orders the list can be sorted in; urgency is the default and the order cases are kept in.
///
/// ```swift
/// CaseSortOrder.urgency.next   // .reference
/// ```
public enum CaseSortOrder: String, Sendable, Hashable, CaseIterable {
    case urgency, reference, familyName, givenName, caseworker, requestDate

    public var title: String {
        switch self {
        case .urgency: "urgency"
        case .reference: "reference"
        case .familyName: "child's family name"
        case .givenName: "child's given name"
        case .caseworker: "caseworker"
        case .requestDate: "request date"
        }
    }

    public var next: CaseSortOrder {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}
