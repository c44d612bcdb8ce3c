/// Finding the caseworker a person meant from what they typed (`--caseworker 'sarah quayle'`,
/// `quayle`, `Zoe`) among the names on the caseload, the way the list's filter matches: case,
/// accents, apostrophes and hyphens aside, every typed word in the name.
///
/// A name that matches nobody is never guessed at: the answer lists the nearest names, so the
/// person can type one, and nothing is remembered for next time.
///
/// ```swift
/// CaseworkerName.match("sarah quayle", among: ["Sarah Quayle", "Sam Quinn"])   // .found("Sarah Quayle")
/// CaseworkerName.match("quinne", among: ["Sarah Quayle", "Sam Quinn"])         // .none(nearest: ["Sam Quinn", …])
/// ```
public enum CaseworkerName {
    public enum Match: Sendable, Hashable {
        case found(String)
        /// Several names hold every typed word.
        case ambiguous([String])
        /// Nobody: the closest names by spelling, nearest first.
        case none(nearest: [String])
    }

    public static func match(_ typed: String, among names: [String]) -> Match {
        let distinct = Array(Set(names)).sorted()
        let query = CaseSummary.folded(typed)
        let words = query.split(separator: " ")
        guard !words.isEmpty else { return .none(nearest: Array(distinct.prefix(3))) }
        let keys = distinct.map { CaseSummary.searchKey(of: [$0]) }
        let compactQuery = query.replacingOccurrences(of: " ", with: "")
        if let exact = keys.firstIndex(of: compactQuery) { return .found(distinct[exact]) }
        let matching = distinct.indices.filter { index in words.allSatisfy { keys[index].contains($0) } }
        if matching.count == 1 { return .found(distinct[matching[0]]) }
        if matching.count > 1 { return .ambiguous(matching.map { distinct[$0] }) }
        let nearest = distinct.indices.sorted { left, right in
            (editDistance(compactQuery, keys[left]), distinct[left]) < (editDistance(compactQuery, keys[right]), distinct[right])
        }
        return .none(nearest: nearest.prefix(3).map { distinct[$0] })
    }

    /// The refusal for a match that found no one name, naming what was typed and what to type instead.
    public static func refusal(_ typed: String, _ match: Match) -> String? {
        switch match {
        case .found: nil
        case .ambiguous(let names):
            "--caseworker \"\(typed)\" matches \(names.count) caseworkers: " + names.prefix(6).joined(separator: ", ")
                + (names.count > 6 ? ", …" : "") + "; type more of the name"
        case .none(let nearest) where nearest.isEmpty:
            "--caseworker \"\(typed)\" matches no caseworker: the caseload has no cases yet"
        case .none(let nearest):
            "--caseworker \"\(typed)\" matches no caseworker on the caseload; the nearest are "
                + nearest.joined(separator: ", ")
        }
    }

    /// Levenshtein distance by characters, on folded text (short names: the quadratic cost is nothing).
    static func editDistance(_ one: String, _ two: String) -> Int {
        let first = Array(one)
        let second = Array(two)
        guard !first.isEmpty else { return second.count }
        guard !second.isEmpty else { return first.count }
        var previous = Array(0...second.count)
        var current = previous
        for (row, character) in first.enumerated() {
            current[0] = row + 1
            for (column, other) in second.enumerated() {
                current[column + 1] = Swift.min(previous[column + 1] + 1, current[column] + 1,
                                                previous[column] + (character == other ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[second.count]
    }
}
