import EHCCore
import Foundation

/// A SEN2 person-level XML file as an import: each request becomes a case (its reference made as
/// `SEN2-<year>-<n>`, in file order), each person's requests share a person id, and every value is
/// checked with its place (`line:column` and the element's path). A file of another collection, an
/// unknown element, a bad code or date, two rank-1 needs: refused, nothing written.
///
/// SEN2 does not carry what the statutory clocks also need (advice, exceptions in detail, the
/// draft plan, review reports, caseworkers): ``notes`` say what the authority must add.
///
/// ```swift
/// let source = SEN2Source(path: "return.xml")
/// try store.importCases(source, updateExisting: false, by: "sam", check: ConsistencyCheck(), today: today)
/// ```
public final class SEN2Source: ImportSource, @unchecked Sendable {
    public let file: String
    /// SEN2 gives the placements of a plan; the other lists are kept from a stored case on `--update`.
    public var givenLists: Set<CaseList> { [.placements] }
    /// What the import could not take from the file, for the authority to add, once it has been read.
    public var notes: [String] { lock.withLock { readNotes } }
    // The file is read on the import's reading thread (``ReadAhead``) and the notes asked for on
    // another: the lock is what makes this class safe to share, as its `Sendable` promises.
    private let lock = NSLock()
    private var readNotes: [String] = []

    /// The caseworker of every imported case until one is assigned: SEN2 names none.
    public static let unassigned = "Unassigned (SEN2 import)"

    public init(path: String) {
        file = path
    }

    public func forEachCase(_ body: (ImportedCase) throws -> Void) throws {
        let reader = SEN2Reader(path: file)
        var problems: [ImportProblem] = []
        var collection: SEN2Collection?
        var index = 0
        var persons = 0
        var undatedIssues = 0
        var reportedWeek20 = 0
        var thrown: Error?
        withoutActuallyEscaping(body) { body in
            reader.read(header: { node in
                collection = self.readHeader(node, problems: &problems)
                return collection != nil
            }, person: { node in
                guard let collection else {
                    problems.append(self.problem(node, "comes before the Header: a SEN2 file opens with its Header"))
                    return false
                }
                persons += 1
                var person = SEN2PersonReader(node: node, file: self.file, collection: collection, firstIndex: index)
                let cases = person.cases()
                problems += person.problems
                undatedIssues += person.undatedIssues
                reportedWeek20 += cases.count { $0.ehcCase.plan.reportedWeek20 == true }
                guard person.problems.isEmpty else { return problems.count < 200 }
                do {
                    for item in cases { try body(item) }
                } catch {
                    thrown = error
                    return false
                }
                index += cases.count
                return true
            })
        }
        if let thrown { throw thrown }
        problems += reader.problems
        if let root = reader.root {
            if root.name != SEN2Element.message {
                problems.append(problem(root, "the root element is \(root.name), not \(SEN2Element.message): is this a SEN2 file?"))
            }
            for leftover in root.children where leftover.name != SEN2Element.persons {
                problems.append(problem(leftover, "unknown element \(leftover.name) in \(SEN2Element.message)"))
            }
            for leftover in root.children.first(where: { $0.name == SEN2Element.persons })?.children ?? [] {
                problems.append(problem(leftover, "unknown element \(leftover.name) in \(SEN2Element.persons)"))
            }
        }
        if problems.isEmpty, collection == nil {
            problems.append(ImportProblem(file: file, place: "", message: "has no SEN2 Header: is it a SEN2 person-level return?"))
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        let notes = Self.notes(persons: persons, requests: index, undatedIssues: undatedIssues, reportedWeek20: reportedWeek20)
        lock.withLock { readNotes = notes }
    }

    private func problem(_ node: SEN2Node, _ message: String) -> ImportProblem {
        node.problem(in: file, message)
    }

    private func readHeader(_ node: SEN2Node, problems: inout [ImportProblem]) -> SEN2Collection? {
        var header = SEN2NodeReader(node, file: file)
        var details = header.child(SEN2Element.collectionDetails, required: true)
        var source = header.child(SEN2Element.source, required: true)
        header.finish()
        let name = details?.text(SEN2Element.collection, required: true)
        let year = details?.text(SEN2Element.year, required: true)
        let census = details?.date(SEN2Element.referenceDate, required: true)
        details?.finish()
        _ = source?.text(SEN2Element.sourceLevel)
        if let lea = source?.text(SEN2Element.lea, required: true),
           !SEN2Codes.isLANumber(lea) {
            source?.add(SEN2Element.lea, "\"\(lea)\" is not a 3-digit LA number")
        }
        for element in [SEN2Element.softwareCode, SEN2Element.release, SEN2Element.serialNo, SEN2Element.dateTime] {
            _ = source?.text(element)
        }
        source?.finish()
        problems += header.problems + (details?.problems ?? []) + (source?.problems ?? [])
        guard problems.isEmpty, let name, let year, let census else { return nil }
        guard name == SEN2Element.collectionName else {
            problems.append(problem(node, "this is a \(name) file, not \(SEN2Element.collectionName)"))
            return nil
        }
        guard let number = Int(year), let collection = SEN2Collection.year(number) else {
            problems.append(problem(node, "SEN2 \(year) is not a collection ehcdesk knows (known: \(SEN2Collection.knownYears))"))
            return nil
        }
        guard collection.census == census else {
            problems.append(problem(node, "ReferenceDate \(census) is not the census of SEN2 \(number) (\(collection.census)): "
                                        + "the file is of another collection, or its header is wrong"))
            return nil
        }
        return collection
    }

    private static func notes(persons: Int, requests: Int, undatedIssues: Int, reportedWeek20: Int) -> [String] {
        var notes = [
            "\(persons) persons and \(requests) requests read. SEN2 does not carry, and the authority must add for "
                + "the deadlines to be complete: advice requests and their dates, exceptions in detail, the draft plan, "
                + "review reports and amended plans, phase transfers, and who the caseworker is (every case is \"\(unassigned)\").",
            "References are made as SEN2-<year>-<number>, in file order; each person's requests share the person id of the first.",
        ]
        if undatedIssues > 0 {
            notes.append("\(undatedIssues) decisions to issue a plan (outcome Y, plan not yet issued) have no date in SEN2: "
                         + "they are recorded on the day of the decision to assess; correct them.")
        }
        if reportedWeek20 > 0 {
            notes.append("\(reportedWeek20) plans are reported with the 20-week exceptions (Week20 = 1): kept as reported "
                         + "until the exceptions themselves are recorded.")
        }
        return notes
    }
}

/// Reads the children of one element by name, once each unless repeated, and reports any it was
/// never asked for as unknown: the XML counterpart of ``JSONObjectReader``.
struct SEN2NodeReader {
    let node: SEN2Node
    let file: String
    /// `read[i]`: node.children[i] was asked for.
    private var read: [Bool]
    var problems: [ImportProblem] = []

