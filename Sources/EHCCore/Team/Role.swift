/// What a member of a team may do, by role: the one table ehcdesk consults, in a session over SSH,
/// before any command runs and before any change from the screen is saved (docs/team.md).
///
/// Roles widen one another: a lead may do all a caseworker may, an admin all a lead may. An auditor
/// reads like a viewer and audits plans.
///
/// ```swift
/// Role.viewer.allows(.readCaseload)        // true
/// Role.caseworker.allows(.recordOnTeamCases) // false: their own cases only, unless the team widens it
/// TeamAction.exportCaseload.roles           // [.admin]
/// ```
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    case viewer, auditor, caseworker, lead, admin

    /// The table itself: each action and the roles that may take it.
    public static let table: [(action: TeamAction, roles: Set<Role>)] = [
        (.readCaseload, [.viewer, .auditor, .caseworker, .lead, .admin]),
        (.auditPlans, [.auditor, .admin]),
        (.recordOnOwnCases, [.caseworker, .lead, .admin]),
        (.recordOnTeamCases, [.lead, .admin]),
        (.recordOnAnyCase, [.admin]),
        (.reassignCases, [.lead, .admin]),
        (.importCases, [.admin]),
        (.exportCaseload, [.admin]),
        (.backUpAndRestore, [.admin]),
        (.administerTeam, [.admin]),
    ]

    public func allows(_ action: TeamAction) -> Bool {
        action.roles.contains(self)
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// Something a member may or may not do; ``Role/table`` says who may.
public enum TeamAction: String, Sendable, Hashable, CaseIterable {
    /// The dashboard, reports, a case's detail and history, `verify`.
    case readCaseload
    /// Plan audits and their moderation.
    case auditPlans
    /// Events, advice and exceptions on cases whose caseworker is the member.
    case recordOnOwnCases
    /// The same on every case of the member's team (for a caseworker, when the team allows it).
    case recordOnTeamCases
    /// The same on any case at all.
    case recordOnAnyCase
    /// Changing a case's caseworker.
    case reassignCases
    case importCases
    /// `export` of the whole caseload.
    case exportCaseload
    case backUpAndRestore
    /// `team add`, `remove`, `role`, `key`.
    case administerTeam

    /// The roles that may take this action, least first.
    public var roles: [Role] {
        (Role.table.first { $0.action == self }?.roles ?? []).sorted()
    }

    /// How a refusal names it: "record on a case that is not yours".
    public var words: String {
        switch self {
        case .readCaseload: "read the caseload"
        case .auditPlans: "audit plans"
        case .recordOnOwnCases: "record on cases"
        case .recordOnTeamCases: "record on another caseworker's case"
        case .recordOnAnyCase: "record on a case outside your team"
        case .reassignCases: "reassign cases"
        case .importCases: "import cases"
        case .exportCaseload: "export the whole caseload"
        case .backUpAndRestore: "back up or restore the database"
        case .administerTeam: "change the team"
        }
    }
}

/// One person of the team, as the team table stores them.
///
/// ```swift
/// let priya = Member(name: "priya", displayName: "Priya Mensah", role: .caseworker, team: "north")
/// priya.refusal(for: .exportCaseload)   // "Only an admin may export the whole caseload (you are a caseworker)."
/// priya.refusal(for: .reassignCases)    // "Only a lead or an admin may reassign cases (you are a caseworker)."
/// ```
public struct Member: Sendable, Hashable {
    /// The account name in `session NAME`: letters, digits, `.`, `_`, `-`.
    public var name: String
    /// The name the audit trail and screens give them, and the `caseworker` of their cases.
    public var displayName: String
    public var role: Role
    public var team: String?

    public init(name: String, displayName: String, role: Role, team: String?) {
        self.name = name
        self.displayName = displayName
        self.role = role
        self.team = team
    }

    /// Why the member may not take `action`, or `nil` when they may.
    public func refusal(for action: TeamAction) -> String? {
        guard !role.allows(action) else { return nil }
        let names = action.roles.map { article($0.rawValue) }
        let list = names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        return "Only \(list) may \(action.words) (you are \(article(role.rawValue)))."
    }

    /// Why the member may not record on a case whose caseworker is `caseworker`, or `nil` when they
    /// may: their own case; a case of their team for a lead (or a caseworker, when `teamWide`); any
    /// case for an admin. `teamOf` gives the team of a caseworker by display name.
    public func refusalToRecord(onCaseOf caseworker: String, teamOf: (String) -> String?, teamWide: Bool) -> String? {
        if let refused = refusal(for: .recordOnOwnCases) { return refused }
        if caseworker == displayName || role.allows(.recordOnAnyCase) { return nil }
        let sameTeam = team != nil && teamOf(caseworker) == team
        if sameTeam && (role.allows(.recordOnTeamCases) || teamWide) { return nil }
        if sameTeam { return refusal(for: .recordOnTeamCases) }
        return "Only an admin may \(TeamAction.recordOnAnyCase.words) (this case is \(caseworker)'s; you are \(article(role.rawValue)))."
    }

    private func article(_ word: String) -> String {
        (word.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + word
    }
}
