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
    /// `nil` while it is being read.
    public private(set) var owed: WhoOwesWhat?
    /// The version each case was read at, for saving a change to it.
    public private(set) var versions: [String: Int] = [:]
    /// The owed requests by agency, as shown: filtered, scoped and ordered.
    var rows = GroupedRows<WhoOwesWhat.Item>()
    /// The note of a return for more detail being typed (`x`), `nil` otherwise.
    public internal(set) var noteDraft: String?

    /// The filter typed with `/`.
    public var filterText: String { rows.query.filterText }
    public var selectedItem: WhoOwesWhat.Item? { rows.selectedRow }

    public init() {}

    /// A fresh reading, keeping the selection on the same request when it is still owed.
    mutating func show(_ owed: WhoOwesWhat, versions: [String: Int]) {
        self.owed = owed
        self.versions = versions
        rows.show(owed.groups.map(\.items), same: Self.same)
    }

    /// Lays the lines out again with the query and the scope applied.
    mutating func refine() {
        rows.refine(same: Self.same)
    }

    private static func same(_ one: WhoOwesWhat.Item, _ other: WhoOwesWhat.Item) -> Bool {
        one.caseID == other.caseID && one.position == other.position
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
        state.whoOwes?.rows.keepVisible(height: height)
        return []
    case .moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast:
        state.whoOwes?.rows.move(by: action.movement(height: height) ?? 0, height: height)
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
