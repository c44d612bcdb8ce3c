import Foundation
import GRDB

/// Who has which case open on a screen, so a case's detail can say "also open: Priya Mensah"
/// before two people record on the same child at once.
///
/// Each screen is a session (a random id) that marks the case it shows, and marks it again every
/// few seconds while it stays open; a mark older than ``freshSeconds`` is somebody who has gone
/// (a dropped connection leaves no goodbye). Presence is not a change of any record: it is not in
/// the audit trail and does not make other screens reload.
///
/// ```swift
/// try store.markPresent(session: "a1", name: "Priya Mensah", caseID: "EHC-2025-00412", now: now)
/// try store.othersPresent(on: "EHC-2025-00412", except: "b2", now: now)   // ["Priya Mensah"]
/// ```
extension CaseStore {
    /// How long a mark counts without being renewed.
    public static let freshSeconds = 30

    /// Marks `caseID` as open in `session` (nil: the session shows no case, or has ended).
    public func markPresent(session: String, name: String, caseID: String?, now: Date = Date()) throws {
        try pool.writeWithoutTransaction { db in
            if let caseID {
                try db.execute(sql: """
                    INSERT INTO presence (session, name, caseId, seen) VALUES (?, ?, ?, ?)
                    ON CONFLICT(session) DO UPDATE SET name = excluded.name, caseId = excluded.caseId, seen = excluded.seen
                    """, arguments: [session, name, caseID, Int(now.timeIntervalSince1970)])
            } else {
                try db.execute(sql: "DELETE FROM presence WHERE session = ?", arguments: [session])
            }
            // Marks long gone are cleared by whoever writes next.
            try db.execute(sql: "DELETE FROM presence WHERE seen < ?",
                           arguments: [Int(now.timeIntervalSince1970) - 3_600])
        }
    }

    /// The names of the people with `caseID` open in other sessions, by name.
    public func othersPresent(on caseID: String, except session: String, now: Date = Date()) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT name FROM presence WHERE caseId = ? AND session != ? AND seen >= ? ORDER BY name
                """, arguments: [caseID, session, Int(now.timeIntervalSince1970) - Self.freshSeconds])
        }
    }
}
