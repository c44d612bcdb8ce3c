import EHCCore
import Foundation
import Testing
@testable import EHCStore

/// The CSV form of the interchange contract, read and written in memory.
@Suite("CSV interchange")
struct CaseCSVTests {
    let today = CalendarDate("2026-11-24")!

    private func read(_ files: [String: String], withSiblings: Bool = true) throws(ImportFailure) -> ImportedCases {
        try CaseCSV.read(folder: "in", casesFile: "in/cases.csv", withSiblings: withSiblings) { path in
            files[path].map { Array($0.utf8) }
        }
    }

    private func problems(_ files: [String: String]) -> [String] {
        do {
            _ = try read(files)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("a case with every kind of fact survives export and import through the CSV files")
    func roundTrip() throws {
        let exported = try CaseCSV.export([sampleCase()], calendar: StatutoryCalendar(), today: today)
        let files = Dictionary(uniqueKeysWithValues: exported.map { ("in/" + $0.key, $0.value) })
        #expect(try read(files).cases == [sampleCase()])
    }

    @Test("a cell quoted across lines keeps the line numbers of the rows after it right")
    func multiLineCell() {
        let header = "id,child_givenName,child_familyName,child_dateOfBirth,caseworker,requestDate,requestSource\n"
        let found = problems(["in/cases.csv": header
            + "EHC-1,Sam,\"Example\nSecond line\",2016-03-02,A. Caseworker,2025-01-06,parent\n"
            + "EHC-2,Ann,Example,2016-03-02,A. Caseworker,2025-13-06,parent\n"])
        #expect(found == ["in/cases.csv:4:6: \"2025-13-06\" is not a date in the form YYYY-MM-DD"])
    }

    @Test("a problem in an advice row is placed in advice.csv at its line and column")
    func adviceProblemPlaced() {
        let header = "id,child_givenName,child_familyName,child_dateOfBirth,caseworker,requestDate,requestSource\n"
        let found = problems([
            "in/cases.csv": header + "EHC-1,Sam,Example,2016-03-02,A. Caseworker,2025-01-06,parent\n",
            "in/advice.csv": "case_id,agency,requested,chased\nEHC-1,health,2025-01-10,2025-02-01;2025-02-31\n",
        ])
        #expect(found == ["in/advice.csv:2:4: \"2025-02-31\" is not a date in the form YYYY-MM-DD"])
    }

    @Test("columns may come in any order and computed columns are ignored")
    func anyColumnOrder() throws {
        let imported = try read(["in/cases.csv": """
            status,requestSource,requestDate,caseworker,child_dateOfBirth,child_familyName,child_givenName,id
            closed,parent,2025-01-06,A. Caseworker,2016-03-02,Example,Sam,EHC-1

            """])
        #expect(imported.cases.map(\.id) == ["EHC-1"])
        #expect(imported.cases.first?.requestSource == .parent)
    }

    @Test("a cases file without its list files says it gave no lists, so an update keeps them")
    func listsNotGiven() throws {
        let header = "id,child_givenName,child_familyName,child_dateOfBirth,caseworker,requestDate,requestSource\n"
        let imported = try read(["in/cases.csv": header + "EHC-1,Sam,Example,2016-03-02,A. Caseworker,2025-01-06,parent\n"],
                                withSiblings: false)
        #expect(imported.givenLists.isEmpty)
        let merged = imported.merged(imported.cases[0], keepingFrom: sampleCase())
        #expect(merged.advice == sampleCase().advice)
        #expect(merged.reviews == sampleCase().reviews)
    }

    @Test("a file that is not UTF-8 is refused at the first bad byte")
    func notUTF8() {
        let bytes = Array("id,child_givenName\nEHC-1,Zo".utf8) + [0xEB] + Array("\n".utf8)
        do {
            _ = try CaseCSV.read(folder: "in", casesFile: "in/cases.csv", withSiblings: false) { _ in bytes }
            Issue.record("the import should have been refused")
        } catch {
            #expect(error.problems.map(\.description) == ["in/cases.csv:2:9: the file is not UTF-8 text (save it as CSV UTF-8)"])
        }
    }
    @Test("list files sorted otherwise than cases.csv (as a spreadsheet might) give the same cases")
    func listsInAnotherOrder() throws {
        let cases = (0..<40).map(CaseloadGenerator(seed: 11, today: today).makeCase)
        let exported = try CaseCSV.export(cases, calendar: StatutoryCalendar(), today: today)
        var files = Dictionary(uniqueKeysWithValues: exported.map { ("in/" + $0.key, $0.value) })
        for name in ["in/advice.csv", "in/reviews.csv"] {
            let lines = files[name, default: ""].split(separator: "\n")
            files[name] = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n"
        }
        let read = try read(files)
        // Within a case its list keeps the file's order, so the reversed lists come back reversed.
        #expect(read.cases.map(\.id) == cases.map(\.id))
        #expect(read.cases.map { $0.advice.reversed() } == cases.map(\.advice))
        #expect(read.cases.map(\.exceptions) == cases.map(\.exceptions))
        #expect(cases.contains { $0.advice.count > 1 })
    }

    @Test("files read in blocks of any size give the cases and problems of the file read whole")
    func anyBlockSize() throws {
        let cases = (0..<30).map(CaseloadGenerator(seed: 12, today: today).makeCase)
        var exported = try CaseCSV.export(cases, calendar: StatutoryCalendar(), today: today)
        exported["cases.csv"] = exported["cases.csv"]?.replacingOccurrences(of: "\n", with: "\r\n")
        let files = exported.mapValues { Array($0.utf8) }
        for blockSize in [1, 2, 3, 7, 64, 333, 4_096] {
            let read = try CaseCSV.read(folder: "in", casesFile: "in/cases.csv", withSiblings: true, blockSize: blockSize) {
                files[String($0.dropFirst(3))]
            }
            #expect(read.cases == cases, "blocks of \(blockSize)")
        }
        var broken = files
        broken["advice.csv"]?.append(contentsOf: Array("EHC-NOPE,health,2025-01-10,,,,,,,,\n".utf8))
        let lastLine = String(decoding: broken["advice.csv"] ?? [], as: UTF8.self).split(separator: "\n").count
        for blockSize in [1, 5, 100] {
            #expect(throws: ImportFailure(problems: [ImportProblem(
                file: "in/advice.csv", place: "\(lastLine):1", message: "no case \"EHC-NOPE\" in in/cases.csv")])) {
                try CaseCSV.read(folder: "in", casesFile: "in/cases.csv", withSiblings: true, blockSize: blockSize) {
                    broken[String($0.dropFirst(3))]
                }
            }
        }
    }

    @Test("a stray quote inside a quoted cell is refused at its line; a quote inside a plain cell is kept")
    func quotesAsTheLibraryReadsThem() throws {
        let header = "id,child_givenName,child_familyName,child_dateOfBirth,caseworker,requestDate,requestSource\n"
        // The CSV library would drop the `x` after the closing quote without a word.
        #expect(problems(["in/cases.csv": header + "EHC-1,Sam,Example,2016-03-02,A. Caseworker,2025-01-06,parent\n"
            + "EHC-2,\"Ann\"x,Example,2016-03-02,A. Caseworker,2025-01-06,parent\n"])
            == ["in/cases.csv:3:1: a quote inside a quoted cell must be written twice (\"\"): is a quote missing or extra?"])
        let read = try read(["in/cases.csv": header + "EHC-1,Sam,O\"Neill,2016-03-02,A. Caseworker,2025-01-06,parent\n"])
        #expect(read.cases.first?.child.familyName == "O\"Neill")
    }
}

