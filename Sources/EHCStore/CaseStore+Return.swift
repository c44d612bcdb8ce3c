import EHCCore
import GRDB

extension CaseStore {
    /// Every person's requests, a person at a time, all from one committed state: a person whose
    /// only request is one case is handed on as soon as it is read; the requests of a person with
    /// several are held until the last of them is read (persons with several requests are few).
    ///
    /// ```swift
    /// try store.forEachPerson { requests in print(requests[0].personID, requests.count) }
    /// ```
    public func forEachPerson(_ body: ([EHCCase]) throws -> Void) throws {
        try pool.read { db in
            var expected: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT COALESCE(personId, id) AS person, COUNT(*) AS requests FROM cases
                GROUP BY person HAVING requests > 1
                """)
            while let row = try rows.next() { expected[row["person"]] = row["requests"] }
            var held: [String: [EHCCase]] = [:]
            try CaseStream(db, matching: .all).forEachChunk(of: 1_024) { chunk in
                for ehcCase in chunk {
                    let person = ehcCase.personID
                    guard let count = expected[person] else {
                        try body([ehcCase])
                        continue
                    }
                    held[person, default: []].append(ehcCase)
                    if held[person]?.count == count, let requests = held.removeValue(forKey: person) {
                        try body(requests)
                    }
                }
            }
        }
    }
}

extension CaseStore {
    /// Every data-quality finding as of `census`: each case's in reference order, then those across
    /// cases, sorted by the rule table's order (stable within a rule).
    ///
    /// ```swift
    /// let findings = try store.dataQualityFindings(census: CalendarDate("2027-01-21")!, calendar: calendar)
    /// ```
    public func dataQualityFindings(census: CalendarDate, calendar: StatutoryCalendar) throws -> [DataQualityFinding] {
        var check = DataQualityCheck(census: census, calendar: calendar)
        var findings: [DataQualityFinding] = []
        try forEachCaseChunk(of: 2_048) { chunk in
            for ehcCase in chunk { findings += check.findings(for: ehcCase) }
        }
        findings += check.finish()
        let order = Dictionary(uniqueKeysWithValues: DataQualityRule.all.enumerated().map { ($1.id, $0) })
        return findings.enumerated().sorted { first, second in
            let ranks = (order[first.element.rule] ?? 0, order[second.element.rule] ?? 0)
            return ranks.0 != ranks.1 ? ranks.0 < ranks.1 : first.offset < second.offset
        }.map(\.element)
    }

    /// Whose each case is, for a list of findings: the child's names and the caseworker, by reference.
    public func caseNames(_ ids: Set<String>) throws -> [String: (givenName: String, familyName: String, caseworker: String)] {
        try pool.read { db in
            var names: [String: (givenName: String, familyName: String, caseworker: String)] = [:]
            let all = Array(ids)
            for start in stride(from: 0, to: all.count, by: 500) {
                let chunk = Array(all[start..<min(start + 500, all.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try Row.fetchCursor(db, sql: "SELECT id, givenName, familyName, caseworker FROM cases WHERE id IN (\(marks))",
                                               arguments: StatementArguments(chunk))
                while let row = try rows.next() { names[row["id"]] = (row["givenName"], row["familyName"], row["caseworker"]) }
            }
            return names
        }
    }
}
