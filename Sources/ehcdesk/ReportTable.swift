import EHCCore
import EHCReports
import EHCStore
import EHCTUI
import Foundation

/// A small table every report renders the same way: aligned text, CSV (RFC 4180), JSON, Markdown
/// or a self-contained HTML board paper (``BoardPaper``), always with the definitions it was computed under.
///
/// Table and Markdown print the definitions after the rows; CSV and JSON print them to stderr,
/// so that stdout stays machine-readable. JSON is an array of objects keyed by column name unless
/// a report passes the shape its contract gives.
///
/// ```swift
/// let table = ReportTable(columns: [.init("agency"), .init("requested", title: "asked", number: true)],
///                         rows: [[.text("health"), .integer(12)]], definitions: ["Advice requested in the period."])
/// try table.write(.markdown)   // | agency | asked |  …  then the definitions
/// ```
struct ReportTable {
    /// A column: its machine name (CSV header, JSON key) and its title on screen and in Markdown.
    struct Column {
        var name: String
        var title: String
        /// Numbers are right-aligned.
        var number: Bool

        init(_ name: String, title: String? = nil, number: Bool = false) {
            self.name = name
            self.title = title ?? name
            self.number = number
        }
    }

    /// One cell: a text, a count, or a percentage or median to one decimal (`nil` when there is none).
    enum Value {
        case text(String)
        case integer(Int)
        case decimal(Double?)

        var text: String {
            switch self {
            case .text(let text): text
            case .integer(let number): String(number)
            case .decimal(let number): number.map { String(format: "%.1f", $0) } ?? ""
            }
        }

        var json: JSONValue {
            switch self {
            case .text(let text): .string(text)
            case .integer(let number): .number(String(number))
            case .decimal(let number): number.map { .number(String(format: "%.1f", $0)) } ?? .null
            }
        }
    }

    var columns: [Column]
    var rows: [[Value]]
    /// A closing line under the table (table format only), e.g. "12 overdue deadlines on 2026-11-24".
    var summary: String?
    /// What was counted: which dates, which exclusions, the counting convention in force.
    var definitions: [String]
    /// A board paper's heading for Markdown: the report, the period and the authority.
    var title: String? = nil
    /// The board paper's own columns and rows, when they differ from the machine-readable ones:
    /// human labels (never `educationalPsychology` or `all`) and the Total row last.
    var board: (columns: [Column], rows: [[Value]])? = nil
    /// The monthly timeliness chart an HTML board paper opens with (timeliness and the measures).
    var chart: TimelinessChart? = nil

    /// The row as a JSON object keyed by column name.
    func jsonObject(_ row: [Value]) -> JSONValue {
        .object(zip(columns, row).map { ($0.name, $1.json) })
    }

    /// Writes the report to stdout (and, for CSV and JSON, its definitions to stderr). `json`
    /// replaces the default array of row objects.
    func write(_ format: TableFormat, json: JSONValue? = nil) throws {
        switch format {
        case .table:
            print(tableText(), terminator: "")
        case .markdown:
            print(markdownText(), terminator: "")
        case .html:
            try StandardOutput.write(boardPaper().html())
        case .csv:
            FileHandle.standardOutput.write(try csvData())
            FileHandle.standardError.write(Data(definitionsText().utf8))
        case .json:
            print((json ?? .array(rows.map(jsonObject))).serialized())
            FileHandle.standardError.write(Data(definitionsText().utf8))
        }
    }

