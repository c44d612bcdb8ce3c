import EHCCore
import Foundation
import GRDB
import TOMLKit

/// Where a team's database is, and what the team allows: `team.toml` in the service account's
/// ehcdesk config folder (0600), written by `team init`, read by every `session`.
///
/// The members themselves are in the database (table `members`), the one source of truth, so
/// adding or removing someone is a transaction that the audit trail records like any change.
///
/// ```swift
/// let file = try TeamFile.load(environment: ProcessInfo.processInfo.environment)
/// file?.database                       // "/srv/ehcdesk/caseload.sqlite"
/// file?.caseworkersRecordOnTeamCases  // false: a caseworker records on their own cases only
/// ```
public struct TeamFile: Sendable, Equatable {
    public var database: String
    /// When true, a caseworker may record on every case of their team, not only their own.
    public var caseworkersRecordOnTeamCases = false

    public init(database: String, caseworkersRecordOnTeamCases: Bool = false) {
        self.database = database
        self.caseworkersRecordOnTeamCases = caseworkersRecordOnTeamCases
    }

    /// A problem with the team file, naming it.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `$XDG_CONFIG_HOME/ehcdesk/team.toml`, else `~/.config/ehcdesk/team.toml`.
    public static func path(environment: [String: String]) -> String {
        (EffectiveSettings.defaultConfigPath(environment: environment) as NSString).deletingLastPathComponent + "/team.toml"
    }

    /// The account's team file, or `nil` when this account serves no team.
    public static func load(environment: [String: String]) throws(Problem) -> TeamFile? {
        let path = path(environment: environment)
        switch SafeFile.kind(at: path) {
        case .missing: return nil
        case .regular: break
        case let .other(what): throw Problem(description: "\(path) is \(what), not a team file")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Problem(description: "\(path) cannot be read")
        }
        if let problem = TOMLPrecheck.firstProblem(in: text) {
            throw Problem(description: "\(path):\(problem.line): \(problem.reason)")
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch {
            throw Problem(description: "\(path): \(error)")
        }
        guard let database = table["database"]?.string, database.hasPrefix("/") else {
            throw Problem(description: "\(path): database = \"/absolute/path.sqlite\" is required")
        }
        return TeamFile(database: database,
                        caseworkersRecordOnTeamCases: table["caseworkersRecordOnTeamCases"]?.bool ?? false)
    }

    public func save(environment: [String: String]) throws {
        let table = TOMLTable()
        table["database"] = database
        table["caseworkersRecordOnTeamCases"] = caseworkersRecordOnTeamCases
        let text = "# ehcdesk team: written by `ehcdesk team init`\n" + table.convert() + "\n"
        try SafeFile.writePrivate(Data(text.utf8), to: Self.path(environment: environment))
    }
}

/// An OpenSSH public key as `authorized_keys` takes it: its type and base64 body, checked (the
/// body must decode and name the same type), its comment dropped.
///
/// ```swift
/// try PublicKey(parsing: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI… priya@laptop").line   // "ssh-ed25519 AAAAC3…"
/// try PublicKey(parsing: "-----BEGIN OPENSSH PRIVATE KEY-----")   // throws: a private key
/// ```
public struct PublicKey: Sendable, Equatable {
    public var type: String
    public var body: String
    public var line: String { type + " " + body }

    static let types: Set<String> = [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(parsing text: String) throws(Problem) {
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        if text.contains("PRIVATE KEY") {
            throw Problem(description: "this is a private key: give the member's .pub file, and keep the private key with them")
        }
        guard lines.count == 1, let line = lines.first else {
            throw Problem(description: "expected one public key line (\"ssh-ed25519 AAAA… comment\"), found \(lines.count) lines")
        }
        let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 2, Self.types.contains(parts[0]) else {
            throw Problem(description: "not an OpenSSH public key: it should start with one of "
                          + Self.types.sorted().joined(separator: ", "))
        }
        guard let blob = Data(base64Encoded: parts[1]), blob.count > 4 else {
            throw Problem(description: "the key's body is not base64")
        }
        let length = blob.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length == parts[0].utf8.count, blob.count >= 4 + length,
              String(decoding: blob.dropFirst(4).prefix(length), as: UTF8.self) == parts[0] else {
            throw Problem(description: "the key's body is not a \(parts[0]) key")
        }
        type = parts[0]
        body = parts[1]
    }
}

/// The service account's `~/.ssh/authorized_keys`: one line per member, each forcing
/// `ehcdesk session NAME` (`restrict` turns off forwarding of every kind; `pty` gives the TUI its
/// terminal), after every line ehcdesk did not write, kept as it was.
///
/// ```swift
/// AuthorizedKeys.text(keeping: "ssh-ed25519 AAAA… admin\n", members: [("priya", key)], executable: "/usr/local/bin/ehcdesk")
/// // "ssh-ed25519 AAAA… admin\ncommand=\"/usr/local/bin/ehcdesk session priya\",restrict,pty ssh-ed25519 AAAA… ehcdesk:priya\n"
/// ```
public enum AuthorizedKeys {
    /// The comment that marks a line as ehcdesk's.
    static let marker = " ehcdesk:"

