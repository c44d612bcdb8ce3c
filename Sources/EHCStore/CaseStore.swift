import EHCCore
import Foundation
import Glibc
import GRDB

/// The caseload database: the single source of truth for every recorded fact.
///
/// One SQLite file in WAL mode, so several ehcdesk processes can read while one writes. Every
/// change is one transaction that also writes the audit trail. A file that is not an ehcdesk
/// database, or comes from a newer ehcdesk, is refused before anything is written to it.
///
/// ```swift
/// let store = try CaseStore.open(path: "caseload.sqlite")
/// try store.insert([ehcCase], by: "sam")
/// let everything = try store.allCases()
/// ```
public final class CaseStore: Sendable {
    public let path: String
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens (creating when missing, with mode 0600 in a 0700 folder) and migrates the database at `path`.
    public static func open(path: String) throws -> CaseStore {
        let fileManager = FileManager.default
        let isNew = !fileManager.fileExists(atPath: path) || ((try? fileManager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) == 0
        if isNew {
            try createPrivateFile(at: path)
        } else {
            try checkIsEhcdeskDatabase(at: path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotCreate(path: path, reason: error.message ?? "\(error)")
        }
        return CaseStore(path: path, pool: pool)
    }

    private static func createPrivateFile(at path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreate(path: path, reason: "the folder \(folder) cannot be created")
            }
        }
        let descriptor = Glibc.open(path, O_CREAT | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
    }

    /// Reads the file without changing it and refuses anything that is not an ehcdesk database we can open.
    private static func checkIsEhcdeskDatabase(at path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.cannotCreate(path: path, reason: "the file cannot be read")
        }
        let header = handle.readData(ofLength: 16)
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else { throw StoreError.notAnEhcdeskDatabase(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let (applicationID, superseded) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0, try Schema.migrator.hasBeenSuperseded(db))
            }
            try queue.close()
            guard applicationID == Schema.applicationID else { throw StoreError.notAnEhcdeskDatabase(path: path) }
            if superseded { throw StoreError.newerSchema(path: path) }
        } catch let error as DatabaseError {
            _ = error
            throw StoreError.notAnEhcdeskDatabase(path: path)
        }
    }

    // MARK: Reading

    public func caseCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0 }
    }

    /// Every case with all its facts, ordered by reference.
    public func allCases() throws -> [EHCCase] {
        try pool.read { db in try CaseRows.fetchCases(db, whereID: nil) }
    }

    /// One case by reference, with its version for optimistic concurrency.
    public func fetchCase(id: String) throws -> (ehcCase: EHCCase, version: Int)? {
        try pool.read { db in
            guard let ehcCase = try CaseRows.fetchCases(db, whereID: id).first,
                  let version = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE id = ?", arguments: [id])
            else { return nil }
            return (ehcCase, version)
        }
    }

    // MARK: Writing

    /// Inserts new cases in one transaction, each with an audit-trail entry; all or nothing.
    public func insert(_ cases: [EHCCase], by user: String, action: String = "insert") throws {
        try pool.write { db in
            for ehcCase in cases {
                guard try !CaseRows.exists(db, id: ehcCase.id) else { throw StoreError.duplicateCase(id: ehcCase.id) }
                try CaseRows.insert(ehcCase, db)
                try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: action,
                                      summary: "created", before: nil, after: ehcCase)
            }
        }
    }

    /// Replaces the facts of an existing case if nobody saved it since `version`; returns the new version.
    @discardableResult
    public func update(_ ehcCase: EHCCase, expectedVersion: Int, by user: String, summary: String) throws -> Int {
        try pool.write { db in
            guard let current = try CaseRows.fetchCases(db, whereID: ehcCase.id).first,
                  let version = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE id = ?", arguments: [ehcCase.id])
            else { throw StoreError.caseNotFound(id: ehcCase.id) }
            guard version == expectedVersion else {
                throw StoreError.staleEdit(id: ehcCase.id, expectedVersion: expectedVersion, actualVersion: version)
            }
            try CaseRows.replace(ehcCase, version: version + 1, db)
            try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: "update", summary: summary,
                                  before: current, after: ehcCase)
            return version + 1
        }
    }

    /// Writes many generated cases quickly: one transaction, one audit entry for the batch.
    public func insertGenerated(_ cases: some Sequence<EHCCase>, by user: String, summary: String) throws -> Int {
        try pool.write { db in
            var count = 0
            for ehcCase in cases {
                try CaseRows.insert(ehcCase, db)
                count += 1
            }
            try AuditTrail.record(db, user: user, caseID: nil, action: "generate", summary: summary, before: nil, after: nil)
            return count
        }
    }

    /// Every audit-trail entry about one case, oldest first.
    public func history(of caseID: String) throws -> [AuditEntry] {
        try pool.read { db in try AuditTrail.entries(db, caseID: caseID) }
    }
}
