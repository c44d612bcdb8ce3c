/// A JSON document as ehcdesk reads and writes it: objects keep their key order.
///
/// The interchange format needs two things Foundation's JSON types do not give: export with the
/// field order of the contract (so files diff well and read naturally) and import errors that name
/// the line and column of a syntax error. Numbers are kept as their literal text.
///
/// ```swift
/// let value = try JSONValue.parse(Array(#"{"format": "ehcdesk/1", "cases": []}"#.utf8))
/// value["format"]?.string            // "ehcdesk/1"
/// JSONValue.object([("n", .number("1"))]).serialized(pretty: false)   // {"n":1}
/// ```
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized(pretty: false))
    }

    /// The member named `key` of an object (`nil` for other values or a missing key).
    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    public var string: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// A word for the kind of value, for error messages ("expected a date, found a number").
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "true/false"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// Convenience for building optional members: `nil` becomes `null`.
    public static func string(_ text: String?) -> JSONValue {
        text.map { .string($0) } ?? .null
    }
}

// MARK: - Writing

extension JSONValue {
    /// The JSON text; pretty output indents by two spaces and ends without a newline.
    public func serialized(pretty: Bool = true) -> String {
        serialized(pretty: pretty, indent: 0)
    }

    /// The JSON text as it is written `indent` levels deep inside a pretty document (its first line
    /// is not indented, its inner lines are), so a document can be written one member at a time.
    public func serialized(pretty: Bool, indent: Int) -> String {
        // Written as UTF-8 bytes: appending bytes to an array is several times cheaper than small
        // appends to a String (half of a whole-caseload export's time went there).
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output, pretty: pretty, indent: indent)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the JSON text's UTF-8 bytes, as ``serialized(pretty:indent:)`` makes them, to `output`.
    func write(to output: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case let .bool(value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case let .number(literal): output.append(contentsOf: literal.utf8)
        case let .string(text): JSONValue.writeString(text, to: &output)
        case let .array(items):
            writeContainer(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), count: items.count, to: &output, pretty: pretty,
                           indent: indent) { index, output in
                items[index].write(to: &output, pretty: pretty, indent: indent + 1)
            }
        case let .object(members):
            writeContainer(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: members.count, to: &output, pretty: pretty,
                           indent: indent) { index, output in
                JSONValue.writeString(members[index].0, to: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                members[index].1.write(to: &output, pretty: pretty, indent: indent + 1)
            }
        }
    }

    private static func newline(indent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    private func writeContainer(open: UInt8, close: UInt8, count: Int, to output: inout [UInt8], pretty: Bool,
                                indent: Int, element: (Int, inout [UInt8]) -> Void) {
        output.append(open)
        guard count > 0 else { return output.append(close) }
        for index in 0..<count {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            if pretty { Self.newline(indent: indent + 1, to: &output) }
            element(index, &output)
        }
        if pretty { Self.newline(indent: indent, to: &output) }
        output.append(close)
    }

    private static func writeString(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            output.append(UInt8(ascii: "\""))
            // Most strings (references, dates, names, sentences) need no escape: copied in one go.
            var clean = true
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                clean = false
                break
            }
            if clean {
                output.append(contentsOf: bytes)
            } else {
                for byte in bytes { escape(byte, to: &output) }
            }
            output.append(UInt8(ascii: "\""))
        }
    }

    private static func escape(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
        case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
        case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
        case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
        case ..<0x20:
            let hex = String(byte, radix: 16)
            output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        default: output.append(byte)   // UTF-8 continuation and lead bytes pass as they are
        }
    }
}

// MARK: - Reading

/// A JSON syntax error with the line and column (1-based, in characters) where it was found.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONValue {
    /// Parses UTF-8 JSON text, rejecting duplicate keys and anything after the document.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument()
    }
}

private struct JSONParser {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected text after the end of the document") }
        return value
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < 64 else { throw error("nested too deeply") }
        skipWhitespace()
        guard position < bytes.count else { throw error("the file ends where a value was expected (truncated?)") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[position])))'")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var members: [(String, JSONValue)] = []
        // Most objects have a few fields: the earlier names are compared one by one, and only a
        // large object hashes them (a set per object was a tenth of an import's reading).
        var seen: Set<String>?
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a field name in double quotes") }
            let keyStart = position
            let key = try parseString()
            if seen == nil, members.count >= 16 { seen = Set(members.map(\.0)) }
            let isRepeated = if seen != nil { seen?.insert(key).inserted == false } else { members.contains { $0.0 == key } }
            guard !isRepeated else {
                position = keyStart
                throw error("the field \"\(key)\" appears twice in one object")
            }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after the field name \"\(key)\"") }
            position += 1
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            if peek(UInt8(ascii: "}")) { position += 1; return .object(members) }
            throw error(position == bytes.count ? "the file ends inside an object (truncated?)" : "expected ',' or '}'")
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { position += 1; return .array(items) }
        while true {
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            if peek(UInt8(ascii: "]")) { position += 1; return .array(items) }
            throw error(position == bytes.count ? "the file ends inside a list (truncated?)" : "expected ',' or ']'")
        }
    }

    /// Reads a string in one pass: runs of plain bytes are copied, escapes are encoded as UTF-8 into
    /// the same buffer, and the text is made once at the end, so the time is linear in its length
    /// whatever mix of escapes it holds (appending scalar by scalar to a String was quadratic).
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        var utf8: [UInt8] = []
        var runStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                let run = bytes[runStart..<position]
                if run.contains(where: { $0 >= 0x80 }), String(validating: run, as: UTF8.self) == nil {
                    throw error("the text is not valid UTF-8 (save the file as UTF-8)")
                }
                utf8.append(contentsOf: run)
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return String(decoding: utf8, as: UTF8.self)
                }
                Unicode.UTF8.encode(try parseEscape()) { utf8.append($0) }
                runStart = position
                continue
            }
            if byte < 0x20 { throw error("a control character inside a string (use \\n, \\t)") }
            position += 1
        }
        throw error("the file ends inside a string (truncated?)")
    }

    private mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        position += 1
        guard position < bytes.count else { throw error("the file ends inside a string (truncated?)") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800..<0xDC00).contains(high), bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) {
                position += 2
                let low = try parseHex4()
                if (0xDC00..<0xE000).contains(low),
                   let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) {
                    return scalar
                }
            }
            guard let scalar = Unicode.Scalar(high) else { throw error("an invalid \\u escape") }
            return scalar
        default:
            position -= 1
            throw error("an invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw error("an invalid \\u escape") }
        position += 4
        return value
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        func isNumberByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: false
            }
        }
        while position < bytes.count, isNumberByte(bytes[position]) { position += 1 }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        guard Double(literal) != nil, !literal.hasPrefix("+") else {
            position = start
            throw error("\"\(literal)\" is not a number")
        }
        return literal
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        let expected = Array(word.utf8)
        guard bytes[position...].starts(with: expected) else { throw error("unexpected text (expected \(word))") }
        position += expected.count
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// An error at the current position, counting lines and UTF-8 characters up to it.
    private func error(_ message: String) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(position, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(line: line, column: column, message: message)
    }
}
