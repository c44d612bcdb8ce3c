import EHCCore

/// An open "record event" form: the event, the case it is for, the fields as typed, which field
/// has the cursor, and the refusal shown in place when the last attempt to save was refused.
///
/// ```swift
/// var form = EventForm(event: .finalPlanIssued, caseID: sam.id)
/// form.type("-")
/// form.type("3")
/// let result = form.submit(on: sam, today: today, check: ConsistencyCheck())   // .success((edited, summary))
/// ```
public struct EventForm: Sendable, Hashable {
    public var event: RecordableEvent
    public var caseID: String
    public var fields: [FormField]
    public var focus = 0
    /// The refusal of the last submit, shown under the form; nothing was written.
    public var refusal: String?
    /// A warning the last submit raised (a final plan before the parent's 15 days end…), shown
    /// under the form: Enter again with the same values saves anyway, any edit asks again.
    public var warning: String?
    /// True once a field is edited: its first key replaces the starting value instead of appending.
    var isFieldTouched = false

    /// The form for `event`, its deadline fields offering `deadlines` (the case's own).
    public init(event: RecordableEvent, caseID: String, deadlines: [Deadline] = [], current: EHCCase? = nil) {
        self.event = event
        self.caseID = caseID
        self.fields = event.fields(deadlines: deadlines, current: current)
    }

    mutating func type(_ character: Character) {
        // Space cycles the options while the field shows one of them (or is fresh or empty); once
        // part of a label is typed (`social`), Space types a space (`social care`).
        if character == " ", fields[focus].hasOptions, !isFieldTouched || fields[focus].value.isEmpty
            || fields[focus].isShowingAnOption {
            fields[focus].cycle()
            isFieldTouched = true
            return
        }
        if !isFieldTouched { fields[focus].value = "" }
        fields[focus].value.append(character)
        isFieldTouched = true
        warning = nil
    }

    mutating func deleteBackward() {
        if !fields[focus].value.isEmpty { fields[focus].value.removeLast() }
        isFieldTouched = true
        warning = nil
    }

    mutating func moveFocus(by delta: Int) {
        focus = (focus + delta + fields.count) % fields.count
        isFieldTouched = false
    }

    /// The edited case and its audit summary, or the refusal naming the field and the reason: a
    /// value that does not parse, or an error the statutory engine's consistency check finds in
    /// the edited case that the case did not already have (a date before the request or in the
    /// future, an exception the regulations do not allow…).
    public func submit(on ehcCase: EHCCase, today: CalendarDate,
                       check: ConsistencyCheck) -> Result<(EHCCase, String), FormRefusal> {
        var values: [FormValue] = []
        for (index, field) in fields.enumerated() {
            switch field.check(field.value, today: today) {
            case .success(let value): values.append(value)
            case .failure(let reason): return .failure(FormRefusal(field: index, message: reason.message))
            }
        }
        let edited: EHCCase
        let summary: String
        do {
            (edited, summary) = try event.apply(values, to: ehcCase)
        } catch {
            return .failure(error)
        }
        if let refusal = Self.newError(in: edited, comparedWith: ehcCase, check: check, today: today) {
            return .failure(refusal)
        }
        return .success((edited, summary))
    }

    /// The first consistency warning an edit introduces (with its rule), or `nil`: asked about in
    /// the form before saving, never only found later in the detail.
    static func newWarning(in edited: EHCCase, comparedWith original: EHCCase, check: ConsistencyCheck,
                           today: CalendarDate) -> String? {
        let known = Set(check.findings(for: original, today: today).filter { $0.severity == .warning }.map(\.message))
        guard let problem = check.findings(for: edited, today: today)
            .first(where: { $0.severity == .warning && !known.contains($0.message) }) else { return nil }
        return problem.message + (problem.rule.map { " (\($0))" } ?? "")
    }

    /// The first consistency error an edit introduces, as a refusal of the whole case; errors the
    /// case already had are not the edit's fault.
    static func newError(in edited: EHCCase, comparedWith original: EHCCase, check: ConsistencyCheck,
                         today: CalendarDate) -> FormRefusal? {
        let known = Set(check.findings(for: original, today: today).filter { $0.severity == .error }.map(\.message))
        guard let problem = check.findings(for: edited, today: today)
            .first(where: { $0.severity == .error && !known.contains($0.message) }) else { return nil }
        let rule = problem.rule.map { " (\($0))" } ?? ""
        return FormRefusal(field: nil, message: problem.message + rule)
    }
}
