import Foundation
import EHCCore

/// A whole `ehcdesk/1` JSON file: the cases it carries in, and the cases with computed deadlines it carries out.
///
/// ```swift
/// let text = InterchangeDocument.export(cases, calendar: StatutoryCalendar(), today: today).serialized()
/// let cases = try InterchangeDocument.read(Array(text.utf8), file: "caseload.json")
/// ```
public enum InterchangeDocument {
    public static let format = "ehcdesk/1"

    // MARK: Export

    /// Every case with its facts plus the computed `deadlines`, `status`, advice `due` and exception `regulation`.
    /// `versions` (by reference) are written as each case's `version`, so a later `import --update`
    /// of this file can tell a case someone has saved since.
    public static func export(_ cases: [EHCCase], calendar: StatutoryCalendar, today: CalendarDate,
                              audits: [PlanAudit] = [], versions: [String: Int] = [:]) -> JSONValue {
        let auditsByCase = Dictionary(grouping: audits, by: \.caseID)
        return .object([
            ("format", .string(format)),
            ("cases", .array(cases.map {
                exportCase($0, calendar: calendar, today: today, audits: auditsByCase[$0.id] ?? [], version: versions[$0.id])
            })),
        ])
    }

    /// Writes the same text as `export(…).serialized()` (and a final newline) a piece at a time:
    /// `chunks` calls its argument with each chunk of cases in order, and `write` receives the
    /// UTF-8 bytes of every chunk as soon as they are made, so memory does not grow with the caseload.
    ///
    /// ```swift
    /// try InterchangeDocument.writeExport(calendar: calendar, today: today, audits: audits, versions: versions,
    ///                                     chunks: { try store.forEachCaseChunk(of: 1_024, $0) },
    ///                                     write: { try out.write(contentsOf: $0) })
    /// ```
    public static func writeExport(calendar: StatutoryCalendar, today: CalendarDate, audits: [PlanAudit],
                                   versions: [String: Int], chunks: (([EHCCase]) throws -> Void) throws -> Void,
                                   write: ([UInt8]) throws -> Void) throws {
        let auditsByCase = Dictionary(grouping: audits, by: \.caseID)
        var first = true
        try write(Array(("{\n  \"format\": " + JSONValue.string(format).serialized() + ",\n  \"cases\": [").utf8))
        try withoutActuallyEscaping(write) { write in
            try chunks { cases in
                // Each chunk's cases are written as bytes on every core, a slice each, and handed
                // on in order: the output is the same, the memory still one chunk's, and no text
                // is copied on its way to the file.
                let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount, cases.count / 64))
                let texts = ChunkResults<[UInt8]>()
                DispatchQueue.concurrentPerform(iterations: slices) { slice in
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(6_000 * cases.count / slices)
                    for index in stride(from: cases.count * slice / slices, to: cases.count * (slice + 1) / slices, by: 1) {
                        let ehcCase = cases[index]
                        if index > 0 { bytes.append(contentsOf: ",\n    ".utf8) }
                        exportCase(ehcCase, calendar: calendar, today: today, audits: auditsByCase[ehcCase.id] ?? [],
                                   version: versions[ehcCase.id]).write(to: &bytes, pretty: true, indent: 2)
                    }
                    texts.store(.success([bytes]), at: slice)
                }
                guard !cases.isEmpty else { return }
                try write(Array((first ? "\n    " : ",\n    ").utf8))
                for slice in try texts.joined() { try write(slice) }
                first = false
            }
        }
        try write(Array((first ? "]\n}\n" : "\n  ]\n}\n").utf8))
    }

    /// One case with its computed fields; `audits` (an addition to the contract) only when it has some.
    public static func exportCase(_ ehcCase: EHCCase, calendar: StatutoryCalendar, today: CalendarDate,
                                  audits: [PlanAudit] = [], version: Int? = nil) -> JSONValue {
        let deadlines = calendar.deadlines(for: ehcCase, today: today)
        let dueByKey = Dictionary(deadlines.map { ($0.key, $0.due) }, uniquingKeysWith: { first, _ in first })
        var members = CaseJSON.facts(of: ehcCase)
        let adviceKeys = AdviceRequest.deadlineKeys(ehcCase.advice)
        replace("advice", in: &members, with: .array(ehcCase.advice.enumerated().map { index, item in
            .object(CaseJSON.advice(item) + [("due", CaseJSON.date(dueByKey[adviceKeys[index]]))])
        }))
        if !ehcCase.exceptions.isEmpty {
            let rulings = calendar.exceptionRulings(for: ehcCase, today: today)
            replace("exceptions", in: &members, with: .array(ehcCase.exceptions.enumerated().map { index, item in
                .object(CaseJSON.exception(item) + [("regulation", .string(rulings[index].regulation))])
            }))
        }
        if !audits.isEmpty { members.append(("audits", .array(audits.map { .object(AuditJSON.members(of: $0)) }))) }
        if let version { members.append(("version", .number(String(version)))) }
        members.append(("deadlines", .array(deadlines.map(exportDeadline))))
        members.append(("status", .string(calendar.status(of: ehcCase).rawValue)))
        return .object(members)
    }

    private static func exportDeadline(_ deadline: Deadline) -> JSONValue {
        .object([
            ("key", .string(deadline.key)),
            ("due", CaseJSON.date(deadline.due)),
            ("met", CaseJSON.date(deadline.met)),
            ("status", .string(deadline.status.rawValue)),
            ("rule", .string(deadline.explanation)),
            ("excepted", .bool(deadline.excepted)),
        ])
    }

    private static func replace(_ key: String, in members: inout [(String, JSONValue)], with value: JSONValue) {
        if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = value }
    }

    // MARK: Import

    /// Reads every case of a file, or throws every problem found with its JSON path.
    public static func read(_ bytes: [UInt8], file: String) throws(ImportFailure) -> [EHCCase] {
        try readWithAudits(bytes, file: file).cases
    }

    /// Every case of a file and the audits the cases carry, or every problem found: the bytes read
    /// by ``JSONCaseStream``, the same reader `import` streams a file through.
    public static func readWithAudits(_ bytes: [UInt8], file: String) throws(ImportFailure)
        -> (cases: [EHCCase], audits: [PlanAudit], versions: [String: Int]) {
        var read: [(ehcCase: EHCCase, audits: [PlanAudit], version: Int?)] = []
        do {
            try JSONCaseStream(bytes: bytes, file: file).forEachCase { item in
                read.append((item.ehcCase, item.audits, item.version))
            }
        } catch {
            // The body above throws nothing, so every failure is the reader's.
            throw error as? ImportFailure ?? ImportFailure(problems: [ImportProblem(file: file, place: "", message: "\(error)")])
        }
        return (read.map(\.ehcCase), read.flatMap(\.audits), versions(of: read))
    }

    /// The exported version of each case that carries one.
    static func versions(of read: [(ehcCase: EHCCase, audits: [PlanAudit], version: Int?)]) -> [String: Int] {
        Dictionary(read.compactMap { item in item.version.map { (item.ehcCase.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}

