import EHCCore
import Foundation

/// An `ehcdesk/1` JSON file read one case at a time, so an import of 100,000 cases holds one case
/// (and a block of the file) in memory, not the whole document.
///
/// The outer object (`format`, `cases`) is walked by a small scanner that only finds where each
/// value begins and ends; every element of `cases` is then parsed by the ordinary reader
/// (``JSONValue`` and ``CaseJSON``), with its problems placed exactly as a whole-file read places
/// them (`line L, column C` for syntax, `cases[3].requestDate` for values). Each call to
/// ``forEachCase(_:)`` reads the file again from its start: the import checks every case before it
/// writes any, and the write re-checks what it writes.
///
/// ```swift
/// let source = JSONCaseStream(path: "caseload.json")
/// try source.forEachCase { index, ehcCase, audits, version, read in print(index, ehcCase.id) }
/// ```
public struct JSONCaseStream: ImportSource, Sendable {
    public let path: String
    public var places: ImportPlaces { ImportPlaces(file: path) }
    public var givenLists: Set<CaseList> { Set(CaseList.allCases) }

    public init(path: String) {
        self.path = path
    }

    /// Calls `body` with every case that reads; at the end throws every problem of the file.
    public func forEachCase(_ body: (Int, EHCCase, [PlanAudit], Int?, Double) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportFailure(problems: [ImportProblem(file: path, place: "", message: "cannot be read (does it exist?)")])
        }
        defer { try? handle.close() }
        let size = Double(max(1, (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 1))
        let log = ProblemLog(file: path)
        var scanner = Scanner(handle: handle)
        do {
            try scanner.skipByteOrderMark()
            try scanner.expect(UInt8(ascii: "{"), "the file must be one JSON object {\"format\": …, \"cases\": […]}")
            var seen: Set<String> = []
            var index = 0
            if try !scanner.skip(UInt8(ascii: "}")) {
                repeat {
                    let (key, keyAt) = try scanner.key()
                    guard seen.insert(key).inserted else {
                        throw JSONSyntaxError(line: keyAt.line, column: keyAt.column,
                                              message: "the field \"\(key)\" appears twice in one object")
                    }
                    switch key {
                    case "format":
                        let (bytes, at) = try scanner.value()
                        let declared = try Self.parse(bytes, at: at).string
                        if declared != InterchangeDocument.format {
                            log.add("format", "\"\(declared ?? "?")\" is not a format this ehcdesk reads "
                                    + "(expected \"\(InterchangeDocument.format)\")")
                        }
                    case "cases":
                        try scanner.expect(UInt8(ascii: "["), "cases must be a list […]")
                        if try !scanner.skip(UInt8(ascii: "]")) {
                            repeat {
                                let (bytes, at) = try scanner.value()
                                let value = try Self.parse(bytes, at: at)
                                if let read = CaseJSON.readWithAudits(value, path: "cases[\(index)]", log: log),
                                   log.problems.isEmpty {
                                    try body(index, read.ehcCase, read.audits, read.version, Double(scanner.consumed) / size)
                                }
                                index += 1
                            } while try scanner.commaOr(UInt8(ascii: "]"), inside: "the list of cases")
                        }
                    default:
                        _ = try scanner.value()
                        log.add(key, "unknown field (the file has \"format\" and \"cases\")")
                    }
                } while try scanner.commaOr(UInt8(ascii: "}"), inside: "the file's object")
            }
            try scanner.expectEnd()
            if !seen.contains("format") { log.add("format", "is required") }
            if !seen.contains("cases") { log.add("cases", "is required") }
        } catch let error as JSONSyntaxError {
            log.add("line \(error.line), column \(error.column)", error.message)
        }
        guard log.problems.isEmpty else { throw ImportFailure(problems: log.problems) }
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

        let handle: FileHandle
        var block: [UInt8] = []
        var offset = 0
        var line = 1
        var column = 1
        var atEnd = false
        /// Bytes of the file read before the current block.
        var before = 0

        /// Bytes of the file consumed so far.
        var consumed: Int { before + offset }

        init(handle: FileHandle) {
            self.handle = handle
        }

        var place: Place { Place(line: line, column: column) }

        func error(_ message: String) -> JSONSyntaxError {
            JSONSyntaxError(line: line, column: column, message: message)
        }

        mutating func peek() throws -> UInt8? {
            if offset == block.count {
                guard !atEnd else { return nil }
                let data = try handle.read(upToCount: 1 << 20) ?? Data()
                if data.isEmpty { atEnd = true; return nil }
                before += block.count
                block = Array(data)
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
            default: throw error("expected ',' or '\(Character(Unicode.Scalar(close)))' in \(what)")
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
                try copyString(into: &bytes)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try copyContainer(into: &bytes)
            default:
                while let byte = try peek(), !Self.delimiters.contains(byte) {
                    bytes.append(byte)
                    _ = try next()
                }
            }
            return (bytes, at)
        }

        /// Copies an object or list after its opening bracket through its matching close, a block at
        /// a time in one tight loop (this is most of an import's reading): strings are skipped with
        /// their escapes, so brackets inside them do not count; lines and columns are kept as `next()` keeps them.
        mutating func copyContainer(into bytes: inout [UInt8]) throws {
            var depth = 1
            var inString = false
            var escaped = false
            while depth > 0 {
                guard try peek() != nil else { throw error("the file ends inside a case (truncated?)") }
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
                            continue
                        }
                        switch byte {
                        case 0x22: inString = true
                        case 0x7B, 0x5B: depth += 1
                        case 0x7D, 0x5D: depth -= 1
                        default: break
                        }
                        if depth == 0 { break }
                    }
                }
                bytes.append(contentsOf: block[offset..<index])
                offset = index
                self.line = line
                self.column = column
            }
        }

        static let delimiters: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")]

        /// Copies a string's bytes after its opening quote, through its closing quote.
        mutating func copyString(into bytes: inout [UInt8]) throws {
            while let byte = try next() {
                bytes.append(byte)
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = try next() else { break }
                    bytes.append(escaped)
                } else if byte == UInt8(ascii: "\"") {
                    return
                } else if byte == UInt8(ascii: "\n") {
                    return   // the parser reports the control character at its place
                }
            }
            throw error("the file ends inside a string (truncated?)")
        }
    }
}
