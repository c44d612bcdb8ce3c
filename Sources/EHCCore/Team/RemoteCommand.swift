/// The command a member typed after `ssh ehcdesk@server` (OpenSSH hands it over as
/// `SSH_ORIGINAL_COMMAND`), split into arguments the way a shell would quote them but never run by
/// one: nothing is expanded, and anything a shell would act on (`;`, `|`, `&`, `$`, backquotes,
/// redirections, a second line) is refused, so `report …; sh` cannot become two commands.
///
/// ```swift
/// try RemoteCommand(parsing: "report timeliness --from 2026-01-01 --to '2026-03-31'").arguments
/// // ["report", "timeliness", "--from", "2026-01-01", "--to", "2026-03-31"]
/// try RemoteCommand(parsing: "overdue; sh")   // throws: ";" is not allowed
/// ```
public struct RemoteCommand: Sendable, Equatable {
    public var arguments: [String]

    /// Why a typed command is refused before anything runs.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Options that would choose who is acting, or which database: a session decides those.
    public static let identityOptions: Set<String> = ["--user", "--db", "--config"]

    /// The ehcdesk commands a session offers, and what each needs; anything else (a shell, `scp`,
    /// `demo`, `bench`) is refused. `nil` in the second place means "decided by the subcommand".
    public static let offered: [String: TeamAction?] = [
        "case": .readCaseload, "overdue": .readCaseload, "report": .readCaseload, "history": .readCaseload,
        "verify": .readCaseload, "settings": .readCaseload, "audit": nil, "edit": .reassignCases,
        "export": .exportCaseload, "import": .importCases, "backup": .backUpAndRestore,
        "restore": .backUpAndRestore, "team": .administerTeam,
    ]

    public init(parsing text: String) throws(Refusal) {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                word.append(character)
                escaped = false
            } else if let open = quote {
                if character == open { quote = nil } else if character == "\\" && open == "\"" { escaped = true } else {
                    word.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else if ";|&$`<>(){}\n\r*?[]~#!".contains(character) {
                throw Refusal(description: "\"\(character)\" is not allowed in a command here: ehcdesk runs one "
                              + "ehcdesk command, never a shell")
            } else {
                word.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaped else { throw Refusal(description: "a quote is left open in the command") }
        if inWord { words.append(word) }
        if words.first == "ehcdesk" { words.removeFirst() }
        guard let name = words.first else { throw Refusal(description: "no command given") }
        guard Self.offered.keys.contains(name) else {
            throw Refusal(description: "\"\(name)\" is not an ehcdesk command offered here; try: "
                          + Self.offered.keys.sorted().joined(separator: ", "))
        }
        for argument in words {
            let option = String(argument.prefix { $0 != "=" })
            if Self.identityOptions.contains(option) {
                throw Refusal(description: "\(option) cannot be given in a session: the team's database, "
                              + "configuration and your name are fixed by your key")
            }
        }
        arguments = words
    }

    /// What running it needs: `audit moderate` audits, any other `audit` reads.
    public var action: TeamAction {
        guard let name = arguments.first else { return .administerTeam }
        if name == "audit" { return arguments.dropFirst().first == "moderate" ? .auditPlans : .readCaseload }
        return (Self.offered[name] ?? nil) ?? .administerTeam
    }
}
