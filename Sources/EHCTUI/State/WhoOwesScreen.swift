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

    public init() {}

    /// A fresh reading, keeping the selection on the same request when it is still owed.
    mutating func show(_ owed: WhoOwesWhat, versions: [String: Int]) {
        let previous = selectedItem.map { ($0.caseID, $0.position) }
        self.owed = owed
        self.versions = versions
        lines = []
        requestLines = []
        for (group, entry) in owed.groups.enumerated() {
            lines.append(.agency(group: group))
            for item in entry.items.indices {
                requestLines.append(lines.count)
                lines.append(.request(group: group, item: item))
            }
        }
        let kept = previous.flatMap { previous in
            requestLines.firstIndex { self.item(atLine: $0).map { ($0.caseID, $0.position) } ?? ("", -1) == previous }
        }
        selected = kept ?? min(selected, max(0, requestLines.count - 1))
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
        let rows = max(1, height)
        if line - 1 < scroll { scroll = max(0, line - 1) }
        if line >= scroll + rows { scroll = line - rows + 1 }
        scroll = max(0, min(scroll, max(0, lines.count - rows)))
    }
}

/// True for the actions only "Who owes what" answers.
func isWhoOwesAction(_ action: Action) -> Bool {
    switch action {
    case .openWhoOwes, .closeWhoOwes, .whoOwesLoaded, .markAdviceReceived, .chaseAdvice, .startReturnNote,
         .commitReturnNote, .cancelReturnNote, .openOwedCase:
        true
    default:
        false
    }
}

/// The share of the reducer for "Who owes what"; `nil` when the action is not its to answer.
func reduceWhoOwes(_ state: inout AppState, _ action: Action) -> [Effect]? {
    let height = WhoOwesScreen.visibleLines(in: state.size)
    switch action {
    case .openWhoOwes:
        state.whoOwes = WhoOwesScreen()
        return [.loadWhoOwes]
    case .closeWhoOwes:
        state.whoOwes = nil
        return state.requestDetailIfNeeded()
    case .whoOwesLoaded(let owed, let versions):
        state.whoOwes?.show(owed, versions: versions)
        state.whoOwes?.keepVisible(height: height)
        return []
    case .moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast:
        guard state.keyContext == .whoOwes else { return nil }
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
        guard state.whoOwes?.noteDraft != nil else { return nil }
        state.whoOwes?.noteDraft?.append(character)
        return []
    case .deleteBackward:
        guard state.whoOwes?.noteDraft != nil else { return nil }
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
        state.whoOwes = nil
        return state.show(caseID: item.caseID)
    case .saved, .saveRefused:
        // A change saved (or refused) while the screen is open: read it again so the counts follow.
        guard state.whoOwes != nil else { return nil }
        return reduceRecording(&state, action) + [.loadWhoOwes]
    case .caseloadChanged:
        // Someone else's change: the list takes it, and so does the screen.
        guard state.whoOwes != nil else { return nil }
        return reduceTriage(&state, action, layout: ScreenLayout(size: state.size)) + [.loadWhoOwes]
    default:
        return nil
    }
}

/// Asks for a change to the selected request, today, through the save path.
private func change(_ state: inout AppState, _ kind: AdviceChange.Kind) -> [Effect] {
    guard let screen = state.whoOwes, let item = screen.selectedItem, !state.isSaving else { return [] }
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
