import EHCCore

/// The 20-week assessment as one bar: request, decision, advice, draft, final and today marked
/// where they fall, so how far along a case is reads at a glance.
///
/// ```swift
/// TimelineBar.lines(for: sam, today: today, width: 40)
/// // ["R───D──A────d──────F────┤20w", "R request  D decision  A advice  d draft  F final  ▲ today"]
/// ```
public enum TimelineBar {
    public static func lines(for ehcCase: EHCCase, today: CalendarDate, width: Int) -> [String] {
        let barWidth = max(10, min(60, width - 6))
        let start = ehcCase.requestDate
        let span = max(140, start.days(until: today), start.days(until: ehcCase.finalPlanIssued ?? start))
        var cells = Array(repeating: Character("─"), count: barWidth)
        func mark(_ date: CalendarDate?, _ symbol: Character) {
            guard let date else { return }
            let offset = max(0, min(barWidth - 1, start.days(until: date) * (barWidth - 1) / span))
            cells[offset] = symbol
        }
        mark(start.adding(weeks: 20), "┤")
        mark(today, "▲")
        mark(start, "R")
        mark(ehcCase.decisionToAssess?.date, "D")
        for advice in ehcCase.advice { mark(advice.received, "A") }
        mark(ehcCase.draftPlanIssued, "d")
        mark(ehcCase.finalPlanIssued, "F")
        return [String(cells) + " \(span / 7)w",
                "R request D decision A advice d draft F final ┤ 20 weeks ▲ today"]
    }
}
