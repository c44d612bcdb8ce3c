import EHCCore

/// A CSV import (a folder's `cases.csv` with its `advice.csv`, `exceptions.csv` and `reviews.csv`,
/// or a lone `.csv` of cases) read one case at a time, so an import of 100,000 cases holds one
/// case, a block of each file and an index of references in memory, not the files.
///
/// Opening it surveys every file once: that the file is UTF-8 CSV with a known header, which row
/// of `cases.csv` first uses each reference, which list rows name a case `cases.csv` lacks, and
/// whether each list file keeps the cases' order. Each ``forEachCase(_:)`` then reads `cases.csv`
/// again with a cursor in every list file, so a case meets its advice, exceptions and reviews as
/// it is read. Export writes the lists in the cases' order; a list file sorted otherwise (in a
/// spreadsheet, say) is held in memory, grouped by case, which is correct but not bounded.
///
/// Each case is read by the JSON reader (``CaseJSON``), so CSV and JSON accept and refuse the same
/// facts; every problem is placed at its `FILE:LINE:COLUMN`.
///
/// ```swift
/// let source = CSVCaseStream(folder: "export", casesFile: "export/cases.csv", withSiblings: true) { ByteBlocks(path: $0) }
/// try source.forEachCase { item in print(item.index, item.ehcCase.id) }
/// ```
public struct CSVCaseStream: ImportSource, Sendable {
    public var file: String { casesFile }
    public let givenLists: Set<CaseList>
    private let casesFile: String
    private let lists: [CaseCSV.Table]
    private let open: @Sendable (String) -> ByteBlocks?
    private let survey: Survey

    /// What the survey learnt of the files before any case is read.
    private struct Survey: Sendable {
        /// The problems of the files as files: not UTF-8, cut short, a bad header, a row of the
        /// wrong width, a list row for a case that is not there.
        var problems: [ImportProblem] = []
        /// Files whose rows are not read, because their text or header cannot be trusted.
        var skipped: Set<String> = []
        /// The row index (from 0) of the first case row using each reference.
        var firstRow: [String: Int] = [:]
        /// List files not in the cases' order: their rows, by the case row they belong to.
        var grouped: [String: [Int: [CSVRowStream.Row]]] = [:]
    }

    /// `open` gives a file's bytes, or `nil` when it is not there; `withSiblings` reads the list
    /// files beside `casesFile` that exist.
    init(folder: String, casesFile: String, withSiblings: Bool, open: @escaping @Sendable (String) -> ByteBlocks?) {
        self.casesFile = casesFile
        self.open = open
        let lists = withSiblings ? CaseCSV.listTables.filter {
            open(CaseCSV.sibling(of: $0, in: folder)) != nil
        } : []
        self.lists = lists.map { table in
            var named = table
            named.name = CaseCSV.sibling(of: table, in: folder)
            return named
        }
        givenLists = Set(lists.compactMap { $0.list.flatMap(CaseList.init(rawValue:)) })
        survey = Self.survey(casesFile: casesFile, lists: self.lists, open: open)
    }

    private static func survey(casesFile: String, lists: [CaseCSV.Table],
                               open: (String) -> ByteBlocks?) -> Survey {
        var survey = Survey()
        guard let blocks = open(casesFile) else {
            survey.problems = [ImportProblem(file: casesFile, place: "1:1", message: "cannot be read (does it exist?)")]
            survey.skipped.insert(casesFile)
            return survey
        }
        var firstRow: [String: Int] = [:]
        let casesReadable = Self.read(blocks, file: casesFile, table: CaseCSV.cases, into: &survey) { rows, row, index in
            if let idColumn = rows.column("id"), idColumn <= row.cells.count, firstRow[row.cells[idColumn - 1]] == nil {
                firstRow[row.cells[idColumn - 1]] = index
            }
        }
        survey.firstRow = firstRow
        guard casesReadable else {
            // Without the cases, a list row cannot be told from a list row for no case: only the
            // cases file is named.
            survey.firstRow = [:]
            survey.skipped.formUnion([casesFile] + lists.map(\.name))
            return survey
        }
        for list in lists {
            guard let blocks = open(list.name) else { continue }
            var grouped: [Int: [CSVRowStream.Row]] = [:]
            var inOrder = true
            var last = 0
            var unknown: [ImportProblem] = []
            let readable = Self.read(blocks, file: list.name, table: list, into: &survey) { rows, row, _ in
                guard row.cells.count == rows.header.count, let idColumn = rows.column("case_id") else { return }
                let id = row.cells[idColumn - 1]
                guard let index = firstRow[id] else {
                    unknown.append(ImportProblem(file: list.name, place: "\(row.line):\(idColumn)",
                                                 message: "no case \"\(id)\" in \(casesFile)"))
                    return
                }
                inOrder = inOrder && index >= last
                last = index
                grouped[index, default: []].append(row)
            }
            guard readable else { continue }
            survey.problems += unknown
            if !inOrder { survey.grouped[list.name] = grouped }
        }
        return survey
    }

