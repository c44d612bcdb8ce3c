/// Why the TUI could not start, in the words the user reads on stderr.
///
/// ```swift
/// do { try TerminalApp.run(initial: state, perform: perform) }
/// catch let error as TerminalError { print(error.description) }   // "ehcdesk: …"
/// ```
public enum TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// stdin or stdout is a pipe or a file.
    case notATerminal
    /// Neither the environment's locale nor C.UTF-8 gives UTF-8.
    case noUTF8Locale
    /// ncurses knows no terminal description for TERM.
    case cannotOpenTerminal(term: String)
    /// TERM names a terminal that cannot move its cursor (`dumb`, an editor's shell buffer).
    case cannotDrawOn(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            "ehcdesk: the interactive screen needs a terminal on stdin and stdout; "
                + "use a subcommand (export, overdue, report …) in scripts and pipes"
        case .noUTF8Locale:
            "ehcdesk: no UTF-8 locale is available (tried the environment and C.UTF-8); "
                + "set LANG, e.g. LANG=C.UTF-8"
        case .cannotOpenTerminal(let term):
            "ehcdesk: cannot open terminal type \"\(term)\"; try TERM=xterm-256color"
        case .cannotDrawOn(let term):
            "ehcdesk: the terminal type \"\(term)\" cannot move the cursor, so the screen cannot be drawn; "
                + "run ehcdesk in a terminal emulator, e.g. with TERM=xterm-256color"
        }
    }
}
