import CLibXML2
import Foundation

/// Well-formed XML written as it is made, through libxml2's text writer (the library under
/// Foundation's XML): elements are opened and closed by the library, text is escaped by it, and
/// the bytes are taken a piece at a time with ``take()``, so a return of 100,000 persons never
/// exists whole in memory.
///
/// ```swift
/// let writer = try XMLStreamWriter()
/// try writer.start("Message")
/// try writer.element("Year", "2026")
/// try writer.end()
/// let bytes = try writer.finish()   // <?xml version="1.0" encoding="UTF-8"?>\n<Message>…
/// ```
final class XMLStreamWriter {
    /// libxml2 refused a call: a name or text it could not write.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init() throws {
        guard let buffer = xmlBufferCreate() else { throw Failure(description: "libxml2 could not make a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw Failure(description: "libxml2 could not make a writer")
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        _ = xml("  ") { xmlTextWriterSetIndentString(writer, $0) }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "the XML declaration")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func start(_ name: String) throws {
        try check(xml(name) { xmlTextWriterStartElement(writer, $0) }, name)
    }

    func end() throws {
        try check(xmlTextWriterEndElement(writer), "the end of an element")
    }

    /// `<name>text</name>`, the text escaped.
    func element(_ name: String, _ text: String) throws {
        try check(xml(name) { name in xml(text) { xmlTextWriterWriteElement(writer, name, $0) } }, name)
    }

    /// `<name>text</name>` when there is a text; nothing otherwise.
    func element(_ name: String, _ text: String?) throws {
        if let text { try element(name, text) }
    }

    /// The bytes written since the last take.
    func take() throws -> Data {
        try check(xmlTextWriterFlush(writer), "a flush")
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return Data() }
        let data = Data(bytes: content, count: count)
        xmlBufferEmpty(buffer)
        return data
    }

    /// Closes every open element and the document, and gives the last bytes.
    func finish() throws -> Data {
        try check(xmlTextWriterEndDocument(writer), "the end of the document")
        return try take()
    }

    private func check(_ result: Int32, _ what: String) throws {
        guard result >= 0 else { throw Failure(description: "libxml2 could not write \(what)") }
    }

    /// `text` as the `const xmlChar *` libxml2 takes, for the length of `body`.
    private func xml<Result>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        text.withCString { pointer in pointer.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1, body) }
    }
}

extension XMLStreamWriter {
    /// `<name>…</name>` around what `body` writes.
    func within(_ name: String, _ body: () throws -> Void) throws {
        try start(name)
        try body()
        try end()
    }
}
