import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk team …`: the members of a team served over SSH, run as the service account that owns
/// the database (docs/team.md). Each change is one transaction that also rewrites the account's
/// `~/.ssh/authorized_keys`, and is written in the audit trail.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "The members of a team served over SSH: init, add, list, remove, role, key.",
        subcommands: [Init.self, Add.self, List.self, Remove.self, ChangeRole.self, ChangeKey.self])

    /// The team database: the one `team init` recorded in the account's team file.
    static func database(_ global: GlobalOptions) throws -> String {
        if let file = try TeamFile.load(environment: global.environment) { return file.database }
        throw CommandFailure(description: "ehcdesk: this account serves no team yet; run: ehcdesk team init --db PATH")
    }

    /// The absolute path of this ehcdesk binary, for the forced command.
    static func executable() throws -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        guard path.hasPrefix("/"), !path.contains("\""), !path.contains(" ") else {
            throw CommandFailure(description: "ehcdesk: install ehcdesk at a path without spaces or quotes (it is \(path))")
        }
        return path
    }

    static func role(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text) else {
            throw CommandFailure(description: "ehcdesk: \"\(text)\" is not a role; the roles are "
                                 + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return role
    }

    static func key(_ file: String) throws -> String {
        guard case .regular = SafeFile.kind(at: file), let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw CommandFailure(description: "ehcdesk: \(file) cannot be read as a public key file")
        }
        do { return try PublicKey(parsing: text).line } catch {
            throw CommandFailure(description: "ehcdesk: \(file): \(error); nothing was changed")
        }
    }

    /// Applies `body` to the members as one team change; returns the store it used.
    @discardableResult
    static func change(_ global: GlobalOptions, summary: String,
                       _ body: (inout [Member], inout [String: String]) throws -> Void) throws -> CaseStore {
        let store = try CaseStore.open(path: try database(global), access: .write)
        try store.changeTeam(by: global.actingUser, summary: summary, executable: try executable(),
                             environment: global.environment, body)
        return store
    }

    static func existing(_ name: String, in members: [Member]) throws -> Int {
        guard let index = members.firstIndex(where: { $0.name == name }) else {
            throw CommandFailure(description: "ehcdesk: \(name) is not a member of this team; nothing was changed")
        }
        return index
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the team database if needed and record it as this account's team (team.toml, 0600).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Let caseworkers record on every case of their team, not only their own.")
        var caseworkersRecordOnTeamCases = false

        func run() throws {
            let path = URL(fileURLWithPath: global.databasePath).standardizedFileURL.path
            let store = try CaseStore.open(path: path, access: .create)
            try TeamFile(database: path, caseworkersRecordOnTeamCases: caseworkersRecordOnTeamCases)
                .save(environment: global.environment)
            print("team database \(path): \(try store.describe()); team file \(TeamFile.path(environment: global.environment))")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a member with their role and public key; writes their forced-command line into authorized_keys.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The member's account name in `session NAME` (a-z 0-9 . _ -).") var name: String
        @Option(help: "viewer, auditor, caseworker, lead or admin.") var role: String
        @Option(help: "The member's OpenSSH public key file (.pub).") var key: String
        @Option(help: "The member's team (leads record on their team's cases).") var team: String?
        @Option(name: .customLong("display-name"),
                help: "Their name in the audit trail and on cases' caseworker (default: NAME).") var displayName: String?

        func run() throws {
            guard CaseStore.isMemberName(name) else {
                throw CommandFailure(description: "ehcdesk: \"\(name)\" is not a member name: 1 to 32 of a-z, 0-9, "
                                     + "'.', '_' and '-', starting with a letter or digit; nothing was changed")
            }
            let role = try TeamCommand.role(role)
            let line = try TeamCommand.key(key)
            let shown = displayName ?? name
            guard !shown.isEmpty, shown.count <= 100, !shown.unicodeScalars.contains(where: CaseReference.isControl) else {
                throw CommandFailure(description: "ehcdesk: the display name must be 1 to 100 characters, no control characters")
            }
            let store = try TeamCommand.change(global, summary: "added \(name) (\(shown)) as \(role.rawValue)") { members, keys in
                if members.contains(where: { $0.name == name }) {
                    throw CommandFailure(description: "ehcdesk: \(name) is already a member; nothing was changed "
                                         + "(use team role or team key to change them)")
                }
                if let holder = keys.first(where: { $0.value == line }) {
                    throw CommandFailure(description: "ehcdesk: this key is already \(holder.key)'s; each member needs their own")
                }
                members.append(Member(name: name, displayName: shown, role: role, team: team))
                keys[name] = line
            }
            print("added \(name) (\(shown)) as \(role.rawValue); they connect with: ssh \(ProcessInfo.processInfo.environment["USER"] ?? "ehcdesk")@SERVER")
            let caseworkers = Set(try store.mapCases { $0.map(\.caseworker) })
            if !caseworkers.contains(shown) {
                let members = Set(try store.members().map(\.displayName))
                let unlinked = caseworkers.subtracting(members).sorted().prefix(8)
                HumanText.print("no case has the caseworker \"\(shown)\"; caseworkers with no member yet: "
                                + (unlinked.isEmpty ? "none" : unlinked.joined(separator: ", "))
                                + " (give --display-name exactly as on their cases to link them)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the members: name, display name, role, team.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let store = try CaseStore.open(path: try TeamCommand.database(global), access: .read)
            let members = try store.members()
            let widths = [8, 24, 10].enumerated().map { column, least in
                members.map { [$0.name, $0.displayName, $0.role.rawValue][column].count }.max().map { max($0, least) } ?? least
            }
            for member in members {
                let cells = [member.name, member.displayName, member.role.rawValue]
                HumanText.print(zip(cells, widths).map { $0.padding(toLength: $1 + 2, withPad: " ", startingAt: 0) }.joined()
                                + (member.team ?? "-"))
            }
            print("\(members.count) members")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a member: their key line goes at once.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String

        func run() throws {
            try TeamCommand.change(global, summary: "removed \(name)") { members, keys in
                members.remove(at: try TeamCommand.existing(name, in: members))
                keys[name] = nil
            }
            print("removed \(name); their key no longer opens a session")
        }
    }

    struct ChangeRole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Change a member's role.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Argument var role: String

        func run() throws {
            let role = try TeamCommand.role(role)
            try TeamCommand.change(global, summary: "\(name) is now \(role.rawValue)") { members, _ in
                members[try TeamCommand.existing(name, in: members)].role = role
            }
            print("\(name) is now \(role.rawValue)")
        }
    }

    struct ChangeKey: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "key", abstract: "Replace a member's public key (rotation).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Argument(help: "The new public key file (.pub).") var key: String

        func run() throws {
            let line = try TeamCommand.key(key)
            try TeamCommand.change(global, summary: "new key for \(name)") { members, keys in
                _ = try TeamCommand.existing(name, in: members)
                keys[name] = line
            }
            print("\(name)'s key replaced; the old one no longer opens a session")
        }
    }
}

/// `ehcdesk session NAME`: what a member's key runs (the forced command in `authorized_keys`).
///
/// With a terminal and no command, the TUI as NAME on the team database; with
/// `SSH_ORIGINAL_COMMAND`, that one ehcdesk command if NAME's role allows it. Who is acting and
/// which database are decided here, never by the person connecting.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "Serve one member over SSH (the forced command team add writes).",
        shouldDisplay: false)

    @Argument var name: String

    /// The variables a session sets for the command it runs; none may come from outside.
    static let identityVariables = ["EHCDESK_USER", "EHCDESK_DB", "EHCDESK_SESSION_MEMBER"]

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        for variable in Self.identityVariables where environment[variable] != nil {
            throw CommandFailure(description: "ehcdesk: \(variable) cannot be set in a session: your key decides who you are")
        }
        guard let team = try TeamFile.load(environment: environment) else {
            throw CommandFailure(description: "ehcdesk: this account serves no team; ask your administrator")
        }
        let store = try CaseStore.open(path: team.database, access: .read)
        guard let member = try store.member(named: name) else {
            throw CommandFailure(description: "ehcdesk: \(name) is not a member of this team; ask your administrator")
        }
        // The command opens the database itself; a second pool kept open here would pin an old
        // snapshot of the file for the whole session.
        try store.close()
        setenv("EHCDESK_DB", team.database, 1)
        setenv("EHCDESK_USER", member.displayName, 1)
        setenv("EHCDESK_SESSION_MEMBER", member.name, 1)
        // sshd passes no locale unless configured to: names such as Zoë need a UTF-8 one.
        let locale = environment["LC_ALL"] ?? environment["LC_CTYPE"] ?? environment["LANG"] ?? ""
        if !locale.uppercased().contains("UTF-8") && !locale.uppercased().contains("UTF8") { setenv("LC_ALL", "C.UTF-8", 1) }
        let typed = environment["SSH_ORIGINAL_COMMAND"] ?? ""
        var arguments = ["open"]
        if !typed.allSatisfy(\.isWhitespace) {
            let command: RemoteCommand
            do { command = try RemoteCommand(parsing: typed) } catch {
                throw CommandFailure(description: "ehcdesk: \(error.description); nothing was run")
            }
            if let refused = member.refusal(for: command.action) {
                throw CommandFailure(description: "ehcdesk: \(refused) Nothing was run.")
            }
            arguments = command.arguments
        } else if isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1 {
            throw CommandFailure(description: "ehcdesk: no terminal: connect with `ssh -t`, or give a command such as `overdue`")
        }
        var command = try EHCDesk.parseAsRoot(arguments)
        try command.run()
    }

    /// The member this process serves, when it runs inside a session; fails closed when the member
    /// has been removed since the session began.
    static func member(in store: CaseStore, environment: [String: String]) throws -> Member? {
        guard let name = environment["EHCDESK_SESSION_MEMBER"] else { return nil }
        guard let member = try store.member(named: name) else {
            throw CommandFailure(description: "ehcdesk: \(name) is no longer a member of this team")
        }
        return member
    }
}

/// `ehcdesk verify`: the audit trail's hash chain, and every case against its last entry.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit trail's hash chain and every case against it, and the stored deadlines against the facts.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore(.read)
        let report = try store.verify()
        guard report.isIntact else { throw CommandFailure(description: "ehcdesk: verify: \(report.description)") }
        print(report.description)
        // The deadlines kept beside the facts, recomputed from them under the settings they were stored with.
        let different = try store.storedDeadlineDifferences()
        guard different.isEmpty else {
            throw CommandFailure(description: "ehcdesk: verify: the stored deadlines of \(different.count) case"
                                 + "\(different.count == 1 ? "" : "s") differ from their facts (first \(different[0])); "
                                 + "any command that reads them recomputes them")
        }
        print("the stored deadlines match the facts")
    }
}
