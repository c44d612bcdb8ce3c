import GRDB

extension CaseStore {
    /// The latest audit-trail entry about one case: who changed it last, and when.
    ///
    /// ```swift
    /// if let last = try store.lastChange(of: "EHC-2025-00001") { print("changed by \(last.user) at \(last.at)") }
    /// ```
    public func lastChange(of caseID: String) throws -> AuditEntry? {
        try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT at, user, caseId, action, summary, before, after FROM auditTrail
                WHERE caseId = ? ORDER BY id DESC LIMIT 1
                """, arguments: [caseID]).map { row in
                AuditEntry(at: row[0], user: row[1], caseID: row[2], action: row[3], summary: row[4],
                           before: row[5], after: row[6])
            }
        }
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
