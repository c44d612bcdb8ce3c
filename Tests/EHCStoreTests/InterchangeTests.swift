import EHCCore
import Foundation
import Testing
@testable import EHCStore

@Suite("The ehcdesk/1 JSON interchange")
struct InterchangeTests {
    let today = CalendarDate("2026-11-24")!

    func document(_ casesJSON: String) -> [UInt8] {
        Array(#"{"format": "ehcdesk/1", "cases": [\#(casesJSON)]}"#.utf8)
    }

    func problems(_ bytes: [UInt8]) -> [String] {
        do {
            _ = try InterchangeDocument.read(bytes, file: "in.json")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("an exported case reads back to the same facts")
    func exportReadsBack() throws {
        let original = sampleCase()
        let text = InterchangeDocument.export([original], calendar: StatutoryCalendar(), today: today).serialized()
        #expect(try InterchangeDocument.read(Array(text.utf8), file: "x.json") == [original])
    }

    @Test("each problem names the JSON path: bad dates, unknown words, unknown and missing fields")
    func problemsNameTheirPlace() {
        let found = problems(document("""
            {"id": "EHC-1", "child": {"givenName": "Sam", "familyName": "X", "dateOfBirth": "2016-02-30"},
             "caseworker": "A", "requestDate": "2025-01-06", "requestSource": "neighbour",
             "advice": [{"agency": "health", "requested": "2025-13-01", "recieved": "2025-03-01"}]},
            {"child": {"givenName": "Ann", "familyName": "Y", "dateOfBirth": "2016-01-01"}, "caseworker": "A",
             "requestDate": "2025-01-06", "requestSource": "parent"}
            """))
        #expect(found == [
            "in.json: cases[0].child.dateOfBirth: \"2016-02-30\" is not a date in the form YYYY-MM-DD",
            "in.json: cases[0].requestSource: \"neighbour\" is not one of: parent, youngPerson, school, health, socialCare, other",
            "in.json: cases[0].advice[0].requested: \"2025-13-01\" is not a date in the form YYYY-MM-DD",
            "in.json: cases[0].advice[0].recieved: unknown field \"recieved\"",
            "in.json: cases[1].id: is required but missing",
        ])
    }

    @Test("a truncated file is refused with the line and column where it ends")
    func truncatedFile() {
        let found = problems(Array("{\"format\": \"ehcdesk/1\",\n \"cases\": [{\"id\": \"EH".utf8))
        #expect(found == ["in.json: line 2, column 22: the file ends inside a string (truncated?)"])
    }

    @Test("text that is not UTF-8 is refused")
    func wrongEncoding() {
        var bytes = document(#"{"id": "EHC-1"}"#)
        bytes.insert(0xE9, at: 45)   // a Latin-1 é inside the reference
        #expect(problems(bytes).first?.contains("not valid UTF-8") == true)
    }

    @Test("an export carries the computed fields, and they are ignored when it is imported again")
    func computedFieldsIgnored() throws {
        let exported = InterchangeDocument.export([sampleCase()], calendar: StatutoryCalendar(), today: today)
        let exportedCase = exported["cases"].flatMap { value -> JSONValue? in
            if case let .array(items) = value { return items.first }
            return nil
        }
        #expect(exportedCase?["deadlines"] != nil)
        #expect(exportedCase?["status"] != nil)
        #expect(problems(Array(exported.serialized().utf8)) == [])
    }

    @Test("JSON text escapes quotes, backslashes and control characters and reads them back")
    func stringEscaping() throws {
        let value = JSONValue.object([("note", .string("a \"quoted\" \\ back\nslash\u{01} Zoë"))])
        let parsed = try JSONValue.parse(Array(value.serialized(pretty: false).utf8))
        #expect(parsed == value)
        #expect(value.serialized(pretty: false) == #"{"note":"a \"quoted\" \\ back\nslash\u0001 Zoë"}"#)
    }

    @Test("a key given twice in one object is refused")
    func duplicateKeys() {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(#"{"a": 1, "a": 2}"#.utf8)) }
        #expect(error?.message.contains("\"a\"") == true, "\(String(describing: error?.message))")
        #expect(error?.line == 1)
    }

    @Test("a case's audits export and read back; a bad answer is named by its path")
    func audits() throws {
        let ehcCase = sampleCase()
        let audit = PlanAudit(caseID: ehcCase.id, templateID: "ehc-plan", auditor: "R. Auditor",
                              started: CalendarDate("2026-06-01")!, finished: CalendarDate("2026-06-02")!,
                              answers: [AuditAnswer(questionID: "F1", value: .no, comment: "no hours")],
                              grade: .requiresImprovement, score: 0.5,
                              moderation: .init(moderator: "M", date: CalendarDate("2026-06-10")!, grade: .good))
        let text = InterchangeDocument.export([ehcCase], calendar: StatutoryCalendar(), today: today, audits: [audit])
            .serialized()
        let back = try InterchangeDocument.readWithAudits(Array(text.utf8), file: "in.json")
        #expect(back.cases == [ehcCase])
        #expect(back.audits == [audit])
        let broken = text.replacingOccurrences(of: "\"answer\": \"no\"", with: "\"answer\": \"maybe\"")
        #expect(problems(Array(broken.utf8)) == [
            "in.json: cases[0].audits[0].answers[0].answer: \"maybe\" is not one of: yes, partly, no, na, 1, 2, 3, 4",
        ])
    }
}
