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
