import Crypto
import EHCCore
import Foundation
import GRDB

/// The audit trail's hash chain: each entry carries the SHA-256 of its own content and of the
/// entry before it, so an entry changed or removed with plain `sqlite3` (after dropping the
/// append-only triggers) no longer fits, and ``CaseStore/verify()`` names the first that does not.
///
/// The first entry's "previous" is a hash of the database identity, so a trail cannot be moved
/// into another caseload unnoticed. Every column is hashed in a fixed order, each prefixed by its
/// length, so no two different entries hash the same bytes.
///
/// ```swift
/// let report = try store.verify()
/// print(report.description)   // "the audit trail is intact: 3,001 entries …" or the first entry that does not fit
/// ```
enum AuditChain {
    struct Content {
        var id: Int64
        var at: String
        var user: String
        var caseID: String?
        var action: String
        var summary: String
        var before: String?
        var after: String?
        var caseVersion: Int?

        /// The columns an entry's content is read from, in the order ``init(_:)`` reads them.
        static let columns = "id, at, user, caseId, action, summary, before, after, caseVersion"
    }

    static func hash(previous: String, _ entry: Content) -> String {
        var hasher = SHA256()
        // Each field as its length (8 bytes) then its UTF-8 bytes, an absent one as length 2^64-1:
        // no two different entries give the same bytes, and nothing is escaped or copied.
        func add(_ text: String?) {
            var length = (text.map { UInt64($0.utf8.count) } ?? UInt64.max).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            guard var text else { return }
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        add(previous)
        add(String(entry.id))
        add(entry.at)
        add(entry.user)
        add(entry.caseID)
        add(entry.action)
        add(entry.summary)
        add(entry.before)
        add(entry.after)
        add(entry.caseVersion.map(String.init))
        return hex(hasher.finalize())
    }

    /// The "previous hash" of the first entry: the database's identity, hashed.
    static func genesis(_ db: Database) throws -> String {
        let identity = try String.fetchOne(db, sql: "SELECT identity FROM databaseIdentity") ?? ""
        return hex(SHA256.hash(data: Data(("ehcdesk audit trail of " + identity).utf8)))
    }

    /// The SHA-256 of a case's facts as the trail stores them, to compare a case with its last entry.
    static func factsHash(_ facts: String) -> String {
        hex(SHA256.hash(data: Data(facts.utf8)))
    }

    static func factsHash(_ ehcCase: EHCCase) -> String {
        factsHash(AuditTrail.facts(ehcCase))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension AuditChain.Content {
    /// An entry as read with ``columns`` (first) from the trail.
    init(_ row: Row) {
        self.init(id: row[0], at: row[1], user: row[2], caseID: row[3], action: row[4], summary: row[5],
                  before: row[6], after: row[7], caseVersion: row[8])
    }
}

/// What `ehcdesk verify` found: the trail checked link by link, then every case against its last entry.
public struct TrailVerification: Sendable, CustomStringConvertible {
    public var entries: Int
    public var cases: Int
    /// The hash of the last entry: written down (a backup log, a board paper), it pins the whole trail.
    public var head: String
    /// The first thing that does not fit, in words; `nil` when everything fits.
    public var problem: String?

    public var isIntact: Bool { problem == nil }

    public var description: String {
        if let problem { return problem }
        return "the audit trail is intact: \(entries.formatted()) \(entries == 1 ? "entry" : "entries"), chain head \(head); "
            + "every one of \(cases.formatted()) cases matches its last entry"
    }
}

extension CaseStore {
    /// Checks the hash chain of the whole audit trail, then that every case is as its last entry
    /// left it (its facts and its version); names the first entry or case that does not fit.
    public func verify() throws -> TrailVerification {
        try pool.read { db in
            var report = TrailVerification(entries: 0, cases: 0, head: "", problem: nil)
            var previous = try AuditChain.genesis(db)
            var previousID: Int64 = 0
            // Each case's last known state: the hash of its facts and its version (nil when deleted).
            var lastState: [String: (entry: Int64, facts: String?, version: Int?)] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditChain.Content.columns), hash FROM auditTrail ORDER BY id")
            while let row = try rows.next() {
                let entry = AuditChain.Content(row)
                let stored: String? = row[9]
                if entry.id != previousID + 1 {
                    report.problem = "entry \((previousID + 1).formatted()) was removed from the audit trail "
                        + "(the next is \(Self.describe(entry)))"
                    return report
                }
                guard stored == AuditChain.hash(previous: previous, entry) else {
                    report.problem = "entry \(Self.describe(entry)) was changed or removed after it was written"
                    return report
                }
                previous = stored ?? ""
                previousID = entry.id
                report.entries += 1
                Self.follow(entry, into: &lastState)
            }
            report.head = previous
            let cases = try Row.fetchCursor(db, sql: "SELECT id, version FROM cases ORDER BY id")
            var versions: [String: Int] = [:]
            while let row = try cases.next() { versions[row[0]] = row[1] }
            try CaseStream(db, matching: .all).forEachChunk(of: 512) { chunk in
                for ehcCase in chunk where report.problem == nil {
                    report.cases += 1
                    guard let state = lastState[ehcCase.id], let known = state.facts else {
                        report.problem = "case \(ehcCase.id) is not in the audit trail: it was added outside ehcdesk"
                        continue
                    }
                    if known != AuditChain.factsHash(ehcCase) {
                        report.problem = "case \(ehcCase.id) was changed outside ehcdesk after entry \(state.entry.formatted())"
                    } else if let version = state.version, versions[ehcCase.id] != version {
                        report.problem = "case \(ehcCase.id) has version \(versions[ehcCase.id] ?? 0) but its last entry "
                            + "(\(state.entry.formatted())) left version \(version): it was changed outside ehcdesk"
                    }
                }
            }
            if report.problem == nil, let gone = lastState.first(where: { $0.value.facts != nil && versions[$0.key] == nil }) {
                report.problem = "case \(gone.key) was removed outside ehcdesk after entry \(gone.value.entry.formatted())"
            }
            return report
        }
    }

    private static func describe(_ entry: AuditChain.Content) -> String {
        let day = entry.at.prefix(10)
        return "\(entry.id.formatted()) (\(day)\(entry.caseID.map { ", case \($0)" } ?? ""))"
    }

    /// What an entry says each case now is.
    private static func follow(_ entry: AuditChain.Content,
                               into state: inout [String: (entry: Int64, facts: String?, version: Int?)]) {
        switch entry.action {
        case "generate":
            // A generated batch carries the hash of each case's facts, by reference.
            guard let after = entry.after, case let .object(members)? = try? JSONValue.parse(Array(after.utf8)) else { return }
            for (id, value) in members { state[id] = (entry.id, value.string, 1) }
        case "insert", "update":
            guard let caseID = entry.caseID else { return }
            state[caseID] = (entry.id, entry.after.map(AuditChain.factsHash), entry.caseVersion)
        case "delete":
            guard let caseID = entry.caseID else { return }
            state[caseID] = (entry.id, nil, nil)
        default:
            return
        }
    }
}
