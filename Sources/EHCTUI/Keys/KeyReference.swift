/// The key reference in Markdown, generated from the keymap: `docs/keybindings.md` is this text,
/// and a test fails when the file falls behind the table.
///
/// ```swift
/// KeyReference.markdown(.standard)   // "# ehcdesk keys\n\n## case list\n\n| keys | what |\n…"
/// ```
public enum KeyReference {
    public static func markdown(_ keymap: Keymap) -> String {
        var text = "# ehcdesk keys\n\nGenerated from the keymap (`Sources/EHCTUI/Keys/Keymap.swift`); "
            + "`?` on any screen shows the keys of that screen; `Esc` goes back one screen, `q` quits from the case list "
            + "(elsewhere it asks first).\n"
        for context in KeyContext.allCases {
            let bindings = keymap.bindings(in: context)
            guard !bindings.isEmpty else { continue }
            text += "\n## \(context.title)\n\n| keys | what |\n| --- | --- |\n"
            for binding in bindings {
                let keys = binding.keys.map { "`\($0.label)`" }.joined(separator: " ")
                text += "| \(keys) | \(binding.label.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        return text
    }
}
