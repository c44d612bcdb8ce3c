import EHCCore

/// Draws an audit in progress: the checklist by section with each answer, then the selected
/// question in full with its guidance and comment, then the grade and why once finished.
///
/// ```swift
/// AuditView.draw(session, in: ScreenLayout.Rect(row: 1, column: 0, width: 80, height: 22), on: &canvas)
/// ```
public enum AuditView {
    public static func draw(_ session: AuditSession, in area: ScreenLayout.Rect, on canvas: inout Canvas) {
        guard area.width > 10, area.height > 4 else { return }
        let title = "Audit · \(session.childName) \(session.audit.caseID) · \(session.template.title) · \(session.progress)"
        canvas.fill(row: area.row, column: area.column, width: area.width, height: 1, role: .header)
        canvas.write(TextFitting.truncated(" " + title, to: area.width), row: area.row, column: area.column, role: .header)

        let detail = detailLines(session, width: area.width - 2)
        let listHeight = max(1, area.height - 1 - min(detail.count + 1, area.height / 2))
        let rows = checklistRows(session)
        let selectedRow = rows.firstIndex { $0.questionIndex == session.selected } ?? 0
        let top = max(0, min(selectedRow - listHeight / 2, rows.count - listHeight))
        for (offset, row) in rows.dropFirst(top).prefix(listHeight).enumerated() {
            let y = area.row + 1 + offset
            let isSelected = row.questionIndex == session.selected
            let role: StyleRole = isSelected ? .selected : row.questionIndex == nil ? .header : row.role
            if isSelected { canvas.fill(row: y, column: area.column, width: area.width, height: 1, role: .selected) }
            canvas.write(TextFitting.truncated(row.text, to: area.width), row: y, column: area.column, role: role)
            if isSelected { canvas.cursor = Canvas.Position(row: y, column: area.column) }
        }
        let dividerRow = area.row + 1 + listHeight
        guard dividerRow < area.row + area.height else { return }
        canvas.write(String(repeating: "─", count: area.width), row: dividerRow, column: area.column, role: .border)
        for (offset, line) in detail.prefix(area.row + area.height - dividerRow - 1).enumerated() {
            canvas.write(" " + line.text, row: dividerRow + 1 + offset, column: area.column, maxWidth: area.width,
                         role: line.role)
        }
    }

    private struct Row {
        var text: String
        var role: StyleRole
        var questionIndex: Int?
    }

    /// Section headings and one line per question: marker, id, answer word, comment flag, text.
    private static func checklistRows(_ session: AuditSession) -> [Row] {
        var rows: [Row] = []
        var index = 0
        for section in session.template.sections {
            rows.append(Row(text: " \(section.code) \(section.title)", role: .header, questionIndex: nil))
            for question in section.questions {
                let answer = session.answer(to: question)
                let word = answer.map { answerWord($0.value) } ?? "—"
                let marker = index == session.selected ? "▸" : " "
                let note = answer?.comment == nil ? " " : "✎"
                let limiting = question.limiting ? "!" : " "
                let text = "\(marker) \(TextFitting.fitted(question.id, to: 4)) \(TextFitting.fitted(word, to: 7))\(note)\(limiting) \(question.text)"
                rows.append(Row(text: text, role: answer.map { role(for: $0.value) } ?? .muted, questionIndex: index))
                index += 1
            }
        }
        return rows
    }

    private static func detailLines(_ session: AuditSession, width: Int) -> [(text: String, role: StyleRole)] {
        var lines: [(String, StyleRole)] = []
        func paragraph(_ text: String, _ role: StyleRole) {
            lines += TextFitting.wrapped(text, width: max(1, width)).map { ($0, role) }
        }
        if let result = session.result {
            paragraph("Grade: \(result.grade.displayName) (score \(Int((result.score * 100).rounded())) %)", .header)
            for reason in result.reasons.prefix(5) { paragraph("· " + reason, .warning) }
            return lines
        }
        if let message = session.message { paragraph(message, .warning) }
        guard let question = session.selectedQuestion else { return lines }
        let notApplicable = question.allowsNotApplicable ? " or -" : ""
        let scale = question.scale == .grade ? "answer 1–4" + notApplicable
            : "answer y, p" + (question.allowsNotApplicable ? ", n or -" : " or n")
        paragraph("\(question.id)\(question.limiting ? " (limiting)" : ""): \(question.text) [\(scale)]", .normal)
        if session.isShowingGuidance {
            paragraph("Guidance: " + (question.guidance ?? "none for this question"), .muted)
        }
        if let draft = session.commentDraft {
            paragraph("Comment: " + draft + "▏ (Enter keeps, Esc cancels)", .keyHint)
        } else if let comment = session.answer(to: question)?.comment {
            paragraph("Comment: " + comment, .muted)
        }
        return lines
    }

    /// The answer as a word a reader takes in at a glance.
    static func answerWord(_ value: AuditAnswer.Value) -> String {
        switch value {
        case .yes: "yes"
        case .partly: "partly"
        case .no: "NO"
        case .notApplicable: "n/a"
        case let .grade(grade): "grade \(grade)"
        }
    }

    private static func role(for value: AuditAnswer.Value) -> StyleRole {
        switch value {
        case .yes, .grade(4), .grade(3): .met
        case .partly, .grade(2): .dueSoon
        case .no, .grade(1): .overdue
        default: .normal
        }
    }
}
