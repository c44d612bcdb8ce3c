import EHCCore
import Glibc
import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped by hand, its columns read without GRDB's row objects.
///
/// GRDB prepares it, runs the transaction around it and reports errors as `DatabaseError`;
/// binding, stepping and column access use the C API, which is what makes reading or writing
/// a whole caseload cheap (dates go between the database and ``CalendarDate`` as bytes, never
/// as `String`s).
///
/// ```swift
/// let insert = try RawStatement(cached: "INSERT INTO advice (caseId, position, requested) VALUES (?, ?, ?)", db)
/// insert.bind(1, text: "EHC-1"); insert.bind(2, integer: 0); insert.bind(3, date: requested)
/// try insert.execute()
/// ```
final class RawStatement {
    private let statement: Statement
    private let handle: SQLiteStatement
    private(set) var hasRow = false

    /// A new statement for a read, bound to `arguments`, stepped with ``step()``.
    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        handle = statement.sqliteStatement
    }

    /// The connection's cached statement for `sql`, bound with `bind` and run with ``execute()``.
    init(cached sql: String, _ db: Database) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    // MARK: Writing

    /// Binds the 1-based parameter `index` to `text`, or NULL.
    func bind(_ index: Int32, text: String?) {
        guard var text else { sqlite3_bind_null(handle, index); return }
        text.withUTF8 { bind(index, bytes: $0) }
    }

    func bind(_ index: Int32, integer: Int?) {
        guard let integer else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, Int64(integer))
    }

    /// Binds a yes/no as SQLite's 0 or 1.
    func bind(_ index: Int32, flag: Bool) {
        sqlite3_bind_int64(handle, index, flag ? 1 : 0)
    }

    /// Binds a date as `YYYY-MM-DD` text, or NULL.
    func bind(_ index: Int32, date: CalendarDate?) {
        guard let date else { sqlite3_bind_null(handle, index); return }
        date.withISOBytes { bytes in bind(index, bytes: bytes) }
    }

    /// Binds dates as the JSON array the store keeps lists in: `["2025-01-02","2025-03-04"]`.
    func bind(_ index: Int32, dates: [CalendarDate]) {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(1 + 13 * dates.count)
        for (position, date) in dates.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            date.withISOBytes { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "]"))
        bytes.withUnsafeBufferPointer { bind(index, bytes: $0) }
    }

    private func bind(_ index: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no address; SQLite needs one for an empty text (not NULL).
        let empty: CChar = 0
        withUnsafePointer(to: empty) { emptyText in
            bytes.withMemoryRebound(to: CChar.self) { text in
                _ = sqlite3_bind_text(handle, index, text.baseAddress ?? emptyText, Int32(text.count), Self.copyText)
            }
        }
    }

    /// Runs the bound statement to its end, then resets it and clears its bindings for the next use.
    func execute() throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        while try step() {}
    }

    /// `SQLITE_TRANSIENT`: SQLite copies bound text before the call returns.
    private static let copyText = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    // MARK: Reading

    /// Moves to the next row; false (and ``hasRow`` false) after the last.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: hasRow = true
        case SQLITE_DONE: hasRow = false
        case let code:
            hasRow = false
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
        }
        return hasRow
    }

    /// The bytes of a text column, empty for NULL.
    func column(_ index: Int32) -> RawColumn {
        RawColumn(bytes: optionalColumn(index) ?? UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The bytes of a text column, `nil` for NULL (SQLite gives no text pointer for NULL).
    private func optionalColumn(_ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        // The text first, then its length (the order SQLite's documentation asks for).
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index)))
    }

    func text(_ index: Int32) -> String? {
        optionalColumn(index).map { String(decoding: $0, as: UTF8.self) }
    }

    func integer(_ index: Int32) -> Int? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, index))
    }

    /// A stored 0 or 1.
    func flag(_ index: Int32) throws -> Bool {
        switch integer(index) {
        case 0: false
        case 1: true
        case let other: throw CaseRows.CorruptValue(value: other.map(String.init) ?? "NULL")
        }
    }

    /// A JSON array of words, as ``CaseRows/words(_:)`` stores a set.
    func words<Word: RawRepresentable & Hashable>(_ index: Int32) throws -> Set<Word> where Word.RawValue == String {
        let bytes = column(index).bytes
        if bytes.count == 2, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") { return [] }
        return Set(try strings(index).map { text in
            guard let word = Word(rawValue: text) else { throw CaseRows.CorruptValue(value: text) }
            return word
        })
    }

    func date(_ index: Int32) throws -> CalendarDate {
        guard let date = try optionalDate(index) else { throw CaseRows.CorruptValue(value: "NULL") }
        return date
    }

    func optionalDate(_ index: Int32) throws -> CalendarDate? {
        guard let bytes = optionalColumn(index) else { return nil }
        guard let date = CalendarDate(isoBytes: bytes) else { throw corrupt(bytes) }
        return date
    }

    func word<Word: RawRepresentable>(_ index: Int32) throws -> Word where Word.RawValue == String {
        guard let word: Word = try optionalWord(index) else { throw CaseRows.CorruptValue(value: "NULL") }
        return word
    }

    func optionalWord<Word: RawRepresentable>(_ index: Int32) throws -> Word? where Word.RawValue == String {
        guard let text = text(index) else { return nil }
        guard let word = Word(rawValue: text) else { throw CaseRows.CorruptValue(value: text) }
        return word
    }

    /// A word of a closed vocabulary, found by comparing the column's bytes with each word's, so
    /// that no `String` is made for it (what a read of every deadline's kind would otherwise make).
    func word<Word: RawRepresentable & CaseIterable>(_ index: Int32) throws -> Word where Word.RawValue == String {
        guard let word: Word = try optionalWord(index) else { throw CaseRows.CorruptValue(value: "NULL") }
        return word
    }

    func optionalWord<Word: RawRepresentable & CaseIterable>(_ index: Int32) throws -> Word? where Word.RawValue == String {
        guard let bytes = optionalColumn(index) else { return nil }
        for word in Word.allCases {
            let utf8 = word.rawValue.utf8
            guard utf8.count == bytes.count else { continue }
            let same = utf8.withContiguousStorageIfAvailable { spelled in
                guard let spelling = spelled.baseAddress, let column = bytes.baseAddress else { return spelled.isEmpty }
                return memcmp(spelling, column, spelled.count) == 0
            } ?? utf8.elementsEqual(bytes)
            if same { return word }
        }
        throw corrupt(bytes)
    }

    /// A JSON array of strings, as the store writes lists (`["finalPlan","advice:health"]`).
    func strings(_ index: Int32) throws -> [String] {
        try CaseRows.strings(text(index) ?? "")
    }

    /// A JSON array of dates: read from the bytes in the shape the store writes it, anything
    /// else (e.g. with spaces, written by another tool) through the JSON parser.
    func dates(_ index: Int32) throws -> [CalendarDate] {
        try Self.datesAsStored(column(index).bytes) ?? strings(index).map(CaseRows.date)
    }

    /// `[]` or `["YYYY-MM-DD","YYYY-MM-DD",…]` (13 bytes per date plus the brackets), else `nil`.
    private static func datesAsStored(_ bytes: UnsafeBufferPointer<UInt8>) -> [CalendarDate]? {
        guard bytes.count == 2 || (bytes.count > 2 && (bytes.count - 1) % 13 == 0),
              bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return nil }
        var dates: [CalendarDate] = []
        dates.reserveCapacity((bytes.count - 1) / 13)
        var start = 1
        while start < bytes.count - 1 {
            guard bytes[start] == UInt8(ascii: "\""), bytes[start + 11] == UInt8(ascii: "\""),
                  bytes[start + 12] == UInt8(ascii: start + 13 == bytes.count ? "]" : ","),
                  let date = CalendarDate(isoBytes: UnsafeBufferPointer(rebasing: bytes[start + 1..<start + 11]))
            else { return nil }
            dates.append(date)
            start += 13
        }
        return dates
    }

    private func corrupt(_ bytes: UnsafeBufferPointer<UInt8>) -> CaseRows.CorruptValue {
        CaseRows.CorruptValue(value: String(decoding: bytes, as: UTF8.self))
    }
}