    /// Reads one file's rows through `body` (with the row's index from 0) and adds its problems to
    /// the survey. A file that cannot be read whole (not UTF-8, cut short inside quotes) or whose
    /// header is wrong is named by that problem alone, wherever in the file it lies, and skipped;
    /// returns whether the file was read.
    private static func read(_ blocks: ByteBlocks, file: String, table: CaseCSV.Table, into survey: inout Survey,
                             _ body: (CSVRowStream, CSVRowStream.Row, Int) -> Void) -> Bool {
        let log = ProblemLog(file: file)
        var rows = CSVRowStream(blocks, file: file, log: log)
        let headerIsRight = rows.isReadable && CaseCSV.checkHeader(rows, table, log: log)
        let headerProblems = log.problems
        var index = 0
        // Read to the end even under a wrong header, so a file that is not text is named as such.
        while let row = rows.next() {
            if headerIsRight { body(rows, row, index) }
            index += 1
        }
        if let failure = rows.failure {
            survey.problems.append(failure)
        } else {
            survey.problems += headerIsRight ? log.problems : headerProblems
        }
        let readable = headerIsRight && rows.isReadable
        if !readable { survey.skipped.insert(file) }
        return readable
    }

    /// A list file met case by case: its rows read on in the cases' order, or taken from the
    /// survey's grouping when the file is in another order.
    private struct ListCursor {
        let table: CaseCSV.Table
        let header: [String]
        var rows: CSVRowStream
        let grouped: [Int: [CSVRowStream.Row]]?
        var waiting: CSVRowStream.Row?

        /// The rows that belong to the case row `index`, in file order; rows for no known case
        /// and rows of the wrong width (reported by the survey) are passed over.
        mutating func rows(for index: Int, firstRow: [String: Int]) -> [CSVRowStream.Row] {
            if let grouped { return grouped[index] ?? [] }
            guard let idColumn = header.firstIndex(of: "case_id") else { return [] }
            var found: [CSVRowStream.Row] = []
            while let row = waiting ?? rows.next() {
                waiting = nil
                guard row.cells.count == header.count, let owner = firstRow[row.cells[idColumn]] else { continue }
                guard owner == index else {
                    waiting = row
                    break
                }
                found.append(row)
            }
            return found
        }
    }

    /// Calls `body` with every case that reads; at the end throws every problem of the files, in
    /// file and line order.
    public func forEachCase(_ body: (ImportedCase) throws -> Void) throws {
        var problems = survey.problems
        if !survey.skipped.contains(casesFile), let blocks = open(casesFile) {
            let size = Double(max(1, blocks.size))
            let quiet = ProblemLog(file: casesFile)   // the survey reported the files' own problems
            var cases = CSVRowStream(blocks, file: casesFile, log: quiet)
            var cursors = lists.filter { !survey.skipped.contains($0.name) }.compactMap { table -> ListCursor? in
                guard let blocks = open(table.name) else { return nil }
                let rows = CSVRowStream(blocks, file: table.name, log: quiet)
                return ListCursor(table: table, header: rows.header, rows: rows, grouped: survey.grouped[table.name])
            }
            let idColumn = cases.column("id")
            var index = 0
            while let row = cases.next() {
                let path = "cases[\(index)]"
                var places = ImportPlaces(file: casesFile)
                places.record(path, file: casesFile, line: row.line, column: 1)
                var members = CaseCSV.members(of: row, header: cases.header, file: casesFile, spec: CaseCSV.cases,
                                              path: path, places: &places)
                // List rows belong to the first case row with their reference.
                let isFirst = idColumn.map { $0 <= row.cells.count && survey.firstRow[row.cells[$0 - 1]] == index } ?? false
                for position in cursors.indices where isFirst {
                    let (table, header) = (cursors[position].table, cursors[position].header)
                    guard let list = table.list else { continue }
                    for (offset, listRow) in cursors[position].rows(for: index, firstRow: survey.firstRow).enumerated() {
                        let itemPath = "\(path).\(list)[\(offset)]"
                        places.record(itemPath, file: table.name, line: listRow.line, column: 1)
                        let item = CaseCSV.members(of: listRow, header: header, file: table.name, spec: table,
                                                   path: itemPath, places: &places)
                        CaseCSV.append(.object(item), to: list, in: &members)
                    }
                }
                let log = ProblemLog(file: casesFile)
                let read = CaseJSON.readWithAudits(.object(members), path: path, log: log)
                problems += log.problems.map(places.locate)
                if let read, problems.isEmpty {
                    try body(ImportedCase(index: index, ehcCase: read.ehcCase, audits: read.audits, version: read.version,
                                          fractionRead: Double(cases.consumed) / size, places: places))
                }
                index += 1
            }
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems.sorted(by: CaseCSV.readingOrder)) }
    }
}
