import EHCCore

/// A user intent or a data result: the only way the ``AppState`` changes (through ``reduce(_:_:)``).
///
/// Movement acts on the focused pane: `moveDown` moves the selection in the list and scrolls
/// the detail pane when that has focus.
///
/// ```swift
/// let effects = reduce(&state, .moveDown)   // [.loadDetail(caseID: "EHC-2025-00002")]
/// ```
public enum Action: Sendable, Hashable {
    case moveDown, moveUp, pageDown, pageUp, moveToFirst, moveToLast
    /// Focus the detail pane of the selected case.
    case openDetail
    /// Focus the other pane.
    case switchPane
    /// Scroll the detail to its next or previous section (now, deadlines, timeline, events…).
    case nextSection, previousSection
    /// Close what is on top: an overlay, else the top screen (the case list stays).
    case back
    case showHelp
    /// Show the messages of this session, newest last.
    case showMessages
    /// A key with no meaning where it was pressed: the message line says so.
    case unbound(Key)
    case resize(TerminalSize)
    /// The answer to ``Effect/loadDetail(caseID:)``.
    case detailLoaded(CaseDetail)
    /// Who else has the case open changed (presence, read as the screen ticks).
    case presenceChanged(caseID: String, names: [String])
    /// Show one triage view of the caseload.
    case showView(TriageView)
    /// The next list order (urgency, reference, child, caseworker, request date).
    case nextSortOrder
    /// Toggle between the caseworker's own cases and the whole team's.
    case toggleMine
    /// Start typing a filter (`/`).
    case startFilter
    /// Keep the filter and go back to the list.
    case finishFilter
    /// Drop the filter.
    case clearFilter
    /// A printable character typed into the filter or a form field.
    case type(Character)
    case deleteBackward
    /// Open the "record an event" menu for the selected case.
    case startRecording
    case chooseEvent(RecordableEvent)
    case nextField, previousField
    /// Check the form and, when it passes, ask for it to be saved.
    case submitForm
    /// Close the menu or form without writing anything.
    case cancelRecording
    /// Undo the last change saved in this session.
    case undo
    /// The answer to ``Effect/save(_:)`` when the change was written.
    case saved(SavedChange)
    /// The answer to ``Effect/save(_:)`` when the store refused it; `fresh` is the case as stored now.
    case saveRefused(message: String, fresh: CaseDetail?, summary: CaseSummary?)
    /// Time passed with no key: look for changes other processes made.
    case tick
    /// Other processes changed the caseload: the fresh summaries of every case.
    case caseloadChanged([CaseSummary])
    /// Open the team lead's dashboard (one key from the case screens).
    case openDashboard
    /// The answer to ``Effect/loadDashboard(_:)``.
    case dashboardLoaded(Dashboard)
    /// Move the dashboard's period by whole months.
    case shiftDashboardPeriod(months: Int)
    /// The next order of the by-caseworker table.
    case nextCaseworkerOrder
    /// List the cases behind the selected figure (`Esc` goes back to the dashboard).
    case drillDown
    /// Show or hide the audit summary pane of the dashboard.
    case toggleAuditSummary
    /// Start (or resume) a quality-assurance audit of the selected case's plan; with a finished
    /// audit and none in progress, ask first whether to read it or start another.
    case startAudit
    /// The answer to that question.
    case openAudit(AuditOpening)
    /// The answer to ``Effect/loadAudit(caseID:)``: the audit to show, or why there is none.
    case auditLoaded(AuditSession)
    case auditRefused(message: String)
    /// A key for the open audit (answer, move, comment, guidance, finish, close).
    case audit(AuditSession.Action)
    /// Open the reviews screen (read afresh each time).
    case openReviews
    /// The answer to ``Effect/loadReviews``: every plan in force, most urgent first.
    case reviewsLoaded([PlanReviewRow])
    /// Show one slice of the reviews screen.
    case showReviewFilter(ReviewsScreen.Filter)
    /// The selected plan's case, on the list with its detail focused.
    case openReviewedCase
    /// Open "Who owes what" (every advice request owed, by agency).
    case openWhoOwes
    /// Open "Data quality" (every finding of the return's checks, by rule).
    case openDataQuality
    /// The answer to ``Effect/loadDataQuality``.
    case dataQualityLoaded(DataQualityScreen.Report)
    /// The selected finding's case, with the field and its fix said.
    case openFindingCase
    /// The answer to ``Effect/loadWhoOwes``, with the version each case was read at.
    case whoOwesLoaded(WhoOwesWhat, versions: [String: Int])
    /// Record the selected owed request as received, or chased, today.
    case markAdviceReceived, chaseAdvice
    /// Type why the advice is returned for more detail; Enter records it, Esc drops it.
    case startReturnNote, commitReturnNote, cancelReturnNote
    /// Go to the selected owed request's case on the list, its detail focused.
    case openOwedCase
    /// Show a sample of plans as a work queue (``AuditQueue``).
    case openAuditQueue(AuditQueue)
    /// The answer to ``Effect/loadAuditQueue(caseIDs:)``.
    case auditQueueLoaded([AuditQueue.Row])
    /// The selected queued plan's case, its detail focused (`a` audits it there).
    case openQueuedCase
    case quit
}

