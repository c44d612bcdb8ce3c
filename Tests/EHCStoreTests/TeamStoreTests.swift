import EHCCore
import Foundation
import GRDB
import Testing
@testable import EHCStore

/// Issue 15: members, keys and `authorized_keys` kept together; the audit trail's hash chain.
@Suite("Team store and audit chain")
struct TeamStoreTests {
    static let ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJuTXLfko3Dl8HYU18MLQW2zPehLe98iplcjABxXxt1z"

    @Test("a public key is checked by its body, and a private key or a second line is refused")
    func publicKeys() throws {
        #expect(try PublicKey(parsing: Self.ed25519 + " priya@laptop\n").line == Self.ed25519)
        let refusals: [(String, String)] = [
            ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n-----END OPENSSH PRIVATE KEY-----\n", "private key"),
            ("ssh-ed25519 AAAA not base64!", "not base64"),
            ("ssh-rsa " + Self.ed25519.dropFirst(12), "is not a ssh-rsa key"),
            ("hello world", "not an OpenSSH public key"),
            (Self.ed25519 + "\n" + Self.ed25519, "found 2 lines"),
            ("", "found 0 lines"),
        ]
        for (text, reason) in refusals {
            #expect(throws: PublicKey.Problem.self, "\(text)") { try PublicKey(parsing: text) }
            do { _ = try PublicKey(parsing: text) } catch { #expect(error.description.contains(reason), "\(error)") }
        }
    }

    @Test("authorized_keys keeps every line ehcdesk did not write and has one forced command per member")
    func authorizedKeysText() {
        let existing = "# admin's own key\nssh-ed25519 AAAAadmin admin@desk\ncommand=\"/old/ehcdesk session gone\",restrict,pty ssh-ed25519 AAAAold ehcdesk:gone\n"
        let text = AuthorizedKeys.text(keeping: existing, members: [("priya", Self.ed25519)], executable: "/usr/local/bin/ehcdesk")
        #expect(text == "# admin's own key\nssh-ed25519 AAAAadmin admin@desk\n"
            + "command=\"/usr/local/bin/ehcdesk session priya\",restrict,pty \(Self.ed25519) ehcdesk:priya\n")
    }

    @Test("a team change that cannot write authorized_keys is rolled back: members and trail as they were")
    func rollbackWhenKeysCannotBeWritten() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        let environment = ["HOME": folder.path]
        try store.changeTeam(by: "admin", summary: "added priya", executable: "/bin/ehcdesk", environment: environment) { members, keys in
            members.append(Member(name: "priya", displayName: "Priya", role: .caseworker, team: nil))
            keys["priya"] = Self.ed25519
        }
        let keysFile = folder.path + "/.ssh/authorized_keys"
        #expect(try String(contentsOfFile: keysFile, encoding: .utf8).contains("session priya"))
        let entries = try store.changeMark().entries
        // A planted symlink where authorized_keys should be: ehcdesk refuses to write through it.
        try FileManager.default.removeItem(atPath: keysFile)
        try FileManager.default.createSymbolicLink(atPath: keysFile, withDestinationPath: folder.file("elsewhere"))
        #expect(throws: TeamFile.Problem.self) {
            try store.changeTeam(by: "admin", summary: "added sam", executable: "/bin/ehcdesk", environment: environment) { members, keys in
                members.append(Member(name: "sam", displayName: "Sam", role: .viewer, team: nil))
                keys["sam"] = Self.ed25519
            }
        }
        #expect(try store.members().map(\.name) == ["priya"])
        #expect(try store.changeMark().entries == entries)
        #expect(!FileManager.default.fileExists(atPath: folder.file("elsewhere")))
    }

    @Test("verify names the first entry changed, an entry removed, and a case changed without an entry")
    func verifyFindsTampering() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        _ = try store.insertGenerated((0..<20).map(CaseloadGenerator(seed: 2, today: CalendarDate("2026-11-24")!).makeCase),
                                      by: "gen", summary: "generated")
        let first = try #require(try store.mapCases { $0 }.first)
        var edited = try #require(try store.fetchCase(id: first.id))
        edited.ehcCase.caseworker = "Someone New"
        try store.update(edited.ehcCase, expectedVersion: edited.version, by: "alice", summary: "reassigned")
        edited.ehcCase.caseworker = "Someone Else"
        try store.update(edited.ehcCase, expectedVersion: edited.version + 1, by: "bob", summary: "reassigned again")
        #expect(try store.verify().isIntact)
        let id = edited.ehcCase.id
        let queue = try DatabaseQueue(path: folder.file("db.sqlite"))
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER auditTrail_noUpdate; DROP TRIGGER auditTrail_noDelete")
            try db.execute(sql: "UPDATE auditTrail SET user = 'mallory' WHERE id = 2")
        }
        #expect(try store.verify().problem?.hasPrefix("entry 2 (") == true)
        try queue.write { db in try db.execute(sql: "UPDATE auditTrail SET user = 'alice' WHERE id = 2") }
        #expect(try store.verify().isIntact)
        try queue.write { db in try db.execute(sql: "DELETE FROM auditTrail WHERE id = 2") }
        #expect(try store.verify().problem == "entry 2 was removed from the audit trail (the next is 3 (\(String(try #require(store.history(of: id).last).at.prefix(10))), case \(id)))")
        try queue.write { db in try db.execute(sql: "DELETE FROM auditTrail WHERE id = 3") }
        #expect(try store.verify().problem == "case \(id) was changed outside ehcdesk after entry 1")
        try queue.close()
    }

    @Test("a database from before the chain is linked and sealed when opened, and then verifies")
    func olderTrailIsSealed() throws {
        let folder = TemporaryFolder()
        let path = folder.file("old.sqlite")
        // A version-7 database: the schema up to v7, one case, one unchained entry.
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v7: plan audit versions")
        try queue.write { db in
            try insertBeforeReturnDetails(sampleCase(), db)
            try db.execute(sql: "INSERT INTO auditTrail (at, user, caseId, action, summary) VALUES ('2026-01-01T00:00:00Z', 'old', NULL, 'generate', 'old batch')")
        }
        try queue.close()
        let store = try CaseStore.open(path: path, access: .write)
        let report = try store.verify()
        #expect(report.isIntact, "\(report)")
        #expect(report.entries == 2 && report.cases == 1)
        #expect(try store.history(of: sampleCase().id).isEmpty)
    }
}
