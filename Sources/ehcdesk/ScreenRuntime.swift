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
    /// The national figure the dashboard draws as a reference line, when configured.
    let nationalPercent: Double?
    /// In a team session, what the member may change; `nil` for a local user, who owns the file.
    let permissions: ScreenPermissions?
    /// The store's change mark when the summaries were last read.
    private var seenChanges: ChangeMark?
    /// This screen's presence: its session, the case its detail shows, whom it last showed there
    /// too, and when it last renewed its mark. Marks are written on a queue of their own, so a
    /// long write by someone else (an import) never holds up a key.
    private let session = UUID().uuidString
    private var openCase: String?
    private var shownPresence: [String] = []
    private var lastMark = Date.distantPast
    private let presenceQueue = DispatchQueue(label: "ehcdesk.presence")

    init(store: CaseStore, settings: Settings, today: CalendarDate, user: String, logger: Logger,
         preferencesPath: String, nationalPercent: Double? = nil, permissions: ScreenPermissions? = nil) {
        self.permissions = permissions
        self.store = store
        self.calendar = StatutoryCalendar(settings: settings)
        self.check = ConsistencyCheck(settings: settings)
        self.today = today
        self.user = user
        self.logger = logger
        self.preferencesPath = preferencesPath
        self.nationalPercent = nationalPercent
    }

    func loadSummaries() throws -> [CaseSummary] {
        seenChanges = try store.changeMark()
        let (calendar, today) = (calendar, today)
        return try store.mapCases { $0.map { CaseSummary($0, calendar: calendar, today: today) } }
    }

    func perform(_ effect: Effect) -> [Action] {
        do {
            switch effect {
            case .loadDetail(let id):
                markPresent(on: id)
                return try detail(of: id).map { [.detailLoaded($0.detail)] } ?? []
            case .save(let edit):
                return try save(edit)
            case .rememberPreferences(let preferences):
                try ScreenPreferencesFile.save(preferences, path: preferencesPath)
                return []
            case .checkForChanges:
                let presence = try presenceChanges()
                guard try store.changeMark() != seenChanges else { return presence }
                return [.caseloadChanged(try loadSummaries())] + presence
            case .loadDashboard(let period):
                // Tallied from the stored deadlines a chunk at a time on every core: the caseload is
                // never in memory whole, and no deadline is recomputed.
                let (settings, today) = (calendar.settings, today)
                let parts = try store.foldMeasureCases(settings: settings, today: today, from: period.from,
                                                       notice: { logger.notice("\($0)") }, into: { Dashboard.Part() }) {
                    $0.add($1, settings: settings, period: period, today: today)
                }
                let dashboard = Dashboard(parts: parts, settings: settings, period: period, today: today,
                                          nationalPercent: nationalPercent, audits: try store.planAudits())
                return [.dashboardLoaded(dashboard)]
            case .loadReviews:
                let (calendar, today) = (calendar, today)
                let rows = try store.mapCases { $0.compactMap { PlanReviewRow($0, calendar: calendar, today: today) } }
                return [.reviewsLoaded(PlanReviewRow.inUrgencyOrder(rows))]
            case .loadAuditQueue(let ids):
                let audits = Dictionary(grouping: try store.planAudits(), by: \.caseID)
                let rows: [AuditQueue.Row] = try ids.compactMap { id in
                    guard let (ehcCase, _) = try store.fetchCase(id: id) else { return nil }
                    let done = audits[id]?.last { $0.finished != nil }
                    let started = audits[id]?.contains { $0.finished == nil } ?? false
                    return AuditQueue.Row(caseID: id, childName: ehcCase.child.fullName, familyName: ehcCase.child.familyName,
                                          caseworker: ehcCase.caseworker,
                                          planIssued: ehcCase.finalPlanIssued,
                                          progress: started ? .inProgress : done != nil ? .done : .toDo,
                                          grade: started ? nil : done?.finalGrade)
                }
                return [.auditQueueLoaded(rows)]
            case let .loadAudit(id, opening):
                return try audit(of: id, opening: opening)
            case let .saveAudit(audit, summary, expectedVersion):
                if let refused = permissions?.member.refusal(for: .auditPlans) {
                    return [.audit(.saveFailed(message: "Not saved: \(refused)"))]
                }
                do {
                    let saved = try store.save(audit, by: user, summary: summary, expectedVersion: expectedVersion)
                    return [.audit(.saved(version: saved.version))]
                } catch {
                    logger.error("audit save failed: \(error)")
                    return [.audit(.saveFailed(message: "\(error)"))]
                }
            case .loadWhoOwes:
                let owed = try store.casesAwaitingAdvice()
                let report = WhoOwesWhat(cases: owed.map(\.ehcCase), calendar: calendar, today: today)
                return [.whoOwesLoaded(report, versions: Dictionary(owed.map { ($0.ehcCase.id, $0.version) },
                                                                    uniquingKeysWith: { first, _ in first }))]
            case .loadDataQuality:
                let census = SEN2Collection.censusToCheck(after: today)
                let findings = try store.dataQualityFindings(census: census, calendar: calendar)
                let names = try store.caseNames(Set(findings.compactMap(\.caseID)))
                let rows = findings.map { finding in
                    let name = finding.caseID.flatMap { names[$0] }
                    return DataQualityScreen.Row(
                        finding: finding, childName: name.map { $0.givenName + " " + $0.familyName } ?? "",
                        familyName: name?.familyName ?? "", caseworker: name?.caseworker ?? "")
                }
                return [.dataQualityLoaded(DataQualityScreen.Report(census: census, rows: rows))]
            case .changeAdvice(let change):
                return try changeAdvice(change)
            case .quit:
                markPresent(on: nil)
                presenceQueue.sync {}   // the goodbye is written before the process ends
                return []
            }
        } catch {
            logger.error("screen effect failed: \(error)")
            switch effect {
            case .save, .changeAdvice: return [.saveRefused(message: "Not saved: \(error)", fresh: nil, summary: nil)]
            default: return []
            }
        }
    }

    private func detail(of id: String) throws -> (detail: CaseDetail, summary: CaseSummary)? {
        guard let (ehcCase, version) = try store.fetchCase(id: id) else { return nil }
        let deadlines = calendar.deadlines(for: ehcCase, today: today)
        var detail = CaseDetail(
            ehcCase: ehcCase, deadlines: deadlines,
            checks: check.findings(for: ehcCase, today: today), version: version,
            exceptionRulings: calendar.exceptionRulings(for: ehcCase, today: today),
            forecast: BreachForecast.forecast(for: ehcCase, deadlines: deadlines, calendar: calendar, today: today))
        detail.alsoOpen = try store.othersPresent(on: id, except: session)
        detail.audits = try auditRecords(of: id)
        if id == openCase { shownPresence = detail.alsoOpen }
        return (detail, CaseSummary(ehcCase, calendar: calendar, today: today))
    }

    /// The plan's audits with their grading, for the detail (a template no longer installed grades nothing).
    private func auditRecords(of id: String) throws -> [AuditRecord] {
        let audits = try store.planAudits(caseID: id)
        guard !audits.isEmpty else { return [] }
        let templates = (try? AuditTemplateLibrary.load(environment: ProcessInfo.processInfo.environment)) ?? []
        return audits.map { audit in
            let template = templates.first { $0.id == audit.templateID }
            return AuditRecord(audit: audit, result: template.map { AuditGrading.grade(audit.answers, with: $0) },
                               questions: template?.questions.count ?? 0,
                               cap: template?.grading.limitingCap ?? .requiresImprovement)
        }
    }

    /// Marks the case this screen shows (nil: none), in the background.
    private func markPresent(on caseID: String?) {
        openCase = caseID
        lastMark = Date()
        let (store, session, user) = (store, session, user)
        let logger = logger
        presenceQueue.async {
            do { try store.markPresent(session: session, name: user, caseID: caseID) } catch {
                logger.warning("presence not marked: \(error)")
            }
        }
    }

    /// On each tick: the mark renewed while the case stays open, and who else has it open now, if that changed.
    private func presenceChanges() throws -> [Action] {
        guard let openCase else { return [] }
        if Date().timeIntervalSince(lastMark) >= Double(CaseStore.freshSeconds) / 3 { markPresent(on: openCase) }
        let others = try store.othersPresent(on: openCase, except: session)
        guard others != shownPresence else { return [] }
        shownPresence = others
        return [.presenceChanged(caseID: openCase, names: others)]
    }

    /// One transaction through the store; a case changed by someone else since it was shown is
    /// refused with who and when, and the fresh version is shown instead.
    private func save(_ edit: CaseEdit) throws -> [Action] {
        let id = edit.edited.id
        // The case as stored decides whose it is (a look-up only in a team session).
        if permissions != nil, let (stored, _) = try store.fetchCase(id: id),
           let refused = refusal(toRecordOnCaseOf: stored.caseworker) {
            return [.saveRefused(message: "Not saved: \(refused)", fresh: nil, summary: nil)]
        }
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

    /// Why this session's member may not record on a case of `caseworker`, or `nil` when they may
    /// (always, outside a team session).
    private func refusal(toRecordOnCaseOf caseworker: String) -> String? {
        guard let permissions else { return nil }
        return permissions.member.refusalToRecord(onCaseOf: caseworker, teamOf: { permissions.teamOf[$0] },
                                                  teamWide: permissions.teamWide)
    }

    /// One change to one advice request, made on the case as stored now and saved like any edit.
    private func changeAdvice(_ change: AdviceChange) throws -> [Action] {
        guard let (ehcCase, _) = try store.fetchCase(id: change.caseID) else {
            return [.saveRefused(message: "Not saved: \(change.caseID) no longer exists", fresh: nil, summary: nil)]
        }
        if let refused = refusal(toRecordOnCaseOf: ehcCase.caseworker) {
            return [.saveRefused(message: "Not saved: \(refused)", fresh: nil, summary: nil)]
        }
        do {
            return try save(try change.edit(of: ehcCase, check: check, today: today))
        } catch let refusal as FormRefusal {
            return [.saveRefused(message: "Not saved: " + refusal.message, fresh: nil, summary: nil)]
        }
    }

    /// Performs effects and the effects their answers cause until none are left (`.quit` aside):
    /// what the terminal loop does between frames, for `ehcdesk bench`.
    func settle(_ state: inout AppState, effects: [Effect]) {
        var pending = effects.filter { $0 != .quit }
        while !pending.isEmpty {
            for action in perform(pending.removeFirst()) { pending += reduce(&state, action).filter { $0 != .quit } }
        }
    }

    /// The audit `opening` asks for: the case's unfinished audit to resume, else a new one on the
    /// default template, saved at once so that quitting half-way loses nothing; or the last
    /// finished one, to read.
    private func audit(of id: String, opening: AuditOpening) throws -> [Action] {
        guard let (ehcCase, _) = try store.fetchCase(id: id) else { return [] }
        let templates = try AuditTemplateLibrary.load(environment: ProcessInfo.processInfo.environment)
        let stored = try store.planAudits(caseID: id)
        let fresh = PlanAudit(caseID: id, templateID: templates.first?.id ?? DefaultAuditTemplate.id, auditor: user, started: today)
        var audit: PlanAudit
        switch opening {
        case .viewLastFinished:
            guard let finished = stored.last(where: { $0.finished != nil }) else {
                return [.auditRefused(message: "\(id) has no finished audit to read")]
            }
            audit = finished
        case .startNew:
            audit = fresh
        case .resumeOrStart:
            audit = stored.last { $0.finished == nil } ?? fresh
        }
        // Opening an audit to answer saves it at once, so a member who may not audit is stopped here.
        if audit.finished == nil, let refused = permissions?.member.refusal(for: .auditPlans) {
            return [.auditRefused(message: refused)]
        }
        guard let template = templates.first(where: { $0.id == audit.templateID }) else {
            return [.auditRefused(message: "The audit of \(id) uses the template \(audit.templateID), which is not installed")]
        }
        if audit.id == nil { audit.id = try store.save(audit, by: user, summary: "audit started") }
        let version = try audit.id.map(store.auditVersion) ?? 1
        return [.auditLoaded(AuditSession(template: template, audit: audit, childName: ehcCase.child.fullName, today: today,
                                          storedVersion: version))]
    }
}

/// What the member of a team session may change from the screen (``Member`` and the role table).
struct ScreenPermissions {
    let member: Member
    /// Each member's team, by display name (the `caseworker` of their cases).
    let teamOf: [String: String]
    /// The team lets caseworkers record on all its cases.
    let teamWide: Bool
}
