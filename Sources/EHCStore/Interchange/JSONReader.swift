import Foundation
import EHCCore

/// Collects the problems found while reading one import file.
final class ProblemLog {
    private(set) var problems: [ImportProblem] = []
    let file: String

    init(file: String) {
        self.file = file
    }

    func add(_ place: String, _ message: String) {
        problems.append(ImportProblem(file: file, place: place, message: message))
    }

    /// A problem in another file of the same import (a CSV folder has several).
    func add(file: String, _ place: String, _ message: String) {
        problems.append(ImportProblem(file: file, place: place, message: message))
    }
}

/// Reads the fields of one JSON object by name, reporting each problem with its JSON path.
///
/// Every field read is remembered, so ``finish(ignoring:)`` can name the fields nobody asked for:
/// a typo must never silently drop data.
///
/// ```swift
/// var reader = JSONObjectReader(value, path: "cases[0]", log: log)
/// let request = reader?.date("requestDate", required: true)
/// reader?.finish(ignoring: ["deadlines", "status"])
/// ```
struct JSONObjectReader {
    let path: String
    let log: ProblemLog
    private let members: [(String, JSONValue)]
    /// `read[i]`: members[i] was asked for (the parser refuses a key twice in one object, so one flag each).
    private var read: [Bool]

    init?(_ value: JSONValue, path: String, log: ProblemLog) {
        guard case let .object(members) = value else {
            log.add(path, "expected an object, found \(value.kindName)")
            return nil
        }
        self.members = members
        read = Array(repeating: false, count: members.count)
        self.path = path
        self.log = log
    }

    func place(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The value of `key`, treating `null` as absent; reports a missing required field.
    mutating func value(_ key: String, required: Bool) -> JSONValue? {
        let index = members.firstIndex { $0.0 == key }
        if let index { read[index] = true }
        let found = index.map { members[$0].1 }
        if found == nil || found == .null {
            if required { log.add(place(key), "is required but missing") }
            return nil
        }
        return found
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let found = value(key, required: required) else { return nil }
        guard let text = found.string else {
            log.add(place(key), "expected text, found \(found.kindName)")
            return nil
        }
        // `allSatisfy` stops at the first letter; Foundation's trimming built a new string per field.
        if required && text.unicodeScalars.allSatisfy({ $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }) {
            log.add(place(key), "must not be empty")
            return nil
        }
        return text
    }

    mutating func date(_ key: String, required: Bool = false) -> CalendarDate? {
        guard let found = value(key, required: required) else { return nil }
        return JSONObjectReader.date(found, place: place(key), log: log)
    }

    static func date(_ value: JSONValue, place: String, log: ProblemLog) -> CalendarDate? {
        guard let text = value.string else {
            log.add(place, "expected a date YYYY-MM-DD, found \(value.kindName)")
            return nil
        }
        guard let date = CalendarDate(text) else {
            log.add(place, "\"\(text)\" is not a date in the form YYYY-MM-DD")
            return nil
        }
        return date
    }

    mutating func word<Word: RawRepresentable & CaseIterable>(_ key: String, _ type: Word.Type,
                                                               required: Bool = false) -> Word?
    where Word.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let word = Word(rawValue: text) else {
            let allowed = Word.allCases.map(\.rawValue).joined(separator: ", ")
            log.add(place(key), "\"\(text)\" is not one of: \(allowed)")
            return nil
        }
        return word
    }

    mutating func integer(_ key: String, required: Bool = false) -> Int? {
        guard let found = value(key, required: required) else { return nil }
        guard case let .number(literal) = found, let number = Int(literal) else {
            log.add(place(key), "expected a whole number, found \(found.kindName)")
            return nil
        }
        return number
    }

    /// A yes/no field; absent is `false`.
    mutating func flag(_ key: String) -> Bool {
        guard let found = value(key, required: false) else { return false }
        guard case let .bool(flag) = found else {
            log.add(place(key), "expected true or false, found \(found.kindName)")
            return false
        }
        return flag
    }

    /// A list of words from one vocabulary, each at most once; absent is empty.
    mutating func words<Word: RawRepresentable & CaseIterable & Hashable>(_ key: String, _ type: Word.Type) -> Set<Word>
    where Word.RawValue == String {
        var words: Set<Word> = []
        for item in list(key) {
            guard let text = item.value.string, let word = Word(rawValue: text) else {
                let allowed = Word.allCases.map(\.rawValue).joined(separator: ", ")
                log.add(item.path, "\(item.value.string.map { "\"\($0)\"" } ?? item.value.kindName) is not one of: \(allowed)")
                continue
            }
            if !words.insert(word).inserted { log.add(item.path, "\"\(text)\" is listed twice") }
        }
        return words
    }

    /// The items of a list field with their paths (`advice[0]`, …); an absent list is empty.
    mutating func list(_ key: String) -> [(value: JSONValue, path: String)] {
        guard let found = value(key, required: false) else { return [] }
        guard case let .array(items) = found else {
            log.add(place(key), "expected a list, found \(found.kindName)")
            return []
        }
        return items.enumerated().map { ($0.element, place(key) + "[\($0.offset)]") }
    }

    mutating func object(_ key: String, required: Bool = false) -> JSONObjectReader? {
        guard let found = value(key, required: required) else { return nil }
        return JSONObjectReader(found, path: place(key), log: log)
    }

    /// Reports every field that was present but never read, except the computed ones export adds.
    func finish(ignoring computed: Set<String> = []) {
        for ((key, _), read) in zip(members, read) where !read && !computed.contains(key) {
            log.add(place(key), "unknown field \"\(key)\"")
        }
    }
}
