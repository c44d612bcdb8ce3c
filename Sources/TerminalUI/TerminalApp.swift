#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import CTerminalShim
import EHCTUI

/// The interactive ehcdesk screen on a real terminal: the only place that owns ncurses.
///
/// `run` opens the terminal, draws the state, reads keys through the keymap into the reducer,
/// hands every effect to `perform` and feeds the actions it returns back in, until `q`. The
/// terminal is restored on every way out: return, thrown error, Ctrl-C, SIGTERM, SIGHUP and crashes.
///
/// ```swift
/// let today = CalendarDate("2025-11-24")!
/// let calendar = StatutoryCalendar()
/// let summaries = try store.allCases().map { CaseSummary($0, calendar: calendar, today: today) }
/// let initial = AppState(caseload: summaries, today: today, databaseLabel: "caseload.sqlite")
/// try TerminalApp.run(initial: initial) { effect in
///     guard case .loadDetail(let id) = effect, let ehcCase = try? store.ehcCase(id: id) else { return [] }
///     let deadlines = calendar.deadlines(for: ehcCase, today: today)
///     return [.detailLoaded(CaseDetail(ehcCase: ehcCase, deadlines: deadlines))]
/// }
/// ```
@MainActor
public enum TerminalApp {
    /// Runs until the user quits. `perform` is called on this thread for every effect except
    /// `.quit`; it should answer quickly (a store read) with the resulting actions.
    ///
    /// - Throws: ``TerminalError`` when stdin/stdout is not a terminal, no UTF-8 locale exists,
    ///   or ncurses cannot open `TERM`; nothing has been drawn then.
    public static func run(initial: AppState, keymap: Keymap = .standard,
                           perform: (Effect) -> [Action]) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard ehc_prepare_utf8_locale() == 1 else { throw TerminalError.noUTF8Locale }
        guard ehc_open_terminal(nil) == 0 else {
            throw TerminalError.cannotOpenTerminal(term: getenv("TERM").map { String(cString: $0) } ?? "")
        }
        defer { ehc_close_terminal() }
        guard ehc_can_move_cursor() == 1 else {
            throw TerminalError.cannotDrawOn(term: getenv("TERM").map { String(cString: $0) } ?? "")
        }
        ehc_install_signal_handlers()
        ehc_configure_input()
        // Wake every couple of seconds without a key, so the screen picks up other processes' changes.
        timeout(Int32(tickMilliseconds))
        let colour = ehc_start_colors(1) == 1
        let theme = Theme(tier: Theme.tier(noColor: getenv("NO_COLOR").map { String(cString: $0) }, hasColors: colour))
        theme.definePairs()

        var state = initial
        var pending = state.start() + reduce(&state, .resize(currentSize()))
        while true {
            guard settle(&state, effects: &pending, perform: perform) else { return }
            CanvasPainter.paint(Screen.render(state, keymap: keymap), theme: theme)
            guard let action = nextAction(state: state, keymap: keymap) else { continue }
            pending = reduce(&state, action)
        }
    }

    /// Performs effects until none are left; false when one of them is `.quit`.
    private static func settle(_ state: inout AppState, effects: inout [Effect],
                               perform: (Effect) -> [Action]) -> Bool {
        while !effects.isEmpty {
            let effect = effects.removeFirst()
            if effect == .quit { return false }
            for action in perform(effect) { effects += reduce(&state, action) }
        }
        return true
    }

    /// How long a read waits for a key before the screen ticks.
    static let tickMilliseconds = 1000

    /// Waits for the next key and maps it through the keymap; a resize becomes `.resize`, no key
    /// within ``tickMilliseconds`` becomes `.tick`.
    private static func nextAction(state: AppState, keymap: Keymap) -> Action? {
        var value: Int32 = 0
        let kind = ehc_read_key(&value)
        guard kind >= 0 else { return .tick }
        if kind == 1 && value == KEY_RESIZE { return .resize(currentSize()) }
        if kind == 0 && value == 27 { return readAfterEscape().map { keymap.resolve($0, in: state.keyContext) } }
        guard let key = KeyDecoding.key(value: value, isFunctionKey: kind == 1) else { return nil }
        return keymap.resolve(key, in: state.keyContext)
    }

    /// What an `ESC` starts: a sequence ncurses did not decode (read whole, then its key or
    /// nothing), or Escape itself, with a key typed just after it put back.
    private static func readAfterEscape() -> Key? {
        timeout(10)
        defer { timeout(Int32(tickMilliseconds)) }
        var value: Int32 = 0
        let kind = ehc_read_key(&value)
        guard kind >= 0 else { return .escape }
        guard kind == 0, value == 91 || value == 79 else {
            if kind == 1 { ungetch(value) } else { unget_wch(wchar_t(value)) }
            return .escape
        }
        var sequence = value == 91 ? "[" : "O"
        while !EscapeSequence.isComplete(sequence), sequence.unicodeScalars.count < EscapeSequence.maximumLength {
            guard ehc_read_key(&value) == 0, let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            sequence.unicodeScalars.append(scalar)
        }
        return EscapeSequence.key(for: sequence)
    }

    private static func currentSize() -> TerminalSize {
        TerminalSize(width: Int(ehc_columns()), height: Int(ehc_rows()))
    }
}
