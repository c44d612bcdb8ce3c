import EHCCore

/// The exceptions a synthetic case may record: always valid ones, meeting every condition of the
/// Exceptions table in `statutory-rules.md` (regs 8(2), 10(4), 13(3)), and with the family told.
extension CaseloadGenerator {
    /// A valid exception for a case whose advice has been asked for, beginning before the (planned)
    /// final plan, or `nil` when none fits by `today`.
    func makeException(for ehcCase: EHCCase, finalPlan: CalendarDate, random: inout SplitMix64)
        -> StatutoryException? {
        if let closure = summerClosure(for: ehcCase, random: &random), random.chance(percent: 70) {
            return closure
        }
        switch random.int(in: 0...99) {
        case ..<45: return personalCircumstances(for: ehcCase, before: finalPlan, random: &random)
        case ..<80: return absence(for: ehcCase, before: finalPlan, random: &random)
            ?? personalCircumstances(for: ehcCase, before: finalPlan, random: &random)
        default: return missedAppointment(for: ehcCase, random: &random)
            ?? personalCircumstances(for: ehcCase, before: finalPlan, random: &random)
        }
    }

    /// Reg 13(3) via 10(4)(c): needs a note; it starts within the 20 weeks, so it overlaps them.
    private func personalCircumstances(for ehcCase: EHCCase, before finalPlan: CalendarDate,
                                       random: inout SplitMix64) -> StatutoryException? {
        let from = ehcCase.requestDate.adding(days: random.int(in: 0...120))
        guard from <= today, from < finalPlan else { return nil }
        let to = from.adding(days: random.int(in: 14...90))
        return StatutoryException(
            ground: .personalCircumstances, appliesTo: ["finalPlan"], from: from, to: to <= today ? to : nil,
            note: random.element(of: CaseloadGenerator.circumstances),
            parentInformed: told(from: from, random: &random))
    }

    /// Reg 13(3) via 10(4)(d): away from the area for at least four weeks, and back by `today`.
    private func absence(for ehcCase: EHCCase, before finalPlan: CalendarDate,
                         random: inout SplitMix64) -> StatutoryException? {
        let from = ehcCase.requestDate.adding(days: random.int(in: 7...110))
        let to = from.adding(days: random.int(in: 28...63))
        guard to <= today, from < finalPlan else { return nil }
        return StatutoryException(
            ground: .absence, appliesTo: ["finalPlan"], from: from, to: to,
            note: "Family abroad, away from the area", parentInformed: told(from: from, random: &random))
    }

    /// Reg 8(2)(c): the child missed the educational psychologist's appointment while the advice was awaited.
    private func missedAppointment(for ehcCase: EHCCase, random: inout SplitMix64) -> StatutoryException? {
        guard let psychology = ehcCase.advice.first(where: { $0.agency == .educationalPsychology }) else { return nil }
        let appointment = psychology.requested.adding(days: random.int(in: 7...35))
        guard appointment <= today, appointment < psychology.received ?? today.adding(days: 1) else { return nil }
        return StatutoryException(
            ground: .missedAppointment, appliesTo: ["advice:educationalPsychology"], from: appointment,
            note: "Child did not attend the assessment appointment",
            parentInformed: told(from: appointment, random: &random))
    }

    /// Reg 13(3) via 10(4)(a)/(b): the setting closed for the summer (at least four weeks), with the
    /// education advice asked for between a week before it closed and a week before it re-opened.
    private func summerClosure(for ehcCase: EHCCase, random: inout SplitMix64) -> StatutoryException? {
        guard let setting = ehcCase.child.setting,
              let education = ehcCase.advice.first(where: { $0.agency == .education }) else { return nil }
        let year = education.requested.year
        guard let from = CalendarDate(year: year, month: 7, day: random.int(in: 18...24)),
              let to = CalendarDate(year: year, month: 9, day: random.int(in: 1...5)),
              from >= ehcCase.requestDate, to <= today,
              from.adding(days: -7) <= education.requested, education.requested <= to.adding(days: -7)
        else { return nil }
        let earlyYears = localSettings.nurseries.contains(setting)
        return StatutoryException(
            ground: earlyYears ? .earlyYearsClosure : .schoolClosure, appliesTo: ["finalPlan"], from: from, to: to,
            note: earlyYears ? "Nursery closed for the summer" : "Closed for the summer holiday",
            parentInformed: told(from: from, random: &random))
    }

    /// The family is told within a fortnight, and never after `today`.
    private func told(from: CalendarDate, random: inout SplitMix64) -> CalendarDate {
        min(from.adding(days: random.int(in: 0...14)), today)
    }

    private static let circumstances = [
        "Parent in hospital for several weeks", "Bereavement in the family", "Child seriously ill",
        "Family made homeless and rehoused", "Parent asked to pause the assessment after a family crisis",
    ]
}