/// A side effect the reducer asks for, performed by the runtime, never by the reducer.
///
/// ```swift
/// for effect in reduce(&state, .moveDown) {
///     if case .loadDetail(let id) = effect { /* read the case from the store */ }
/// }
/// ```
public enum Effect: Sendable, Hashable {
    /// Read one case and its deadlines; answer with ``Action/detailLoaded(_:)``.
    /// Open an audit of the case's plan as `opening` says (its unfinished audit or a new one on
    /// the default template, a new one, or the last finished one to read); answer with
    /// ``Action/auditLoaded(_:)`` or ``Action/auditRefused(message:)``.
    case loadAudit(caseID: String, opening: AuditOpening)
    /// Store the audit as it now is, with this audit-trail summary, unless another session saved it
    /// since `expectedVersion`; answer ``AuditSession/Action/saved(version:)`` or ``AuditSession/Action/saveFailed(message:)``.
    case saveAudit(PlanAudit, summary: String, expectedVersion: Int)
    /// Compute the dashboard for a period over every case; answer with ``Action/dashboardLoaded(_:)``.
    case loadDashboard(Dashboard.Period)
    case loadDetail(caseID: String)
    /// Read every plan in force and compute its review row; answer with ``Action/reviewsLoaded(_:)``.
    case loadReviews
    /// Write one change of one case if nobody changed it since `expectedVersion`; answer with
    /// ``Action/saved(_:)`` or ``Action/saveRefused(message:fresh:summary:)``.
    case save(CaseEdit)
    /// Keep the view and the mine/team choice for the next start.
    case rememberPreferences(ScreenPreferences)
    /// Answer with ``Action/caseloadChanged(_:)`` if another process changed the database.
    case checkForChanges
    /// Read every advice request owed across the caseload; answer with ``Action/whoOwesLoaded(_:versions:)``.
    case loadWhoOwes
    /// Run the data-quality checks over the caseload; answer with ``Action/dataQualityLoaded(_:)``.
    case loadDataQuality
    /// Make one change to one advice request and save it like ``save(_:)``, with the same answers.
    case changeAdvice(AdviceChange)
    /// Read each sampled plan and whether its audit is done; answer with ``Action/auditQueueLoaded(_:)``.
    case loadAuditQueue(caseIDs: [String])
    /// Restore the terminal and leave.
    case quit
}

/// Which audit of a plan to open.
public enum AuditOpening: Sendable, Hashable {
    /// The unfinished audit, else a new one.
    case resumeOrStart
    /// A new audit, though finished ones exist.
    case startNew
    /// The last finished audit, to read its answers and grade (answers cannot change).
    case viewLastFinished
}

/// One change of one case to be saved: the facts after, the version they were edited from.
///
/// ```swift
/// Effect.save(CaseEdit(edited: sam, expectedVersion: 3, summary: "final plan issued on 2025-11-24"))
/// ```
public struct CaseEdit: Sendable, Hashable {
    public var edited: EHCCase
    public var expectedVersion: Int
    /// The audit-trail summary.
    public var summary: String
    /// The case before the change, which `u` puts back; `nil` when saving an undo.
    public var before: EHCCase?

    public init(edited: EHCCase, expectedVersion: Int, summary: String, before: EHCCase?) {
        self.edited = edited
        self.expectedVersion = expectedVersion
        self.summary = summary
        self.before = before
    }
}

/// A change the store has written: the case's fresh summary and detail, and what undoes it.
///
/// ```swift
/// .saved(SavedChange(summary: summary, detail: detail, edit: edit))
/// ```
public struct SavedChange: Sendable, Hashable {
    public var summary: CaseSummary
    /// The case as stored now, with its new version.
    public var detail: CaseDetail
    public var edit: CaseEdit

    public init(summary: CaseSummary, detail: CaseDetail, edit: CaseEdit) {
        self.summary = summary
        self.detail = detail
        self.edit = edit
    }
}

/// What the screen remembers between runs: the triage view and whose cases it shows.
///
/// ```swift
/// ScreenPreferences(view: .overdue, mineOnly: true, caseworker: "A. Okafor")
/// ```
public struct ScreenPreferences: Sendable, Hashable {
    public var view: TriageView
    public var mineOnly: Bool
    public var caseworker: String?

    public init(view: TriageView = .allOpen, mineOnly: Bool = false, caseworker: String? = nil) {
        self.view = view
        self.mineOnly = mineOnly
        self.caseworker = caseworker
    }
}
