import CSV
import Foundation

/// One CSV file read into a header and rows, each cell with the line and column where it starts.
///
/// Reading is done by the CSV library; this type adds what a user needs to find a problem: the
/// physical line of every row (a quoted cell may span lines), and checks the library does not make
/// (text that is not UTF-8, a quoted cell left open because the file was cut short, a row with a
/// different number of cells than the header).
///
/// ```swift
/// let table = try CSVTable.read(bytes, file: "cases.csv", log: log)
/// for row in table?.rows ?? [] { print(row.line, row.cells) }
/// ```
struct CSVTable {
    struct Row {
        var line: Int
        var cells: [String]
    }

    let file: String
    let header: [String]
    let rows: [Row]

    /// The 1-based column of a header name, if present.
    func column(_ name: String) -> Int? { header.firstIndex(of: name).map { $0 + 1 } }

    /// Reads a whole file, or reports why it cannot be read and returns `nil`.
    static func read(_ bytes: [UInt8], file: String, log: ProblemLog) -> CSVTable? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(bytes)
            log.add(file: file, "\(line):\(column)", "the file is not UTF-8 text (save it as CSV UTF-8)")
            return nil
        }
        if let openLine = unclosedQuoteLine(text) {
            log.add(file: file, "\(openLine):1",
                    "a quoted cell opened on this line is never closed: is the file cut short?")
            return nil
        }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else {
            log.add(file: file, "1:1", "cannot be read as CSV")
            return nil
        }
        var rows: [Row] = []
        var line = 1
        while let cells = reader.next() {
            let spanned = cells.reduce(0) { $0 + lineBreaks(in: $1) }
            if !(cells.count == 1 && cells[0].isEmpty) { rows.append(Row(line: line, cells: cells)) }
            line += 1 + spanned
        }
        guard let header = rows.first else {
            log.add(file: file, "1:1", "the file is empty; expected a header row")
            return nil
        }
        let body = rows.dropFirst().map { Row(line: $0.line, cells: $0.cells.map(SpreadsheetCell.restored)) }
        for row in body where row.cells.count != header.cells.count {
            log.add(file: file, "\(row.line):\(min(row.cells.count, header.cells.count) + 1)",
                    "this row has \(row.cells.count) cells but the header has \(header.cells.count)"
                    + (row.line == body.last?.line ? " (is the file cut short?)" : ""))
        }
        return CSVTable(file: file, header: header.cells, rows: body)
    }

    private static func lineBreaks(in cell: String) -> Int {
        var count = 0
        var previous: Unicode.Scalar?
        for scalar in cell.unicodeScalars {
            if scalar == "\n" || (previous == "\r" && scalar != "\n") { count += 1 }
            previous = scalar
        }
        return previous == "\r" ? count + 1 : count
    }

    /// The line where a quoted cell opens and never closes (RFC 4180: quotes toggle, `""` toggles twice).
    private static func unclosedQuoteLine(_ text: String) -> Int? {
        var inQuotes = false
        var line = 1
        var openedOn = 1
        for scalar in text.unicodeScalars {
            if scalar == "\"" {
                inQuotes.toggle()
                if inQuotes { openedOn = line }
            } else if scalar == "\n" {
                line += 1
            }
        }
        return inQuotes ? openedOn : nil
    }

    /// The line and column (in characters) of the first byte that is not UTF-8.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        while case let .scalarValue(scalar) = decoder.decode(&iterator) {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

/// Writes rows as RFC 4180 CSV with the CSV library, quoting only where needed.
///
/// ```swift
/// let text = CSVText.write(header: ["id"], rows: [["EHC-1"]])   // "id\nEHC-1\n"
/// ```
public enum CSVText {
    /// Every cell passes through ``SpreadsheetCell/neutralised(_:)``, so no cell runs as a formula.
    public static func write(header: [String], rows: [[String]]) -> String {
        lines([header], neutralising: false) + (rows.isEmpty ? "" : "\n" + lines(rows)) + "\n"
    }

    /// Rows as CSV lines separated by `\n`, with no newline after the last: a file written a chunk
    /// of rows at a time is its header, then `"\n" + lines(chunk)` for each chunk, then `"\n"`,
    /// which is exactly ``write(header:rows:)``.
    public static func lines(_ rows: [[String]], neutralising: Bool = true) -> String {
        let stream = OutputStream.toMemory()
        stream.open()
        // Writing to memory cannot fail; the library only throws when a stream refuses bytes
        // (no value from input reaches these `try!`s as a failure).
        let writer = try! CSVWriter(stream: stream)
        for row in rows { try! writer.write(row: neutralising ? row.map(SpreadsheetCell.neutralised) : row) }
        stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A cell a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) is written with a leading `'`, which Excel and LibreOffice show as text; a
/// plain number such as `-3` is left alone. Reading removes exactly the `'` writing added, so an
/// export imports back byte for byte.
///
/// ```swift
/// SpreadsheetCell.neutralised("=HYPERLINK(\"http://x\")")   // "'=HYPERLINK(\"http://x\")"
/// SpreadsheetCell.restored("'=HYPERLINK(\"http://x\")")     // "=HYPERLINK(\"http://x\")"
/// SpreadsheetCell.neutralised("-3")                          // "-3"
/// ```
public enum SpreadsheetCell {
    private static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralised(_ text: String) -> String {
        needsQuote(text) ? "'" + text : text
    }

    public static func restored(_ text: String) -> String {
        guard text.first == "'" else { return text }
        let rest = String(text.dropFirst())
        return needsQuote(rest) ? rest : text
    }

    /// After any leading `'`s, a trigger character, and not a plain number.
    private static func needsQuote(_ text: String) -> Bool {
        guard let first = text.first(where: { $0 != "'" }), triggers.contains(first) else { return false }
        return !isPlainNumber(text)
    }

    private static func isPlainNumber(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return !body.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
