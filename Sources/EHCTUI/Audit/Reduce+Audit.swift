import EHCCore

/// The audit's keys and answers: starting it (``Effect/loadAudit(caseID:)`` answers with the
/// session, pushed on the stack), then every key goes to the ``AuditSession``, whose effects become
/// the runtime's; `Esc` asks the session to close (it warns once about an unsaved answer).
///
/// ```swift
/// _ = reduce(&state, .startAudit)             // [.loadAudit(caseID: "EHC-2025-00001")]
/// _ = reduce(&state, .audit(.answer(.yes)))   // [.saveAudit(audit, summary: "audit: X1 answered yes")]
/// ```
func reduceAudit(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .auditLoaded(let session):
        state.push(.audit(session))
        state.message = nil
        return []
    case .auditRefused(let message):
        state.message = message
        return []
    case .back:
        return reduceAudit(&state, .audit(.close))
    case .audit(let key):
        guard var session = state.audit else { return [] }
        let effects = session.reduce(key)
        state.audit = session
        var result: [Effect] = []
        for effect in effects {
            switch effect {
            case let .save(audit, summary, version):
                result.append(.saveAudit(audit, summary: summary, expectedVersion: version))
            case .close:
                guard case .audit = state.top else { continue }
                result += state.pop()
                // The detail lists the plan's audits: read it again so this one shows as it now is.
                result += state.reloadDetail()
            }
        }
        return result
    case .type(let character):
        return reduceAudit(&state, .audit(.typeComment(character)))
    case .deleteBackward:
        return reduceAudit(&state, .audit(.deleteCommentCharacter))
    default:
        return []
    }
}
