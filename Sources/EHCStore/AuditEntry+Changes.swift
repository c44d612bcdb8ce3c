/// One fact an audit-trail entry changed: where in the case, and its value before and after.
///
/// ```swift
/// for change in entry.changes { print("\(change.field): \(change.before) → \(change.after)") }
/// // caseworker: "A. Caseworker" → "B. Caseworker"
/// ```
public struct FieldChange: Sendable, Hashable {
    /// The JSON path of the fact, e.g. `advice[0].received`.
    public var field: String
    /// The value as JSON text (`null` when absent).
    public var before: String
    public var after: String
}

extension AuditEntry {
    /// The facts that differ between `before` and `after`, in the contract's field order.
    public var changes: [FieldChange] {
        let old = Self.leaves(before)
        let new = Self.leaves(after)
        let oldByField = Dictionary(old, uniquingKeysWith: { first, _ in first })
        let newByField = Dictionary(new, uniquingKeysWith: { first, _ in first })
        var fields = new.map(\.0)
        fields += old.map(\.0).filter { newByField[$0] == nil }
        return fields.compactMap { field in
            let was = oldByField[field] ?? "null"
            let now = newByField[field] ?? "null"
            return was == now ? nil : FieldChange(field: field, before: was, after: now)
        }
    }

    private static func leaves(_ json: String?) -> [(String, String)] {
        guard let json, let value = try? JSONValue.parse(Array(json.utf8)) else { return [] }
        var found: [(String, String)] = []
        collect(value, path: "", into: &found)
        return found
    }

    private static func collect(_ value: JSONValue, path: String, into found: inout [(String, String)]) {
        switch value {
        case let .object(members):
            for (key, member) in members { collect(member, path: path.isEmpty ? key : path + "." + key, into: &found) }
        case let .array(items) where items.contains { if case .object = $0 { true } else { false } }:
            for (index, item) in items.enumerated() { collect(item, path: "\(path)[\(index)]", into: &found) }
        default:
            found.append((path, value.serialized(pretty: false)))
        }
    }
}
