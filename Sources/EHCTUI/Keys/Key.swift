/// A key press as the TUI understands it, independent of ncurses key codes.
///
/// ```swift
/// keymap.action(for: .character("j"), in: .list)   // .moveDown
/// keymap.action(for: .down, in: .list)             // .moveDown
/// ```
public enum Key: Sendable, Hashable {
    case character(Character)
    /// A control chord, e.g. `.control("n")` for Ctrl-N.
    case control(Character)
    case up, down, pageUp, pageDown, home, end, enter, tab, backTab, escape, backspace

    /// How help and the footer write the key.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let character): "C-" + String(character)
        case .up: "↑"
        case .down: "↓"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .escape: "Esc"
        case .backspace: "Bksp"
        }
    }
}

/// Where a key is read: the focused pane, the filter or a form being typed, a menu, or the help
/// overlay on top of everything.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case list, detail, drillDown, auditQueue, filter, eventMenu, form, dashboard, reviews, audit, auditComment, whoOwes, returnNote,
         dataQuality, confirmQuit, messages, auditChoice, help

    /// Overlays that any key with no binding of its own closes.
    public var closesOnAnyKey: Bool { self == .help || self == .confirmQuit || self == .messages || self == .auditChoice }

    /// Contexts where a printable key with no binding is typed as text.
    public var takesText: Bool { self == .filter || self == .form || self == .auditComment || self == .returnNote }

    /// The heading help uses for the context.
    public var title: String {
        switch self {
        case .list: "case list"
        case .detail: "case detail"
        case .drillDown: "cases behind a figure"
        case .auditQueue: "audit queue"
        case .filter: "filter"
        case .eventMenu: "record an event"
        case .form: "event form"
        case .dashboard: "dashboard"
        case .reviews: "reviews"
        case .audit: "audit"
        case .auditComment: "audit comment"
        case .whoOwes: "who owes what"
        case .returnNote: "return for more detail"
        case .dataQuality: "data quality"
        case .confirmQuit: "quit?"
        case .messages: "messages"
        case .auditChoice: "audit: read or start"
        case .help: "help"
        }
    }
}
