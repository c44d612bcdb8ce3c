import Foundation
import Testing

/// Issue 15: a team on one server, through a real sshd, real keys and the forced command that
/// `team add` writes. Each scenario ends with `verify` run through a member's own session.
@Suite("A team over SSH", .serialized)
struct TeamOverSSHTests {
    /// Two caseworker names of the generated caseload, for members to be linked to their cases.
    static func caseworkers(_ server: TestSSHServer) throws -> [String] {
        try sqlite(server.database, "SELECT DISTINCT caseworker FROM cases ORDER BY caseworker LIMIT 2").map { $0[0] }
    }

    static func expectVerified(_ server: TestSSHServer, as key: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verified = try server.ssh(as: key, "verify")
        #expect(verified.code == 0 && verified.out.contains("the audit trail is intact"), "\(verified.err)",
                sourceLocation: sourceLocation)
    }

    @Test("two people with their own keys work as a team: each sees the other's change and is named in the trail whatever they pass")
    func twoPeopleOneTeam() throws {
        let server = try TestSSHServer()
        let names = try Self.caseworkers(server)
        try server.admin(["team", "add", "alice", "--role", "caseworker", "--key", try server.newKey("alice"),
                          "--display-name", names[0], "--team", "north"])
        try server.admin(["team", "add", "bob", "--role", "lead", "--key", try server.newKey("bob"),
                          "--display-name", names[1], "--team", "north"])
        // A case in the list's Active view (the view a session opens on): not closed, ended or ceased.
        let target = try sqliteValue(server.database, "SELECT id FROM cases WHERE caseworker = '\(names[1])' AND \(Self.active) ORDER BY id LIMIT 1")

        // Alice's screen, over ssh -t, starts on her own cases.
        let tmux = try TmuxSession(command: server.sshCommand(key: "alice", terminal: true), width: 140, height: 40)
        try tmux.waitFor(names[0])
        #expect(!(try tmux.screen()).contains(target))

        // Bob (a lead) reassigns one of his cases to Alice from his laptop, trying to pass as someone else first.
        let impostor = try server.ssh(as: "bob", "edit", target, "--caseworker", "'\(names[0])'", "--user", "mallory")
        #expect(impostor.code == 1 && impostor.err.contains("--user cannot be given in a session"))
        let reassigned = try server.ssh(as: "bob", "edit", target, "--caseworker", "'\(names[0])'")
        #expect(reassigned.code == 0, "\(reassigned.err)")

        // Alice sees it within 2 s, without pressing anything.
        try tmux.waitUntil(seconds: 2.5, "bob's reassignment on alice's screen") { $0.contains(target) }
        #expect(try sqlite(server.database, "SELECT user FROM auditTrail WHERE caseId = '\(target)' ORDER BY id DESC LIMIT 1")
            == [[names[1]]], "the audit trail names bob's display name")

        // Alice records on the case, now hers; the trail names her.
        try Self.record(closureOf: target, in: tmux, expecting: "Saved \(target)")
        #expect(try sqlite(server.database, "SELECT user, summary FROM auditTrail WHERE caseId = '\(target)' ORDER BY id DESC LIMIT 1")
            == [[names[0], "case closed on 2026-11-24: moved"]])

        // On a case still bob's, the screen refuses her and nothing is written.
        let other = try sqliteValue(server.database,
                                    "SELECT id FROM cases WHERE caseworker = '\(names[1])' AND \(Self.active) ORDER BY id LIMIT 1")
        let entries = try sqliteValue(server.database, "SELECT COUNT(*) FROM auditTrail")
        try tmux.press("m", thenSee: "· team")
        try Self.record(closureOf: other, in: tmux, expecting: "Only a lead or an admin may record on another caseworker's case")
        #expect(try sqliteValue(server.database, "SELECT COUNT(*) FROM auditTrail") == entries)
        #expect(try sqliteValue(server.database, "SELECT closedDate IS NULL FROM cases WHERE id = '\(other)'") == "1")
        // Opening an audit would save one at once: a caseworker is stopped before it is.
        try tmux.press("a", thenSee: "Only an auditor or an admin may audit plans")
        #expect(try sqliteValue(server.database, "SELECT COUNT(*) FROM planAudits") == "0")
        #expect(try sqliteValue(server.database, "SELECT COUNT(*) FROM auditTrail") == entries)
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")   // ssh ends with the session
        let history = try server.ssh(as: "alice", "history", target)
        #expect(history.code == 0 && history.out.contains(names[1]), "\(history.err)")
        try Self.expectVerified(server, as: "alice")
    }

    /// A case in the list's Active view (the view a session opens on): not closed, ended or ceased.
    static let active = """
        closedDate IS NULL AND decisionToAssessOutcome IS NOT 'notAssess' AND decisionToIssueOutcome IS NOT 'notIssue'
          AND id NOT IN (SELECT caseId FROM reviews WHERE decision = 'cease')
        """

    /// Filters the list to one case and records its closure ("moved") from the screen.
    static func record(closureOf reference: String, in tmux: TmuxSession, expecting message: String) throws {
        try tmux.send("/", "Escape", "/")   // any earlier filter cleared
        for character in reference { try tmux.send(String(character)) }
        try tmux.send("Enter")
        try tmux.waitUntil("\(reference)'s detail") { $0.components(separatedBy: reference).count >= 3 }
        try tmux.press("e", thenSee: "Record for")
        try tmux.press("z", thenSee: "Closed on")
        try tmux.send("Tab", "m", "o", "v", "e", "d")
        try tmux.press("Enter", thenSee: message)
        try tmux.send("Escape")
    }

    @Test("no shell, no second command, no other identity, nothing outside the role; refusals change nothing")
    func nothingOutsideTheRole() throws {
        let server = try TestSSHServer()
        try server.admin(["team", "add", "vic", "--role", "viewer", "--key", try server.newKey("vic")])
        let entries = try sqliteValue(server.database, "SELECT COUNT(*) FROM auditTrail")
        let refusals: [(String, String)] = [
            ("sh", "is not an ehcdesk command offered here"),
            ("scp -t /tmp", "is not an ehcdesk command offered here"),
            ("overdue; sh", "is not allowed"),
            ("overdue | sh", "is not allowed"),
            ("case $(id)", "is not allowed"),
            ("overdue --db /tmp/other.sqlite", "--db cannot be given"),
            ("overdue --config=/tmp/x.toml", "--config cannot be given"),
            ("export", "Only an admin may export the whole caseload (you are a viewer)"),
            ("import /tmp/x.json", "Only an admin may import cases"),
            ("backup /tmp/copy.sqlite", "Only an admin may back up"),
            ("team list", "Only an admin may change the team"),
            ("edit EHC-2024-00059 --caseworker Nobody", "Only a lead or an admin may reassign cases"),
            ("audit moderate", "Only an auditor or an admin may audit plans"),
        ]
        for (typed, message) in refusals {
            let result = try server.ssh(as: "vic", typed)
            #expect(result.code == 1 && result.err.contains(message), "\(typed): \(result.code) \(result.err)")
        }
        #expect(try sqliteValue(server.database, "SELECT COUNT(*) FROM auditTrail") == entries)
        let allowed = try server.ssh(as: "vic", "report timeliness --from 2025-01-01 --to '2025-12-31'")
        #expect(allowed.code == 0 && allowed.out.contains("within 20 wk"), "\(allowed.err)")
        let noTerminal = try server.ssh(as: "vic")
        #expect(noTerminal.code == 1 && noTerminal.err.contains("no terminal"))
        // The forced command itself, as sshd runs it: an identity from the environment is refused,
        // and a name that is not a member fails closed.
        let session = ["/usr/sbin/runuser", "-u", server.account, "--", server.binary, "session"]
        let base = ["HOME": server.home, "PATH": "/usr/bin:/bin", "SSH_ORIGINAL_COMMAND": "overdue"]
        let forged = try runProgram(session + ["vic"], environment: base.merging(["EHCDESK_USER": "Mallory"]) { $1 })
        #expect(forged.code == 1 && forged.err.contains("EHCDESK_USER cannot be set in a session"), "\(forged.err)")
        let stranger = try runProgram(session + ["nobody"], environment: base)
        #expect(stranger.code == 1 && stranger.err.contains("nobody is not a member of this team"), "\(stranger.err)")
        try Self.expectVerified(server, as: "vic")
    }

    @Test("a leaver is out at once, a rotated key replaces the old one, and bad input leaves the team and keys as they were")
    func leaversKeysAndBadInput() throws {
        let server = try TestSSHServer()
        try server.admin(["team", "add", "ann", "--role", "admin", "--key", try server.newKey("ann")])
        try server.admin(["team", "add", "leo", "--role", "caseworker", "--key", try server.newKey("leo")])
        #expect(try server.ssh(as: "leo", "overdue").code == 0)
        let keysFile = server.home + "/.ssh/authorized_keys"
        let before = try Data(contentsOf: URL(fileURLWithPath: keysFile))
        let members = try sqlite(server.database, "SELECT name, role, publicKey FROM members ORDER BY name")
        let bogus = server.folder + "/keys/bogus.pub"
        try Data("ssh-ed25519 not-base64!! x@y\n".utf8).write(to: URL(fileURLWithPath: bogus))
        chmod(bogus, 0o644)
        let refusals: [([String], String)] = [
            (["team", "add", "leo", "--role", "viewer", "--key", try server.newKey("leo2")], "already a member"),
            (["team", "add", "max", "--role", "boss", "--key", try server.newKey("max")], "\"boss\" is not a role"),
            (["team", "add", "max", "--role", "viewer", "--key", bogus], "the key's body is not base64"),
            (["team", "add", "Max Power", "--role", "viewer", "--key", server.folder + "/keys/max.pub"], "is not a member name"),
            (["team", "remove", "nobody"], "nobody is not a member"),
            (["team", "role", "leo", "overlord"], "\"overlord\" is not a role"),
        ]
        for (arguments, message) in refusals {
            let result = try server.admin(arguments, expecting: 1)
            #expect(result.err.contains(message), "\(arguments): \(result.err)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: keysFile)) == before)
        #expect(try sqlite(server.database, "SELECT name, role, publicKey FROM members ORDER BY name") == members)

        try server.admin(["team", "role", "leo", "lead"])
        #expect(try server.admin(["team", "list"]).out.split(separator: "\n").contains { $0.hasPrefix("leo ") && $0.contains("lead") })
        try server.admin(["team", "key", "leo", try server.newKey("leo-new")])
        #expect(try server.ssh(as: "leo", "overdue").code == 255, "the old key no longer opens a session")
        #expect(try server.ssh(as: "leo-new", "overdue").code == 0)
        try server.admin(["team", "remove", "leo"])
        let removed = try server.ssh(as: "leo-new", "overdue")
        #expect(removed.code == 255 && removed.err.contains("Permission denied"))
        let list = try server.admin(["team", "list"]).out
        #expect(list.contains("ann") && !list.contains("leo"))
        try Self.expectVerified(server, as: "ann")
    }

    @Test("verify, run over SSH, names an audit entry edited with sqlite3 and a case changed behind ehcdesk's back")
    func verifyCatchesTampering() throws {
        let server = try TestSSHServer()
        try server.admin(["team", "add", "ann", "--role", "admin", "--key", try server.newKey("ann")])
        try server.admin(["edit", "EHC-2024-00059", "--caseworker", "Claire Hollis", "--db", server.database])
        try Self.expectVerified(server, as: "ann")
        try sqlite(server.database, "UPDATE cases SET caseworker = 'Mallory' WHERE id = 'EHC-2024-00059'", changing: true)
        let changedCase = try server.ssh(as: "ann", "verify")
        #expect(changedCase.code == 1 && changedCase.err.contains("case EHC-2024-00059 was changed outside ehcdesk"),
                "\(changedCase.err)")
        try sqlite(server.database, "UPDATE cases SET caseworker = 'Claire Hollis' WHERE id = 'EHC-2024-00059'", changing: true)
        try Self.expectVerified(server, as: "ann")
        let last = try sqliteValue(server.database, "SELECT MAX(id) FROM auditTrail WHERE caseId = 'EHC-2024-00059'")
        try sqlite(server.database, """
            DROP TRIGGER auditTrail_noUpdate; UPDATE auditTrail SET user = 'someone else' WHERE id = \(last)
            """, changing: true)
        let edited = try server.ssh(as: "ann", "verify")
        #expect(edited.code == 1 && edited.err.contains("entry \(last) (")
                && edited.err.contains("case EHC-2024-00059) was changed or removed after it was written"), "\(edited.err)")
    }
}
