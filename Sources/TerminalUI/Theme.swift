import CTerminalShim
import EHCTUI

/// How each ``StyleRole`` looks on this terminal: colours with attributes, or attributes alone
/// (bold, underline, reverse, dim) when `NO_COLOR` is set or the terminal has no colours.
///
/// Colour pairs use the terminal's own foreground and background (`-1`), so the screen reads
/// on light and dark themes alike; the selection is reverse video on every tier.
///
/// ```swift
/// let theme = Theme(tier: Theme.tier(environmentNoColor: getenv("NO_COLOR"), hasColors: true))
/// theme.style(for: .overdue)   // Style(attributes: EHC_BOLD, pair: 1)
/// ```
public struct Theme: Sendable, Hashable {
    /// The capability ladder of terminals.
    public enum Tier: Sendable, Hashable {
        case monochrome, colour
    }

    /// Attributes (`EHC_*` flags of the C shim) and a colour pair (0: the terminal's default).
    public struct Style: Sendable, Hashable {
        public var attributes: Int32
        public var pair: Int16
    }

    /// A colour pair this theme defines: number, foreground, background (-1 = terminal default).
    struct Pair: Sendable, Hashable {
        var number: Int16
        var foreground: Int16
        var background: Int16
    }

    public let tier: Tier

    public init(tier: Tier) {
        self.tier = tier
    }

    /// Monochrome when `NO_COLOR` is set to anything non-empty (no-color.org) or colours are absent.
    public static func tier(noColor: String?, hasColors: Bool) -> Tier {
        if let noColor, !noColor.isEmpty { return .monochrome }
        return hasColors ? .colour : .monochrome
    }

    // curses colour numbers (COLOR_RED …), spelled out to keep this file free of C globals.
    private static let red: Int16 = 1, green: Int16 = 2, yellow: Int16 = 3, blue: Int16 = 4, cyan: Int16 = 6
    private static let terminalDefault: Int16 = -1

    static let pairs: [StyleRole: Pair] = [
        .overdue: Pair(number: 1, foreground: red, background: terminalDefault),
        .dueSoon: Pair(number: 2, foreground: yellow, background: terminalDefault),
        .met: Pair(number: 3, foreground: green, background: terminalDefault),
        .keyHint: Pair(number: 4, foreground: cyan, background: terminalDefault),
        .border: Pair(number: 5, foreground: blue, background: terminalDefault),
        .warning: Pair(number: 6, foreground: yellow, background: terminalDefault),
    ]

    public func style(for role: StyleRole) -> Style {
        let bold = Int32(EHC_BOLD), underline = Int32(EHC_UNDERLINE)
        let reverse = Int32(EHC_REVERSE), dim = Int32(EHC_DIM)
        let attributes: Int32 = switch role {
        case .normal, .met, .border: 0
        case .selected, .statusBar: reverse
        case .header: bold | underline
        case .muted: dim
        case .overdue, .warning, .keyHint: bold
        // Without colour, due soon still has to look different from pending.
        case .dueSoon: tier == .monochrome ? underline : 0
        }
        let pair = tier == .colour ? Self.pairs[role]?.number ?? 0 : 0
        return Style(attributes: attributes, pair: pair)
    }

    /// Defines the colour pairs in curses (after `start_color`).
    func definePairs() {
        guard tier == .colour else { return }
        for pair in Self.pairs.values { ehc_define_pair(pair.number, pair.foreground, pair.background) }
    }
}
