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

    /// The action bound to `key` in `context`, `nil` when it has none there. In help and other
    /// overlays that close on any key, an unbound key closes them; in the filter and forms, an
    /// unbound printable key is typed.
    public func action(for key: Key, in context: KeyContext) -> Action? {
        for binding in bindings where binding.contexts.contains(context) && binding.keys.contains(key) {
            return binding.action
        }
        if context.takesText, case .character(let character) = key { return .type(character) }
        return context.closesOnAnyKey ? .back : nil
    }

    /// What `key` does in `context`: its action, or ``Action/unbound(_:)`` so the screen can say
    /// the key has no meaning there rather than swallow it.
    public func resolve(_ key: Key, in context: KeyContext) -> Action {
        action(for: key, in: context) ?? .unbound(key)
    }

    /// The bindings active in `context`, in table order.
    public func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.contexts.contains(context) }
    }

    /// The footer line for `context` within `width` cells: the screen's actions first in table
    /// order, movement last, as many as fit, and `? help` always (last) where help is bound.
    ///
    /// ```swift
    /// Keymap.standard.footerHints(in: .reviews, width: 80)   // "Enter open the case  / filter  … ? help"
    /// ```
    public func footerHints(in context: KeyContext, width: Int = .max) -> String {
        let shown = bindings(in: context).filter(\.inFooter)
        let help = shown.first { $0.action == .showHelp }
        let ordered = shown.filter { !$0.isMovement && $0 != help } + shown.filter { $0.isMovement && $0 != help }
        let helpHint = help.flatMap(Self.hint)
        var budget = width - (helpHint.map { CellWidth.of($0) + 2 } ?? 0)
        var hints: [String] = []
        for hint in ordered.compactMap(Self.hint) {
            let cost = CellWidth.of(hint) + (hints.isEmpty ? 0 : 2)
            guard cost <= budget else { break }
            hints.append(hint)
            budget -= cost
        }
        return (hints + [helpHint].compactMap { $0 }).joined(separator: "  ")
    }

    private static func hint(_ binding: KeyBinding) -> String? {
        binding.keys.first.map { $0.label + " " + binding.label }
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

    /// The keys of ehcdesk: vim keys and arrows (and Emacs' C-n/C-p) both work, and every list
    /// screen answers the same keys for moving, filtering, mine/team and sorting.
    public static let standard = Keymap(bindings: [
        KeyBinding(id: "openDetail", keys: [.enter], action: .openDetail,
                   label: "detail", contexts: [.list, .drillDown], inFooter: true),
        KeyBinding(id: "record", keys: [.character("e")], action: .startRecording,
                   label: "record event", contexts: caseScreens, inFooter: true),
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
        KeyBinding(id: "openReviewedCase", keys: [.enter], action: .openReviewedCase,
                   label: "open the case", contexts: [.reviews], inFooter: true),
        KeyBinding(id: "openQueuedCase", keys: [.enter], action: .openQueuedCase,
                   label: "open the case (a audits it)", contexts: [.auditQueue], inFooter: true),
        KeyBinding(id: "markAdviceReceived", keys: [.character("v")], action: .markAdviceReceived,
                   label: "received today", contexts: [.whoOwes], inFooter: true),
        KeyBinding(id: "chaseAdvice", keys: [.character("c")], action: .chaseAdvice,
                   label: "chased today", contexts: [.whoOwes], inFooter: true),
        KeyBinding(id: "returnAdvice", keys: [.character("x")], action: .startReturnNote,
                   label: "returned for more detail", contexts: [.whoOwes], inFooter: true),
        KeyBinding(id: "openFindingCase", keys: [.enter], action: .openFindingCase,
                   label: "open the case at the finding", contexts: [.dataQuality], inFooter: true),
        KeyBinding(id: "openOwedCase", keys: [.enter], action: .openOwedCase,
                   label: "open the case", contexts: [.whoOwes], inFooter: true),
        KeyBinding(id: "commitReturnNote", keys: [.enter], action: .commitReturnNote,
                   label: "record the return", contexts: [.returnNote], inFooter: true),
        KeyBinding(id: "cancelReturnNote", keys: [.escape], action: .cancelReturnNote,
                   label: "cancel", contexts: [.returnNote], inFooter: true),
        KeyBinding(id: "startAudit", keys: [.character("a")], action: .startAudit,
                   label: "audit the plan", contexts: caseScreens, inFooter: true),
        KeyBinding(id: "undo", keys: [.character("u")], action: .undo,
                   label: "undo", contexts: listScreens, inFooter: true),
        KeyBinding(id: "filter", keys: [.character("/")], action: .startFilter,
                   label: "filter", contexts: listScreens, inFooter: true),
        KeyBinding(id: "mineOrTeam", keys: [.character("m")], action: .toggleMine,
                   label: "mine/team", contexts: listScreens, inFooter: true),
        KeyBinding(id: "sort", keys: [.character("s")], action: .nextSortOrder,
                   label: "sort", contexts: listScreens, inFooter: true),
        KeyBinding(id: "openDashboard", keys: [.character("d")], action: .openDashboard,
                   label: "dashboard", contexts: caseScreens + [.reviews, .whoOwes], inFooter: true),
        KeyBinding(id: "openReviews", keys: [.character("r")], action: .openReviews,
                   label: "reviews", contexts: caseScreens + [.dashboard, .whoOwes], inFooter: true),
        KeyBinding(id: "openWhoOwes", keys: [.character("w")], action: .openWhoOwes,
                   label: "who owes what", contexts: caseScreens + [.dashboard, .reviews], inFooter: true),
        KeyBinding(id: "openDataQuality", keys: [.character("Q")], action: .openDataQuality,
                   label: "data quality (SEN2 checks)", contexts: caseScreens + [.dashboard, .reviews, .whoOwes], inFooter: false),
        KeyBinding(id: "nextSection", keys: [.character("]")], action: .nextSection,
                   label: "next section", contexts: [.detail], inFooter: true),
        KeyBinding(id: "previousSection", keys: [.character("[")], action: .previousSection,
                   label: "previous section", contexts: [.detail], inFooter: false),
        KeyBinding(id: "switchPane", keys: [.tab, .backTab], action: .switchPane,
                   label: "other pane", contexts: [.list, .detail], inFooter: true),
        KeyBinding(id: "back", keys: [.escape], action: .back,
                   label: "back", contexts: [.detail, .drillDown, .dashboard, .reviews, .whoOwes, .dataQuality, .auditQueue],
                   inFooter: true),
        KeyBinding(id: "backAtRoot", keys: [.escape], action: .back,
                   label: "back", contexts: [.list], inFooter: false),
        KeyBinding(id: "backAgain", keys: [.character("d")], action: .back,
                   label: "back (d again)", contexts: [.dashboard], inFooter: false),
        KeyBinding(id: "backFromReviews", keys: [.character("r")], action: .back,
                   label: "back (r again)", contexts: [.reviews], inFooter: false),
        KeyBinding(id: "backFromWhoOwes", keys: [.character("w")], action: .back,
                   label: "back (w again)", contexts: [.whoOwes], inFooter: false),
        KeyBinding(id: "backFromDataQuality", keys: [.character("Q")], action: .back,
                   label: "back (Q again)", contexts: [.dataQuality], inFooter: false),
        KeyBinding(id: "moveDown", keys: [.character("j"), .down, .control("n")], action: .moveDown,
                   label: "down", contexts: movementScreens, inFooter: true),
        KeyBinding(id: "moveUp", keys: [.character("k"), .up, .control("p")], action: .moveUp,
                   label: "up", contexts: movementScreens, inFooter: true),
        KeyBinding(id: "pageDown", keys: [.pageDown], action: .pageDown,
                   label: "page down", contexts: movementScreens, inFooter: false),
        KeyBinding(id: "pageUp", keys: [.pageUp], action: .pageUp,
                   label: "page up", contexts: movementScreens, inFooter: false),
        KeyBinding(id: "moveToFirst", keys: [.character("g"), .home], action: .moveToFirst,
                   label: "top", contexts: movementScreens, inFooter: true),
        KeyBinding(id: "moveToLast", keys: [.character("G"), .end], action: .moveToLast,
                   label: "end", contexts: movementScreens, inFooter: true),
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
        KeyBinding(id: "auditGuidance", keys: [.character("i")], action: .audit(.toggleGuidance),
                   label: "guidance", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditRetrySave", keys: [.character("s")], action: .audit(.retrySave),
                   label: "save again", contexts: [.audit], inFooter: false),
        KeyBinding(id: "auditFinish", keys: [.character("f")], action: .audit(.finish),
                   label: "finish and grade", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditClose", keys: [.escape], action: .back,
                   label: "close (answers are saved)", contexts: [.audit], inFooter: true),
        KeyBinding(id: "auditKeepComment", keys: [.enter], action: .audit(.commitComment),
                   label: "keep comment", contexts: [.auditComment], inFooter: true),
        KeyBinding(id: "auditDropComment", keys: [.escape], action: .audit(.cancelComment),
                   label: "drop comment", contexts: [.auditComment], inFooter: true),
        KeyBinding(id: "showMessages", keys: [.character("M")], action: .showMessages,
                   label: "messages", contexts: everyScreen, inFooter: false),
        KeyBinding(id: "showHelp", keys: [.character("?")], action: .showHelp,
                   label: "help", contexts: everyScreen, inFooter: true),
        KeyBinding(id: "closeOverlay", keys: [.escape], action: .back,
                   label: "close (or any key)", contexts: [.help, .messages], inFooter: true),
        KeyBinding(id: "quit", keys: [.character("q")], action: .quit,
                   label: "quit", contexts: everyScreen, inFooter: true),
        KeyBinding(id: "viewAudit", keys: [.character("v")], action: .openAudit(.viewLastFinished),
                   label: "read the finished audit", contexts: [.auditChoice], inFooter: true),
        KeyBinding(id: "newAudit", keys: [.character("n")], action: .openAudit(.startNew),
                   label: "start a new audit", contexts: [.auditChoice], inFooter: true),
        KeyBinding(id: "cancelAudit", keys: [.escape], action: .back,
                   label: "cancel (or any key)", contexts: [.auditChoice], inFooter: true),
        KeyBinding(id: "confirmQuit", keys: [.character("y"), .character("q")], action: .quit,
                   label: "yes, quit", contexts: [.confirmQuit], inFooter: true),
        KeyBinding(id: "stay", keys: [.character("n"), .escape], action: .back,
                   label: "no, stay (or any key)", contexts: [.confirmQuit], inFooter: true),
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

    /// The case list, its detail and a drill-down: the screens where a case is selected.
    static let caseScreens: [KeyContext] = [.list, .detail, .drillDown]
    /// Every list screen: the same keys filter, scope and sort them.
    static let listScreens: [KeyContext] = caseScreens + [.reviews, .whoOwes, .dataQuality, .auditQueue]
    static let movementScreens: [KeyContext] = listScreens + [.dashboard]
    /// Every screen of the stack (not the overlays, which have keys of their own).
    static let everyScreen: [KeyContext] = movementScreens + [.audit]
}

extension KeyBinding {
    /// Moving the selection or scrolling: listed after the screen's actions in the footer.
    var isMovement: Bool {
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .moveToFirst, .moveToLast, .switchPane, .audit(.moveDown),
             .audit(.moveUp):
            true
        default:
            false
        }
    }
}
