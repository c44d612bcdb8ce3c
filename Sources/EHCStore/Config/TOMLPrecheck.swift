/// Finds, before TOMLKit sees it, the TOML that makes its C++ parser (toml++) abort the whole
/// process instead of reporting an error: an array-of-tables header with a third `[` (`[[[`,
/// `[[ [`), which trips an assertion in `parse_key`. Everything else malformed TOMLKit reports
/// with its line and column, as it should.
///
/// A line is a header only at the top level: inside a multi-line array (nested arrays such as
/// `[[1, 2]]`) or a multi-line string the same characters are values, and are left alone.
///
/// ```swift
/// TOMLPrecheck.firstProblem(in: "[rules]\n[[[\n")   // (line: 2, column: 3, reason: "…")
/// TOMLPrecheck.firstProblem(in: "x = [\n[[1]]\n]\n") // nil
/// ```
public enum TOMLPrecheck {
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var reason: String
    }

    public static func firstProblem(in text: String) -> Problem? {
        let characters = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var lineStart = 0
        var depth = 0
        var atLineStart = true

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < characters.count ? characters[index + offset] : nil
        }
        func skipString(_ quote: Unicode.Scalar) {
            let multiLine = peek(1) == quote && peek(2) == quote
            index += multiLine ? 3 : 1
            while let character = peek() {
                if character == "\n" {
                    line += 1
                    lineStart = index + 1
                    if !multiLine { return }
                }
                if quote == "\"", character == "\\" { index += 2; continue }
                if character == quote, !multiLine || (peek(1) == quote && peek(2) == quote) {
                    index += multiLine ? 3 : 1
                    return
                }
                index += 1
            }
        }

        while let character = peek() {
            switch character {
            case "\n":
                line += 1
                index += 1
                lineStart = index
                atLineStart = true
                continue
            case " ", "\t", "\r":
                index += 1
                continue
            case "#":
                while let next = peek(), next != "\n" { index += 1 }
                continue
            case "\"", "'":
                skipString(character)
            case "[" where atLineStart && depth == 0:
                var cursor = index + 1
                if cursor < characters.count, characters[cursor] == "[" {
                    cursor += 1
                    while cursor < characters.count, characters[cursor] == " " || characters[cursor] == "\t" { cursor += 1 }
                    if cursor < characters.count, characters[cursor] == "[" {
                        return Problem(line: line, column: cursor - lineStart + 1,
                                       reason: "a table header has at most two '[' (e.g. [[sections]])")
                    }
                }
                // The rest of a header line holds no values.
                while let next = peek(), next != "\n" { index += 1 }
                continue
            case "[", "{":
                depth += 1
                index += 1
            case "]", "}":
                depth = max(0, depth - 1)
                index += 1
            default:
                index += 1
            }
            atLineStart = false
        }
        return nil
    }
}
