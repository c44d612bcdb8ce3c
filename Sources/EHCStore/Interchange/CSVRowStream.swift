import CSV
import Foundation

/// The rows of one CSV file, read a block at a time, each with the line where it starts.
///
/// Parsing is done by the CSV library, a run of whole records at a time; this type finds where
/// records end (a newline outside quotes), so memory holds about one block whatever the file's
/// size, and adds what a user needs to find a problem: the physical line of every row (a quoted
/// cell may span lines), and checks the library does not make (text that is not UTF-8, a quoted
/// cell left open because the file was cut short, a row with a different number of cells than the
/// header). A problem that leaves the rest unreadable ends the rows; ``isReadable`` then says so.
///
/// ```swift
/// var rows = CSVRowStream(ByteBlocks(bytes: Array("id\nEHC-1\n".utf8)), file: "cases.csv", log: log)
/// rows.header            // ["id"]
/// rows.next()?.cells     // ["EHC-1"]
/// ```
struct CSVRowStream {
    struct Row: Sendable {
        var line: Int
        var cells: [String]
    }

    let file: String
    private let log: ProblemLog
    private var blocks: ByteBlocks
    /// Bytes read but not yet parsed; `boundary` is the end of the last whole record in them.
    private var pending: [UInt8] = []
    private var scanned = 0
    private var boundary = 0
    /// Where the scan is in the library's grammar, so records are cut where the library ends them.
    private enum Scan { case fieldStart, unquoted, quoted, afterQuote }
    private var scan = Scan.fieldStart
    private var quoteOpenedOn = 1
    /// A quote inside a quoted cell followed by neither a quote, a comma nor a line end: the library
    /// would silently drop the character after it, so the file is refused at that line instead.
    private var strayQuoteLine: Int?
    /// The physical line of `pending`'s first byte, and of the byte `scanned` reaches.
    private var pendingLine = 1
    private var scannedLines = LineBreaks()
    private var parsed: [Row] = []
    private var parsedIndex = 0
    private var atEnd = false
    private var hasRead = false
    /// The row after the one last returned, read ahead so the last row can be named as the last.
    private var lookahead: Row?
    /// The first row, or `[]` when the file has none or cannot be read.
    private(set) var header: [String] = []
    /// The problem that made the rest of the file unreadable, if one did.
    private(set) var failure: ImportProblem?
    var isReadable: Bool { failure == nil }
    /// Bytes of the file consumed so far, for progress.
    private(set) var consumed = 0

    /// Reads up to the header; an empty file is reported here.
    init(_ blocks: ByteBlocks, file: String, log: ProblemLog) {
        self.blocks = blocks
        self.file = file
        self.log = log
        guard let first = nextRecord() else {
            if isReadable { fail("1:1", "the file is empty; expected a header row") }
            return
        }
        header = first.cells
        lookahead = nextRecord()
    }

    /// The 1-based column of a header name, if present.
    func column(_ name: String) -> Int? { header.firstIndex(of: name).map { $0 + 1 } }

    /// The next row after the header, its cells as written (a neutralised formula restored).
    mutating func next() -> Row? {
        guard var row = lookahead else { return nil }
        lookahead = nextRecord()
        row.cells = row.cells.map(SpreadsheetCell.restored)
        if row.cells.count != header.count {
            log.add(file: file, "\(row.line):\(min(row.cells.count, header.count) + 1)",
                    "this row has \(row.cells.count) cells but the header has \(header.count)"
                    + (lookahead == nil && isReadable ? " (is the file cut short?)" : ""))
        }
        return row
    }

    private mutating func fail(_ place: String, _ message: String) {
        failure = ImportProblem(file: file, place: place, message: message)
        log.add(file: file, place, message)
        parsed = []
        lookahead = nil
    }

    /// The next non-empty record, parsing a further run of records when the last run is used up.
    private mutating func nextRecord() -> Row? {
        while parsedIndex == parsed.count {
            guard isReadable, !atEnd || !pending.isEmpty else { return nil }
            parseRun()
        }
        defer { parsedIndex += 1 }
        return parsed[parsedIndex]
    }

    /// Reads blocks until a run of whole records of about a block is found (or the file ends), then
    /// parses it with the library.
    private mutating func parseRun() {
        while !atEnd && boundary < blocks.blockSize {
            do {
                guard var block = try blocks.next() else { atEnd = true; break }
                if !hasRead, block.starts(with: [0xEF, 0xBB, 0xBF]) {
                    // A UTF-8 byte-order mark, as Excel's "CSV UTF-8" writes, is not part of the data.
                    block.removeFirst(3)
                    consumed = 3
                }
                hasRead = true
                pending += block
            } catch {
                fail("\(1 + scannedLines.count):1", "cannot be read: \(error.localizedDescription)")
                return
            }
            findBoundary()
        }
        if atEnd { boundary = pending.count }
        let run = Array(pending[..<boundary])
        pending.removeFirst(boundary)
        scanned -= boundary
        boundary = 0
        consumed += run.count
        guard !run.isEmpty else { return }
        let firstLine = pendingLine
        pendingLine += Self.lineBreaks(in: run)
        parsed = []
        parsedIndex = 0
        // What makes the text untrustworthy, earliest first, as a reader of the whole file would find it.
        var faults: [(line: Int, column: Int, message: String)] = []
        let text = String(validating: run, as: UTF8.self)
        if text == nil {
            let (line, column) = Self.firstInvalidUTF8(run)
            faults.append((firstLine + line - 1, column, "the file is not UTF-8 text (save it as CSV UTF-8)"))
        }
        if let line = strayQuoteLine, line < pendingLine {
            faults.append((line, 1, "a quote inside a quoted cell must be written twice (\"\"): is a quote missing or extra?"))
        }
        if atEnd && scan == .quoted {
            faults.append((quoteOpenedOn, 1, "a quoted cell opened on this line is never closed: is the file cut short?"))
        }
        if let first = faults.min(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
            fail("\(first.line):\(first.column)", first.message)
            return
        }
        guard let text, let reader = try? CSVReader(string: text, hasHeaderRow: false) else {
            fail("\(firstLine):1", "cannot be read as CSV")
            return
        }
        var line = firstLine
        while let cells = reader.next() {
            if !(cells.count == 1 && cells[0].isEmpty) { parsed.append(Row(line: line, cells: cells)) }
            line += 1 + cells.reduce(0) { $0 + Self.lineBreaks(in: Array($1.utf8)) }
        }
    }

