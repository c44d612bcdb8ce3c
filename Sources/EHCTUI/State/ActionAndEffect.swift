/// A user intent or a data result: the only way the ``AppState`` changes (through ``reduce(_:_:)``).
///
/// Movement acts on the focused pane: `moveDown` moves the selection in the list and scrolls
/// the detail pane when that has focus.
///
/// ```swift
/// let effects = reduce(&state, .moveDown)   // [.loadDetail(caseID: "EHC-2025-00002")]
/// ```
public enum Action: Sendable, Hashable {
    case moveDown, moveUp, pageDown, pageUp, moveToFirst, moveToLast
    /// Focus the detail pane of the selected case.
    case openDetail
    /// Focus the other pane.
    case switchPane
    /// Focus the case list again.
    case backToList
    case showHelp, closeHelp
    case resize(TerminalSize)
    /// The answer to ``Effect/loadDetail(caseID:)``.
    case detailLoaded(CaseDetail)
    case quit
}

/// A side effect the reducer asks for, performed by the runtime, never by the reducer.
///
/// ```swift
/// for effect in reduce(&state, .moveDown) {
///     if case .loadDetail(let id) = effect { /* read the case from the store */ }
/// }
/// ```
public enum Effect: Sendable, Hashable {
    /// Read one case and its deadlines; answer with ``Action/detailLoaded(_:)``.
    case loadDetail(caseID: String)
    /// Restore the terminal and leave.
    case quit
}
