import EHCReports
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The board paper's chart and page, read back with a generic XML parser.
@Suite("Board paper HTML")
struct BoardPaperTests {
    static let months = [
        TimelinessChart.Month(label: "Jan 2026", issued: 25, within: 12),
        TimelinessChart.Month(label: "Feb 2026", issued: 0, within: 0),
        TimelinessChart.Month(label: "Mar 2026", issued: 10, within: 10),
        TimelinessChart.Month(label: "Apr 2026", issued: 8, within: 2),
    ]

    func parsed(_ xml: String) throws -> XMLDocument {
        try XMLDocument(xmlString: xml, options: [])
    }

    /// An attribute's value (read from the list: Foundation's `attribute(forName:)` misses attributes of
    /// an element in a default namespace on Linux).
    func value(of name: String, in element: XMLElement?) -> String? {
        element?.attributes?.first { $0.name == name }?.stringValue
    }

    func elements(_ document: XMLDocument, _ name: String) throws -> [XMLElement] {
        try document.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
    }

    @Test("each bar's height is its month's percentage within 20 weeks of the plot, with its counts and title")
    func barsMatchFigures() throws {
        let chart = TimelinessChart(months: Self.months, national: nil)
        let rects = try elements(parsed(chart.svg().xmlString), "rect")
        #expect(rects.count == 4)
        let expected = [48.0, 0, 100, 25]
        for (rect, (month, percent)) in zip(rects, zip(Self.months, expected)) {
            let height = try #require(Double(value(of: "height", in: rect) ?? ""))
            let y = try #require(Double(value(of: "y", in: rect) ?? ""))
            #expect(abs(height - TimelinessChart.plotHeight * percent / 100) < 0.06, "\(month.label)")
            #expect(abs(y + height - 220) < 0.06, "\(month.label): every bar stands on the baseline")
            #expect(value(of: "data-issued", in: rect) == String(month.issued))
            #expect(value(of: "data-within", in: rect) == String(month.within))
        }
        #expect(rects[0].stringValue == "Jan 2026: 12 of 25 within 20 weeks (48.0%)")
        #expect(rects[1].stringValue == "Feb 2026: no plans issued")
        let values = try elements(parsed(chart.svg().xmlString), "text").filter {
            value(of: "class", in: $0) == "value"
        }.map(\.stringValue)
        #expect(values == ["48.0%", "–", "100.0%", "25.0%"])
        #expect(try elements(parsed(chart.svg().xmlString), "line").allSatisfy { value(of: "class", in: $0) == "grid" })
    }

    @Test("the national line is drawn at its percentage, after every bar (so over them), and only when configured")
    func nationalLine() throws {
        let document = try parsed(TimelinessChart(months: Self.months, national: 46.4).svg().xmlString)
        let children = try #require(document.rootElement()?.children)
        let national = try #require(children.lastIndex { value(of: "class", in: ($0 as? XMLElement)) == "national" })
        let lastBar = try #require(children.lastIndex { $0.name == "rect" })
        #expect(national > lastBar)
        let line = try #require(children[national] as? XMLElement)
        #expect(value(of: "y1", in: line) == "127.2")   // 220 − 200 × 0.464
        #expect(try elements(document, "text").contains { $0.stringValue == "national 46.4%" })
    }

    @Test("the page is well-formed, escapes what it is given, loads and runs nothing, and marks the Total row")
    func page() throws {
        let paper = BoardPaper(
            title: "Advice <script>alert(1)</script> · O'Neill & Co",
            chart: TimelinessChart(months: Self.months, national: 46.4),
            tables: [.init(columns: [.init("agency"), .init("requested", number: true)],
                           rows: [["Health", "12"], ["<b>x</b>", ""], ["Total", "12"]])],
            definitions: ["Within 6 weeks: received on or before the due date."])
        let html = paper.html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;"))
        let document = try parsed(String(html.dropFirst("<!DOCTYPE html>\n".count)))
        #expect(try elements(document, "h1").map(\.stringValue) == ["Advice <script>alert(1)</script> · O'Neill & Co"])
        let policy = try elements(document, "meta").compactMap { value(of: "content", in: $0) }
        #expect(policy.contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:"))
        let rows = try elements(document, "tr")
        #expect(value(of: "class", in: rows.last) == "total")
        #expect(try elements(document, "td").map(\.stringValue) == ["Health", "12", "<b>x</b>", "–", "Total", "12"])
        #expect(try elements(document, "li").map(\.stringValue) == ["Within 6 weeks: received on or before the due date."])
        #expect(try elements(document, "svg").count == 1)
        #expect(try elements(document, "style").first?.stringValue?.contains("@page { size: A4") == true)
    }
}
