import Foundation
import Testing

/// One kind of malformed import: the files to write, what to import, and what stderr must say.
struct MalformedImport: CustomTestStringConvertible, Sendable {
    var name: String
    var files: [String: [UInt8]]
    /// The path given to `ehcdesk import`, relative to the test folder.
    var argument: String
    /// Lines stderr must contain, with `{DIR}` standing for the test folder.
    var expected: [String]

    var testDescription: String { name }

    static let csvHeader = "id,child_givenName,child_familyName,child_dateOfBirth,caseworker,requestDate,requestSource,finalPlanIssued\n"
    static let csvRow = "EHC-NEW-1,Sam,Example,2016-03-02,A. Caseworker,2025-01-06,parent,\n"

    static func csv(_ name: String, _ text: String, _ expected: String...) -> MalformedImport {
        MalformedImport(name: "CSV: " + name, files: ["in/cases.csv": Array(text.utf8)], argument: "in", expected: expected)
    }

    static func json(_ name: String, _ cases: String, _ expected: String...) -> MalformedImport {
        let text = "{\"format\": \"ehcdesk/1\", \"cases\": [\(cases)]}"
        return MalformedImport(name: "JSON: " + name, files: ["in.json": Array(text.utf8)], argument: "in.json",
                               expected: expected)
    }

    static func jsonCase(_ fields: String = "", requestDate: String = "2025-01-06", source: String = "parent",
                         id: String = "EHC-NEW-1") -> String {
        """
        {"id": "\(id)", "child": {"givenName": "Sam", "familyName": "Example", "dateOfBirth": "2016-03-02"},
         "caseworker": "A. Caseworker", "requestDate": "\(requestDate)", "requestSource": "\(source)"\(fields)}
        """
    }

    static let all: [MalformedImport] = [
        csv("bad date", csvHeader + csvRow.replacingOccurrences(of: "2025-01-06", with: "2025-02-30"),
            "{DIR}/in/cases.csv:2:6: \"2025-02-30\" is not a date in the form YYYY-MM-DD"),
        csv("final plan before the request", csvHeader + csvRow.replacingOccurrences(of: "parent,", with: "parent,2024-12-01"),
            "{DIR}/in/cases.csv:2:8: EHC-NEW-1: Final plan issued 2024-12-01 is before the request received 2025-01-06."),
        csv("unknown vocabulary word", csvHeader + csvRow.replacingOccurrences(of: "parent", with: "parnet"),
            "{DIR}/in/cases.csv:2:7: \"parnet\" is not one of: parent, youngPerson, school, health, socialCare, other"),
        csv("unknown column", csvHeader.replacingOccurrences(of: "finalPlanIssued", with: "colour") + csvRow,
            "{DIR}/in/cases.csv:1:8: unknown column \"colour\""),
        csv("duplicate reference", csvHeader + csvRow + csvRow,
            "{DIR}/in/cases.csv:3:1: the reference EHC-NEW-1 is also used by line 2"),
        csv("missing required column", csvHeader.replacingOccurrences(of: ",caseworker", with: "")
                + csvRow.replacingOccurrences(of: ",A. Caseworker", with: ""),
            "{DIR}/in/cases.csv:1:1: missing the required column \"caseworker\""),
        csv("missing required value", csvHeader + csvRow.replacingOccurrences(of: "A. Caseworker", with: ""),
            "{DIR}/in/cases.csv:2:5: is required but missing"),
        MalformedImport(name: "CSV: wrong encoding (Latin-1)",
                        files: ["in/cases.csv": Array((csvHeader + "EHC-NEW-1,Zo").utf8) + [0xEB]
                                    + Array(",Example,2016-03-02,A. Caseworker,2025-01-06,parent,\n".utf8)],
                        argument: "in", expected: ["{DIR}/in/cases.csv:2:13: the file is not UTF-8 text"]),
        csv("truncated inside a quoted cell", csvHeader + csvRow + "EHC-NEW-2,\"Sam",
            "{DIR}/in/cases.csv:3:1: a quoted cell opened on this line is never closed: is the file cut short?"),
        csv("truncated row", csvHeader + csvRow + "EHC-NEW-2,Sam,Exa",
            "{DIR}/in/cases.csv:3:4: this row has 3 cells but the header has 8 (is the file cut short?)"),
        MalformedImport(name: "CSV: advice for a case not in the file",
                        files: ["in/cases.csv": Array((csvHeader + csvRow).utf8),
                                "in/advice.csv": Array("case_id,agency,requested\nEHC-9,health,2025-01-10\n".utf8)],
                        argument: "in", expected: ["{DIR}/in/advice.csv:2:1: no case \"EHC-9\" in {DIR}/in/cases.csv"]),
        csv("existing reference without --update", csvHeader + csvRow.replacingOccurrences(of: "EHC-NEW-1", with: "{EXISTING}"),
            "{DIR}/in/cases.csv:2:1: {EXISTING} already exists; use --update to replace it"),
        json("bad date", jsonCase(requestDate: "2025-02-30"),
             "{DIR}/in.json: cases[0].requestDate: \"2025-02-30\" is not a date in the form YYYY-MM-DD"),
        json("final plan before the request", jsonCase(", \"finalPlanIssued\": \"2024-12-01\""),
             "{DIR}/in.json: cases[0].finalPlanIssued: EHC-NEW-1: Final plan issued 2024-12-01 is before the request"),
        json("unknown vocabulary word", jsonCase(source: "parnet"),
             "{DIR}/in.json: cases[0].requestSource: \"parnet\" is not one of"),
        json("unknown field", jsonCase(", \"colour\": \"blue\""), "{DIR}/in.json: cases[0].colour: unknown field \"colour\""),
        json("duplicate reference", jsonCase() + "," + jsonCase(),
             "{DIR}/in.json: cases[1].id: the reference EHC-NEW-1 is also used by cases[0]"),
        json("missing required field", jsonCase().replacingOccurrences(of: "\"caseworker\": \"A. Caseworker\", ", with: ""),
             "{DIR}/in.json: cases[0].caseworker: is required but missing"),
        MalformedImport(name: "JSON: wrong encoding (Latin-1)",
                        files: ["in.json": Array("{\"format\": \"ehcdesk/1\", \"cases\": [{\"id\": \"Zo".utf8) + [0xEB, 0x22, 0x7D, 0x5D, 0x7D]],
                        argument: "in.json", expected: ["{DIR}/in.json: line 1, column 46: the text is not valid UTF-8"]),
        MalformedImport(name: "JSON: truncated file",
                        files: ["in.json": Array(("{\"format\": \"ehcdesk/1\", \"cases\": [" + jsonCase()).dropLast(10).utf8)],
                        argument: "in.json", expected: ["{DIR}/in.json: line 2,", "(truncated?)"]),
        json("existing reference without --update", jsonCase(id: "{EXISTING}"),
             "{DIR}/in.json: cases[0].id: {EXISTING} already exists; use --update to replace it"),
    ]
}

