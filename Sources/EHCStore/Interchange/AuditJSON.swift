import EHCCore

/// A plan audit in `ehcdesk/1` JSON, as the optional `audits` list of its case.
///
/// Export writes every audit of a case (finished or not) with its answers and moderation; import
/// reads them back exactly, so audits survive an export and re-import like every other fact.
///
/// ```swift
/// AuditJSON.members(of: audit)   // [("templateId", "ehc-plan"), ("auditor", …), …]
/// ```
enum AuditJSON {
    static func members(of audit: PlanAudit) -> [(String, JSONValue)] {
        [
            ("templateId", .string(audit.templateID)),
            ("auditor", .string(audit.auditor)),
            ("started", CaseJSON.date(audit.started)),
            ("finished", CaseJSON.date(audit.finished)),
            ("grade", .string(audit.grade?.rawValue)),
            ("score", audit.score.map { .number(String($0)) } ?? .null),
            ("answers", .array(audit.answers.map { answer in
                .object([("question", .string(answer.questionID)), ("answer", .string(answer.value.word)),
                         ("comment", .string(answer.comment))])
            })),
            ("moderation", audit.moderation.map { moderation in
                .object([("moderator", .string(moderation.moderator)), ("date", CaseJSON.date(moderation.date)),
                         ("grade", .string(moderation.grade.rawValue)), ("note", .string(moderation.note))])
            } ?? .null),
        ]
    }

    /// Reads one audit of the case `caseID`, reporting every problem under `path`.
    static func read(_ value: JSONValue, path: String, caseID: String, log: ProblemLog) -> PlanAudit? {
        let problemsBefore = log.problems.count
        guard var reader = JSONObjectReader(value, path: path, log: log) else { return nil }
        let templateID = reader.string("templateId", required: true)
        let auditor = reader.string("auditor", required: true)
        let started = reader.date("started", required: true)
        let finished = reader.date("finished")
        let grade = reader.word("grade", AuditGrade.self)
        var score: Double?
        if let value = reader.value("score", required: false) {
            guard case let .number(literal) = value, let number = Double(literal), (0...1).contains(number) else {
                log.add(reader.place("score"), "expected a score between 0 and 1, found \(value.kindName)")
                return nil
            }
            score = number
        }
        let answers = reader.list("answers").compactMap { item -> AuditAnswer? in
            guard var answer = JSONObjectReader(item.value, path: item.path, log: log) else { return nil }
            let question = answer.string("question", required: true)
            let word = answer.string("answer", required: true)
            let comment = answer.string("comment")
            answer.finish()
            guard let question, let word else { return nil }
            guard let value = AuditAnswer.Value(word: word) else {
                log.add(answer.place("answer"), "\"\(word)\" is not one of: yes, partly, no, na, 1, 2, 3, 4")
                return nil
            }
            return AuditAnswer(questionID: question, value: value, comment: comment)
        }
        let moderation = reader.object("moderation").flatMap { moderationReader -> PlanAudit.Moderation? in
            var moderationReader = moderationReader
            let moderator = moderationReader.string("moderator", required: true)
            let date = moderationReader.date("date", required: true)
            let grade = moderationReader.word("grade", AuditGrade.self, required: true)
            let note = moderationReader.string("note")
            moderationReader.finish()
            guard let moderator, let date, let grade else { return nil }
            return PlanAudit.Moderation(moderator: moderator, date: date, grade: grade, note: note)
        }
        reader.finish()
        if (finished == nil) != (grade == nil) {
            log.add(path, "a finished audit has both a finished date and a grade; an unfinished one has neither")
        }
        guard log.problems.count == problemsBefore, let templateID, let auditor, let started else { return nil }
        return PlanAudit(caseID: caseID, templateID: templateID, auditor: auditor, started: started, finished: finished,
                         answers: answers, grade: grade, score: score, moderation: moderation)
    }
}
