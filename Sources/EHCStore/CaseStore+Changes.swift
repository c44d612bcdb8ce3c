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

    /// A number that grows with every change to the caseload by any process (the audit trail's
    /// latest id): compare two readings to know whether to reload.
    ///
    /// ```swift
    /// let seen = try store.changeMark()
    /// // … later
    /// if try store.changeMark() != seen { /* reload the summaries */ }
    /// ```
    public func changeMark() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM auditTrail") ?? 0 }
    }
}
