/// One thing wrong with an import file, with the place it was found.
///
/// The `place` is what a user needs to find it: a JSON path such as `cases[3].advice[0].requested`
/// or, for CSV, `LINE:COLUMN`. `description` is the line ehcdesk prints:
///
/// ```swift
/// ImportProblem(file: "in.json", place: "cases[3].requestDate", message: "\"2025-02-30\" is not a date")
///     .description   // "in.json: cases[3].requestDate: \"2025-02-30\" is not a date"
/// ```
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var place: String
    public var message: String

    public init(file: String, place: String, message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    public var description: String {
        // CSV places are LINE:COLUMN and follow the file name directly, as compilers print them.
        let isLineColumn = place.first?.isNumber == true
        if place.isEmpty { return "\(file): \(message)" }
        return isLineColumn ? "\(file):\(place): \(message)" : "\(file): \(place): \(message)"
    }
}

/// Every problem found in an import; nothing was written.
public struct ImportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ImportProblem]

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
