/// Truncating, padding and wrapping text by terminal cells rather than by characters.
///
/// Columns line up only when every cell is counted with ``CellWidth``: `Nguyễn` and `李雷`
/// must be padded to the same number of cells, not of characters.
///
/// ```swift
/// TextFitting.fitted("Łukasz Kowalski", to: 8)     // "Łukasz …" padded to 8 cells
/// TextFitting.wrapped("a long explanation", width: 10)
/// ```
public enum TextFitting {
    /// The text cut to at most `width` cells, ending in `…` when something was cut.
    public static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if CellWidth.of(text) <= width { return text }
        var result = ""
        var used = 0
        // Leave one cell for the ellipsis.
        for character in text {
            let cells = CellWidth.of(CellWidth.sanitized(character))
            if used + cells > width - 1 { break }
            result.append(character)
            used += cells
        }
        result.append("…")
        return result
    }

    /// The text truncated to `width` cells, then padded with spaces to exactly `width` cells.
    public static func fitted(_ text: String, to width: Int) -> String {
        let cut = truncated(text, to: width)
        let missing = width - CellWidth.of(cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }

    /// The text padded on the left to `width` cells (numbers read best right-aligned).
    public static func rightAligned(_ text: String, to width: Int) -> String {
        let cut = truncated(text, to: width)
        let missing = width - CellWidth.of(cut)
        return missing > 0 ? String(repeating: " ", count: missing) + cut : cut
    }

    /// The text broken into lines of at most `width` cells, at spaces where it can be; the
    /// first line may have its own width (for a label or indent before it).
    ///
    /// A word longer than a line is cut by cells, so the result is total for any width ≥ 1.
    public static func wrapped(_ text: String, width: Int, firstLineWidth: Int? = nil) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var limit: Int { lines.isEmpty ? max(1, firstLineWidth ?? width) : width }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            var wordWidth = CellWidth.of(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= limit {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            while wordWidth > limit {
                let (head, rest) = split(word, atCells: limit)
                lines.append(String(head))
                word = rest
                wordWidth = CellWidth.of(word)
            }
            line = String(word)
            lineWidth = wordWidth
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Splits off the longest prefix that fits in `cells` (at least one character, so wrapping
    /// a wide character into a one-cell line still makes progress).
    private static func split(_ word: Substring, atCells cells: Int) -> (Substring, Substring) {
        var used = 0
        var index = word.startIndex
        while index < word.endIndex {
            let width = CellWidth.of(CellWidth.sanitized(word[index]))
            if used + width > cells && index > word.startIndex { break }
            used += width
            index = word.index(after: index)
        }
        return (word[..<index], word[index...])
    }
}
