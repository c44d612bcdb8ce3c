/// What a cell means, never what colour it is: the terminal backend maps roles to colours or,
/// without colour, to bold, underline and reverse video.
///
/// ```swift
/// canvas.write("OVERDUE 12d", row: 3, column: 60, role: .overdue)
/// StyleRole.overdue.symbol   // "o" in snapshot role maps
/// ```
public enum StyleRole: String, Sendable, Hashable, CaseIterable {
    case normal, selected, header, muted, overdue, dueSoon, met, statusBar, border, keyHint, warning

    /// One character per role for the role map of a snapshot.
    public var symbol: Character {
        switch self {
        case .normal: "."
        case .selected: "s"
        case .header: "h"
        case .muted: "m"
        case .overdue: "o"
        case .dueSoon: "d"
        case .met: "t"
        case .statusBar: "b"
        case .border: "r"
        case .keyHint: "k"
        case .warning: "w"
        }
    }
}