/// Imports that must be refused whole: exit code 1, every problem placed, the database byte-for-byte unchanged.
@Suite("Refused imports")
struct ImportSafetyTests {
    let today = ["--today", "2026-11-24"]

    @Test("a malformed import exits 1, says where, and leaves the database unchanged", arguments: MalformedImport.all)
    func refused(_ example: MalformedImport) throws {
        let scratch = try ScratchFolder()
        let folder = scratch.path
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        let database = try scratch.generatedDatabase(cases: 20)
        let existing = try #require(try runEhcdesk(["export", "--format", "csv", "--db", database] + today)
            .out.split(separator: "\n").dropFirst().first?.split(separator: ",").first).description
        for (name, bytes) in example.files {
            let text = String(decoding: bytes, as: UTF8.self)
            let filled = text.contains("{EXISTING}") ? Array(text.replacingOccurrences(of: "{EXISTING}", with: existing).utf8) : bytes
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(filled))
        }
        let before = try databaseBytes(database)
        let result = try runEhcdesk(["import", folder + "/" + example.argument, "--db", database] + today)
        #expect(result.code == 1)
        for line in example.expected {
            let wanted = line.replacingOccurrences(of: "{DIR}", with: folder).replacingOccurrences(of: "{EXISTING}", with: existing)
            #expect(result.err.contains(wanted), "stderr was: \(result.err)")
        }
        #expect(try databaseBytes(database) == before)
    }

    /// The database file and the content of its WAL: what "unchanged" means for a WAL database
    /// (a read may leave an empty WAL file where there was none; it holds nothing).
    private func databaseBytes(_ path: String) throws -> [Data] {
        ["", "-wal"].map { FileManager.default.contents(atPath: path + $0) ?? Data() }
    }
}
