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
        /// One of a fixed vocabulary; typed text picks the option it begins (Space cycles).
        case choice([String])
    }

    public var label: String
    public var kind: Kind
    public var isOptional: Bool
    public var value: String

    public static func date(_ label: String, optional: Bool = false, initial: String = "today") -> FormField {
        FormField(label: label, kind: .date, isOptional: optional, value: initial)
    }

    public static func text(_ label: String, optional: Bool = false) -> FormField {
        FormField(label: label, kind: .text, isOptional: optional, value: "")
    }

    public static func choice(_ label: String, _ options: [String]) -> FormField {
        FormField(label: label, kind: .choice(options), isOptional: false, value: options.first ?? "")
    }

    /// What the field accepts, for the hint under the form.
    public var hint: String {
        switch kind {
        case .date: DateEntry.hint + (isOptional ? ", or empty" : "")
        case .text: isOptional ? "free text, may be empty" : "free text"
        case .choice(let options): "Space cycles: " + options.joined(separator: ", ")
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
            let folded = trimmed.lowercased()
            if options.contains(folded) { return .success(.text(folded)) }
            let matches = options.filter { $0.lowercased().hasPrefix(folded) }
            guard matches.count == 1 else {
                return .failure(FormRefusalReason("\(label): \"\(trimmed)\" is not one of \(options.joined(separator: ", "))."))
            }
            return .success(.text(matches[0]))
        }
    }

    /// The next option of a choice field after the current value (wrapping round).
    mutating func cycle() {
        guard case .choice(let options) = kind, !options.isEmpty else { return }
        let index = options.firstIndex(of: value).map { ($0 + 1) % options.count } ?? 0
        value = options[index]
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
