import EHCCore
import EHCStore
import EHCTUI
import Foundation
import Logging

/// Performs the screen's effects against the store and the statutory engine and answers with
/// actions: reads, saves with optimistic concurrency, and noticing other processes' changes.
///
/// ```swift
/// let runtime = ScreenRuntime(store: store, settings: settings, today: today, user: "sam", logger: logger,
///                             preferencesPath: path)
/// runtime.perform(.loadDetail(caseID: "EHC-2025-00001"))   // [.detailLoaded(…)]
/// ```
final class ScreenRuntime {
    let store: CaseStore
    let calendar: StatutoryCalendar
    let check: ConsistencyCheck
    let today: CalendarDate
    let user: String
    let logger: Logger
    let preferencesPath: String
    /// The store's change mark when the summaries were last read.
    private var seenChanges: ChangeMark?

    init(store: CaseStore, settings: Settings, today: CalendarDate, user: String, logger: Logger,
         preferencesPath: String) {
        self.store = store
        self.calendar = StatutoryCalendar(settings: settings)
        self.check = ConsistencyCheck(settings: settings)
        self.today = today
        self.user = user
        self.logger = logger
        self.preferencesPath = preferencesPath
    }

    func loadSummaries() throws -> [CaseSummary] {
        seenChanges = try store.changeMark()
        return CaseSummary.summaries(of: try store.allCases(), calendar: calendar, today: today)
    }

    func perform(_ effect: Effect) -> [Action] {
        do {
            switch effect {
            case .loadDetail(let id):
                return try detail(of: id).map { [.detailLoaded($0.detail)] } ?? []
            case .save(let edit):
                return try save(edit)
            case .rememberPreferences(let preferences):
                try ScreenPreferencesFile.save(preferences, path: preferencesPath)
                return []
            case .checkForChanges:
                guard try store.changeMark() != seenChanges else { return [] }
                return [.caseloadChanged(try loadSummaries())]
            case .quit:
                return []
            }
        } catch {
            logger.error("screen effect failed: \(error)")
            if case .save = effect { return [.saveRefused(message: "Not saved: \(error)", fresh: nil, summary: nil)] }
            return []
        }
    }

    private func detail(of id: String) throws -> (detail: CaseDetail, summary: CaseSummary)? {
        guard let (ehcCase, version) = try store.fetchCase(id: id) else { return nil }
        let detail = CaseDetail(
            ehcCase: ehcCase, deadlines: calendar.deadlines(for: ehcCase, today: today),
            checks: check.findings(for: ehcCase, today: today), version: version,
            exceptionRulings: calendar.exceptionRulings(for: ehcCase, today: today))
        return (detail, CaseSummary(ehcCase, calendar: calendar, today: today))
    }

    /// One transaction through the store; a case changed by someone else since it was shown is
    /// refused with who and when, and the fresh version is shown instead.
    private func save(_ edit: CaseEdit) throws -> [Action] {
        let id = edit.edited.id
        do {
            try store.update(edit.edited, expectedVersion: edit.expectedVersion, by: user, summary: edit.summary)
        } catch StoreError.staleEdit {
            let last = try store.lastChange(of: id)
            let who = last.map { "changed by \($0.user) at \($0.at)" } ?? "changed by someone else"
            let fresh = try detail(of: id)
            return [.saveRefused(message: "Not saved: \(id) was \(who); showing the case as it is now",
                                 fresh: fresh?.detail, summary: fresh?.summary)]
        }
        seenChanges = (try? store.changeMark()) ?? seenChanges
        guard let fresh = try detail(of: id) else { return [] }
        return [.saved(SavedChange(summary: fresh.summary, detail: fresh.detail, edit: edit))]
    }

    /// Performs effects and the effects their answers cause until none are left (`.quit` aside):
    /// what the terminal loop does between frames, for `ehcdesk bench`.
    func settle(_ state: inout AppState, effects: [Effect]) {
        var pending = effects.filter { $0 != .quit }
        while !pending.isEmpty {
            for action in perform(pending.removeFirst()) { pending += reduce(&state, action).filter { $0 != .quit } }
        }
    }
}