    /// Moves `boundary` past the last line end that ends a record, following the library's grammar
    /// (RFC 4180: a quote opens a cell only at its start; inside one, `""` is a quote).
    private mutating func findBoundary() {
        while scanned < pending.count {
            let byte = pending[scanned]
            scanned += 1
            scannedLines.feed(byte)
            let isLineEnd = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            switch scan {
            case .fieldStart, .unquoted:
                if byte == UInt8(ascii: "\"") && scan == .fieldStart {
                    scan = .quoted
                    quoteOpenedOn = 1 + scannedLines.count
                } else {
                    scan = byte == UInt8(ascii: ",") || isLineEnd ? .fieldStart : .unquoted
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") { scan = .afterQuote }
            case .afterQuote:
                if byte == UInt8(ascii: ",") || isLineEnd {
                    scan = .fieldStart
                } else {
                    if byte != UInt8(ascii: "\"") { strayQuoteLine = strayQuoteLine ?? 1 + scannedLines.count }
                    scan = .quoted
                }
            }
            if byte == UInt8(ascii: "\n") && scan == .fieldStart { boundary = scanned }
        }
    }

    /// Counts line breaks as a reader does: `\n`, `\r\n` once, and a `\r` alone.
    struct LineBreaks {
        private(set) var count = 0
        private var afterCR = false

        /// Feeds one byte (any non-ASCII scalar may be fed as `0x80`); a `\r` alone is counted
        /// when the byte after it arrives.
        mutating func feed(_ byte: UInt8) {
            if byte == UInt8(ascii: "\n") || afterCR { count += 1 }
            afterCR = byte == UInt8(ascii: "\r")
        }

        /// The count with a `\r` at the very end taken as a line end.
        var finished: Int { afterCR ? count + 1 : count }
    }

    private static func lineBreaks(in bytes: [UInt8]) -> Int {
        var counter = LineBreaks()
        for byte in bytes { counter.feed(byte) }
        return counter.finished
    }

    /// The line and column (in characters) of the first byte that is not UTF-8.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var lines = LineBreaks()
        var column = 1
        while case let .scalarValue(scalar) = decoder.decode(&iterator) {
            let before = lines.count
            lines.feed(scalar.isASCII ? UInt8(scalar.value) : 0x80)
            if lines.count != before { column = 1 }
            if scalar != "\n" { column += 1 }
        }
        return (1 + lines.finished, lines.finished == lines.count ? column : 1)
    }
}

/// Writes rows as RFC 4180 CSV with the CSV library, quoting only where needed.
///
/// ```swift
/// let text = try CSVText.write(header: ["id"], rows: [["EHC-1"]])   // "id\nEHC-1\n"
/// ```
public enum CSVText {
    /// Every cell passes through ``SpreadsheetCell/neutralised(_:)``, so no cell runs as a formula.
    public static func write(header: [String], rows: [[String]]) throws -> String {
        try lines([header], neutralising: false) + (rows.isEmpty ? "" : "\n" + lines(rows)) + "\n"
    }

    /// Rows as CSV lines separated by `\n`, with no newline after the last: a file written a chunk
    /// of rows at a time is its header, then `"\n" + lines(chunk)` for each chunk, then `"\n"`,
    /// which is exactly ``write(header:rows:)``.
    /// Throws only if the in-memory stream refuses bytes (out of memory).
    public static func lines(_ rows: [[String]], neutralising: Bool = true) throws -> String {
        let sink = ByteSink()
        let writer = try CSVWriter(stream: sink)
        for row in rows { try writer.write(row: neutralising ? row.map(SpreadsheetCell.neutralised) : row) }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

/// The stream the CSV library writes into: its bytes collected in an array. Foundation's memory
/// stream took each of the library's one-byte writes through CoreFoundation and copied the whole
/// text again to hand it back (two thirds of a CSV export's time).
private final class ByteSink: OutputStream {
    private(set) var bytes: [UInt8] = []
    private var status = Stream.Status.notOpen

    init() {
        super.init(toMemory: ())
    }

    required init(toMemory: ()) {
        super.init(toMemory: toMemory)
    }

    override func open() { status = .open }
    override func close() { status = .closed }
    override var streamStatus: Stream.Status { status }
    override var hasSpaceAvailable: Bool { true }

    override func write(_ buffer: UnsafePointer<UInt8>, maxLength length: Int) -> Int {
        bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: length))
        return length
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
