/// The escape sequences a terminal sends for keys its terminfo entry does not describe, so a key
/// sent as `ESC [ 1 ~` (Home under `TERM=xterm-256color` inside tmux) is Home, and a sequence
/// nobody knows is dropped whole, never read as the keys `1` and `~`.
///
/// ```swift
/// EscapeSequence.key(for: "[1~")   // .home
/// EscapeSequence.key(for: "[15~")  // nil (F5: no meaning here, and not "1", "5", "~")
/// EscapeSequence.isComplete("[1")  // false
/// ```
public enum EscapeSequence {
    /// The key a complete sequence (what follows `ESC`) stands for, `nil` for one with no key here.
    public static func key(for sequence: String) -> Key? {
        switch sequence {
        case "[A", "OA": .up
        case "[B", "OB": .down
        case "[H", "OH", "[1~", "[7~": .home
        case "[F", "OF", "[4~", "[8~": .end
        case "[5~": .pageUp
        case "[6~": .pageDown
        case "[Z": .backTab
        case "OM": .enter
        default: nil
        }
    }

    /// Whether `sequence` (starting `[` or `O`) has reached its final character: for `O` the one
    /// after it, for `[` the first in `@`…`~` after the parameters.
    public static func isComplete(_ sequence: String) -> Bool {
        let scalars = Array(sequence.unicodeScalars)
        guard let first = scalars.first, scalars.count > 1 else { return false }
        if first == "O" { return true }
        guard let last = scalars.last else { return false }
        return (0x40...0x7E).contains(last.value)
    }

    /// Sequences longer than this are not keys: reading stops and what was read is dropped.
    public static let maximumLength = 16
}
