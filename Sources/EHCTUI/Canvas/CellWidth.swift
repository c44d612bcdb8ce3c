import EHCCore

/// Terminal cell widths, measured the way glibc's `wcwidth` (and so ncurses) measures them.
///
/// Neither `String.count` nor a UTF-8 length is a width on screen: `李` takes two cells, the
/// accent of a decomposed `é` takes none. Every measurement, truncation and padding in the TUI
/// goes through these functions so the Canvas and the terminal never disagree.
///
/// ```swift
/// CellWidth.of("Zoë")     // 3
/// CellWidth.of("李雷")     // 4
/// CellWidth.of("e\u{301}") // 1
/// ```
public enum CellWidth {
    /// Cells taken by one scalar: 0 (combining marks, zero-width joiners), 1 or 2.
    ///
    /// Control characters also measure 0 here; ``sanitized(_:)`` replaces them before drawing.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Printable ASCII is almost every character of a caseload: answer it without a search.
        if value >= 0x20 && value < 0x7F { return 1 }
        if isControl(scalar) { return 0 }
        if contains(CellWidthTable.zeroWidth, value) { return 0 }
        if contains(CellWidthTable.doubleWidth, value) { return 2 }
        return 1
    }

    /// Cells taken by one grapheme: the sum over its scalars, as ncurses draws them one by one.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        var width = 0
        for scalar in character.unicodeScalars { width += of(scalar) }
        return width
    }

    /// Cells taken by a whole string (after sanitizing, so controls count as the `�` they become).
    public static func of(_ text: some StringProtocol) -> Int {
        var width = 0
        for character in text { width += of(sanitized(character)) }
        return width
    }

    /// The character itself, or U+FFFD when it holds a control character that would move the
    /// terminal's cursor (a tab or newline pasted into a name must not break the layout).
    public static func sanitized(_ character: Character) -> Character {
        for scalar in character.unicodeScalars where isControl(scalar) { return "\u{FFFD}" }
        return character
    }

    /// The text with every control character replaced by `�`, the one sanitising of every
    /// human-readable output (the screen, `case`, `history`, tables, Markdown, error messages):
    /// a name holding `ESC]0;…BEL` or `ESC[2J` can then neither retitle nor clear a terminal.
    /// `keepingLineBreaks` keeps `\n` for multi-line text our own code laid out.
    ///
    /// ```swift
    /// CellWidth.sanitized("Sam\u{1B}[2J", keepingLineBreaks: false)   // "Sam�[2J"
    /// ```
    public static func sanitized(_ text: some StringProtocol, keepingLineBreaks: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            result.append(keepingLineBreaks && character == "\n" ? character : sanitized(character))
        }
        return result
    }

    /// C0 and C1 controls, DEL, and the bidirectional overrides and isolates that reorder what a
    /// terminal shows (U+202A–U+202E, U+2066–U+2069).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return CaseReference.isControl(scalar) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
