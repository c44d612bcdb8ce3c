/// The `?` help: a box over the screen listing the bindings of the screen it was opened from,
/// generated from the table so it can never fall out of date.
///
/// Help is context-aware: from the case list it lists the list's keys, from the dashboard the
/// dashboard's; every key of every screen is still one `?` away on that screen.
///
/// ```swift
/// HelpOverlay.lines(keymap: .standard, context: .list)   // ["j ↓ C-n      down             list, detail", …]
/// ```
public enum HelpOverlay {
    /// One line per binding: its keys, its label and the contexts where it works. The "record an
    /// event" menu lists its own keys, so help leaves them out.
    public static func lines(keymap: Keymap, context: KeyContext) -> [String] {
        let bindings = helpBindings(keymap, context: context)
        let keyWidth = bindings.map { CellWidth.of(keys($0)) }.max() ?? 0
        let labelWidth = bindings.map { CellWidth.of($0.label) }.max() ?? 0
        return bindings.map { binding in
            TextFitting.fitted(keys(binding), to: keyWidth) + "  " + TextFitting.fitted(binding.label, to: labelWidth)
                + "  " + binding.contexts.map(\.title).joined(separator: ", ")
        }
    }

    /// The bindings help describes for a screen: those that work there.
    public static func helpBindings(_ keymap: Keymap, context: KeyContext) -> [KeyBinding] {
        keymap.bindings(in: context)
    }

    /// The full lines when they fit the screen; else keys and labels only, in two columns. `notes`
    /// (on the dashboard, what the selected figure counts) come first, wrapped to the box.
    public static func draw(keymap: Keymap, context: KeyContext, notes: [String] = [], on canvas: inout Canvas) {
        let noteWidth = max(20, min(100, canvas.width - 6))
        let noteLines = notes.flatMap { TextFitting.wrapped($0, width: noteWidth) }.map { [DetailView.Span($0)] }
        let lead = noteLines.isEmpty ? [] : noteLines + [[]]
        let title = notes.isEmpty ? "Keys" : "What this figure counts, and the keys"
        let full = lines(keymap: keymap, context: context)
        if full.count + lead.count + 4 <= canvas.height, (full.map { CellWidth.of($0) }.max() ?? 0) + 4 <= canvas.width {
            Box.draw(title: title, lines: lead + full.map { [DetailView.Span($0)] }, on: &canvas)
            return
        }
        let bindings = helpBindings(keymap, context: context)
        let keyWidth = bindings.map { CellWidth.of(keys($0)) }.max() ?? 0
        let short = bindings.map { TextFitting.fitted(keys($0), to: keyWidth) + "  " + $0.label }
        let half = (short.count + 1) / 2
        let columnWidth = max(0, (canvas.width - 6) / 2)
        let paired = (0..<half).map { row in
            TextFitting.fitted(short[row], to: columnWidth) + "  "
                + (row + half < short.count ? TextFitting.truncated(short[row + half], to: columnWidth) : "")
        }
        Box.draw(title: title, lines: lead + paired.map { [DetailView.Span($0)] }, on: &canvas)
    }

    /// What `?` says on the dashboard before the keys: the selected figure's label, value and
    /// catalogue definition, then the definitions of the rest of its section.
    public static func dashboardNotes(_ screen: DashboardScreen?) -> [String] {
        guard let screen, let figures = screen.dashboard?.figures, figures.indices.contains(screen.selected) else { return [] }
        let chosen = figures[screen.selected]
        func note(_ figure: Dashboard.Figure) -> String {
            "\(figure.title): \(figure.value)" + (figure.measureID.map { " (\($0))" } ?? "") + ". " + figure.definition
        }
        let others = figures.filter { $0.section == chosen.section && $0 != chosen && $0.section != .chart }.prefix(4)
        return [note(chosen)] + others.map(note)
    }

    private static func keys(_ binding: KeyBinding) -> String {
        binding.keys.map(\.label).joined(separator: " ")
    }
}
