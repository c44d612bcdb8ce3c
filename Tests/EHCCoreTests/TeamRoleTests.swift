import Testing
@testable import EHCCore

/// Issue 15: the role table and the parsing of a command typed after `ssh ehcdesk@server`.
@Suite("Team roles and remote commands")
struct TeamRoleTests {
    @Test("each role may do what docs/team.md says, and no more")
    func roleTable() {
        let expected: [Role: Set<TeamAction>] = [
            .viewer: [.readCaseload],
            .auditor: [.readCaseload, .auditPlans],
            .caseworker: [.readCaseload, .recordOnOwnCases],
            .lead: [.readCaseload, .recordOnOwnCases, .recordOnTeamCases, .reassignCases],
            .admin: Set(TeamAction.allCases),
        ]
        for role in Role.allCases {
            #expect(Set(TeamAction.allCases.filter(role.allows)) == expected[role], "\(role)")
        }
        #expect(Role.table.count == TeamAction.allCases.count, "every action is in the table once")
    }

    @Test("a refusal names the roles that would allow the action and the member's own")
    func refusals() {
        let priya = Member(name: "priya", displayName: "Priya Mensah", role: .caseworker, team: "north")
        #expect(priya.refusal(for: .exportCaseload) == "Only an admin may export the whole caseload (you are a caseworker).")
        #expect(priya.refusal(for: .reassignCases) == "Only a lead or an admin may reassign cases (you are a caseworker).")
        #expect(priya.refusal(for: .readCaseload) == nil)
        let teams = ["Priya Mensah": "north", "Sam Lee": "north", "Ann Ode": "south"]
        #expect(priya.refusalToRecord(onCaseOf: "Priya Mensah", teamOf: { teams[$0] }, teamWide: false) == nil)
        #expect(priya.refusalToRecord(onCaseOf: "Sam Lee", teamOf: { teams[$0] }, teamWide: false)
            == "Only a lead or an admin may record on another caseworker's case (you are a caseworker).")
        #expect(priya.refusalToRecord(onCaseOf: "Sam Lee", teamOf: { teams[$0] }, teamWide: true) == nil)
        #expect(priya.refusalToRecord(onCaseOf: "Ann Ode", teamOf: { teams[$0] }, teamWide: true)?
            .hasPrefix("Only an admin may record on a case outside your team") == true)
        var lead = priya
        lead.role = .lead
        #expect(lead.refusalToRecord(onCaseOf: "Sam Lee", teamOf: { teams[$0] }, teamWide: false) == nil)
        #expect(lead.refusalToRecord(onCaseOf: "Ann Ode", teamOf: { teams[$0] }, teamWide: false) != nil)
        let viewer = Member(name: "vic", displayName: "Vic", role: .viewer, team: "north")
        #expect(viewer.refusalToRecord(onCaseOf: "Vic", teamOf: { teams[$0] }, teamWide: true)
            == "Only a caseworker, a lead or an admin may record on cases (you are a viewer).")
    }

    @Test("a typed command is split as a shell quotes words, and never run by one")
    func parsing() throws {
        #expect(try RemoteCommand(parsing: "report timeliness --from 2026-01-01 --to '2026-03-31'").arguments
            == ["report", "timeliness", "--from", "2026-01-01", "--to", "2026-03-31"])
        #expect(try RemoteCommand(parsing: #"edit EHC-1 --caseworker "Zoë O'Neill""#).arguments
            == ["edit", "EHC-1", "--caseworker", "Zoë O'Neill"])
        #expect(try RemoteCommand(parsing: "ehcdesk   overdue\t--format csv").arguments == ["overdue", "--format", "csv"])
        #expect(try RemoteCommand(parsing: "audit moderate 3 --grade good").action == .auditPlans)
        #expect(try RemoteCommand(parsing: "audit sample --from 2026-01-01 --to 2026-02-01").action == .readCaseload)
        #expect(try RemoteCommand(parsing: "edit EHC-1 --caseworker X").action == .reassignCases)
        #expect(try RemoteCommand(parsing: "overdue --format 'a;b'").arguments.last == "a;b", "quoted, a ; is only text")
    }

    @Test("shells, second commands, expansions and identity options are refused with the reason", arguments: [
        ("sh", "\"sh\" is not an ehcdesk command offered here"),
        ("overdue; sh", "\";\" is not allowed"),
        ("overdue && sh", "\"&\" is not allowed"),
        ("overdue `id`", "\"`\" is not allowed"),
        ("case $(id)", "\"$\" is not allowed"),
        ("overdue > /tmp/x", "\">\" is not allowed"),
        ("overdue\nsh", "is not allowed"),
        ("overdue 'unclosed", "a quote is left open"),
        ("", "no command given"),
        ("overdue --user=mallory", "--user cannot be given in a session"),
        ("overdue --db /tmp/x.sqlite", "--db cannot be given in a session"),
        ("settings --config /tmp/c.toml", "--config cannot be given in a session"),
        ("session bob", "\"session\" is not an ehcdesk command offered here"),
        ("demo", "\"demo\" is not an ehcdesk command offered here"),
    ])
    func refusedCommands(typed: String, reason: String) {
        #expect {
            try RemoteCommand(parsing: typed)
        } throws: { error in
            (error as? RemoteCommand.Refusal)?.description.contains(reason) == true
        }
    }
}
