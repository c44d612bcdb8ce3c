import EHCCore

/// The audit's share of the reducer: starting an audit from a case, and while one is open, every
/// key goes to the ``AuditSession``; its effects become the runtime's. `nil` when the action is
/// not the audit's to answer.
///
/// ```swift
/// _ = reduce(&state, .startAudit)             // [.loadAudit(caseID: "EHC-2025-00001")]
/// _ = reduce(&state, .audit(.answer(.yes)))   // [.saveAudit(audit, summary: "audit: X1 answered yes")]
/// ```
func reduceAudit(_ state: inout AppState, _ action: Action) -> [Effect]? {
    switch action {
    case .startAudit:
        guard let id = state.selectedCase?.id else { return [] }
        state.message = "Opening the audit of \(id)…"
        return [.loadAudit(caseID: id)]
    case .auditLoaded(let session):
        state.audit = session
        state.message = nil
        return []
    case .auditRefused(let message):
        state.message = message
        return []
    case .audit(let key):
        guard var session = state.audit else { return [] }
        let effects = session.reduce(key)
        state.audit = session
        return effects.compactMap { effect in
            switch effect {
            case let .save(audit, summary, version): return .saveAudit(audit, summary: summary, expectedVersion: version)
            case .close:
                state.audit = nil
                return nil
            }
        }
    case .type(let character) where state.audit != nil:
        return reduceAudit(&state, .audit(.typeComment(character)))
    case .deleteBackward where state.audit != nil:
        return reduceAudit(&state, .audit(.deleteCommentCharacter))
    default:
        return nil
    }
}
