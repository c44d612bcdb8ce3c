import EHCCore
import Foundation

/// "Who owes what" while it is open: every advice request owed across the caseload, grouped by
/// agency, the selected request, the first line on screen, and a return note being typed.
///
/// Its lines are laid out once per load, so a key costs the same whatever the caseload holds.
///
/// ```swift
/// _ = reduce(&state, .openWhoOwes)            // [.loadWhoOwes]
/// _ = reduce(&state, .markAdviceReceived)     // [.changeAdvice(…received today…)]
/// ```
public struct WhoOwesScreen: Sendable, Hashable {
    /// One line of the screen: an agency's heading or one owed request.
    public enum Line: Sendable, Hashable {
        case agency(group: Int)
        case request(group: Int, item: Int)
    }

    /// `nil` while it is being read.
    public private(set) var owed: WhoOwesWhat?
    /// The version each case was read at, for saving a change to it.
    public private(set) var versions: [String: Int] = [:]
    public private(set) var lines: [Line] = []
    /// Indexes into ``lines`` of the requests, in screen order: what the selection moves over.
    public private(set) var requestLines: [Int] = []
    /// Index into ``requestLines``.
    public internal(set) var selected = 0
    /// First line on screen.
    public internal(set) var scroll = 0
    /// The note of a return for more detail being typed (`x`), `nil` otherwise.
    public internal(set) var noteDraft: String?
    /// The filter typed, and the order within each agency, as on every list screen.
    public internal(set) var query = ListQuery()
    /// The caseworker whose requests alone are shown (`m`), `nil` for the whole team.
    public internal(set) var caseworker: String?

    /// The filter typed with `/`.
    public var filterText: String { query.filterText }
    /// Each group's search keys and sort ranks, computed once per reading.
    private var indexes: [ListIndex] = []

    public init() {}

    /// A fresh reading, keeping the selection on the same request when it is still owed.
    mutating func show(_ owed: WhoOwesWhat, versions: [String: Int]) {
        self.owed = owed
        self.versions = versions
        indexes = owed.groups.map { ListIndex($0.items) }
        refine()
    }

    /// Lays the lines out again with the query and the scope applied (agencies with nothing shown
    /// left out), keeping the selection on the same request when it is still shown.
    mutating func refine() {
        guard let owed else { return }
        let previous = selectedItem.map { ($0.caseID, $0.position) }
        lines = []
        requestLines = []
        for (group, entry) in owed.groups.enumerated() {
            guard indexes.indices.contains(group) else { continue }
            let index = indexes[group]
            let kept = query.apply(index, matched: index.matches(query), in: Array(0..<Int32(entry.items.count)),
                                   caseworker: caseworker)
            guard !kept.isEmpty else { continue }
            lines.append(.agency(group: group))
            for item in kept {
                requestLines.append(lines.count)
                lines.append(.request(group: group, item: Int(item)))
            }
        }
        let kept = previous.flatMap { previous in
            requestLines.firstIndex { self.item(atLine: $0).map { ($0.caseID, $0.position) } ?? ("", -1) == previous }
        }
        selected = kept ?? min(selected, max(0, requestLines.count - 1))
    }

    /// How many requests the agency heading at `line` has under it on the screen (the filter and scope applied).
    public func shownCount(ofGroupAt line: Int) -> Int {
        var count = 0
        var next = line + 1
        while lines.indices.contains(next), case .request = lines[next] {
            count += 1
            next += 1
        }
        return count
    }

    public var selectedItem: WhoOwesWhat.Item? {
        requestLines.indices.contains(selected) ? item(atLine: requestLines[selected]) : nil
    }

    public func item(atLine line: Int) -> WhoOwesWhat.Item? {
        guard let owed, lines.indices.contains(line), case let .request(group, item) = lines[line] else { return nil }
        return owed.groups[group].items[item]
    }

    /// Moves the selection by `delta` requests and scrolls so that it (and its agency's heading,
    /// when it is the first of its group) stays within `height` lines.
    mutating func move(by delta: Int, height: Int) {
        guard !requestLines.isEmpty else { return }
        let (sum, overflow) = selected.addingReportingOverflow(delta)
        selected = max(0, min(requestLines.count - 1, overflow ? (delta > 0 ? .max : 0) : sum))
        keepVisible(height: height)
    }

    mutating func keepVisible(height: Int) {
        guard let line = requestLines.indices.contains(selected) ? requestLines[selected] : nil else { return }
        // The line above the first request of an agency is its heading: kept in view with it.
        scroll = ListLayout.scroll(scroll, keeping: line, context: 1, visible: height, count: lines.count)
    }
}

/// The keys of "Who owes what" and its answer.
func reduceWhoOwes(_ state: inout AppState, _ action: Action) -> [Effect] {
    let height = WhoOwesScreen.visibleLines(in: state.size)
    switch action {
    case .back:
        return state.pop()
    case .whoOwesLoaded(let owed, let versions):
        state.whoOwes?.show(owed, versions: versions)
        state.whoOwes?.keepVisible(height: height)
        return []
    case .moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast:
        let delta = switch action {
        case .moveDown: 1
        case .moveUp: -1
        case .pageDown: max(1, height - 1)
        case .pageUp: -max(1, height - 1)
        case .moveToFirst: -Int.max / 2
        default: Int.max / 2
        }
        state.whoOwes?.move(by: delta, height: height)
        return []
    case .markAdviceReceived:
        return change(&state, .received)
    case .chaseAdvice:
        return change(&state, .chased)
    case .startReturnNote:
        guard state.whoOwes?.selectedItem != nil else { return [] }
        state.whoOwes?.noteDraft = ""
        return []
    case .type(let character):
        state.whoOwes?.noteDraft?.append(character)
        return []
    case .deleteBackward:
        _ = state.whoOwes?.noteDraft?.popLast()
        return []
    case .commitReturnNote:
        let note = (state.whoOwes?.noteDraft ?? "").trimmingCharacters(in: .whitespaces)
        guard !note.isEmpty else {
            state.message = "Say what is missing from the advice (Esc cancels)"
            return []
        }
        state.whoOwes?.noteDraft = nil
        return change(&state, .returned(note: note))
    case .cancelReturnNote:
        state.whoOwes?.noteDraft = nil
        return []
    case .openOwedCase:
        guard let item = state.whoOwes?.selectedItem else { return [] }
        return state.showCase(item.caseID, preferring: .awaitingAdvice)
    default:
        return reduceListKeys(&state, action) ?? []
    }
}

/// Asks for a change to the selected request, today, through the save path.
private func change(_ state: inout AppState, _ kind: AdviceChange.Kind) -> [Effect] {
    guard let screen = state.whoOwes, let item = screen.selectedItem, !state.isSaving else { return [] }
    if kind == .chased, let refusal = AdviceRequest.refusalToChase(item.advice, on: state.today) {
        state.message = refusal
        return []
    }
    state.isSaving = true
    return [.changeAdvice(AdviceChange(caseID: item.caseID, position: item.position,
                                       expectedVersion: screen.versions[item.caseID] ?? 0, kind: kind,
                                       day: state.today))]
}

extension WhoOwesScreen {
    /// Lines of requests on screen: all but the title bar, the screen's heading and column header, and the footer.
    static func visibleLines(in size: TerminalSize) -> Int {
        max(1, size.height - 5)
    }
}
