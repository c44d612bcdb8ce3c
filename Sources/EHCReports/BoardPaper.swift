import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A report as one self-contained, print-ready HTML page for a board: its title (the report, the
/// period, the authority), the monthly timeliness chart as inline SVG, every table with human
/// labels and the Total row last, the summary line, and the definitions as a list.
///
/// Nothing is fetched and nothing runs: the styles are inline, a Content-Security-Policy forbids
/// every load and every script, and the page prints on A4. The page is built as an element tree
/// through Foundation's XML, so a child's name or a caseworker's can never become markup.
///
/// ```swift
/// let paper = BoardPaper(title: "SEND measures, 2025-11-01 to 2026-10-31 · Northshire County Council",
///                        tables: [.init(columns: [.init("what"), .init("value", number: true)],
///                                       rows: [["New EHC plans issued", "731"]])],
///                        definitions: ["plans.issued: Final plans issued in the period."])
/// try paper.html()   // "<!DOCTYPE html>\n<html lang=\"en-GB\" …"
/// ```
public struct BoardPaper: Sendable {
    public struct Column: Sendable, Hashable {
        public var title: String
        /// Numbers are right-aligned.
        public var number: Bool

        public init(_ title: String, number: Bool = false) {
            self.title = title
            self.number = number
        }
    }

    public struct Table: Sendable, Hashable {
        public var caption: String?
        public var columns: [Column]
        public var rows: [[String]]

        public init(caption: String? = nil, columns: [Column], rows: [[String]]) {
            (self.caption, self.columns, self.rows) = (caption, columns, rows)
        }
    }

    public var title: String
    public var summary: String?
    public var chart: TimelinessChart?
    public var tables: [Table]
    public var definitions: [String]

    public init(title: String, summary: String? = nil, chart: TimelinessChart? = nil, tables: [Table],
                definitions: [String]) {
        (self.title, self.summary, self.chart, self.tables, self.definitions) = (title, summary, chart, tables, definitions)
    }

    /// No network, no script, no plugin: only the inline styles and the SVG drawn in the page.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    static let style = """
        @page { size: A4; margin: 18mm 15mm; }
        body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0; }
        h1 { font-size: 15pt; margin: 0 0 4mm; }
        h2 { font-size: 12pt; margin: 6mm 0 2mm; }
        table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; page-break-inside: auto; }
        tr { page-break-inside: avoid; }
        th, td { border-bottom: 0.5pt solid #bbb; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
        th { background: #eee; }
        .number { text-align: right; font-variant-numeric: tabular-nums; }
        tr.total td { font-weight: bold; border-top: 1pt solid #111; }
        figure { margin: 0 0 4mm; page-break-inside: avoid; }
        figcaption { font-size: 9pt; color: #444; }
        svg .bar { fill: #1d5b99; }
        svg .grid { stroke: #ccc; stroke-width: 0.5; }
        svg .axis { font-size: 9px; text-anchor: end; fill: #444; }
        svg .value { font-size: 9px; text-anchor: middle; fill: #111; }
        svg .month { font-size: 9px; text-anchor: middle; fill: #444; }
        svg .national { stroke: #c0392b; stroke-width: 1.5; stroke-dasharray: 5 3; }
        svg .national-label { font-size: 9px; text-anchor: end; fill: #c0392b; }
        .summary { margin: 2mm 0; }
        .definitions li { margin-bottom: 1mm; }
        """

    /// The page: `<!DOCTYPE html>` and the document, UTF-8.
    public func html() -> String {
        let html = Markup.element("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en-GB")])
        let head = Markup.element("head")
        head.addChild(Markup.element("meta", [("charset", "utf-8")]))
        head.addChild(Markup.element("meta", [("http-equiv", "Content-Security-Policy"), ("content", Self.contentSecurityPolicy)]))
        head.addChild(Markup.element("title", text: title))
        head.addChild(Markup.element("style", text: Self.style))
        html.addChild(head)
        let body = Markup.element("body")
        body.addChild(Markup.element("h1", text: title))
        if let chart {
            let figure = Markup.element("figure")
            figure.addChild(chart.svg())
            figure.addChild(Markup.element("figcaption", text: "New EHC plans issued within 20 weeks, by month of issue, excluding exceptions"
                                        + (chart.national.map { "; dashed line: national " + TimelinessChart.percentText($0) } ?? "")))
            body.addChild(figure)
        }
        for table in tables { body.addChild(Self.element(table)) }
        if let summary { body.addChild(Markup.element("p", [("class", "summary")], text: summary)) }
        body.addChild(Markup.element("h2", text: "Definitions"))
        let list = Markup.element("ul", [("class", "definitions")])
        for definition in definitions { list.addChild(Markup.element("li", text: definition)) }
        body.addChild(list)
        html.addChild(body)
        // Compact empty elements: `<meta />` is HTML's void element; no other element is ever left empty.
        return "<!DOCTYPE html>\n" + html.xmlString(options: [.nodePrettyPrint, .nodeCompactEmptyElement]) + "\n"
    }

    /// A table; a last row whose first cell is `Total` is set apart as the total.
    static func element(_ table: Table) -> XMLElement {
        let element = Markup.element("table")
        if let caption = table.caption { element.addChild(Markup.element("caption", text: caption)) }
        let head = Markup.element("thead")
        let header = Markup.element("tr")
        for column in table.columns {
            header.addChild(Markup.element("th", column.number ? [("class", "number"), ("scope", "col")] : [("scope", "col")],
                                        text: column.title))
        }
        head.addChild(header)
        element.addChild(head)
        let body = Markup.element("tbody")
        for (index, row) in table.rows.enumerated() {
            let isTotal = index == table.rows.count - 1 && row.first == "Total"
            let line = Markup.element("tr", isTotal ? [("class", "total")] : [])
            for (place, cell) in row.enumerated() {
                let number = table.columns.indices.contains(place) && table.columns[place].number
                line.addChild(Markup.element("td", number ? [("class", "number")] : [], text: cell.isEmpty ? "–" : cell))
            }
            body.addChild(line)
        }
        element.addChild(body)
        return element
    }
}
