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
/// let store = try CaseStore.open(path: "caseload.sqlite", access: .write)
/// try store.insert([ehcCase], by: "sam")
/// let everything = try store.allCases()
/// ```
public final class CaseStore: Sendable {
    public let path: String
    let pool: DatabasePool
    /// Set when the file can be read by its group or others: the caller should warn the user.
    public let readableByOthers: Bool

    /// Set when the database was opened read-only (a read command on a file or medium we cannot write).
    public let isReadOnly: Bool

    private init(path: String, pool: DatabasePool, readableByOthers: Bool, isReadOnly: Bool) {
        self.path = path
        self.pool = pool
        self.readableByOthers = readableByOthers
        self.isReadOnly = isReadOnly
    }

    /// What a command may do to the database file, decided by the command, never by accident.
    ///
    /// Only commands that write a caseload (`generate`, `import`, `demo`, `init`) may create one: a
    /// mistyped `--db` given to `overdue` is refused with its path instead of answering "0 overdue".
    public enum Access: Sendable {
        /// Create the database when the path is missing (mode 0600 in a 0700 folder).
        case create
        /// The database must exist; it is opened for reading and writing.
        case write
        /// The database must exist; when the file or its folder cannot be written it is opened read-only.
        case read
    }

    /// Opens and migrates the database at `path`, after checking that it is what it should be.
    ///
    /// Refused before anything is opened: a folder, FIFO, socket or device (``StoreError/notARegularFile(path:what:)``),
    /// a missing file unless `access` is `.create`, a file that is not an ehcdesk database, one from a
    /// newer ehcdesk, a damaged one (``StoreError/damaged(path:detail:)``).
    public static func open(path: String, access: Access) throws -> CaseStore {
        switch SafeFile.kind(at: path) {
        case let .other(what):
            throw StoreError.notARegularFile(path: path, what: what)
        case .missing:
            guard access == .create else { throw StoreError.noDatabase(path: path) }
            try createPrivateFile(at: path)
        case .regular(size: 0, _):
            // An empty file: one we or a racing ehcdesk just created, or a placeholder `touch`ed for us.
            guard access == .create else { throw StoreError.notAnEhcdeskDatabase(path: path) }
        case .regular:
            try checkIsEhcdeskDatabase(at: path)
        }
        let readOnly = !canWrite(path)
        if readOnly, access != .read { throw StoreError.readOnly(path: path, doing: "save changes to it") }
        let configuration = Configuration.ehcdesk(readonly: readOnly)
        let pool: DatabasePool
        do {
            pool = try retryingWhileBusy(path: path) {
                let pool = try DatabasePool(path: readOnly ? sqlitePath(forReading: path) : path, configuration: configuration)
                if readOnly {
                    guard try pool.read(Schema.migrator.hasCompletedMigrations) else {
                        throw StoreError.readOnly(path: path, doing: "bring it up to this version of ehcdesk")
                    }
                    return pool
                }
                try Schema.migrator.migrate(pool)
                // GRDB sets NORMAL, which can lose the last commits if the computer (not just ehcdesk)
                // crashes; FULL syncs the WAL at every commit, so a change reported saved stays saved.
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                return pool
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: path, doing: "open it")
        }
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o600
        return CaseStore(path: path, pool: pool, readableByOthers: mode & 0o044 != 0, isReadOnly: readOnly)
    }

    /// Whether this process can write the file and the folder its WAL side files live in.
    static func canWrite(_ path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return Glibc.access(path, W_OK) == 0 && Glibc.access(folder, W_OK) == 0
    }

