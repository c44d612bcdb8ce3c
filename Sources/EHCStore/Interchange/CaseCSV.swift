import EHCCore
import Foundation

/// The CSV form of the interchange contract: the `ehcdesk/1` JSON flattened with `_`, one file per list.
///
/// `cases.csv` has one row per case (`child_givenName`, `decisionToAssess_date`, …, and the computed
/// `status`); `advice.csv`, `exceptions.csv`, `reviews.csv` and `placements.csv` (the plan's) have one
/// row per item keyed by `case_id`, in the order of the case's list; `deadlines.csv` carries the computed deadlines out and is ignored
/// on import. Lists of dates or keys inside a cell (`chased`, `appliesTo`) are separated by `;`.
///
/// Import reads the rows back into the JSON form and through the same reader as a JSON file, so
/// both formats accept and refuse exactly the same facts; problems are placed at `FILE:LINE:COLUMN`.
///
/// ```swift
/// let files = try CaseCSV.export(cases, calendar: StatutoryCalendar(), today: today)  // ["cases.csv": "id,…", …]
/// let imported = try CaseCSV.read(folder: "export", casesFile: "export/cases.csv", withSiblings: true)
/// ```
public enum CaseCSV {
    /// One CSV file: its name, the columns export writes, which of them import requires and which it ignores.
    struct Table: Sendable {
        var name: String
        var columns: [String]
        var required: Set<String>
        var computed: Set<String>
        /// The list of a case this file holds (`advice`), or `nil` for the cases file.
        var list: String?
    }

    static let cases = Table(
        name: "cases.csv",
        columns: ["id", "child_givenName", "child_familyName", "child_dateOfBirth", "child_setting", "caseworker",
                  "requestDate", "requestSource", "decisionToAssess_date", "decisionToAssess_outcome",
                  "decisionToIssue_date", "decisionToIssue_outcome", "draftPlanIssued", "finalPlanIssued",
                  "phaseTransfer_kind", "phaseTransfer_transferYear", "phaseTransfer_amendedPlanIssued",
                  "closed_date", "closed_reason", "version", "status",
                  // Additions for SEN2 (docs/interchange.md), after the contract's own columns.
                  "child_personId", "child_upn", "child_uln", "child_upnUnknown", "child_sex", "child_ethnicity",
                  "child_postcode", "youthAccommodation", "challenges", "exportedToAnotherLA", "transferredIn_formerLA",
                  "plan_primaryNeed", "plan_secondaryNeed", "plan_residential", "plan_workBasedPlacement",
                  "plan_personalBudget", "plan_reportedWeek20", "closed_ceaseReason"],
        required: ["id", "child_givenName", "child_familyName", "child_dateOfBirth", "caseworker", "requestDate",
                   "requestSource"],
        computed: ["status"], list: nil)
    static let advice = Table(
        name: "advice.csv", columns: ["case_id", "agency", "detail", "contact", "requested", "received", "chased",
                                     "quality", "qualityNote", "returned", "due"],
        required: ["case_id", "agency", "requested"], computed: ["due"], list: "advice")
    static let exceptions = Table(
        name: "exceptions.csv",
        columns: ["case_id", "ground", "appliesTo", "from", "to", "note", "parentInformed", "regulation"],
        required: ["case_id", "ground", "appliesTo", "from"], computed: ["regulation"], list: "exceptions")
    static let reviews = Table(
        name: "reviews.csv",
        columns: ["case_id", "meetingDate", "reportSent", "decisionDate", "decision", "amendmentProposed",
                  "amendedPlanIssued"],
        required: ["case_id", "meetingDate"], computed: [], list: "reviews")
    static let placements = Table(
        name: "placements.csv",
        columns: ["case_id", "urn", "ukprn", "setting", "settingOther", "rank", "namedInPlan", "senUnit",
                  "resourcedProvision", "entry", "leaving"],
        required: ["case_id", "rank"], computed: [], list: CaseList.placements.rawValue)
    static let deadlines = Table(
        name: "deadlines.csv", columns: ["case_id", "key", "due", "met", "status", "rule", "excepted"],
        required: [], computed: [], list: "deadlines")

    /// The files of a case's lists that import reads beside `cases.csv`.
    static let listTables = [advice, exceptions, reviews, placements]

    /// The files that make up a folder export, in the order they are written.
    public static let fileNames = ([cases] + listTables + [deadlines]).map(\.name)