/// The safety duties of the store beyond reading and writing cases.
@Suite("Store safety")
struct StoreSafetyTests {
    @Test("a delete is refused for a stale version, and when applied keeps the case's last facts in the trail")
    func deleteAudited() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        #expect(throws: StoreError.staleEdit(id: sampleCase().id, expectedVersion: 7, actualVersion: 1)) {
            try store.delete(id: sampleCase().id, expectedVersion: 7, by: "tester", summary: "duplicate record")
        }
        try store.delete(id: sampleCase().id, expectedVersion: 1, by: "remover", summary: "duplicate record")
        #expect(try store.caseCount() == 0)
        let last = try #require(try store.history(of: sampleCase().id).last)
        #expect(last.action == "delete")
        #expect(last.user == "remover")
        #expect(last.after == nil)
        #expect(last.before?.contains("\"caseworker\":\"A. Caseworker\"") == true)
    }

    @Test("an audit entry lists exactly the facts that changed")
    func fieldChanges() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        var changed = sampleCase()
        changed.caseworker = "B. Caseworker"
        changed.advice[1].received = CalendarDate("2025-03-25")
        try store.update(changed, expectedVersion: 1, by: "tester", summary: "advice arrived")
        let entry = try #require(try store.history(of: changed.id).last)
        #expect(entry.changes == [
            FieldChange(field: "caseworker", before: "\"A. Caseworker\"", after: "\"B. Caseworker\""),
            FieldChange(field: "advice[1].received", before: "null", after: "\"2025-03-25\""),
        ])
    }

    @Test("a database readable by others is flagged, a private one is not")
    func readableByOthers() throws {
        let folder = TemporaryFolder()
        let path = folder.file("db.sqlite")
        #expect(try CaseStore.open(path: path, access: .create).readableByOthers == false)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(try CaseStore.open(path: path, access: .create).readableByOthers == true)
    }

    @Test("restore refuses a database with later changes than the backup, and --force restores it")
    func restoreRefusesNewer() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("db.sqlite"), access: .create)
        try store.insert([sampleCase()], by: "tester")
        try store.backup(to: folder.file("backup.sqlite"))
        try store.insert([sampleCase(id: "EHC-2")], by: "tester")
        let refused = #expect(throws: StoreError.self) {
            try CaseStore.restore(from: folder.file("backup.sqlite"), into: store.path, force: false, by: "tester")
        }
        guard case .restoreWouldLoseChanges(let target, let current, let backup)? = refused else {
            Issue.record("expected restoreWouldLoseChanges, got \(String(describing: refused))")
            return
        }
        #expect(target == store.path)
        #expect(current.entries == backup.entries + 1)
        #expect(try store.caseCount() == 2)
        try CaseStore.restore(from: folder.file("backup.sqlite"), into: store.path, force: true, by: "tester")
        #expect(try store.allCases() == [sampleCase()])
    }
}