    /// Runs `work` again while another process holds the database, with a growing pause, up to about a minute.
    ///
    /// SQLite's busy timeout already waits for a lock; this covers what it cannot (a lock held across the
    /// timeout, recovery after a crash), so a user never reads "database is locked".
    static func retryingWhileBusy<T>(path: String, _ work: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try work()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                attempt += 1
                guard attempt < 60 else { throw StoreError.busy(path: path) }
                usleep(UInt32(min(attempt, 20)) * 50_000)
            }
        }
    }

    /// One write transaction, begun IMMEDIATE so it takes the write lock up front, retried while busy.
    ///
    /// SQLite's own failures come back as the ``StoreError`` a user can act on ("the disk is full;
    /// nothing was changed", "read-only", "damaged"); the transaction was rolled back.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly(path: path, doing: "save changes") }
        do {
            return try Self.retryingWhileBusy(path: path) {
                try pool.writeWithoutTransaction { db in
                    var result: Swift.Result<T, any Error> = .failure(CancellationError())
                    try db.inTransaction(.immediate) {
                        result = .success(try updates(db))
                        return .commit
                    }
                    return try result.get()
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: path, doing: "save changes")
        }
    }

    static func createPrivateFile(at path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreate(path: path, reason: "the folder \(folder) cannot be created")
            }
        }
        // Exclusive and never through a symlink: a file that appeared meanwhile (another ehcdesk
        // creating the same database) is left to be checked like any existing file.
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST, case .regular = SafeFile.kind(at: path), !SafeFile.isSymlink(path) { return }
            throw StoreError.cannotCreate(path: path, reason: FileProblem.reason(errno))
        }
        fchmod(descriptor, 0o600)
        Glibc.close(descriptor)
    }

    /// Reads the file without changing it and refuses anything that is not an ehcdesk database we can open.
    static func checkIsEhcdeskDatabase(at path: String) throws {
        if case let .other(what) = SafeFile.kind(at: path) { throw StoreError.notARegularFile(path: path, what: what) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.cannotRead(path: path, reason: FileProblem.reason(errno))
        }
        let header = handle.readData(ofLength: 16)
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else { throw StoreError.notAnEhcdeskDatabase(path: path) }
        do {
            let (applicationID, superseded) = try readOnly(path) { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0, try Schema.migrator.hasBeenSuperseded(db))
            }
            guard applicationID == Schema.applicationID else { throw StoreError.notAnEhcdeskDatabase(path: path) }
            if superseded { throw StoreError.newerSchema(path: path) }
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_IOERR: throw StoreError.damaged(path: path, detail: error.message ?? "\(error)")
            case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
                throw StoreError.cannotRead(path: path, reason: error.message ?? "\(error)")
            default: throw StoreError.notAnEhcdeskDatabase(path: path)
            }
        }
    }

    /// Reads a database without opening it for writing, which would touch its file.
    static func readOnly<T>(_ path: String, _ read: (Database) throws -> T) throws -> T {
        return try retryingWhileBusy(path: path) {
            let queue = try DatabaseQueue(path: sqlitePath(forReading: path), configuration: .ehcdesk(readonly: true))
            defer { try? queue.close() }
            return try queue.read(read)
        }
    }

    /// The name SQLite should open to read `path` without writing anything beside it.
    ///
    /// A WAL database normally needs its `-shm` side file, which a reader who cannot write the
    /// folder cannot create (SQLite then says "attempt to write a readonly database"). When nobody
    /// is writing it (no `-wal` beside it) and we cannot write it, it is opened as an immutable
    /// URI: read as it is, with no side files. Otherwise the plain path.
    static func sqlitePath(forReading path: String) -> String {
        guard !canWrite(path), case .missing = SafeFile.kind(at: path + "-wal") else { return path }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Closes the database: its WAL is checkpointed into the file and removed, so the file alone holds everything.
    public func close() throws {
        try pool.close()
    }

    // MARK: Reading

    public func caseCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0 }
    }

    /// Every case with all its facts, ordered by reference.
    public func allCases() throws -> [EHCCase] {
        try pool.read { db in try CaseStream(db, matching: .all).all() }
    }

    /// Every case turned into something smaller, in reference order, without holding every whole case.
    ///
    /// The references are split into one range per core; each core reads its range from the same
    /// committed state, a chunk at a time, and transforms each chunk as soon as it is read, so only
    /// one chunk per core is whole cases at any moment and nothing crosses between threads but the
    /// results. This is how the list's summaries of 100,000 cases are ready in about 0.3 s on two cores.
    ///
    /// ```swift
    /// let summaries = try store.mapCases { $0.map { CaseSummary($0, calendar: calendar, today: today) } }
    /// ```
    public func mapCases<Result: Sendable>(_ transform: @escaping @Sendable ([EHCCase]) -> [Result]) throws -> [Result] {
        try foldCases(into: { [Result]() }) { results, cases in results.append(contentsOf: transform(cases)) }.flatMap { $0 }
    }

    /// Every case folded into one value per core (each started by `start`, in reference order of
    /// the ranges), read as ``mapCases(_:)`` reads them.
    private func foldCases<Part: Sendable>(into start: @escaping @Sendable () -> Part,
                                           _ fold: @escaping @Sendable (inout Part, [EHCCase]) -> Void) throws -> [Part] {
        try foldParts(read: { db, from, before, body in
            try CaseStream(db, matching: .references(from: from, before: before)).forEachChunk(of: 1_024, body)
        }, into: start, fold)
    }

    /// Every case as the catalogue of measures reads it for a period from `from` (``MeasureCase``),
    /// from the stored deadlines, folded into one value per core: nothing recomputed. When the
    /// stored deadlines cannot be made true for `settings` (``prepareStoredDeadlines(for:notice:progress:)``),
    /// the cases are measured from their facts instead and `notice` hears why.
    ///
    /// ```swift
    /// let tallies = try store.foldMeasureCases(settings: settings, today: today, from: from, into: { MeasureCatalogue.Tally() }) {
    ///     catalogue.add($1, from: from, to: to, today: today, to: &$0)
    /// }
    /// ```
    public func foldMeasureCases<Part: Sendable>(settings: Settings, today: CalendarDate, from: CalendarDate,
                                                 notice: (String) -> Void = { _ in },
                                                 into start: @escaping @Sendable () -> Part,
                                                 _ fold: @escaping @Sendable (inout Part, [MeasureCase]) -> Void) throws -> [Part] {
        let calendar = StatutoryCalendar(settings: settings)
        if let reason = try prepareStoredDeadlines(for: settings, notice: notice) {
            notice("ehcdesk: \(reason)")
            return try foldCases(into: start) { part, cases in
                fold(&part, cases.map { MeasureCase($0, calendar: calendar, today: today, from: from) })
            }
        }
        return try foldParts(read: { db, first, before, body in
            try MeasureStream(db, from: first, before: before, calendar: calendar, today: today, period: from)
                .forEachChunk(of: 1_024, body)
        }, into: start, fold)
    }

    /// The references split into one range per core (`from` included, `before` excluded, `nil` for an
    /// open end); each core reads its range with `read` from the same committed state and folds
    /// each chunk into its own value as soon as it is read.
    private func foldParts<Element, Part: Sendable>(
        read: @escaping @Sendable (Database, _ from: String?, _ before: String?, ([Element]) throws -> Void) throws -> Void,
        into start: @escaping @Sendable () -> Part, _ fold: @escaping @Sendable (inout Part, [Element]) -> Void) throws -> [Part] {
        let splits = try pool.read { db in try CaseRows.splitReferences(db, parts: ProcessInfo.processInfo.activeProcessorCount) }
        let bounds = [nil] + splits.map { Optional($0) } + [nil]
        let results = ChunkResults<Part>()
        let parts = DispatchGroup()
        // Every part starts its read from the writer's queue, so all of them see the same committed
        // state whatever other processes write meanwhile; the writer is held only until they have begun.
        pool.writeWithoutTransaction { _ in
            for part in 0..<(bounds.count - 1) {
                parts.enter()
                pool.asyncConcurrentRead { db in
                    defer { parts.leave() }
                    results.store(Swift.Result {
                        var value = start()
                        try read(try db.get(), bounds[part], bounds[part + 1]) { fold(&value, $0) }
                        return [value]
                    }, at: part)
                }
            }
        }
        parts.wait()
        return try results.joined()
    }

    /// Every case's version by reference (one indexed scan), for export.
    public func versions() throws -> [String: Int] {
        try pool.read { db in
            var versions: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, version FROM cases")
            while let row = try rows.next() { versions[row[0]] = row[1] }
            return versions
        }
    }

    /// Every case in reference order, `size` at a time, all from one committed state: how `export`
    /// writes 100,000 cases holding only one chunk of them.
    public func forEachCaseChunk(of size: Int, _ body: ([EHCCase]) throws -> Void) throws {
        try pool.read { db in try CaseStream(db, matching: .all).forEachChunk(of: size, body) }
    }

    /// One case by reference, with its version for optimistic concurrency.
    public func fetchCase(id: String) throws -> (ehcCase: EHCCase, version: Int)? {
        try pool.read { db in try CaseRows.stored(db, id: id) }
    }

    // MARK: Writing

    /// Inserts new cases in one transaction, each with an audit-trail entry; all or nothing.
    public func insert(_ cases: [EHCCase], by user: String, action: String = "insert") throws {
        try write { db in
            let calendar = try StoredDeadlines.calendar(db)
            for ehcCase in cases {
                guard try !CaseRows.exists(db, id: ehcCase.id) else { throw StoreError.duplicateCase(id: ehcCase.id) }
                try CaseRows.insert(ehcCase, calendar: calendar, db)
                try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: action,
                                      summary: "created", before: nil, after: ehcCase, version: 1)
            }
        }
    }

    /// Replaces the facts of an existing case if nobody saved it since `version`; returns the new version.
    @discardableResult
    public func update(_ ehcCase: EHCCase, expectedVersion: Int, by user: String, summary: String) throws -> Int {
        try write { db in
            guard let (current, version) = try CaseRows.stored(db, id: ehcCase.id) else {
                throw StoreError.caseNotFound(id: ehcCase.id)
            }
            guard version == expectedVersion else {
                throw StoreError.staleEdit(id: ehcCase.id, expectedVersion: expectedVersion, actualVersion: version)
            }
            try CaseRows.replace(ehcCase, version: version + 1, calendar: try StoredDeadlines.calendar(db), db)
            try AuditTrail.record(db, user: user, caseID: ehcCase.id, action: "update", summary: summary,
                                  before: current, after: ehcCase, version: version + 1)
            return version + 1
        }
    }

    /// Writes many generated cases quickly: one transaction, one audit entry for the batch, which
    /// holds the hash of each case's facts so `verify` can check every case against it.
    ///
    /// Foreign-key enforcement is off while it runs (SQLite's advice for a bulk load; ~6 % of the
    /// time at 100,000 cases): every case row is written just before its own child rows, so no
    /// child row can lack its case. It is back on when this returns, whatever happened.
    public func insertGenerated(_ cases: some Sequence<EHCCase>, by user: String, summary: String) throws -> Int {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = OFF") }
        defer { try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = ON") } }
        return try write { db in
            var hashes: [(String, JSONValue)] = []
            let calendar = try StoredDeadlines.calendar(db)
            // Every case is written with its deadlines and stamp: the stale-deadline triggers step aside.
            try StoredDeadlines.withoutStaleTriggers(db) {
                for ehcCase in cases {
                    try CaseRows.insert(ehcCase, calendar: calendar, db)
                    hashes.append((ehcCase.id, .string(AuditChain.factsHash(ehcCase))))
                }
            }
            try AuditTrail.record(db, user: user, caseID: nil, action: "generate", summary: summary,
                                  beforeJSON: nil, afterJSON: .object(hashes))
            return hashes.count
        }
    }

    /// Removes a case if nobody saved it since `version`; the audit trail keeps its last facts.
    public func delete(id: String, expectedVersion: Int, by user: String, summary: String) throws {
        try write { db in
            guard let (current, version) = try CaseRows.stored(db, id: id) else { throw StoreError.caseNotFound(id: id) }
            guard version == expectedVersion else {
                throw StoreError.staleEdit(id: id, expectedVersion: expectedVersion, actualVersion: version)
            }
            try db.execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [id])
            try AuditTrail.record(db, user: user, caseID: id, action: "delete", summary: summary,
                                  before: current, after: nil)
        }
    }

    /// Every audit-trail entry about one case, oldest first.
    public func history(of caseID: String) throws -> [AuditEntry] {
        try pool.read { db in try AuditTrail.entries(db, caseID: caseID) }
    }
}

extension Configuration {
    /// How ehcdesk opens every connection: a 10 s busy timeout, foreign keys enforced, and SQLite's
    /// temporary files (statement journals, sorts, temporary tables) kept in memory. SQLite would
    /// otherwise write them, a case's facts among them, into a shared folder such as `/var/tmp`,
    /// however briefly; and an import of 100,000 cases made over a million small writes to one.
    ///
    /// ```swift
    /// let queue = try DatabaseQueue(path: path, configuration: .ehcdesk(readonly: true))
    /// ```
    static func ehcdesk(readonly: Bool = false) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        return configuration
    }
}