    /// Cells that hold a list, separated by `;`.
    private static let listColumns: Set<String> = ["chased", "appliesTo", "challenges", "plan_personalBudget"]
    /// Cells that hold `true` or `false`.
    private static let flagColumns: Set<String> = ["youthAccommodation", "exportedToAnotherLA", "plan_workBasedPlacement",
                                                   "plan_reportedWeek20", "namedInPlan", "senUnit", "resourcedProvision"]
    /// Cells that hold a whole number.
    private static let numberColumns: Set<String> = ["phaseTransfer_transferYear", "version", "closed_ceaseReason", "rank"]

    // MARK: Export

    /// Every file of a folder export by name; `cases.csv` alone is what `export --format csv` prints.
    public static func export(_ cases: [EHCCase], calendar: StatutoryCalendar, today: CalendarDate,
                              versions: [String: Int] = [:]) throws -> [String: String] {
        var files: [String: String] = [:]
        try writeExport(calendar: calendar, today: today, versions: versions, files: Set(fileNames),
                         chunks: { try $0(cases) }, write: { files[$0, default: ""] += $1 })
        return files
    }

    /// Writes the CSV files named in `files` a chunk of cases at a time: `write(file, text)` is
    /// called with each file's header, then each chunk's lines as they are made, then its last
    /// newline, so memory does not grow with the caseload. The text is `export`'s, byte for byte.
    public static func writeExport(calendar: StatutoryCalendar, today: CalendarDate, versions: [String: Int],
                                   files: Set<String>, chunks: (([EHCCase]) throws -> Void) throws -> Void,
                                   write: (String, String) throws -> Void) throws {
        let tables = ([cases] + listTables + [deadlines]).filter { files.contains($0.name) }
        for table in tables { try write(table.name, try CSVText.lines([table.columns], neutralising: false)) }
        try withoutActuallyEscaping(write) { write in
            try chunks { chunk in
                // Each chunk's rows are made and written to CSV text on every core, a slice each,
                // and handed on table by table in order: the same bytes, the memory one chunk's.
                let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount, chunk.count / 64))
                let texts = ChunkResults<(table: Int, text: String)>()
                DispatchQueue.concurrentPerform(iterations: slices) { slice in
                    texts.store(Result {
                        let documents = chunk[chunk.count * slice / slices..<chunk.count * (slice + 1) / slices].map {
                            InterchangeDocument.exportCase($0, calendar: calendar, today: today, version: versions[$0.id])
                        }
                        return try tables.indices.compactMap { index in
                            let rows = rows(of: tables[index], in: documents)
                            return rows.isEmpty ? nil : (index, try CSVText.lines(rows))
                        }
                    }, at: slice)
                }
                let made = try texts.joined()
                for index in tables.indices {
                    for piece in made where piece.table == index { try write(tables[index].name, "\n" + piece.text) }
                }
            }
        }
        for table in tables { try write(table.name, "\n") }
    }

    /// A table's rows for some exported cases: one per case, or one per item of the case's list.
    private static func rows(of table: Table, in documents: [JSONValue]) -> [[String]] {
        documents.flatMap { document -> [[String]] in
            guard let list = table.list else { return [row(document, columns: table.columns)] }
            let listed = list.split(separator: ".").reduce(Optional(document)) { $0?[String($1)] }
            guard case let .array(items)? = listed else { return [] }
            let id = document["id"]?.string ?? ""
            return items.map { [id] + row($0, columns: Array(table.columns.dropFirst())) }
        }
    }

    private static func row(_ object: JSONValue, columns: [String]) -> [String] {
        columns.map { column in
            let value = column.split(separator: "_").reduce(Optional(object)) { $0?[String($1)] }
            return cell(value ?? .null)
        }
    }

    private static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null, .object: ""
        case let .bool(flag): flag ? "true" : "false"
        case let .number(literal): literal
        case let .string(text): text
        case let .array(items): items.map(cell).joined(separator: ";")
        }
    }

    // MARK: Import

    /// Reads `casesFile` and, when `withSiblings`, the list files next to it in `folder` that
    /// `contents` has, all at once (tests and the fuzz; `import` streams through ``CSVCaseStream``),
    /// handing the reader `blockSize` bytes at a time.
    public static func read(folder: String, casesFile: String, withSiblings: Bool, blockSize: Int = .max,
                            contents: (String) -> [UInt8]?) throws(ImportFailure) -> ImportedCases {
        let names = [casesFile] + (withSiblings ? listTables.map { sibling(of: $0, in: folder) } : [])
        let files = Dictionary(uniqueKeysWithValues: names.compactMap { name in contents(name).map { (name, $0) } })
        let stream = CSVCaseStream(folder: folder, casesFile: casesFile, withSiblings: withSiblings) { name in
            files[name].map { ByteBlocks(bytes: $0, blockSize: blockSize) }
        }
        var imported = ImportedCases(cases: [], file: casesFile, givenLists: stream.givenLists)
        do {
            try stream.forEachCase { item in
                imported.cases.append(item.ehcCase)
                imported.versions[item.ehcCase.id] = item.version
            }
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            throw ImportFailure(problems: [ImportProblem(file: casesFile, place: "", message: "\(error)")])
        }
        return imported
    }

    static func sibling(of table: Table, in folder: String) -> String {
        folder.isEmpty ? table.name : folder + "/" + table.name
    }

    /// Problems in file order, then by line and column, as an editor would list them.
    static func readingOrder(_ first: ImportProblem, _ second: ImportProblem) -> Bool {
        func numbers(_ place: String) -> [Int] { place.split(separator: ":").compactMap { Int($0) } }
        if first.file != second.file { return first.file < second.file }
        return numbers(first.place).lexicographicallyPrecedes(numbers(second.place))
    }

    /// Reports unknown, repeated and missing required columns; true when the rows can be read.
    static func checkHeader(_ table: CSVRowStream, _ spec: Table, log: ProblemLog) -> Bool {
        let before = log.problems.count
        var seen: Set<String> = []
        for (offset, name) in table.header.enumerated() {
            if !spec.columns.contains(name) {
                log.add(file: table.file, "1:\(offset + 1)",
                        "unknown column \"\(name)\" (\(spec.name) has: \(spec.columns.joined(separator: ", ")))")
            } else if !seen.insert(name).inserted {
                log.add(file: table.file, "1:\(offset + 1)", "the column \"\(name)\" appears twice")
            }
        }
        for name in spec.columns where spec.required.contains(name) && !seen.contains(name) {
            log.add(file: table.file, "1:1", "missing the required column \"\(name)\"")
        }
        return log.problems.count == before
    }

    /// The JSON members of one row: `child_givenName` becomes `child.givenName`; an empty cell is absent.
    static func members(of row: CSVRowStream.Row, header: [String], file: String, spec: Table, path: String,
                        places: inout ImportPlaces) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        for (offset, name) in header.enumerated()
        where name != "case_id" && !spec.computed.contains(name) && offset < row.cells.count {
            let parts = name.split(separator: "_").map(String.init)
            places.record(path + "." + parts.joined(separator: "."), file: file, line: row.line, column: offset + 1)
            let text = row.cells[offset]
            guard !text.isEmpty else { continue }
            let value: JSONValue
            if listColumns.contains(name) {
                value = .array(text.split(separator: ";", omittingEmptySubsequences: false).map { .string(String($0)) })
            } else if numberColumns.contains(name), Int(text) != nil {
                value = .number(text)
            } else if flagColumns.contains(name), text == "true" || text == "false" {
                value = .bool(text == "true")
            } else {
                value = .string(text)
            }
            set(value, at: parts[...], in: &members)
        }
        return members
    }

    private static func set(_ value: JSONValue, at parts: ArraySlice<String>, in members: inout [(String, JSONValue)]) {
        guard let key = parts.first else { return }
        guard parts.count > 1 else { members.append((key, value)); return }
        var inner: [(String, JSONValue)] = []
        if let index = members.firstIndex(where: { $0.0 == key }), case let .object(existing) = members[index].1 {
            inner = existing
            members.remove(at: index)
        }
        set(value, at: parts.dropFirst(), in: &inner)
        members.append((key, .object(inner)))
    }

    /// Appends `item` to the list at `list`, a dotted path (`plan.placements` is inside `plan`).
    static func append(_ item: JSONValue, to list: String, in members: inout [(String, JSONValue)]) {
        if let dot = list.firstIndex(of: ".") {
            let key = String(list[..<dot])
            var inner: [(String, JSONValue)] = []
            if let index = members.firstIndex(where: { $0.0 == key }), case let .object(existing) = members[index].1 {
                inner = existing
                members.remove(at: index)
            }
            append(item, to: String(list[list.index(after: dot)...]), in: &inner)
            members.append((key, .object(inner)))
            return
        }
        if let index = members.firstIndex(where: { $0.0 == list }), case let .array(items) = members[index].1 {
            members[index].1 = .array(items + [item])
        } else {
            members.append((list, .array([item])))
        }
    }
}