    init(_ node: SEN2Node, file: String) {
        self.node = node
        self.file = file
        read = Array(repeating: false, count: node.children.count)
    }

    mutating func add(_ node: SEN2Node, _ message: String) {
        problems.append(node.problem(in: file, message))
    }

    mutating func add(_ name: String, _ message: String) {
        if let child = node.children.first(where: { $0.name == name }) { add(child, message) } else { add(node, message) }
    }

    /// Every child called `name`.
    mutating func children(_ name: String) -> [SEN2Node] {
        var found: [SEN2Node] = []
        for (index, child) in node.children.enumerated() where child.name == name {
            read[index] = true
            found.append(child)
        }
        return found
    }

    /// The one child called `name`; two are a problem, none is when `required`.
    mutating func child(_ name: String, required: Bool = false) -> SEN2NodeReader? {
        var first: Int?, second: Int?
        for index in node.children.indices where node.children[index].name == name {
            read[index] = true
            if first == nil { first = index } else if second == nil { second = index }
        }
        if let second { add(node.children[second], "\(name) appears more than once") }
        guard let first else {
            if required { add(node, "\(name) is required but missing") }
            return nil
        }
        return SEN2NodeReader(node.children[first], file: file)
    }

    mutating func text(_ name: String, required: Bool = false) -> String? {
        guard let child = child(name, required: required) else { return nil }
        guard !child.node.text.isEmpty else {
            if required { add(child.node, "is empty") }
            return nil
        }
        return child.node.text
    }

    mutating func date(_ name: String, required: Bool = false) -> CalendarDate? {
        guard let text = text(name, required: required) else { return nil }
        guard let date = CalendarDate(text) else {
            add(name, "\"\(text.prefix(40))\" is not a date in the form YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// A code from a fixed list; anything else is a problem naming the list.
    mutating func code<Value>(_ name: String, required: Bool = false, _ codes: [String], _ value: (String) -> Value?) -> Value? {
        guard let text = text(name, required: required) else { return nil }
        guard let read = value(text) else {
            add(name, "\"\(text.prefix(40))\" is not one of: \(codes.joined(separator: ", "))")
            return nil
        }
        return read
    }

    /// A 0/1 indicator; absent is 0.
    mutating func flag(_ name: String) -> Bool {
        code(name, ["0", "1"], SEN2Codes.flag) ?? false
    }

    /// A short code as typed (a UPN, a URN): at most 20 printable characters; its validity is for `check`.
    mutating func identifier(_ name: String, required: Bool = false) -> String? {
        guard let text = text(name, required: required) else { return nil }
        guard SEN2Codes.isTypedCode(text) else {
            add(name, "expected a code of at most 20 printable characters")
            return nil
        }
        return text
    }

    /// Reports every child never read.
    mutating func finish() {
        for (child, read) in zip(node.children, read) where !read {
            add(child, "unknown element \(child.name) in \(node.name)")
        }
    }
}
