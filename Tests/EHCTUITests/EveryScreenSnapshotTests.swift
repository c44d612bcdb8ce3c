import EHCCore
import EHCStore
import Foundation
import Testing
@testable import EHCTUI

/// Every screen of the stack at the two sizes the issue names: the snapshot, `? help` in the
/// footer, and no status word cut.
@Suite("Every screen at 80×24 and 200×50")
struct EveryScreenSnapshotTests {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 200, height: 50)]

    /// The state with the screen `name` on top, at `size`.
    static func state(_ name: String, size: TerminalSize) -> AppState {
        switch name {
        case "case-list":
            return Fixtures.loadedState(width: size.width, height: size.height)
        case "case-detail":
            var state = Fixtures.loadedState(width: size.width, height: size.height)
            _ = reduce(&state, .openDetail)
            return state
        case "reviews":
            return ReviewsFixtures.openState(width: size.width, height: size.height)
        case "who-owes":
            return OwedFixtures.openState(width: size.width, height: size.height)
        case "data-quality":
            return QualityFixtures.openState(width: size.width, height: size.height)
        case "dashboard", "drill-down":
            var (state, _) = DashboardReducerTests().opened()
            _ = reduce(&state, .resize(size))
            if name == "drill-down" {
                _ = reduce(&state, .moveDown)
                _ = reduce(&state, .moveDown)
                _ = reduce(&state, .drillDown)
            }
            return state
        case "audit":
            var state = Fixtures.loadedState(width: size.width, height: size.height)
            _ = reduce(&state, .auditLoaded(AuditSessionTests().newSession()))
            return state
        default:
            var state = Fixtures.loadedState(width: size.width, height: size.height)
            _ = reduce(&state, .openAuditQueue(AuditQueue(title: "2 plans", caseIDs: ["EHC-2025-00005", "EHC-2025-00001"])))
            _ = reduce(&state, .auditQueueLoaded([
                .init(caseID: "EHC-2025-00005", childName: "Sam Example", caseworker: "A. Okafor",
                      planIssued: CalendarDate("2024-06-03"), progress: .done, grade: .requiresImprovement),
                .init(caseID: "EHC-2025-00001", childName: "Zoë Müller", caseworker: "A. Okafor", planIssued: nil,
                      progress: .toDo),
            ]))
            return state
        }
    }

    static let screens = ["case-list", "case-detail", "dashboard", "drill-down", "reviews", "who-owes", "data-quality",
                          "audit", "audit-queue"]

    @Test("the snapshot of each screen", arguments: screens)
    func snapshot(name: String) throws {
        for size in Self.sizes {
            try assertSnapshot(Screen.render(Self.state(name, size: size)), named: "screen-\(name)-\(size.width)x\(size.height)")
        }
    }

    @Test("the footer ends in ? help on every screen, at both sizes", arguments: screens)
    func helpInFooter(name: String) {
        for size in Self.sizes {
            let state = Self.state(name, size: size)
            let footer = Screen.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[size.height - 1]
            #expect(footer.trimmingCharacters(in: .whitespaces).hasSuffix("? help"), "\(name) \(size): \(footer)")
        }
    }

    @Test("no status word is cut on any screen, at either size", arguments: screens)
    func noStatusCut(name: String) throws {
        let cut = try Regex(#"(OVERDUE|excepted|due|over|pending|met|held|booked)( \d+d?)?…"#)
        for size in Self.sizes {
            let text = Screen.render(Self.state(name, size: size)).text
            #expect(text.firstMatch(of: cut) == nil, "\(name) \(size)")
        }
    }
}
