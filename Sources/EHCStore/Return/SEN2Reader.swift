import EHCCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a SEN2 file as read: its name (as the table spells it), text, children and place.
struct SEN2Node {
    var name: String
    /// The path of its parent (`Message/Persons/Person[3]`), shared by its siblings; empty for the root.
    var parentPath: String
    /// Its own step: its name, with its position among its siblings of that name when SEN2 repeats it.
    var step: String
    var line: Int
    var column: Int
    var text = ""
    var children: [SEN2Node] = []

    /// Where it is, by name: `Message/Persons/Person[3]/Requests[1]/RequestSource`. Made only for a
    /// message; most elements never need theirs.
    var path: String { parentPath.isEmpty ? step : parentPath + "/" + step }
    var place: String { "\(line):\(column)" }

    /// A problem with this element, placed at it and named by its path.
    func problem(in file: String, _ message: String) -> ImportProblem {
        ImportProblem(file: file, place: place, message: "\(path): \(message)")
    }

    /// Elements SEN2 repeats under one parent, whose steps carry their position.
    static func isRepeated(_ name: String) -> Bool {
        name == SEN2Element.person || name == SEN2Element.requests || name == SEN2Element.senNeed
            || name.utf8.count > 6 && name.utf8.suffix(6).elementsEqual("Detail".utf8)
    }
}

/// Reads a SEN2 person-level XML file through Foundation's streaming parser, a person at a time:
/// the header is checked first (a file of another collection or year is refused before any person
/// is read), then each `Person` element is handed on whole, and forgotten.
///
/// ```swift
/// let reader = SEN2Reader(path: "return.xml")
/// try reader.read(header: { header in … }, person: { node in … })
/// ```
final class SEN2Reader: NSObject, XMLParserDelegate {
    private let path: String
    private var stack: [SEN2Node] = []
    /// The path of each open element, made when its first child opens: a leaf never needs its own.
    private var openPaths: [String?] = []
    /// For each open element, how many children of each repeated name it has had so far.
    private var ordinals: [[(name: String, count: Int)]] = []
    private var onHeader: (SEN2Node) -> Bool = { _ in true }
    private var onPerson: (SEN2Node) -> Bool = { _ in true }
    /// A handler asked to stop: what it found is its own problem, not the XML's.
    private var stopped = false
    /// Problems of the XML itself (not well formed), with their place.
    private(set) var problems: [ImportProblem] = []
    /// The root element once read, with what was left under it (the header and persons taken out).
    private(set) var root: SEN2Node?

    init(path: String) {
        self.path = path
    }

    /// Parses the file; `header` and `person` return false to stop. The XML's own problems are in ``problems``.
    func read(header: @escaping (SEN2Node) -> Bool, person: @escaping (SEN2Node) -> Bool) {
        onHeader = header
        onPerson = person
        // The handlers are the caller's for the length of this call only.
        defer {
            onHeader = { _ in true }
            onPerson = { _ in true }
        }
        guard let stream = InputStream(fileAtPath: path) else {
            problems.append(ImportProblem(file: path, place: "", message: "cannot be read"))
            return
        }
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        let parsed = parser.parse()
        guard problems.isEmpty, !stopped else { return }
        if !parsed || root == nil || !stack.isEmpty {
            // A file cut short can end without the parser noticing: an element still open is the sign.
            let message = stack.last.map { "is not well-formed XML: \($0.path) is never closed; is the file cut short?" }
                ?? "is not well-formed XML here (a tag, a quote or an entity is broken)"
            problems.append(ImportProblem(file: path, place: "\(parser.lineNumber):\(parser.columnNumber)", message: message))
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = SEN2Element.canonical(elementName)
        var parentPath = ""
        if let top = stack.indices.last {
            let path = openPaths[top] ?? stack[top].path
            openPaths[top] = path
            parentPath = path
        }
        var step = name
        if SEN2Node.isRepeated(name), let top = ordinals.indices.last {
            let ordinal: Int
            if let seen = ordinals[top].firstIndex(where: { $0.name == name }) {
                ordinals[top][seen].count += 1
                ordinal = ordinals[top][seen].count
            } else {
                ordinals[top].append((name, 1))
                ordinal = 1
            }
            step = "\(name)[\(ordinal)]"
        }
        stack.append(SEN2Node(name: name, parentPath: parentPath, step: step,
                              line: parser.lineNumber, column: parser.columnNumber))
        openPaths.append(nil)
        ordinals.append([])
        if stack.count > 12 {
            problems.append(ImportProblem(file: path, place: "\(parser.lineNumber):\(parser.columnNumber)",
                                          message: "\(stack[stack.count - 1].path): elements nested deeper than SEN2's"))
            parser.abortParsing()
        }
    }

    /// `text` without the spaces, tabs and line ends around it (XML's own whitespace, ASCII only).
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) ? text : String(text[first...last])
    }

    private func stop(_ parser: XMLParser) {
        stopped = true
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // Only a leaf's text is read; a container's is the indentation between its children.
        guard let current = stack.last, current.children.isEmpty, current.text.utf8.count < 4_096 else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard var node = stack.popLast() else { return }
        openPaths.removeLast()
        ordinals.removeLast()
        node.text = Self.trimmed(node.text)
        // The header and each person are handed on whole and never kept under their parent.
        if node.name == SEN2Element.header, stack.count == 1 {
            if !onHeader(node) { stop(parser) }
        } else if node.name == SEN2Element.person, stack.count == 2 {
            if !onPerson(node) { stop(parser) }
        } else if !stack.isEmpty {
            stack[stack.count - 1].children.append(node)
        } else {
            root = node
        }
    }
}
