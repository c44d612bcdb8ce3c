import EHCCore

/// The plain-text form of one case for `ehcdesk case ID`: facts, events, then every deadline explained.
enum CaseReport {
    static func text(_ ehcCase: EHCCase, calendar: StatutoryCalendar, today: CalendarDate) -> String {
        let findings = ConsistencyCheck(settings: calendar.settings).findings(for: ehcCase, today: today)
        var lines: [String] = []
        let child = ehcCase.child
        lines.append("\(ehcCase.id)  \(child.fullName)")
        lines.append("  born \(child.dateOfBirth) (age \(child.age(on: today)))" + (child.setting.map { ", \($0)" } ?? ""))
        lines.append("  caseworker \(ehcCase.caseworker); status \(calendar.status(of: ehcCase).rawValue)")
        lines.append("")
        lines.append("Events")
        for event in CaseEvents.list(for: ehcCase) {
            lines.append("  \(event.date)  \(event.text)")
        }
        lines.append("")
        let deadlines = calendar.deadlines(for: ehcCase, today: today)
        if let forecast = BreachForecast.forecast(for: ehcCase, deadlines: deadlines, calendar: calendar, today: today) {
            lines.append(forecast.explanation)
            lines.append("")
        }
        lines.append("Deadlines on \(today)")
        for deadline in deadlines {
            lines.append("  \(deadline.key): due \(deadline.due), \(deadline.statusPhrase(on: today))"
                        )
            lines.append("    \(deadline.explanation)")
        }
        let guidance = calendar.guidance(for: ehcCase, today: today)
        if !guidance.isEmpty {
            lines.append("")
            lines.append("Guidance (not statutory deadlines)")
            for item in guidance { lines.append("  \(item.explanation)") }
        }
        if !findings.isEmpty {
            lines.append("")
            lines.append("Checks")
            for finding in findings {
                let rule = finding.rule.map { " (\($0))" } ?? ""
                lines.append("  \(finding.severity.rawValue) at \(finding.path): \(finding.message)\(rule)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
