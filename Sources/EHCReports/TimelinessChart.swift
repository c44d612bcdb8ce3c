import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The monthly timeliness chart of a board paper as inline SVG: one bar per month of the
/// percentage of new plans issued within 20 weeks, excluding exceptions (the DfE's headline
/// measure), its value printed above it, and the national figure drawn as a dashed line over
/// the bars when the authority has configured it.
///
/// Built as an element tree (Foundation's XML), so a label can never break the markup. The bar
/// geometry is public so a test can hold every bar against its figures.
///
/// ```swift
/// let chart = TimelinessChart(months: [.init(label: "Jan 2026", issued: 25, within: 12)], national: 50.3)
/// chart.bars[0].height     // 48% of TimelinessChart.plotHeight
/// chart.svg().xmlString    // <svg xmlns="http://www.w3.org/2000/svg" …>
/// ```
public struct TimelinessChart: Sendable, Hashable {
    /// One month: plans issued in it without an allowed exception on the final plan, and how many within 20 weeks.
    public struct Month: Sendable, Hashable {
        public var label: String
        public var issued: Int
        public var within: Int

        public init(label: String, issued: Int, within: Int) {
            (self.label, self.issued, self.within) = (label, issued, within)
        }

        /// `nil` when no plan was issued: no bar, never a division by zero.
        public var percent: Double? { issued == 0 ? nil : Double(within) / Double(issued) * 100 }
    }

    /// Where a month's bar is drawn, in the SVG's own units.
    public struct Bar: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        public var percent: Double?
    }

    public var months: [Month]
    /// The national percentage within 20 weeks excluding exceptions, when configured.
    public var national: Double?

    public init(months: [Month], national: Double?) {
        self.months = months
        self.national = national
    }

    public static let width = 640.0
    public static let plotHeight = 200.0
    static let left = 40.0
    static let top = 20.0
    static let bottomRoom = 40.0

    /// The height of the plot's bottom edge from the SVG's top.
    static var baseline: Double { top + plotHeight }

    static func y(ofPercent percent: Double) -> Double { baseline - plotHeight * min(100, max(0, percent)) / 100 }

    /// One bar per month, left to right.
    public var bars: [Bar] {
        let slot = (Self.width - Self.left - 10) / Double(max(1, months.count))
        return months.enumerated().map { index, month in
            let height = Self.plotHeight * min(100, max(0, month.percent ?? 0)) / 100
            return Bar(x: Self.left + Double(index) * slot + slot * 0.15, y: Self.baseline - height, width: slot * 0.7,
                       height: height, percent: month.percent)
        }
    }

    /// The chart as an `<svg>` element with its title, axis, bars, values, month labels and national line.
    public func svg() -> XMLElement {
        let height = Self.top + Self.plotHeight + Self.bottomRoom
        let svg = Markup.element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Markup.number(Self.width)) \(Markup.number(height))"),
                                      ("width", "100%"), ("role", "img"),
                                      ("aria-label", "Percentage of new EHC plans issued within 20 weeks by month, excluding exceptions")])
        svg.addChild(Markup.element("title", text: "New EHC plans issued within 20 weeks by month, excluding exceptions"))
        for percent in [0.0, 50, 100] {
            let y = Self.y(ofPercent: percent)
            svg.addChild(Markup.element("line", [("x1", Markup.number(Self.left)), ("y1", Markup.number(y)),
                                              ("x2", Markup.number(Self.width - 10)), ("y2", Markup.number(y)), ("class", "grid")]))
            svg.addChild(Markup.element("text", [("x", Markup.number(Self.left - 4)), ("y", Markup.number(y + 4)), ("class", "axis")],
                                     text: "\(Int(percent))%"))
        }
        for (bar, month) in zip(bars, months) {
            let centre = Markup.number(bar.x + bar.width / 2)
            let rect = Markup.element("rect", [("x", Markup.number(bar.x)), ("y", Markup.number(bar.y)), ("width", Markup.number(bar.width)),
                                            ("height", Markup.number(bar.height)), ("class", "bar"),
                                            ("data-month", month.label), ("data-issued", String(month.issued)),
                                            ("data-within", String(month.within))])
            rect.addChild(Markup.element("title", text: month.percent.map { "\(month.label): \(month.within) of \(month.issued) within 20 weeks (\(Self.percentText($0)))" }
                                      ?? "\(month.label): no plans issued"))
            svg.addChild(rect)
            svg.addChild(Markup.element("text", [("x", centre), ("y", Markup.number(bar.y - 4)), ("class", "value")],
                                     text: month.percent.map(Self.percentText) ?? "–"))
            svg.addChild(Markup.element("text", [("x", centre), ("y", Markup.number(Self.baseline + 16)), ("class", "month")],
                                     text: month.label))
        }
        if let national {
            // After the bars, so it is drawn over them: the reference is read against every month.
            let y = Markup.number(Self.y(ofPercent: national))
            svg.addChild(Markup.element("line", [("x1", Markup.number(Self.left)), ("y1", y), ("x2", Markup.number(Self.width - 10)),
                                              ("y2", y), ("class", "national")]))
            svg.addChild(Markup.element("text", [("x", Markup.number(Self.width - 10)), ("y", Markup.number(Self.y(ofPercent: national) - 4)),
                                              ("class", "national-label")],
                                     text: "national " + Self.percentText(national)))
        }
        return svg
    }

    /// `48.0%`: one decimal, as every report prints a percentage.
    public static func percentText(_ value: Double) -> String { String(format: "%.1f%%", value) }
}

/// Elements with attributes and text, escaped by the XML library: the SVG chart's and the page's.
enum Markup {
    static func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil) -> XMLElement {
        let element = text.map { XMLElement(name: name, stringValue: $0) } ?? XMLElement(name: name)
        for (key, value) in attributes {
            let attribute = XMLNode(kind: .attribute)
            attribute.name = key
            attribute.stringValue = value
            element.addAttribute(attribute)
        }
        return element
    }

    /// `12.5`, `200`: no exponent, no trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
