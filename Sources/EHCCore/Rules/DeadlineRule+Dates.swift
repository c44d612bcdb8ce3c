/// Due dates and explanations read from a rule's period under the effective settings.
extension DeadlineRule {
    /// The due date of a rule counted from `start` (not for ``Period/beforeFixedDay(school:postSixteen:)``,
    /// which ``phaseTransferDue(kind:year:settings:)`` computes).
    func due(from start: CalendarDate, settings: Settings) -> CalendarDate {
        switch period {
        case .weeks(let weeks):
            // "Within N weeks of E": E + 7N; with day-one counting the event day is day 1, so one day less.
            settings.counting == .eventPlusWeeks ? start.adding(weeks: weeks) : start.adding(days: 7 * weeks - 1)
        case .twelveMonthsStartingWith:
            // "The period of 12 months starting with D" includes D, so strictly it ends the day before the anniversary.
            settings.reviewPeriod == .strict ? start.adding(months: 12).adding(days: -1) : start.adding(months: 12)
        case .beforeFixedDay:
            start
        }
    }

    /// The due date of a phase transfer in `year`: the day before the fixed day with `before`, the day itself with `by`.
    func phaseTransferDue(kind: PhaseTransferKind, year: Int, settings: Settings) -> CalendarDate {
        let fixed = fixedDay(for: kind)
        let day = CalendarDate(year: year, month: fixed.month, day: fixed.day) ?? CalendarDate(dayNumber: 0)
        return settings.phaseDeadline == .before ? day.adding(days: -1) : day
    }

    func fixedDay(for kind: PhaseTransferKind) -> MonthDay {
        guard case .beforeFixedDay(let school, let postSixteen) = period else { return MonthDay(month: 1, day: 1) }
        return kind == .school ? school : postSixteen
    }

    /// The one-sentence explanation of a deadline counted from an event, e.g.
    /// `Final plan due 2025-05-26: 20 weeks from the request received 2025-01-06 (Regs 2014 reg 13(2))`.
    func explanation(label: String, due: CalendarDate, startPhrase: String, start: CalendarDate,
                     settings: Settings) -> String {
        // One string grown in place: an export writes this sentence for every deadline of every case.
        var sentence = ""
        sentence.reserveCapacity(label.utf8.count + startPhrase.utf8.count + source.utf8.count + 100)
        sentence += label
        sentence += " due "
        sentence += due.description
        sentence += ": "
        switch period {
        case .weeks(let weeks):
            sentence += String(weeks)
            sentence += " weeks from "
            sentence += startPhrase
            sentence += " "
            sentence += start.description
            if settings.counting == .dayOne { sentence += ", counting that day as day 1" }
        case .twelveMonthsStartingWith:
            sentence += settings.reviewPeriod == .strict
                ? "to be concluded within the 12 months starting with "
                : "to be concluded by the first anniversary of "
            sentence += startPhrase
            sentence += " "
            sentence += start.description
        case .beforeFixedDay:
            sentence += startPhrase
        }
        sentence += " ("
        sentence += source
        sentence += ")"
        return sentence
    }

    /// The sentence of a phase transfer, e.g. `Phase transfer plan due 2025-02-14: amended before
    /// 15 February 2025 for a school phase transfer in 2025 (Regs 2014 reg 18(1))`.
    func phaseTransferExplanation(kind: PhaseTransferKind, year: Int, due: CalendarDate,
                                  settings: Settings) -> String {
        let fixed = fixedDay(for: kind)
        let reading = settings.phaseDeadline == .before ? "before " : "by (reading \"before\" as \"by\") "
        let transfer = kind == .school ? "a school phase transfer" : "a transfer into post-16 education"
        return "\(title) due \(due): amended \(reading)\(fixed.day) \(Self.monthNames[fixed.month - 1]) \(year) "
            + "for \(transfer) in \(year) (\(source))"
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// The title with the review number in place of `#`.
    func label(review number: Int) -> String {
        guard let mark = title.firstIndex(of: "#") else { return title }
        return title[..<mark] + String(number) + title[title.index(after: mark)...]
    }
}
