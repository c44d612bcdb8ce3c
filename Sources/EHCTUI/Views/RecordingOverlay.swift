import EHCCore

/// The "record an event" menu and the event form, drawn as a box over the screen.
///
/// ```swift
/// RecordingOverlay.formLines(form, width: 60)   // the fields, the hint and any refusal
/// ```
public enum RecordingOverlay {
    public static func draw(_ state: AppState, keymap: Keymap, on canvas: inout Canvas) {
        let width = max(20, min(72, canvas.width - 6))
        guard let id = state.selectedCase?.id ?? state.form?.caseID else { return }
        if let form = state.form {
            Box.draw(title: "\(form.event.title) · \(form.caseID)", lines: formLines(form, width: width), minWidth: 56, on: &canvas)
        } else if state.isChoosingEvent {
            let ehcCase = state.detail?.ehcCase
            let lines = keymap.bindings(in: .eventMenu).map { binding -> DetailView.Line in
                let text = (binding.keys.first?.label ?? "") + "  " + binding.label
                // An event that cannot apply to this case is greyed, with why.
                if case .chooseEvent(let event) = binding.action, let ehcCase, let reason = event.unavailability(on: ehcCase) {
                    return [DetailView.Span(text, .muted), DetailView.Span(" (" + reason + ")", .muted)]
                }
                return [DetailView.Span(text)]
            }
                + [[], [DetailView.Span("Esc cancels", .muted)]]
            Box.draw(title: "Record for \(id)", lines: lines, minWidth: 40, on: &canvas)
        }
    }

    /// One line per field (the focused one marked), then what the focused field accepts, then the refusal.
    public static func formLines(_ form: EventForm, width: Int) -> [DetailView.Line] {
        let labelWidth = form.fields.map { CellWidth.of($0.label) }.max() ?? 0
        var lines: [DetailView.Line] = form.fields.enumerated().map { index, field in
            let focused = index == form.focus
            return [DetailView.Span((focused ? "▸ " : "  ") + TextFitting.fitted(field.label, to: labelWidth) + "  "),
                    DetailView.Span(field.value + (focused ? "▏" : ""), focused ? .selected : .normal)]
        }
        lines.append([])
        lines.append([DetailView.Span(form.fields[form.focus].hint, .muted)])
        if let refusal = form.refusal {
            for part in TextFitting.wrapped("Refused: " + refusal, width: width) {
                lines.append([DetailView.Span(part, .warning)])
            }
        }
        if let warning = form.warning {
            for part in TextFitting.wrapped("Check: " + warning, width: width) {
                lines.append([DetailView.Span(part, .dueSoon)])
            }
            lines.append([DetailView.Span("Enter again saves it anyway · change a field or Esc to go back", .warning)])
            return lines
        }
        lines.append([DetailView.Span("Enter saves · Tab next field · Esc cancels", .muted)])
        return lines
    }
}
