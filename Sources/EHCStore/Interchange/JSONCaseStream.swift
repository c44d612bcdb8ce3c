import EHCCore
import Foundation

/// An `ehcdesk/1` JSON document read one case at a time, so an import of 100,000 cases holds one
/// case (and a block of the file) in memory, not the whole document. It is the one JSON reader:
/// `import` streams a file through it, and ``InterchangeDocument/read(_:file:)`` reads bytes in
/// memory through it.
///
/// The outer object (`format`, `cases`) is walked by a small scanner that only finds where each
/// value begins and ends; every element of `cases` is then parsed by the ordinary reader
/// (``JSONValue`` and ``CaseJSON``), with its problems placed as a whole-document read places
/// them (`line L, column C` for syntax, `cases[3].requestDate` for values). The outer members are
/// checked by a ``JSONObjectReader`` like any object. Each call to ``forEachCase(_:)`` reads the
/// document again from its start: the import checks every case before it writes any, and the
/// write re-checks what it writes.
///
/// ```swift
/// let source = JSONCaseStream(path: "caseload.json")
/// try source.forEachCase { index, ehcCase, audits, version, read in print(index, ehcCase.id) }
/// ```
public struct JSONCaseStream: ImportSource, Sendable {
    /// The file read, or for bytes in memory the name their problems are reported under.
    public let path: String
    private let bytes: [UInt8]?
    public var file: String { path }
    public var givenLists: Set<CaseList> { Set(CaseList.allCases) }

    /// The file at `path`, read a block at a time.
    public init(path: String) {
        self.path = path
        self.bytes = nil
    }

    /// A whole document already in memory, its problems reported as being in `file`.
    public init(bytes: [UInt8], file: String) {
        self.path = file
        self.bytes = bytes
    }

    /// Calls `body` with every case that reads; at the end throws every problem of the document.
    public func forEachCase(_ body: (ImportedCase) throws -> Void) throws {
        guard let blocks = bytes.map({ ByteBlocks(bytes: $0) }) ?? ByteBlocks(path: path) else {
            throw ImportFailure(problems: [ImportProblem(file: path, place: "", message: "cannot be read (does it exist?)")])
        }
        var scanner = Scanner(blocks: blocks)
        let size = Double(max(1, blocks.size))
        let log = ProblemLog(file: path)
        do {
            try scanner.skipByteOrderMark()
            if try scanner.skip(UInt8(ascii: "{")) {
                try readObject(&scanner, log: log, size: size, body)
            } else {
                // Not an object: parsed whole, so a syntax error is found first; then named as any value is.
                let (bytes, at) = try scanner.value()
                let document = try Self.parse(bytes, at: at)
                try scanner.expectEnd()
                _ = JSONObjectReader(document, path: "", log: log)
            }
        } catch let error as JSONSyntaxError {
            log.add("line \(error.line), column \(error.column)", error.message)
        }
        guard log.problems.isEmpty else { throw ImportFailure(problems: log.problems) }
    }

    /// The outer object after its `{`: every case handed to `body` as the list is walked, then the
    /// other members checked.
    private func readObject(_ scanner: inout Scanner, log: ProblemLog, size: Double,
                            _ body: (ImportedCase) throws -> Void) throws {
        // Every member but the cases themselves, which are read one by one as the list is walked.
        var members: [(String, JSONValue)] = []
        var index = 0
        if try !scanner.skip(UInt8(ascii: "}")) {
            repeat {
                let (key, keyAt) = try scanner.key()
                guard !members.contains(where: { $0.0 == key }) else {
                    throw JSONSyntaxError(line: keyAt.line, column: keyAt.column,
                                          message: "the field \"\(key)\" appears twice in one object")
                }
                guard key == "cases", try scanner.skip(UInt8(ascii: "[")) else {
                    let (bytes, at) = try scanner.value()
                    members.append((key, try Self.parse(bytes, at: at)))
                    continue
                }
                members.append((key, .array([])))
                if try !scanner.skip(UInt8(ascii: "]")) {
                    repeat {
                        let (bytes, at) = try scanner.value()
                        let value = try Self.parse(bytes, at: at)
                        if let read = CaseJSON.readWithAudits(value, path: "cases[\(index)]", log: log),
                           log.problems.isEmpty {
                            try body(ImportedCase(index: index, ehcCase: read.ehcCase, audits: read.audits,
                                                  version: read.version, fractionRead: Double(scanner.consumed) / size,
                                                  places: ImportPlaces(file: path)))
                        }
                        index += 1
                    } while try scanner.commaOr(UInt8(ascii: "]"), inside: "a list")
                }
            } while try scanner.commaOr(UInt8(ascii: "}"), inside: "an object")
        }
        try scanner.expectEnd()
        Self.checkOuterMembers(members, log: log)
    }

    /// `format` must be this ehcdesk's, `cases` a list, and nothing else may be there.
    private static func checkOuterMembers(_ members: [(String, JSONValue)], log: ProblemLog) {
        guard var reader = JSONObjectReader(.object(members), path: "", log: log) else { return }
        let declared = reader.string("format", required: true)
        if let declared, declared != InterchangeDocument.format {
            log.add("format", "\"\(declared)\" is not a format this ehcdesk reads (expected \"\(InterchangeDocument.format)\")")
        }
        _ = reader.value("cases", required: true)
        _ = reader.list("cases")
        reader.finish()
    }

