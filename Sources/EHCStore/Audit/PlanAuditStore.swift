import EHCCore
import GRDB

extension CaseStore {
    /// Saves an audit (new or resumed) with all its answers in one transaction, with an audit-trail entry.
    ///
    /// Returns the audit's id. Saving a half-done audit is normal: it is resumed by loading it again.
    ///
    /// ```swift
    /// var audit = PlanAudit(caseID: id, templateID: "ehc-plan", auditor: "R. Auditor", started: today)
    /// audit.id = try store.save(audit, by: "R. Auditor", summary: "audit started")
    /// ```
    @discardableResult
    public func save(_ audit: PlanAudit, by user: String, summary: String) throws -> Int64 {
        try save(audit, by: user, summary: summary, expectedVersion: nil).id
    }

    /// Saves an audit as ``save(_:by:summary:)`` does, refusing (``StoreError/staleAudit(id:by:at:)``)
    /// when another session saved it since `expectedVersion`; returns its id and new version.
    /// Like every write, a failure (the disk is full) throws and stores nothing.
    public func save(_ audit: PlanAudit, by user: String, summary: String, expectedVersion: Int?) throws
        -> (id: Int64, version: Int) {
        try write { db in
            guard try CaseRows.exists(db, id: audit.caseID) else { throw StoreError.caseNotFound(id: audit.caseID) }
            var version = 1
            if let existing = audit.id {
                let stored = try Int.fetchOne(db, sql: "SELECT version FROM planAudits WHERE id = ?", arguments: [existing]) ?? 1
                if let expectedVersion, stored != expectedVersion {
                    let last = try Row.fetchOne(db, sql: """
                        SELECT user, at FROM auditTrail WHERE action = 'audit' AND caseId = ? ORDER BY id DESC LIMIT 1
                        """, arguments: [audit.caseID])
                    throw StoreError.staleAudit(id: existing, by: last?[0] ?? "someone", at: last?[1] ?? "an unknown time")
                }
                version = stored + 1
            }
            let before = try audit.id.flatMap { try PlanAuditRows.fetch(db, id: $0) }
            let id = try PlanAuditRows.write(audit, db)
            try db.execute(sql: "UPDATE planAudits SET version = ? WHERE id = ?", arguments: [version, id])
            var after = audit
            after.id = id
            try AuditTrail.record(db, user: user, caseID: audit.caseID, action: "audit", summary: summary,
                                  beforeJSON: before.map(PlanAuditRows.json), afterJSON: PlanAuditRows.json(after))
            return (id, version)
        }
    }

    /// The stored version of an audit (1 for one never saved twice).
    public func auditVersion(id: Int64) throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT version FROM planAudits WHERE id = ?", arguments: [id]) ?? 1 }
    }

    /// Every audit, oldest first (optionally of one case).
    public func planAudits(caseID: String? = nil) throws -> [PlanAudit] {
        try pool.read { db in try PlanAuditRows.fetchAll(db, caseID: caseID) }
    }
}

/// Maps plan audits to `planAudits` and `planAuditAnswers` rows, and back.
enum PlanAuditRows {
    static func write(_ audit: PlanAudit, _ db: Database) throws -> Int64 {
        let values: [(any DatabaseValueConvertible)?] = [
            audit.caseID, audit.templateID, audit.auditor, audit.started.description, audit.finished?.description,
            audit.grade?.rawValue, audit.score, audit.moderation?.moderator, audit.moderation?.date.description,
            audit.moderation?.grade.rawValue, audit.moderation?.note,
        ]
        let id: Int64
        if let existing = audit.id {
            try db.execute(sql: """
                UPDATE planAudits SET caseId = ?, templateId = ?, auditor = ?, started = ?, finished = ?, grade = ?,
                    score = ?, moderator = ?, moderated = ?, moderatedGrade = ?, moderationNote = ? WHERE id = ?
                """, arguments: StatementArguments(values + [existing]))
            guard db.changesCount == 1 else { throw StoreError.auditNotFound(id: existing) }
            try db.execute(sql: "DELETE FROM planAuditAnswers WHERE auditId = ?", arguments: [existing])
            id = existing
        } else {
            try db.execute(sql: """
                INSERT INTO planAudits (caseId, templateId, auditor, started, finished, grade, score, moderator,
                    moderated, moderatedGrade, moderationNote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(values))
            id = db.lastInsertedRowID
        }
        for (position, answer) in audit.answers.enumerated() {
            try db.execute(sql: """
                INSERT INTO planAuditAnswers (auditId, questionId, position, answer, comment) VALUES (?, ?, ?, ?, ?)
                """, arguments: [id, answer.questionID, position, answer.value.word, answer.comment])
        }
        return id
    }

    static func fetch(_ db: Database, id: Int64) throws -> PlanAudit? {
        try fetchAll(db, caseID: nil, auditID: id).first
    }

    static func fetchAll(_ db: Database, caseID: String?, auditID: Int64? = nil) throws -> [PlanAudit] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let caseID { conditions.append("caseId = ?"); arguments += [caseID] }
        if let auditID { conditions.append("id = ?"); arguments += [auditID] }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        var audits = try Row.fetchAll(db, sql: """
            SELECT id, caseId, templateId, auditor, started, finished, grade, score, moderator, moderated,
                moderatedGrade, moderationNote FROM planAudits\(filter) ORDER BY id
            """, arguments: arguments).map(audit)
        let indexByID = Dictionary(audits.enumerated().compactMap { item in item.element.id.map { ($0, item.offset) } },
                                   uniquingKeysWith: { first, _ in first })
        let answerRows = try Row.fetchCursor(db, sql: """
            SELECT auditId, questionId, answer, comment FROM planAuditAnswers
            WHERE auditId IN (SELECT id FROM planAudits\(filter)) ORDER BY auditId, position
            """, arguments: arguments)
        while let row = try answerRows.next() {
            guard let index = indexByID[row[0]] else { continue }
            let word: String = row[2]
            guard let value = AuditAnswer.Value(word: word) else { throw CaseRows.CorruptValue(value: word) }
            audits[index].answers.append(AuditAnswer(questionID: row[1], value: value, comment: row[3]))
        }
        return audits
    }

    private static func audit(_ row: Row) throws -> PlanAudit {
        func date(_ text: String?) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let date = CalendarDate(text) else { throw CaseRows.CorruptValue(value: text) }
            return date
        }
        func grade(_ text: String?) throws -> AuditGrade? {
            guard let text else { return nil }
            guard let grade = AuditGrade(rawValue: text) else { throw CaseRows.CorruptValue(value: text) }
            return grade
        }
        var moderation: PlanAudit.Moderation?
        if let moderator: String = row[8], let moderated = try date(row[9]), let moderatedGrade = try grade(row[10]) {
            moderation = .init(moderator: moderator, date: moderated, grade: moderatedGrade, note: row[11])
        }
        let startedText: String? = row[4]
        guard let started = try date(startedText) else { throw CaseRows.CorruptValue(value: "no start date") }
        return PlanAudit(
            id: row[0], caseID: row[1], templateID: row[2], auditor: row[3], started: started,
            finished: try date(row[5]), grade: try grade(row[6]), score: row[7], moderation: moderation)
    }

    /// The audit as the audit trail keeps it: its number and case, then its interchange form.
    static func json(_ audit: PlanAudit) -> JSONValue {
        .object([("id", audit.id.map { .number(String($0)) } ?? .null), ("caseId", .string(audit.caseID))]
                + AuditJSON.members(of: audit))
    }
}
