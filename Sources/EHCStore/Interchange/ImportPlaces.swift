import EHCCore
import Foundation

/// Turns the JSON path of a problem into the place a user can find it in the file they gave.
///
/// For a JSON file the path is the place (`cases[3].requestDate`). A CSV import is read through the
/// same JSON reader, so it records, for every path it built, the file, line and column of the cell it
/// came from; a problem deeper than any recorded path (`…advice[0].chased[1]`) goes to the nearest
/// recorded parent.
///
/// ```swift
/// let places = ImportPlaces(file: "in.json")
/// places.problem("cases[3].requestDate", "is required but missing").description
/// // "in.json: cases[3].requestDate: is required but missing"
/// ```
public struct ImportPlaces: Sendable {
    /// The name the import goes by in messages and the audit trail.
    public let file: String
    private var cells: [String: (file: String, line: Int, column: Int)] = [:]

    public init(file: String) {
        self.file = file
    }

    mutating func record(_ path: String, file: String, line: Int, column: Int) {
        cells[path] = (file, line, column)
    }

    /// The problem at `path`, placed where the user will find it.
    public func problem(_ path: String, _ message: String) -> ImportProblem {
        locate(ImportProblem(file: file, place: path, message: message))
    }

    /// Where a path is, in the user's words: `cases[0]` for JSON, `line 3` for CSV.
    public func name(of path: String) -> String {
        let placed = problem(path, "").place
        return placed == path ? path : "line " + placed.prefix { $0 != ":" }
    }

    /// The same problem, moved from its JSON path to the cell it came from when one was recorded.
    func locate(_ problem: ImportProblem) -> ImportProblem {
        var key = problem.place
        while !key.isEmpty {
            if let cell = cells[key] {
                return ImportProblem(file: cell.file, place: "\(cell.line):\(cell.column)", message: problem.message)
            }
            guard let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            key = String(key[..<cut])
        }
        return problem
    }
}

/// Cases already in memory, imported as if read from `file` (tests, and ``CaseCSV/read(folder:casesFile:withSiblings:contents:)``).
///
/// ```swift
/// let imported = ImportedCases(cases: [ehcCase], file: "in.json")
/// try store.importCases(imported, updateExisting: false, by: "sam", check: ConsistencyCheck(), today: today)
/// ```
public struct ImportedCases: Sendable {
    public var cases: [EHCCase]
    public var file: String
    /// The lists the file gave. A CSV import without `advice.csv` says nothing about advice, so an
    /// update keeps the advice already stored rather than emptying it; JSON always gives every list.
    public var givenLists: Set<CaseList>
    /// The plan audits the file carries (JSON only); an imported case's audits replace its stored ones.
    public var audits: [PlanAudit]
    /// Each case's `version` as exported, by reference: `--update` refuses a case saved since.
    public var versions: [String: Int]

    public init(cases: [EHCCase], file: String, givenLists: Set<CaseList> = Set(CaseList.allCases),
                audits: [PlanAudit] = [], versions: [String: Int] = [:]) {
        self.cases = cases
        self.file = file
        self.givenLists = givenLists
        self.audits = audits
        self.versions = versions
    }
}

/// The lists of a case that CSV carries in files of their own.
public enum CaseList: String, Sendable, Hashable, CaseIterable {
    case advice, exceptions, reviews
    case placements = "plan.placements"
}

/// Opens what `import FILE` names, to be read one case at a time so memory does not grow with
/// the file: a `.json` file (``JSONCaseStream``); a CSV folder, `cases.csv` with its siblings, or
/// another `.csv` as cases only (``CSVCaseStream``); a SEN2 return, `.xml` (``SEN2Source``).
///
/// ```swift
/// let source = try ImportSources.open(path: "caseload.json")
/// try CaseStore.checkImport(source, databasePath: "x.sqlite", updateExisting: false, check: check, today: today)
/// ```
public enum ImportSources {
    public static func open(path: String) throws(ImportFailure) -> any ImportSource {
        let kind = SafeFile.kind(at: path)
        if case let .other(what) = kind, kind != .folder {
            throw ImportFailure(problems: [ImportProblem(file: path, place: "", message: "is \(what), not a file to import")])
        }
        if kind == .folder {
            let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
            return CSVCaseStream(folder: folder, casesFile: folder + "/" + CaseCSV.cases.name, withSiblings: true,
                                 open: ByteBlocks.init(path:))
        }
        if path.lowercased().hasSuffix(".csv") {
            let name = (path as NSString).lastPathComponent
            return CSVCaseStream(folder: (path as NSString).deletingLastPathComponent, casesFile: path,
                                 withSiblings: name == CaseCSV.cases.name, open: ByteBlocks.init(path:))
        }
        guard case .regular = kind else {
            throw ImportFailure(problems: [ImportProblem(file: path, place: "", message: "cannot be read (does it exist?)")])
        }
        if path.lowercased().hasSuffix(".xml") { return SEN2Source(path: path) }
        return JSONCaseStream(path: path)
    }
}
