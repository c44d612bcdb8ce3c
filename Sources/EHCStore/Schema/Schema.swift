import EHCCore
import Foundation
import GRDB

/// The versioned schema of an ehcdesk database: every table, constraint and trigger, migration by migration.
///
/// Migrations are only ever appended. A database that has a migration this build does not know
/// was written by a newer ehcdesk and is refused (see ``CaseStore/open(path:access:)``).
///
/// ```swift
/// try Schema.migrator.migrate(dbQueue)
/// ```
enum Schema {
    /// `PRAGMA application_id` of every ehcdesk database ("EHCD"), so a foreign SQLite file is recognised.
    static let applicationID: Int32 = 0x4548_4344

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: cases, advice, exceptions, reviews, audit trail") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try createCaseTables(db)
            try createAuditTrail(db)
        }
        migrator.registerMigration("v2: plan audits") { db in
            try createPlanAudits(db)
        }
        migrator.registerMigration("v3: review amendment notices") { db in
            try db.execute(sql: "ALTER TABLE reviews ADD COLUMN amendmentProposed TEXT")
        }
        migrator.registerMigration("v4: advice contact and quality") { db in
            try db.execute(sql: """
                ALTER TABLE advice ADD COLUMN contact TEXT;
                ALTER TABLE advice ADD COLUMN quality TEXT \(vocabulary("quality", ["adequate", "returned"]));
                ALTER TABLE advice ADD COLUMN qualityNote TEXT CHECK (qualityNote IS NULL OR quality IS NOT NULL);
                ALTER TABLE advice ADD COLUMN returned TEXT CHECK ((returned IS NULL) = (quality IS NOT 'returned'));
                """)
        }
        migrator.registerMigration("v5: cases kept in reference order") { db in
            // Rebuilt WITHOUT ROWID (SQLite's documented way to change a table; GRDB runs migrations
            // with foreign keys off and checks them at the end, so the drop cascades nowhere): rows are
            // then stored in reference order, and reading every case in order is one scan instead of
            // an index walk with a lookup per row.
            guard let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cases'")
            else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the cases table is missing") }
            try db.execute(sql: table.replacingOccurrences(of: "CREATE TABLE cases", with: "CREATE TABLE cases_v5")
                + " WITHOUT ROWID")
            try db.execute(sql: """
                INSERT INTO cases_v5 SELECT * FROM cases;
                DROP TABLE cases;
                ALTER TABLE cases_v5 RENAME TO cases;
                CREATE INDEX cases_caseworker ON cases(caseworker);
                CREATE INDEX cases_finalPlanIssued ON cases(finalPlanIssued);
                """)
        }
        migrator.registerMigration("v6: database identity") { db in
            // Made once, when the database is created (or first opened by this version), and copied by
            // backup: `restore` refuses a file whose identity differs, i.e. another caseload.
            try db.execute(sql: """
                CREATE TABLE databaseIdentity (
                  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                  identity TEXT NOT NULL,
                  created TEXT NOT NULL);
                CREATE TRIGGER databaseIdentity_fixed BEFORE UPDATE ON databaseIdentity
                  BEGIN SELECT RAISE(ABORT, 'the database identity never changes'); END;
                """)
            try db.execute(sql: "INSERT INTO databaseIdentity VALUES (1, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           arguments: [UUID().uuidString])
        }
        migrator.registerMigration("v7: plan audit versions") { db in
            // Two sessions on one audit must not overwrite each other's answers: each save names
            // the version it read (see CaseStore.save(_:by:summary:expectedVersion:)).
            try db.execute(sql: "ALTER TABLE planAudits ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
        }
        migrator.registerMigration("v8: hash-chained audit trail, team members") { db in
            try sealAuditTrail(db)
            try createMembers(db)
        }
        migrator.registerMigration("v9: presence") { db in
            // Which case each screen shows (Team/Presence.swift); not a record, never audited.
            try db.execute(sql: """
                CREATE TABLE presence (
                    session TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    caseId TEXT NOT NULL,
                    seen INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX presence_caseId ON presence(caseId);
                """)
        }
        migrator.registerMigration("v10: stored deadlines") { db in
            // Filled by v12, which writes the columns this build stores (every case is stale until then).
            try createStoredDeadlines(db)
        }
        migrator.registerMigration("v11: person, request and plan details for SEN2") { db in
            try addReturnDetails(db)
        }
        migrator.registerMigration("v12: stored deadlines' exceptions and items") { db in
            // What the measures read beside each due date, so they are counted without the rule engine.
            try db.execute(sql: """
                ALTER TABLE deadlines ADD COLUMN excepted INTEGER NOT NULL DEFAULT 0 CHECK (excepted IN (0, 1));
                ALTER TABLE deadlines ADD COLUMN item INTEGER CHECK (item >= 0);
                """)
            // A stored deadline changed by anything but ehcdesk's own write (which stamps the case
            // after its rows) leaves its case stale, as a changed fact does.
            try staleDeadlineTriggers(on: "deadlines", column: "caseId", db)
            try StoredDeadlines.recompute(nil, settings: try StoredDeadlines.settings(db), db, progress: { _, _ in })
        }
        return migrator
    }

    /// The SEN2 facts (``PersonDetails``, a request's source details and challenges, ``PlanDetails``)
    /// beside each case's own, and the placements of its plan. A person is the set of requests that
    /// share a `personId`; a case with none is its own person (every case of an earlier version).
    /// Nothing here moves a deadline, so no stale-deadline trigger watches it.
    private static func addReturnDetails(_ db: Database) throws {
        let flag = "INTEGER NOT NULL DEFAULT 0 CHECK (%@ IN (0, 1))"
        let columns: [(String, String)] = [
            ("personId", "TEXT"),
            ("upn", "TEXT"),
            ("uln", "TEXT"),
            ("upnUnknown", "TEXT " + vocabulary("upnUnknown", UPNUnknownReason.allCases.map(\.rawValue))),
            ("sex", "TEXT " + vocabulary("sex", Sex.allCases.map(\.rawValue))),
            ("ethnicity", "TEXT"),
            ("postcode", "TEXT"),
            ("youthAccommodation", flag),
            ("challenges", "TEXT NOT NULL DEFAULT '[]'"),
            ("exportedToAnotherLA", flag),
            ("transferredFromLA", "TEXT"),
            ("primaryNeed", "TEXT " + vocabulary("primaryNeed", SENType.allCases.map(\.rawValue))),
            ("secondaryNeed", "TEXT " + vocabulary("secondaryNeed", SENType.allCases.map(\.rawValue))),
            ("planResidential", "TEXT " + vocabulary("planResidential", Residential.allCases.map(\.rawValue))),
            ("planWorkBased", flag),
            ("personalBudget", "TEXT NOT NULL DEFAULT '[]'"),
            ("ceaseReason", "INTEGER CHECK (ceaseReason BETWEEN 1 AND 9)"),
            ("planReportedWeek20", "INTEGER CHECK (planReportedWeek20 IN (0, 1))"),
        ]
        for (name, type) in columns {
            try db.execute(sql: "ALTER TABLE cases ADD COLUMN \(name) " + type.replacingOccurrences(of: "%@", with: name))
        }
        try db.execute(sql: """
            CREATE INDEX cases_personId ON cases(personId) WHERE personId IS NOT NULL;
            CREATE INDEX cases_upn ON cases(upn) WHERE upn IS NOT NULL;
            CREATE TABLE placements (
                caseId TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                urn TEXT,
                ukprn TEXT,
                setting TEXT \(vocabulary("setting", SENSetting.allCases.map(\.rawValue))),
                settingOther TEXT CHECK (settingOther IS NULL OR setting IS NOT NULL),
                rank INTEGER NOT NULL CHECK (rank IN (1, 2)),
                namedInPlan INTEGER NOT NULL CHECK (namedInPlan IN (0, 1)),
                senUnit INTEGER NOT NULL CHECK (senUnit IN (0, 1)),
                resourcedProvision INTEGER NOT NULL CHECK (resourcedProvision IN (0, 1)),
                entry TEXT,
                leaving TEXT,
                CHECK ((urn IS NOT NULL) + (ukprn IS NOT NULL) + (setting IS NOT NULL) = 1),
                PRIMARY KEY (caseId, position)
            ) WITHOUT ROWID;
            """)
    }

    /// Each case's deadlines beside its facts (``StoredDeadlines``), the settings they were computed
    /// under, and a stamp per case that any change to the case's facts, by any writer, removes.
    private static func createStoredDeadlines(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE deadlines (
                caseId TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                key TEXT NOT NULL,
                kind TEXT NOT NULL,
                due TEXT NOT NULL,
                met TEXT,
                switchedOff INTEGER NOT NULL CHECK (switchedOff IN (0, 1)),
                PRIMARY KEY (caseId, position)
            ) WITHOUT ROWID;
            CREATE INDEX deadlines_open ON deadlines(due) WHERE met IS NULL AND switchedOff = 0;
            CREATE TABLE deadlineStamps (
                caseId TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            CREATE TABLE deadlineSettings (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                counting TEXT NOT NULL,
                reviewPeriod TEXT NOT NULL,
                phaseDeadline TEXT NOT NULL);
            """)
        for (table, column) in [("cases", "id"), ("advice", "caseId"), ("exceptions", "caseId"), ("reviews", "caseId")] {
            try staleDeadlineTriggers(on: table, column: column, db)
        }
    }

    /// Triggers that forget the stamp of a case whose rows in `table` anyone inserts, updates or deletes.
    private static func staleDeadlineTriggers(on table: String, column: String, _ db: Database) throws {
        for (event, row) in [("INSERT", "NEW"), ("UPDATE", "OLD"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
            let name = "\(table)_\(event.lowercased())_\(row.lowercased())_staleDeadlines"
            try db.execute(sql: """
                CREATE TRIGGER IF NOT EXISTS \(name) AFTER \(event) ON \(table)
                  BEGIN DELETE FROM deadlineStamps WHERE caseId = \(row).\(column); END;
                """)
        }
    }

    /// Links every existing entry into the hash chain (the one time entries are written to after
    /// the fact, with the append-only trigger lifted inside this migration's transaction), then adds
    /// a sealing entry holding the hash of every case's facts as they are now: cases generated
    /// before there was a chain are then checked by `verify` like any other.
    private static func sealAuditTrail(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE auditTrail ADD COLUMN caseVersion INTEGER;
            ALTER TABLE auditTrail ADD COLUMN hash TEXT;
            DROP TRIGGER auditTrail_noUpdate;
            """)
        var previous = try AuditChain.genesis(db)
        var links: [(Int64, String)] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditChain.Content.columns) FROM auditTrail ORDER BY id")
        while let row = try rows.next() {
            let content = AuditChain.Content(row)
            previous = AuditChain.hash(previous: previous, content)
            links.append((content.id, previous))
        }
        for (id, hash) in links {
            try db.execute(sql: "UPDATE auditTrail SET hash = ? WHERE id = ?", arguments: [hash, id])
        }
        try db.execute(sql: """
            CREATE TRIGGER auditTrail_noUpdate BEFORE UPDATE ON auditTrail
            BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
            """)
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0 > 0 else { return }
        var hashes: [(String, JSONValue)] = []
        try CaseStream(db, matching: .all).forEachChunk(of: 512) { chunk in
            for ehcCase in chunk { hashes.append((ehcCase.id, .string(AuditChain.factsHash(ehcCase)))) }
        }
        try AuditTrail.record(db, user: "ehcdesk", caseID: nil, action: "generate",
                              summary: "audit trail sealed: the cases as they were when the hash chain began",
                              beforeJSON: nil, afterJSON: .object(hashes))
    }

    /// The members of a team served over SSH: each signs in with their own key to a forced
    /// `ehcdesk session NAME`; `displayName` is the name the audit trail and screens give them.
    private static func createMembers(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE members (
                name TEXT PRIMARY KEY,
                displayName TEXT NOT NULL,
                role TEXT NOT NULL \(vocabulary("role", ["viewer", "auditor", "caseworker", "lead", "admin"])),
                team TEXT,
                publicKey TEXT NOT NULL,
                added TEXT NOT NULL
            ) WITHOUT ROWID;
            """)
    }

    private static func vocabulary(_ column: String, _ words: [String]) -> String {
        "CHECK (\(column) IN (" + words.map { "'\($0)'" }.joined(separator: ", ") + "))"
    }

    private static func createCaseTables(_ db: Database) throws {
        // Dates are ISO `YYYY-MM-DD` text: they sort correctly and stay readable in sqlite3.
        try db.execute(sql: """
            CREATE TABLE cases (
                id TEXT PRIMARY KEY NOT NULL,
                givenName TEXT NOT NULL,
                familyName TEXT NOT NULL,
                dateOfBirth TEXT NOT NULL,
                setting TEXT,
                caseworker TEXT NOT NULL,
                requestDate TEXT NOT NULL,
                requestSource TEXT NOT NULL \(vocabulary("requestSource", ["parent", "youngPerson", "school", "health", "socialCare", "other"])),
                decisionToAssessDate TEXT,
                decisionToAssessOutcome TEXT \(vocabulary("decisionToAssessOutcome", ["assess", "notAssess"])),
                decisionToIssueDate TEXT,
                decisionToIssueOutcome TEXT \(vocabulary("decisionToIssueOutcome", ["issue", "notIssue"])),
                draftPlanIssued TEXT,
                finalPlanIssued TEXT,
                phaseTransferKind TEXT \(vocabulary("phaseTransferKind", ["school", "postSixteen"])),
                phaseTransferYear INTEGER,
                phaseTransferAmendedPlanIssued TEXT,
                closedDate TEXT,
                closedReason TEXT,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK ((decisionToAssessDate IS NULL) = (decisionToAssessOutcome IS NULL)),
                CHECK ((decisionToIssueDate IS NULL) = (decisionToIssueOutcome IS NULL)),
                CHECK ((phaseTransferKind IS NULL) = (phaseTransferYear IS NULL)),
                CHECK ((closedDate IS NULL) = (closedReason IS NULL))
            );
            CREATE INDEX cases_caseworker ON cases(caseworker);
            CREATE INDEX cases_finalPlanIssued ON cases(finalPlanIssued);

            CREATE TABLE advice (
                caseId TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                agency TEXT NOT NULL \(vocabulary("agency", ["educationalPsychology", "health", "socialCare", "education", "parentViews", "childViews", "other"])),
                detail TEXT,
                requested TEXT NOT NULL,
                received TEXT,
                chased TEXT NOT NULL DEFAULT '[]',
                PRIMARY KEY (caseId, position)
            ) WITHOUT ROWID;

            CREATE TABLE exceptions (
                caseId TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                ground TEXT NOT NULL \(vocabulary("ground", ["schoolClosure", "earlyYearsClosure", "personalCircumstances", "absence", "missedAppointment"])),
                appliesTo TEXT NOT NULL,
                fromDate TEXT NOT NULL,
                toDate TEXT,
                note TEXT,
                parentInformed TEXT,
                PRIMARY KEY (caseId, position)
            ) WITHOUT ROWID;

            CREATE TABLE reviews (
                caseId TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                meetingDate TEXT NOT NULL,
                reportSent TEXT,
                decisionDate TEXT,
                decision TEXT \(vocabulary("decision", ["maintain", "amend", "cease"])),
                amendedPlanIssued TEXT,
                PRIMARY KEY (caseId, position)
            ) WITHOUT ROWID;
            """)
    }

    private static func createAuditTrail(_ db: Database) throws {
        // The trail is append-only: SQLite itself refuses to change or remove an entry.
        try db.execute(sql: """
            CREATE TABLE auditTrail (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                user TEXT NOT NULL,
                caseId TEXT,
                action TEXT NOT NULL,
                summary TEXT NOT NULL,
                before TEXT,
                after TEXT
            );
            CREATE INDEX auditTrail_caseId ON auditTrail(caseId);
            CREATE TRIGGER auditTrail_noUpdate BEFORE UPDATE ON auditTrail
            BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
            CREATE TRIGGER auditTrail_noDelete BEFORE DELETE ON auditTrail
            BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be deleted from'); END;
            """)
    }

    /// Audits keep their case's reference without a foreign key: a case row is replaced on update,
    /// and the evidence of an audit must never go with it.
    private static func createPlanAudits(_ db: Database) throws {
        let grades = ["outstanding", "good", "requiresImprovement", "inadequate"]
        try db.execute(sql: """
            CREATE TABLE planAudits (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                caseId TEXT NOT NULL,
                templateId TEXT NOT NULL,
                auditor TEXT NOT NULL,
                started TEXT NOT NULL,
                finished TEXT,
                grade TEXT \(vocabulary("grade", grades)),
                score REAL,
                moderator TEXT,
                moderated TEXT,
                moderatedGrade TEXT \(vocabulary("moderatedGrade", grades)),
                moderationNote TEXT,
                CHECK ((finished IS NULL) = (grade IS NULL)),
                CHECK ((moderator IS NULL) = (moderatedGrade IS NULL))
            );
            CREATE INDEX planAudits_caseId ON planAudits(caseId);

            CREATE TABLE planAuditAnswers (
                auditId INTEGER NOT NULL REFERENCES planAudits(id) ON DELETE CASCADE,
                questionId TEXT NOT NULL,
                position INTEGER NOT NULL,
                answer TEXT NOT NULL,
                comment TEXT,
                PRIMARY KEY (auditId, questionId)
            ) WITHOUT ROWID;
            """)
    }
}
