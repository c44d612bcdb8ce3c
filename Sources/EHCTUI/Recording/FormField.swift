import EHCCore
import Foundation

/// One field of an event form: a label, what it accepts, and what has been typed so far.
///
/// ```swift
/// let field = FormField.date("Issued on")          // starts as "today"
/// field.check("-3", today: today)                   // .success(.date(three days ago))
/// ```
public struct FormField: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case date
        case text
        /// One of a fixed vocabulary shown by its label; typed text picks the option whose label
        /// (or code) it begins, case and accents aside (Space cycles).
        case choice([Option])
        /// One or more of the case's own deadlines, by label or key, comma-separated (Space cycles
        /// through them one at a time).
        case deadlines([Option])
    }

    /// An option as the caseworker reads it (`Educational psychology`) and as it is stored
    /// (`educationalPsychology`).
    public struct Option: Sendable, Hashable {
        public var code: String
        public var label: String

        public init(code: String, label: String) {
            self.code = code
            self.label = label
        }
    }

    public var label: String
    public var kind: Kind
    public var isOptional: Bool
    public var value: String

    public static func date(_ label: String, optional: Bool = false, initial: String = "today") -> FormField {
        FormField(label: label, kind: .date, isOptional: optional, value: initial)
    }

    public static func text(_ label: String, optional: Bool = false, initial: String = "") -> FormField {
        FormField(label: label, kind: .text, isOptional: optional, value: initial)
    }

    /// One of `options`, starting on the one whose code is `initial` (else the first).
    public static func choice(_ label: String, _ options: [Option], initial: String? = nil) -> FormField {
        let start = options.first { $0.code == initial } ?? options.first
        return FormField(label: label, kind: .choice(options), isOptional: false, value: start?.label ?? "")
    }

    /// A choice among the cases of an enumeration, shown by `label`.
    public static func choice<Choice: CaseIterable & RawRepresentable>(_ label: String, _ type: Choice.Type,
                                                                       label name: (Choice) -> String) -> FormField
        where Choice.RawValue == String {
        choice(label, type.allCases.map { Option(code: $0.rawValue, label: name($0)) })
    }

    /// The field offers options Space can cycle through.
    var hasOptions: Bool {
        switch kind {
        case .choice(let options), .deadlines(let options): !options.isEmpty
        case .date, .text: false
        }
    }

    var isShowingAnOption: Bool {
        switch kind {
        case .choice(let options), .deadlines(let options): options.contains { $0.label == value }
        case .date, .text: false
        }
    }

    /// What the field accepts, for the hint under the form.
    public var hint: String {
        switch kind {
        case .date: DateEntry.hint + (isOptional ? ", or empty" : "")
        case .text: isOptional ? "free text, may be empty" : "free text"
        case .choice(let options): "Space cycles: " + options.map(\.label).joined(separator: ", ")
        case .deadlines(let options):
            "Space cycles, or type labels, comma-separated: " + options.map(\.label).joined(separator: ", ")
        }
    }

    /// The typed value read, or the reason it is refused.
    public func check(_ typed: String, today: CalendarDate) -> Result<FormValue, FormRefusalReason> {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            if isOptional { return .success(kind == .date ? .date(nil) : .text("")) }
            return .failure(FormRefusalReason("\(label) is required."))
        }
        switch kind {
        case .date:
            guard let date = DateEntry.parse(trimmed, today: today) else {
                return .failure(FormRefusalReason("\(label): \"\(trimmed)\" is not a date; use \(DateEntry.hint)."))
            }
            return .success(.date(date))
        case .text:
            return .success(.text(trimmed))
        case .choice(let options):
            guard let option = Self.option(trimmed, in: options) else {
                return .failure(FormRefusalReason("\(label): \"\(trimmed)\" is not one of "
                                                  + options.map(\.label).joined(separator: ", ") + "."))
            }
            return .success(.text(option.code))
        case .deadlines(let options):
            var codes: [String] = []
            for part in trimmed.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
                guard let option = Self.option(part, in: options) else {
                    return .failure(FormRefusalReason("\(label): \"\(part)\" is not a deadline of this case; it has "
                                                      + options.map(\.label).joined(separator: ", ") + "."))
                }
                if !codes.contains(option.code) { codes.append(option.code) }
            }
            return .success(.text(codes.joined(separator: ",")))
        }
    }

    /// The option `typed` names: its label or code exactly, else the one option whose label or
    /// code it begins (folded like the list's filter).
    static func option(_ typed: String, in options: [Option]) -> Option? {
        let folded = CaseSummary.folded(typed)
        if let exact = options.first(where: { CaseSummary.folded($0.label) == folded || CaseSummary.folded($0.code) == folded }) {
            return exact
        }
        let matches = options.filter { CaseSummary.folded($0.label).hasPrefix(folded) || CaseSummary.folded($0.code).hasPrefix(folded) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The next option of a choice field after the current value (wrapping round).
    mutating func cycle() {
        let options: [Option]
        switch kind {
        case .choice(let choices), .deadlines(let choices): options = choices
        case .date, .text: return
        }
        guard !options.isEmpty else { return }
        let index = options.firstIndex { $0.label == value }.map { ($0 + 1) % options.count } ?? 0
        value = options[index].label
    }
}

/// A checked field value.
public enum FormValue: Sendable, Hashable {
    case date(CalendarDate?)
    case text(String)
}

/// A sentence saying why a typed value is refused.
public struct FormRefusalReason: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
