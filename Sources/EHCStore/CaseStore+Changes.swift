import GRDB

extension CaseStore {
    /// The latest audit-trail entry about one case: who changed it last, and when.
    ///
    /// ```swift
    /// if let last = try store.lastChange(of: "EHC-2025-00001") { print("changed by \(last.user) at \(last.at)") }
    /// ```
    public func lastChange(of caseID: String) throws -> AuditEntry? {
        try pool.read { db in try AuditTrail.lastEntry(db, caseID: caseID) }
    }
}