    public static func path(environment: [String: String]) -> String {
        (environment["HOME"] ?? ".") + "/.ssh/authorized_keys"
    }

    public static func text(keeping existing: String, members: [(name: String, key: String)], executable: String) -> String {
        let kept = existing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.contains(marker) }
        var lines = kept
        while lines.last == "" { lines.removeLast() }
        for member in members {
            lines.append("command=\"\(executable) session \(member.name)\",restrict,pty \(member.key)\(marker)\(member.name)")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Rewrites the file from the members given, privately and in one step.
    static func write(members: [(name: String, key: String)], executable: String, environment: [String: String]) throws {
        let path = path(environment: environment)
        let existing: String
        switch SafeFile.kind(at: path) {
        case .missing: existing = ""
        case .regular(_, isSymlink: false):
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw TeamFile.Problem(description: "\(path) cannot be read")
            }
            existing = text
        case .regular: throw TeamFile.Problem(description: "\(path) is a symbolic link; ehcdesk will not write through it")
        case let .other(what): throw TeamFile.Problem(description: "\(path) is \(what), not an authorized_keys file")
        }
        try SafeFile.writePrivate(Data(text(keeping: existing, members: members, executable: executable).utf8), to: path)
    }
}

/// A change to the team, refused with its reason and nothing written.
public struct TeamProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

extension CaseStore {
    /// Every member, by name.
    public func members() throws -> [Member] {
        try pool.read { db in try Self.members(db) }
    }

    public func member(named name: String) throws -> Member? {
        try members().first { $0.name == name }
    }

    private static func members(_ db: Database) throws -> [Member] {
        try Row.fetchAll(db, sql: "SELECT name, displayName, role, team FROM members ORDER BY name").compactMap { row in
            guard let role = Role(rawValue: row[2]) else { return nil }
            return Member(name: row[0], displayName: row[1], role: role, team: row[3])
        }
    }

    /// A name `session NAME` and `authorized_keys` can carry: 1–32 of `a-z 0-9 . _ -`, starting alphanumeric.
    public static func isMemberName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 32,
              CharacterSet.lowercaseLetters.union(.decimalDigits).contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ("a"..."z" ~= $0 || "0"..."9" ~= $0 || "._-".unicodeScalars.contains($0)) }
    }

    /// Applies one change to the members in a transaction that also rewrites `authorized_keys`:
    /// if the file cannot be written, the change is rolled back, so the two never disagree.
    public func changeTeam(by user: String, summary: String, executable: String, environment: [String: String],
                           _ change: (inout [Member], inout [String: String]) throws -> Void) throws {
        try write { db in
            var members = try Self.members(db)
            var keys: [String: String] = [:]
            var added: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, publicKey, added FROM members") {
                keys[row[0]] = row[1]
                added[row[0]] = row[2]
            }
            try change(&members, &keys)
            try db.execute(sql: "DELETE FROM members")
            for member in members {
                try db.execute(sql: """
                    INSERT INTO members (name, displayName, role, team, publicKey, added)
                    VALUES (?, ?, ?, ?, ?, COALESCE(?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))
                    """, arguments: [member.name, member.displayName, member.role.rawValue, member.team,
                                     keys[member.name] ?? "", added[member.name]])
            }
            try AuditTrail.record(db, user: user, caseID: nil, action: "team", summary: summary, beforeJSON: nil,
                                  afterJSON: .array(members.map { .string("\($0.name) \($0.role.rawValue)") }))
            try AuthorizedKeys.write(members: members.map { ($0.name, keys[$0.name] ?? "") }, executable: executable,
                                     environment: environment)
        }
    }
}