    /// Parses one value found at `at`, its syntax errors moved to their place in the file.
    private static func parse(_ bytes: [UInt8], at: Scanner.Place) throws -> JSONValue {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw JSONSyntaxError(line: error.line + at.line - 1,
                                  column: error.line == 1 ? error.column + at.column - 1 : error.column,
                                  message: error.message)
        }
    }

    /// Reads the file a block at a time and finds where values begin and end, counting lines and
    /// columns (in characters) as the whole-file reader does.
    struct Scanner {
        struct Place { var line: Int; var column: Int }

        var blocks: ByteBlocks
        var block: [UInt8] = []
        var offset = 0
        var line = 1
        var column = 1
        var atEnd = false
        /// Bytes of the file read before the current block.
        var before = 0

        /// Bytes of the file consumed so far.
        var consumed: Int { before + offset }

        init(blocks: ByteBlocks) {
            self.blocks = blocks
        }

        var place: Place { Place(line: line, column: column) }

        func error(_ message: String) -> JSONSyntaxError {
            JSONSyntaxError(line: line, column: column, message: message)
        }

        mutating func peek() throws -> UInt8? {
            if offset == block.count {
                guard !atEnd else { return nil }
                guard let next = try blocks.next() else { atEnd = true; return nil }
                before += block.count
                block = next
                offset = 0
            }
            return block[offset]
        }

        mutating func next() throws -> UInt8? {
            guard let byte = try peek() else { return nil }
            offset += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            return byte
        }

        mutating func skipWhitespace() throws {
            while let byte = try peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { _ = try next() }
        }

        mutating func skipByteOrderMark() throws {
            guard try peek() == 0xEF else { return }
            for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
                guard try next() == expected else { throw error("the text is not valid UTF-8 (save the file as UTF-8)") }
            }
            column = 1
        }

        mutating func expect(_ byte: UInt8, _ message: String) throws {
            try skipWhitespace()
            guard try peek() == byte else {
                throw error(try peek() == nil ? "the file ends where \(message) was expected (truncated?)" : message)
            }
            _ = try next()
        }

        /// Consumes `byte` if it is next (after whitespace).
        mutating func skip(_ byte: UInt8) throws -> Bool {
            try skipWhitespace()
            guard try peek() == byte else { return false }
            _ = try next()
            return true
        }

        /// After a member or item: `true` for a comma (another follows), `false` for `close`.
        mutating func commaOr(_ close: UInt8, inside what: String) throws -> Bool {
            try skipWhitespace()
            switch try next() {
            case UInt8(ascii: ","): return true
            case close: return false
            case nil: throw error("the file ends inside \(what) (truncated?)")
            default: throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'")
            }
        }

        mutating func expectEnd() throws {
            try skipWhitespace()
            guard try peek() == nil else { throw error("unexpected text after the end of the document") }
        }

        /// A member name and the `:` after it.
        mutating func key() throws -> (String, Place) {
            try skipWhitespace()
            let at = place
            guard try peek() == UInt8(ascii: "\"") else { throw error("expected a field name in double quotes") }
            let (bytes, _) = try value()
            guard case let .string(name) = try JSONCaseStream.parse(bytes, at: at) else {
                throw error("expected a field name in double quotes")
            }
            try expect(UInt8(ascii: ":"), "':' after the field name \"\(name)\"")
            return (name, at)
        }

        /// The bytes of the next value and where it starts: a string to its closing quote, an
        /// object or list to its matching bracket (brackets inside strings ignored), a word or
        /// number to the next delimiter. Its content is checked by the parser, not here.
        mutating func value() throws -> ([UInt8], Place) {
            try skipWhitespace()
            let at = place
            guard let first = try next() else { throw error("the file ends where a value was expected (truncated?)") }
            var bytes = [first]
            switch first {
            case UInt8(ascii: "\""):
                try copyBalanced(into: &bytes, depth: 0, inString: true)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try copyBalanced(into: &bytes, depth: 1, inString: false)
            default:
                while let byte = try peek(), !Self.delimiters.contains(byte) {
                    bytes.append(byte)
                    _ = try next()
                }
            }
            return (bytes, at)
        }

        /// Copies a value after its first byte through its end, a block at a time in one tight loop
        /// (this is most of an import's reading): an object or list (`depth` 1) to its matching
        /// bracket, a string (`inString`) to its closing quote. Strings are skipped with their
        /// escapes, so brackets inside them do not count; a newline ends a string too, for the
        /// parser to report at its place. Lines and columns are kept as `next()` keeps them.
        mutating func copyBalanced(into bytes: inout [UInt8], depth start: Int, inString startsInString: Bool) throws {
            var depth = start
            var inString = startsInString
            var escaped = false
            while depth > 0 || inString {
                guard try peek() != nil else {
                    throw error(inString ? "the file ends inside a string (truncated?)" : "the file ends inside a case (truncated?)")
                }
                var index = offset
                var line = self.line
                var column = self.column
                block.withUnsafeBufferPointer { buffer in
                    while index < buffer.count {
                        let byte = buffer[index]
                        index += 1
                        if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
                        if inString {
                            if escaped { escaped = false }
                            else if byte == 0x5C { escaped = true }
                            else if byte == 0x22 || byte == 0x0A { inString = false }
                        } else {
                            switch byte {
                            case 0x22: inString = true
                            case 0x7B, 0x5B: depth += 1
                            case 0x7D, 0x5D: depth -= 1
                            default: break
                            }
                        }
                        if depth == 0 && !inString { break }
                    }
                }
                bytes.append(contentsOf: block[offset..<index])
                offset = index
                self.line = line
                self.column = column
            }
        }

        static let delimiters: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")]

    }
}
