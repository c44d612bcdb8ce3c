import EHCCore
import Foundation
import TOMLKit

/// Reads an audit template from TOML, refusing a malformed one with the file, the line and the reason.
///
/// TOMLKit reports the place of a syntax error; for a well-formed file with a wrong or missing
/// value, the line is found from the table the value belongs to (the n-th `[[sections]]` or
/// `[[sections.questions]]`), so the user is sent to the right place either way.
///
/// ```swift
/// let template = try AuditTemplateFile.parse(text, file: "my-audit.toml")
/// ```
public enum AuditTemplateFile {
    /// A refused template: `description` is `FILE:LINE: reason`.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var reason: String

        public var description: String { "\(file):\(line): \(reason)" }
    }

    public static func load(path: String) throws -> AuditTemplate {
        if case let .other(what) = SafeFile.kind(at: path) {
            throw Problem(file: path, line: 1, reason: "is \(what), not a template file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(file: path, line: 1, reason: "the file cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(file: path, line: 1, reason: "the file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> AuditTemplate {
        let table: TOMLTable
        if let problem = TOMLPrecheck.firstProblem(in: text) {
            throw Problem(file: file, line: problem.line, reason: problem.reason)
        }
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Problem(file: file, line: Int(error.source.begin.line), reason: error.description)
        }
        let lines = TableLines(text: text)
        func problem(_ line: Int, _ reason: String) -> Problem { Problem(file: file, line: line, reason: reason) }

        try refuseUnknownKeys(of: table, allowed: ["id", "title", "grading", "sections"], at: 1, in: "the template", problem)
        guard let id = table["id"]?.string, !id.isEmpty else { throw problem(1, "the template needs an id = \"…\"") }
        guard let title = table["title"]?.string, !title.isEmpty else { throw problem(1, "the template needs a title = \"…\"") }
        let grading = try readGrading(table["grading"]?.table, line: lines.line(ofHeader: "[grading]", occurrence: 0), problem)

        guard let sectionArray = table["sections"]?.array, !sectionArray.isEmpty else {
            throw problem(1, "the template needs at least one [[sections]] table")
        }
        var sections: [AuditTemplate.Section] = []
        var seenIDs: Set<String> = []
        var questionIndex = 0
        for (sectionIndex, value) in sectionArray.enumerated() {
            let line = lines.line(ofHeader: "[[sections]]", occurrence: sectionIndex)
            guard let section = value.table else { throw problem(line, "each section must be a table") }
            try refuseUnknownKeys(of: section, allowed: ["code", "title", "questions"], at: line, in: "a section", problem)
            guard let code = section["code"]?.string, !code.isEmpty else { throw problem(line, "the section needs a code = \"…\"") }
            guard let sectionTitle = section["title"]?.string else { throw problem(line, "section \(code) needs a title") }
            guard let questionArray = section["questions"]?.array, !questionArray.isEmpty else {
                throw problem(line, "section \(code) has no [[sections.questions]]")
            }
            var questions: [AuditTemplate.Question] = []
            for questionValue in questionArray {
                let questionLine = lines.line(ofHeader: "[[sections.questions]]", occurrence: questionIndex)
                questionIndex += 1
                guard let question = questionValue.table else { throw problem(questionLine, "each question must be a table") }
                questions.append(try readQuestion(question, line: questionLine, seenIDs: &seenIDs, problem))
            }
            sections.append(.init(code: code, title: sectionTitle, questions: questions))
        }
        return AuditTemplate(id: id, title: title, sections: sections, grading: grading)
    }

    private static func readQuestion(_ table: TOMLTable, line: Int, seenIDs: inout Set<String>,
                                     _ problem: (Int, String) -> Problem) throws -> AuditTemplate.Question {
        try refuseUnknownKeys(of: table, allowed: ["id", "text", "guidance", "scale", "limiting", "notApplicable"], at: line,
                              in: "a question", problem)
        guard let id = table["id"]?.string, !id.isEmpty else { throw problem(line, "the question needs an id = \"…\"") }
        guard seenIDs.insert(id).inserted else { throw problem(line, "the question id \"\(id)\" is used twice") }
        guard let text = table["text"]?.string, !text.isEmpty else { throw problem(line, "question \(id) needs a text") }
        let scaleWord = table["scale"]?.string ?? AuditTemplate.AnswerScale.yesPartlyNo.rawValue
        guard let scale = AuditTemplate.AnswerScale(rawValue: scaleWord) else {
            let allowed = AuditTemplate.AnswerScale.allCases.map(\.rawValue).joined(separator: ", ")
            throw problem(line, "question \(id): scale \"\(scaleWord)\" is not one of: \(allowed)")
        }
        if table.contains(key: "limiting"), table["limiting"]?.bool == nil {
            throw problem(line, "question \(id): limiting must be true or false")
        }
        if table.contains(key: "notApplicable"), table["notApplicable"]?.bool == nil {
            throw problem(line, "question \(id): notApplicable must be true or false")
        }
        return AuditTemplate.Question(id: id, text: text, guidance: table["guidance"]?.string, scale: scale,
                                      limiting: table["limiting"]?.bool ?? false,
                                      allowsNotApplicable: table["notApplicable"]?.bool)
    }

    private static func readGrading(_ table: TOMLTable?, line: Int, _ problem: (Int, String) -> Problem) throws
        -> AuditTemplate.GradingRule {
        guard let table else { return .standard }
        try refuseUnknownKeys(of: table, allowed: ["outstanding", "good", "requiresImprovement", "limitingCap"],
                              at: line, in: "[grading]", problem)
        let standard = AuditTemplate.GradingRule.standard
        func share(_ key: String, _ fallback: Double) throws -> Double {
            guard table.contains(key: key) else { return fallback }
            guard let value = table[key]?.double ?? table[key]?.int.map(Double.init), value > 0, value <= 1 else {
                throw problem(line, "grading.\(key) must be a share between 0 and 1, e.g. 0.75")
            }
            return value
        }
        let rule = AuditTemplate.GradingRule(
            outstanding: try share("outstanding", standard.outstanding), good: try share("good", standard.good),
            requiresImprovement: try share("requiresImprovement", standard.requiresImprovement),
            limitingCap: try table["limitingCap"].map { value in
                guard let word = value.string, let grade = AuditGrade(rawValue: word) else {
                    let allowed = AuditGrade.allCases.map(\.rawValue).joined(separator: ", ")
                    throw problem(line, "grading.limitingCap must be one of: \(allowed)")
                }
                return grade
            } ?? standard.limitingCap)
        guard rule.outstanding > rule.good, rule.good > rule.requiresImprovement else {
            throw problem(line, "grading thresholds must fall: outstanding > good > requiresImprovement")
        }
        return rule
    }

    private static func refuseUnknownKeys(of table: TOMLTable, allowed: Set<String>, at line: Int, in place: String,
                                          _ problem: (Int, String) -> Problem) throws {
        if let unknown = table.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw problem(line, "unknown key \"\(unknown)\" in \(place) (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// Finds the line of the n-th occurrence of a table header such as `[[sections]]`.
    private struct TableLines {
        let lines: [Substring]

        init(text: String) {
            lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        }

        func line(ofHeader header: String, occurrence: Int) -> Int {
            var seen = 0
            for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces) == header {
                if seen == occurrence { return index + 1 }
                seen += 1
            }
            return 1
        }
    }
}
