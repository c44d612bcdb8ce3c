import Foundation
import Testing

/// The command line as scripts use it: exit codes, files, round trips.
@Suite("The ehcdesk command line")
struct CommandLineTests {
    let today = ["--today", "2026-11-24"]

    @Test("generate writes a WAL database with mode 0600, and the same seed gives the same export")
    func generateIsDeterministic() throws {
        let folder = NSTemporaryDirectory() + "ehcdesk-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = folder + "/a.sqlite"
        let second = folder + "/b.sqlite"
        for path in [first, second] {
            let result = try runEhcdesk(["generate", "--cases", "300", "--seed", "7", "--db", path] + today)
            #expect(result.code == 0, "\(result.err)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: first)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let exportA = try runEhcdesk(["export", "--db", first] + today)
        let exportB = try runEhcdesk(["export", "--db", second] + today)
        #expect(exportA.code == 0)
        #expect(exportA.out == exportB.out)
        #expect(exportA.out.contains("\"format\": \"ehcdesk/1\""))
    }

    @Test("export, import into an empty database and export again gives identical output")
    func exportImportRoundTrip() throws {
        let folder = NSTemporaryDirectory() + "ehcdesk-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = folder + "/source.sqlite"
        let copy = folder + "/copy.sqlite"
        #expect(try runEhcdesk(["generate", "--cases", "500", "--seed", "3", "--db", source] + today).code == 0)
        let first = try runEhcdesk(["export", "--db", source] + today)
        let file = folder + "/export.json"
        try first.out.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try runEhcdesk(["import", file, "--db", copy] + today)
        #expect(imported.code == 0, "\(imported.err)")
        let second = try runEhcdesk(["export", "--db", copy] + today)
        #expect(second.out == first.out)
    }

    @Test("a bad import exits 1, names every problem with its JSON path and leaves the database unchanged")
    func badImportChangesNothing() throws {
        let folder = NSTemporaryDirectory() + "ehcdesk-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let database = folder + "/db.sqlite"
        #expect(try runEhcdesk(["generate", "--cases", "20", "--db", database] + today).code == 0)
        let before = FileManager.default.contents(atPath: database)
        let file = folder + "/bad.json"
        try """
            {"format": "ehcdesk/1", "cases": [
              {"id": "EHC-NEW-1", "child": {"givenName": "Sam", "familyName": "Example", "dateOfBirth": "2016-03-02"},
               "caseworker": "A. Caseworker", "requestDate": "2025-01-06", "requestSource": "parent"},
              {"id": "EHC-NEW-2", "child": {"givenName": "Ann", "familyName": "Example", "dateOfBirth": "2016-03-02"},
               "caseworker": "A. Caseworker", "requestDate": "2025-02-30", "requestSource": "parent"}
            ]}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try runEhcdesk(["import", file, "--db", database] + today)
        #expect(result.code == 1)
        #expect(result.err.contains("\(file): cases[1].requestDate: \"2025-02-30\" is not a date"))
        #expect(FileManager.default.contents(atPath: database) == before)
    }

    @Test("a usage error exits 2 and a file that is not a database exits 1, untouched")
    func exitCodes() throws {
        let folder = NSTemporaryDirectory() + "ehcdesk-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try runEhcdesk(["export", "--format", "yaml"]).code == 2)
        let notes = folder + "/notes.txt"
        try "not a database".write(toFile: notes, atomically: true, encoding: .utf8)
        let result = try runEhcdesk(["export", "--db", notes] + today)
        #expect(result.code == 1)
        #expect(result.err.contains("is not an ehcdesk database"))
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "not a database")
    }
}
