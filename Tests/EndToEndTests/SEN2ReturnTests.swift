import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GRDB
import Testing

/// The SEN2 return end to end, read back by a generic XML parser (Foundation's XMLDocument), never
/// by ehcdesk's own reader, and held against the database with SQL written here.
@Suite("SEN2 return")
struct SEN2ReturnTests {
    static let today = ["--today", "2026-12-01"]
    static let census = "2027-01-21"

    /// A generated database (on 2026-12-01) and its 2027 return.
    private func exported(_ folder: ScratchFolder, cases: Int, faults: Bool = false) throws -> (database: String, xml: String) {
        let database = folder.file("db.sqlite")
        let generated = try runEhcdesk(["generate", "--cases", String(cases), "--db", database] + (faults ? ["--faults"] : [])
                                       + Self.today)
        #expect(generated.code == 0, "\(generated.err)")
        let xml = folder.file("return.xml")
        let result = try runEhcdesk(["export", "--format", "sen2", "--year", "2027", "--la", "886", "--output", xml,
                                     "--db", database] + Self.today)
        #expect(result.code == (faults ? 1 : 0), "\(result.err)")
        return (database, xml)
    }

    private func elements(_ node: XMLNode, _ name: String) -> [XMLElement] {
        (node as? XMLElement)?.elements(forName: name) ?? []
    }

    private func text(_ node: XMLNode, _ name: String) -> String? {
        elements(node, name).first?.stringValue
    }

