/// The `?` help: a box over the screen listing every binding of the keymap, generated from the
/// table so it can never fall out of date.
///
/// ```swift
/// HelpOverlay.lines(keymap: .standard)   // ["j ↓ C-n      down             list, detail", …]
/// ```
public enum HelpOverlay {
    /// One line per binding: its keys, its label and the contexts where it works.
    public static func lines(keymap: Keymap) -> [String] {
        let keyWidth = keymap.bindings.map { CellWidth.of(keys($0)) }.max() ?? 0
        let labelWidth = keymap.bindings.map { CellWidth.of($0.label) }.max() ?? 0
        return keymap.bindings.map { binding in
            TextFitting.fitted(keys(binding), to: keyWidth) + "  " + TextFitting.fitted(binding.label, to: labelWidth)
                + "  " + binding.contexts.map(\.title).joined(separator: ", ")
        }
    }

    public static func draw(keymap: Keymap, on canvas: inout Canvas) {
        Box.draw(title: "Keys", lines: lines(keymap: keymap).map { [DetailView.Span($0)] }, on: &canvas)
    }

    private static func keys(_ binding: KeyBinding) -> String {
        binding.keys.map(\.label).joined(separator: " ")
    }
}
