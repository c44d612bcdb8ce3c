import EHCCore

/// The "Contributions" part of the case detail: one entry per advice request, saying who was
/// asked, when, when it is due, whether it came (or how long it has been outstanding and how far
/// over), how often it was chased, and the verdict on its quality.
///
/// ```swift
/// ContributionsPane.lines(for: detail, today: today, width: 60)
/// // Contributions: 1 of 2 outstanding
/// //   Health · Dr Patel
/// //     asked 2025-02-03 · due 2025-03-17 · 57 days outstanding · 15 days over · not chased
/// ```
enum ContributionsPane {
    static func lines(for detail: CaseDetail, today: CalendarDate, width: Int) -> [DetailView.Line] {
        let advice = detail.ehcCase.advice
        guard !advice.isEmpty else { return [] }
        let outstanding = advice.count(where: \.isOutstanding)
        var lines: [DetailView.Line] = [[
            DetailView.Span("Contributions", .header),
            DetailView.Span(": \(outstanding) of \(advice.count) outstanding", .muted),
        ]]
        let keys = AdviceRequest.deadlineKeys(advice)
        for (index, item) in advice.enumerated() {
            let contact = item.contact.map { " · " + $0 } ?? ""
            lines += DetailView.wrapped(AdviceWording.agency(item) + contact, width: width, indent: 2, hanging: 4)
            guard let deadline = detail.deadlines.first(where: { $0.key == keys[index] }) else { continue }
            var parts = ["asked \(item.requested)", "due \(deadline.due)"]
            if item.isOutstanding {
                parts.append(AdviceWording.plural(item.requested.days(until: today), "day") + " outstanding")
            }
            let standing = AdviceWording.standing(deadline, today: today)
            parts += [standing.text, AdviceWording.chases(item)]
            if let quality = AdviceWording.quality(item) { parts.append(quality) }
            let role: StyleRole = item.isOutstanding ? standing.role : .muted
            lines += DetailView.wrapped(parts.joined(separator: " · "), width: width, indent: 4, hanging: 6).map { line in
                line.map { DetailView.Span($0.text, role) }
            }
        }
        lines.append([])
        return lines
    }
}
