import EHCCore

/// One binding of the keymap: which keys, in which contexts, do what, and how it is described.
///
/// ```swift
/// KeyBinding(id: "quit", keys: [.character("q")], action: .quit, label: "quit",
///            contexts: [.list, .detail], inFooter: true)
/// ```
public struct KeyBinding: Sendable, Hashable {
    /// Stable name, for tests and end-to-end steps that name actions rather than keys.
    public var id: String
    public var keys: [Key]
    public var action: Action
    /// A few words for help and the footer.
    public var label: String
    public var contexts: [KeyContext]
    /// Whether the footer hints at it (with its first key).
    public var inFooter: Bool

    public init(id: String, keys: [Key], action: Action, label: String, contexts: [KeyContext], inFooter: Bool) {
        self.id = id
        self.keys = keys
        self.action = action
        self.label = label
        self.contexts = contexts
        self.inFooter = inFooter
    }
}

/// The table of key bindings that drives dispatch, the footer hints and the `?` help alike,
/// so a key can never do one thing and be documented as another.
///
/// ```swift
/// let keymap = Keymap.standard
/// if let action = keymap.action(for: key, in: state.keyContext) {
///     effects = reduce(&state, action)
/// }
/// ```
public struct Keymap: Sendable, Hashable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The action bound to `key` in `context`. In help, any unbound key closes help; in the filter
    /// and forms, an unbound printable key is typed.
    public func action(for key: Key, in context: KeyContext) -> Action? {
        for binding in bindings where binding.contexts.contains(context) && binding.keys.contains(key) {
            return binding.action
        }
        if context.takesText, case .character(let character) = key { return .type(character) }
        return context == .help ? .closeHelp : nil
    }

    /// The bindings active in `context`, in table order.
    public func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.contexts.contains(context) }
    }

    /// The footer line for `context`: "j down  k up  … q quit".
    public func footerHints(in context: KeyContext) -> String {
        bindings(in: context).filter(\.inFooter).compactMap { binding in
            binding.keys.first.map { $0.label + " " + binding.label }
        }.joined(separator: "  ")
    }

    /// Every key bound to two different actions within one context (empty when the table is sound).
    public func conflicts() -> [(key: Key, context: KeyContext, actions: [Action])] {
        var result: [(key: Key, context: KeyContext, actions: [Action])] = []
        for context in KeyContext.allCases {
            var actionsByKey: [Key: [Action]] = [:]
            for binding in bindings(in: context) {
                for key in binding.keys { actionsByKey[key, default: []].append(binding.action) }
            }
            for (key, actions) in actionsByKey where actions.count > 1 {
                result.append((key: key, context: context, actions: actions))
            }
        }
        return result
    }

    /// The keys of ehcdesk: vim keys and arrows (and Emacs' C-n/C-p) both work.
    public static let standard = Keymap(bindings: [
        KeyBinding(id: "moveDown", keys: [.character("j"), .down, .control("n")], action: .moveDown,
                   label: "down", contexts: [.list, .detail, .dashboard, .reviews, .whoOwes], inFooter: true),
        KeyBinding(id: "moveUp", keys: [.character("k"), .up, .control("p")], action: .moveUp,
                   label: "up", contexts: [.list, .detail, .dashboard, .reviews, .whoOwes], inFooter: true),
        KeyBinding(id: "pageDown", keys: [.pageDown], action: .pageDown,
                   label: "page down", contexts: [.list, .detail, .reviews, .whoOwes], inFooter: false),
        KeyBinding(id: "pageUp", keys: [.pageUp], action: .pageUp,
                   label: "page up", contexts: [.list, .detail, .reviews, .whoOwes], inFooter: false),
        KeyBinding(id: "moveToFirst", keys: [.character("g"), .home], action: .moveToFirst,
                   label: "top", contexts: [.list, .detail, .reviews, .whoOwes], inFooter: true),
        KeyBinding(id: "moveToLast", keys: [.character("G"), .end], action: .moveToLast,
                   label: "end", contexts: [.list, .detail, .reviews, .whoOwes], inFooter: true),
        KeyBinding(id: "openDetail", keys: [.enter], action: .openDetail,
                   label: "detail", contexts: [.list], inFooter: true),
        KeyBinding(id: "switchPane", keys: [.tab, .backTab], action: .switchPane,
                   label: "other pane", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "backToList", keys: [.escape], action: .backToList,
                   label: "back to list", contexts: [.detail], inFooter: true),
        KeyBinding(id: "filter", keys: [.character("/")], action: .startFilter,
                   label: "filter", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "sort", keys: [.character("s")], action: .nextSortOrder,
                   label: "sort", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "mineOrTeam", keys: [.character("m")], action: .toggleMine,
                   label: "mine/team", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "record", keys: [.character("e")], action: .startRecording,
                   label: "record event", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "undo", keys: [.character("u")], action: .undo,
                   label: "undo", contexts: [.list, .detail, .whoOwes], inFooter: true),
        KeyBinding(id: "finishFilter", keys: [.enter, .down, .tab], action: .finishFilter,
                   label: "keep filter", contexts: [.filter], inFooter: true),
        KeyBinding(id: "clearFilter", keys: [.escape], action: .clearFilter,
                   label: "clear filter", contexts: [.filter], inFooter: true),
        KeyBinding(id: "deleteBackward", keys: [.backspace], action: .deleteBackward,
                   label: "delete", contexts: [.filter, .form, .auditComment, .returnNote], inFooter: false),
        KeyBinding(id: "nextField", keys: [.tab, .down], action: .nextField,
                   label: "next field", contexts: [.form], inFooter: true),
        KeyBinding(id: "previousField", keys: [.backTab, .up], action: .previousField,
                   label: "previous field", contexts: [.form], inFooter: true),
        KeyBinding(id: "submitForm", keys: [.enter], action: .submitForm,
                   label: "save", contexts: [.form], inFooter: true),
        KeyBinding(id: "cancelRecording", keys: [.escape], action: .cancelRecording,
                   label: "cancel", contexts: [.form, .eventMenu], inFooter: true),
        KeyBinding(id: "openDashboard", keys: [.character("d")], action: .openDashboard,
                   label: "dashboard", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "endDrillDown", keys: [.escape], action: .endDrillDown,
                   label: "back to dashboard", contexts: [.list], inFooter: false),
        KeyBinding(id: "drillDown", keys: [.enter], action: .drillDown,
                   label: "cases behind it", contexts: [.dashboard], inFooter: true),
        KeyBinding(id: "earlierPeriod", keys: [.character("["), .character("h")], action: .shiftDashboardPeriod(months: -1),
                   label: "month earlier", contexts: [.dashboard], inFooter: true),
        KeyBinding(id: "laterPeriod", keys: [.character("]"), .character("l")], action: .shiftDashboardPeriod(months: 1),
                   label: "month later", contexts: [.dashboard], inFooter: true),
        KeyBinding(id: "auditSummary", keys: [.character("A")], action: .toggleAuditSummary,
                   label: "audit summary", contexts: [.dashboard], inFooter: true),
        KeyBinding(id: "caseworkerOrder", keys: [.character("s")], action: .nextCaseworkerOrder,
                   label: "sort caseworkers", contexts: [.dashboard], inFooter: true),
        KeyBinding(id: "closeDashboard", keys: [.escape, .character("d")], action: .closeDashboard,
                   label: "back to cases", contexts: [.dashboard], inFooter: true),
        KeyBinding(id: "openReviews", keys: [.character("r")], action: .openReviews,
                   label: "reviews", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "openReviewedCase", keys: [.enter], action: .openReviewedCase,
                   label: "open the case", contexts: [.reviews], inFooter: true),
        KeyBinding(id: "closeReviews", keys: [.escape, .character("r")], action: .closeReviews,
                   label: "back to cases", contexts: [.reviews], inFooter: true),
        KeyBinding(id: "openWhoOwes", keys: [.character("w")], action: .openWhoOwes,
                   label: "who owes what", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "markAdviceReceived", keys: [.character("v")], action: .markAdviceReceived,
                   label: "received today", contexts: [.whoOwes], inFooter: true),
        KeyBinding(id: "chaseAdvice", keys: [.character("c")], action: .chaseAdvice,
                   label: "chased today", contexts: [.whoOwes], inFooter: true),
        KeyBinding(id: "returnAdvice", keys: [.character("x")], action: .startReturnNote,
                   label: "received, returned for more detail", contexts: [.whoOwes], inFooter: true),
        KeyBinding(id: "openOwedCase", keys: [.enter], action: .openOwedCase,
                   label: "open the case", contexts: [.whoOwes], inFooter: true),
        KeyBinding(id: "closeWhoOwes", keys: [.escape, .character("w")], action: .closeWhoOwes,
                   label: "back to cases", contexts: [.whoOwes], inFooter: true),
        KeyBinding(id: "commitReturnNote", keys: [.enter], action: .commitReturnNote,
                   label: "record the return", contexts: [.returnNote], inFooter: true),
        KeyBinding(id: "cancelReturnNote", keys: [.escape], action: .cancelReturnNote,
                   label: "cancel", contexts: [.returnNote], inFooter: true),
        KeyBinding(id: "startAudit", keys: [.character("a")], action: .startAudit,
                   label: "audit the plan", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "auditNext", keys: [.character("j"), .down], action: .audit(.moveDown),
                   label: "next question", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditPrevious", keys: [.character("k"), .up], action: .audit(.moveUp),
                   label: "previous question", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditYes", keys: [.character("y")], action: .audit(.answer(.yes)),
                   label: "yes", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditPartly", keys: [.character("p")], action: .audit(.answer(.partly)),
                   label: "partly", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditNo", keys: [.character("n")], action: .audit(.answer(.no)),
                   label: "no", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditNotApplicable", keys: [.character("-")], action: .audit(.answer(.notApplicable)),
                   label: "n/a", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditComment", keys: [.character("c")], action: .audit(.startComment),
                   label: "comment", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditGuidance", keys: [.character("?")], action: .audit(.toggleGuidance),
                   label: "guidance", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditRetrySave", keys: [.character("s")], action: .audit(.retrySave),
                   label: "save again", contexts: [.audit], inFooter: false),
        KeyBinding(id: "auditFinish", keys: [.character("f")], action: .audit(.finish),
                   label: "finish and grade", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditClose", keys: [.escape, .character("q")], action: .audit(.close),
                   label: "close (answers are saved)", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditKeepComment", keys: [.enter], action: .audit(.commitComment),
                   label: "keep comment", contexts: [.auditComment], inFooter: true),
        KeyBinding(id: "auditDropComment", keys: [.escape], action: .audit(.cancelComment),
                   label: "drop comment", contexts: [.auditComment], inFooter: true),
        KeyBinding(id: "showHelp", keys: [.character("?")], action: .showHelp,
                   label: "help", contexts: [.list, .detail, .dashboard, .reviews, .whoOwes], inFooter: true),
        KeyBinding(id: "closeHelp", keys: [.character("?"), .escape], action: .closeHelp,
                   label: "close help (or any key)", contexts: [.help], inFooter: true),
        KeyBinding(id: "quit", keys: [.character("q")], action: .quit,
                   label: "quit", contexts: [.list, .detail, .dashboard, .reviews, .whoOwes], inFooter: true),
    ] + TriageView.allCases.enumerated().map { index, view in
        KeyBinding(id: "view." + view.rawValue, keys: [.character(Character(String(index + 1)))],
                   action: .showView(view), label: "view " + view.shortTitle, contexts: [.list, .detail], inFooter: false)
    } + ReviewsScreen.Filter.allCases.enumerated().map { index, filter in
        KeyBinding(id: "reviews." + filter.rawValue, keys: [.character(Character(String(index + 1)))],
                   action: .showReviewFilter(filter), label: "show " + filter.title(cohort: nil),
                   contexts: [.reviews], inFooter: false)
    } + (1...4).map { grade in
        KeyBinding(id: "auditGrade\(grade)", keys: [.character(Character(String(grade)))],
                   action: .audit(.answer(.grade(grade))), label: "grade \(grade)", contexts: [.audit], inFooter: grade == 1)
    } + RecordableEvent.allCases.map { event in
        KeyBinding(id: "record." + event.rawValue, keys: [.character(event.key)], action: .chooseEvent(event),
                   label: event.title, contexts: [.eventMenu], inFooter: true)
    })
}