    @Test("a generated caseload's return is complete and consistent with the database, and imports and exports identically")
    func roundTrip() throws {
        let folder = try ScratchFolder()
        let (database, xml) = try exported(folder, cases: 600)
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: xml))
        let root = try #require(document.rootElement())
        #expect(root.name == "Message")
        let header = try #require(elements(root, "Header").first)
        let details = try #require(elements(header, "CollectionDetails").first)
        #expect([text(details, "Collection"), text(details, "Year"), text(details, "ReferenceDate")] == ["SEN2", "2027", Self.census])
        #expect(text(try #require(elements(header, "Source").first), "LEA") == "886")
        let persons = elements(try #require(elements(root, "Persons").first), "Person")

        // The requests in the 2027 return, by SQL: received by the census, not ended before 2026.
        let queue = try DatabaseQueue(path: database)
        let reported = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT familyName, givenName, dateOfBirth, requestDate, upn, decisionToAssessOutcome, decisionToAssessDate,
                       finalPlanIssued, primaryNeed, transferredFromLA, closedDate
                FROM cases
                WHERE requestDate <= ? AND (closedDate IS NULL OR closedDate >= '2026-01-01')
                  AND NOT (decisionToAssessOutcome IS 'notAssess' AND decisionToAssessDate < '2026-01-01')
                  AND NOT (decisionToIssueOutcome IS 'notIssue' AND decisionToIssueDate < '2026-01-01')
                """, arguments: [Self.census])
        }
        let requests = persons.flatMap { person in elements(person, "Requests").map { (person, $0) } }
        #expect(persons.count > 300)
        #expect(requests.count == reported.count)
        let key = { (family: String?, given: String?, birth: String?, received: String?) in
            [family, given, birth, received].map { $0 ?? "-" }.joined(separator: "|")
        }
        let byKey = Dictionary(reported.map { row in
            (key(row["familyName"], row["givenName"], row["dateOfBirth"], row["requestDate"]), row)
        }, uniquingKeysWith: { first, _ in first })
        var checked = 0
        for (person, request) in requests {
            let row = try #require(byKey[key(text(person, "Surname"), text(person, "Forename"), text(person, "PersonBirthDate"),
                                             text(request, "ReceivedDate"))])
            #expect(text(person, "UPN") == row["upn"])
            let outcome = try #require(text(request, "RequestOutcome"))
            #expect(["Y", "N", "A", "W", "H"].contains(outcome))
            if outcome == "Y" || outcome == "N" {
                #expect(text(request, "RequestOutcomeDate") == row["decisionToAssessDate"])
                #expect(outcome == (row["decisionToAssessOutcome"] == "assess" ? "Y" : "N"))
            }
            if let issued: String = row["finalPlanIssued"], issued >= "2026-01-01", issued <= Self.census,
               row["transferredFromLA"] as String? == nil {
                let assessment = try #require(elements(request, "Assessment").first)
                #expect(text(assessment, "AssessmentOutcome") == "Y")
                #expect(text(assessment, "AssessmentOutcomeDate") == issued)
                #expect(text(try #require(elements(assessment, "NamedPlan").first), "StartDate") == issued)
                checked += 1
            }
            if let active = elements(request, "ActivePlans").first {
                let primary = elements(active, "SENneed").first { text($0, "SENtypeRank") == "1" }
                #expect(primary.flatMap { text($0, "SENtype") } == row["primaryNeed"])
            }
        }
        #expect(checked > 50, "plans issued in the period were compared")

        let copy = folder.file("copy.sqlite")
        let imported = try runEhcdesk(["import", xml, "--db", copy] + Self.today)
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.out.contains("note: ") && imported.out.contains("advice requests"))
        let again = folder.file("again.xml")
        let exportedAgain = try runEhcdesk(["export", "--format", "sen2", "--year", "2027", "--la", "886", "--output", again,
                                            "--db", copy] + Self.today)
        #expect(exportedAgain.code == 0, "\(exportedAgain.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: xml)))
        let mode = try FileManager.default.attributesOfItem(atPath: xml)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("the return is not written while check finds an error; the errors are listed")
    func refusedWhileErrors() throws {
        let folder = try ScratchFolder()
        let (database, xml) = try exported(folder, cases: 300, faults: true)
        #expect(!FileManager.default.fileExists(atPath: xml))
        let result = try runEhcdesk(["export", "--format", "sen2", "--year", "2027", "--la", "886", "--output", xml,
                                     "--db", database] + Self.today)
        #expect(result.err.contains("data-quality errors remain") && result.err.contains("P02"))
        let check = try runEhcdesk(["check", "--format", "json", "--db", database] + Self.today)
        #expect(check.code == 1)
        #expect(check.out.contains(#""rule": "P02""#) && check.out.contains(#""severity": "error""#))
    }

    @Test("an unknown year, a missing LA number and an existing file are refused before anything is written")
    func refusedArguments() throws {
        let folder = try ScratchFolder()
        let (database, xml) = try exported(folder, cases: 20)
        let before = try Data(contentsOf: URL(fileURLWithPath: xml))
        for (arguments, message) in [
            (["--year", "2031", "--la", "886", "--output", folder.file("x.xml")], "the census date of SEN2 2031 is not known"),
            (["--year", "2027", "--output", folder.file("x.xml")], "needs the authority's LA number"),
            (["--year", "2027", "--la", "88", "--output", folder.file("x.xml")], "is not a 3-digit LA number"),
            (["--year", "2027", "--la", "886", "--output", xml], "already exists"),
        ] {
            let result = try runEhcdesk(["export", "--format", "sen2", "--db", database] + arguments + Self.today)
            #expect(result.code == 1 && result.err.contains(message), "\(arguments): \(result.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("x.xml")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: xml)) == before)
    }

    /// A change to a valid return, and what the refusal must say.
    struct Fault: Sendable, CustomTestStringConvertible {
        var name: String
        var change: @Sendable (String) -> String
        var expected: String
        var testDescription: String { name }
    }

    static func replacingFirst(_ old: String, _ new: String) -> @Sendable (String) -> String {
        { text in
            guard let range = text.range(of: old) else { return text }
            return text.replacingCharacters(in: range, with: new)
        }
    }

    static let faults: [Fault] = [
        Fault(name: "another collection", change: replacingFirst("<Collection>SEN2<", "<Collection>CIN<"),
              expected: "this is a CIN file, not SEN2"),
        Fault(name: "a reference date that is not the year's census",
              change: replacingFirst("<ReferenceDate>2027-01-21<", "<ReferenceDate>2027-01-14<"),
              expected: "ReferenceDate 2027-01-14 is not the census of SEN2 2027 (2027-01-21)"),
        Fault(name: "an unknown element", change: replacingFirst("<Sex>", "<Favourite>blue</Favourite><Sex>"),
              expected: "Message/Persons/Person[1]/Favourite: unknown element Favourite in Person"),
        Fault(name: "a bad code", change: replacingFirst("<RequestSource>1<", "<RequestSource>7<"),
              expected: "\"7\" is not one of: 1, 2, 3, 4, 5"),
        Fault(name: "a date in the wrong form", change: replacingFirst("<ReceivedDate>2", "<ReceivedDate>x2"),
              expected: "is not a date in the form YYYY-MM-DD"),
        Fault(name: "two rank-1 needs", change: replacingFirst("<SENtypeRank>2<", "<SENtypeRank>1<"),
              expected: "a second SENneed of rank 1"),
        Fault(name: "a file cut short", change: { String($0.prefix($0.count / 2)) }, expected: "is not well-formed XML"),
    ]

    @Test("a bad SEN2 file is refused with the place and the element's path, and no database is made", arguments: faults)
    func badFile(fault: Fault) throws {
        let folder = try ScratchFolder()
        let (_, xml) = try exported(folder, cases: 40)
        let bad = folder.file("bad.xml")
        let original = try String(contentsOfFile: xml, encoding: .utf8)
        let changed = fault.change(original)
        #expect(changed != original, "the fault applies")
        try changed.write(toFile: bad, atomically: true, encoding: .utf8)
        let target = folder.file("new.sqlite")
        let result = try runEhcdesk(["import", bad, "--db", target] + Self.today)
        #expect(result.code == 1)
        #expect(result.err.contains(fault.expected), "\(result.err)")
        #expect(result.err.range(of: #"bad\.xml:\d+:\d+: "#, options: .regularExpression) != nil, "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("a UPN with a wrong check letter imports, and check lists it with the fix")
    func wrongCheckLetterIsListed() throws {
        let folder = try ScratchFolder()
        let (_, xml) = try exported(folder, cases: 40)
        var text = try String(contentsOfFile: xml, encoding: .utf8)
        let upn = try #require(text.range(of: #"<UPN>[A-Z]"#, options: .regularExpression))
        let letter = text[text.index(upn.upperBound, offsetBy: -1)]
        text.replaceSubrange(text.index(upn.upperBound, offsetBy: -1)..<upn.upperBound, with: letter == "A" ? "B" : "A")
        try text.write(toFile: folder.file("typo.xml"), atomically: true, encoding: .utf8)
        let target = folder.file("new.sqlite")
        #expect(try runEhcdesk(["import", folder.file("typo.xml"), "--db", target] + Self.today).code == 0)
        let check = try runEhcdesk(["check", "--db", target] + Self.today)
        #expect(check.code == 1)
        #expect(check.out.contains("P02") && check.out.contains("a character is mistyped"))
    }

    @Test("Annex A List 1 has the inspection's columns in order, a row per plan in force, DD/MM/YYYY dates")
    func annexA() throws {
        let folder = try ScratchFolder()
        let (database, _) = try exported(folder, cases: 300)
        let list = folder.file("annex-a.csv")
        let result = try runEhcdesk(["export", "--format", "annex-a", "--output", list, "--as-of", "2026-11-30",
                                     "--db", database] + Self.today)
        #expect(result.code == 0, "\(result.err)")
        let lines = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        #expect(header.count == 21)
        #expect(Array(header.prefix(10)) == ["Unique ID", "UPN", "ULN", "Date of birth", "Gender", "Ethnicity",
                                             "Date initial EHC plan issued", "Date updated EHC plan issued",
                                             "Date EHC plan last reviewed", "SEN primary need"])
        let inForce = try DatabaseQueue(path: database).read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM cases WHERE finalPlanIssued <= '2026-11-30' AND (closedDate IS NULL OR closedDate > '2026-11-30')
                """) ?? -1
        }
        #expect(lines.count - 1 == inForce)
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == 21, "\(line)")
            #expect(cells[3].range(of: #"^\d\d/\d\d/\d{4}$"#, options: .regularExpression) != nil, "\(line)")
            #expect(["Male", "Female", "Not known"].contains(cells[4]))
            #expect(cells[14...].allSatisfy { $0.isEmpty }, "columns ehcdesk does not hold are empty")
        }
    }
}