    /// Aligned columns measured in terminal cells (CJK and emoji take two), every cell sanitised.
    func tableText() -> String {
        let cells = [columns.map(\.title)] + rows.map { $0.map { $0.text.isEmpty ? "-" : $0.text } }
        let safe = cells.map { $0.map { CellWidth.sanitized($0, keepingLineBreaks: false) } }
        let widths = columns.indices.map { index in safe.map { CellWidth.of($0[index]) }.max() ?? 0 }
        var text = ""
        for line in safe {
            let padded = columns.indices.map { index in
                let cell = line[index]
                let padding = String(repeating: " ", count: widths[index] - CellWidth.of(cell))
                return columns[index].number ? padding + cell : cell + padding
            }
            text += padded.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        if let summary { text += HumanText.safe(summary) + "\n" }
        return text + "\n" + definitionsText()
    }

    /// A board paper: the title as a heading, the table, the summary, and the definitions as a list.
    func markdownText() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map(HumanText.markdownCell).joined(separator: " | ") + " |\n"
        }
        let (columns, rows) = board ?? (self.columns, self.rows)
        var text = title.map { "# " + HumanText.markdownCell($0) + "\n\n" } ?? ""
        text += line(columns.map(\.title))
        text += "|" + columns.map { $0.number ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { text += line(row.map { $0.text.isEmpty ? "-" : $0.text }) }
        if let summary { text += "\n" + HumanText.safe(summary) + "\n" }
        return text + "\n**Definitions**\n\n" + definitions.map { "- " + HumanText.safe($0) + "\n" }.joined()
    }

    /// The board paper as one HTML page: the board's columns and rows, every text made inert first.
    func boardPaper() -> BoardPaper {
        let (columns, rows) = board ?? (self.columns, self.rows)
        return BoardPaper(
            title: HumanText.safe(title ?? summary ?? "ehcdesk report"), summary: summary.map(HumanText.safe), chart: chart,
            tables: [.init(columns: columns.map { .init(HumanText.safe($0.title), number: $0.number) },
                           rows: rows.map { $0.map { CellWidth.sanitized($0.text, keepingLineBreaks: false) } })],
            definitions: definitions.map(HumanText.safe))
    }

    /// The chart of plans issued within 20 weeks, excluding exceptions, for each month of a
    /// timeliness report grouped by month (which lists every month of its period, empty ones too).
    static func monthlyChart(_ report: Timeliness.Report, national: Double?) -> TimelinessChart {
        TimelinessChart(months: report.groups.map { month in
            .init(label: CalendarDate(month.key + "-01")?.monthAndYear ?? month.key,
                  issued: month.plansIssuedExcludingExceptions, within: month.withinTwentyWeeksExcludingExceptions)
        }, national: national)
    }

    /// RFC 4180 through the CSV library, formula-like cells neutralised (``SpreadsheetCell``).
    func csvData() throws -> Data {
        Data(try CSVText.write(header: columns.map(\.name), rows: rows.map { $0.map(\.text) }).utf8)
    }

    func definitionsText() -> String {
        "Definitions:\n" + definitions.map { "  " + $0 + "\n" }.joined()
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// The one way data reaches a person's terminal outside the TUI: control characters become `�`
/// (see ``CellWidth/sanitized(_:keepingLineBreaks:)``), so nothing stored can move the cursor,
/// retitle the window or clear the screen; Markdown cells are escaped as well.
///
/// ```swift
/// HumanText.safe("Sam\u{1B}]0;pwned\u{7}")       // "Sam�]0;pwned�"
/// HumanText.markdownCell("<b>A|B</b> [x](y)")       // "\\<b\\>A\\|B\\</b\\> \\[x\\]\\(y\\)"
/// ```
enum HumanText {
    /// Text laid out by ehcdesk (its line breaks kept) with whatever came from the data made inert.
    static func safe(_ text: String) -> String {
        CellWidth.sanitized(text, keepingLineBreaks: true)
    }

    /// Prints text to stdout through ``safe(_:)``.
    static func print(_ text: String) {
        Swift.print(safe(text))
    }

    /// One Markdown table cell: sanitised on one line, with every character Markdown or HTML would
    /// act on backslash-escaped (`|` would split the cell, `<` open a tag, `[…](…)` make a link).
    static func markdownCell(_ text: String) -> String {
        var escaped = ""
        for character in CellWidth.sanitized(text, keepingLineBreaks: false) {
            if "\\|<>[]()`*_&!#~".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

/// Writes to stdout through the throwing API, so a closed pipe or a full disk is an error the
/// command reports (exit 1) instead of a trap.
enum StandardOutput {
    static func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    static func write(_ bytes: [UInt8]) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: bytes)
        } catch {
            throw CommandFailure(description: "ehcdesk: cannot write the output: \(error.localizedDescription)")
        }
    }
}
