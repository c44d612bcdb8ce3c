import EHCCore
import Testing
@testable import EHCTUI

@Suite("the case index behind list keystrokes")
struct CaseIndexTests {
    static let cases = Fixtures.caseload()

    @Test("a word matches only within one case's key, never across two cases")
    func noMatchAcrossCases() {
        let index = CaseIndex(everyCase: Self.cases)
        // The last characters of one key followed by the first of the next.
        let joined = Self.cases[0].searchKey.suffix(2) + Self.cases[1].searchKey.prefix(3)
        #expect(index.matches(words: [Substring(joined)]).allSatisfy { !$0 })
    }

    @Test("every word must occur in the key, in any order")
    func everyWord() {
        let index = CaseIndex(everyCase: Self.cases)
        let matched = index.matches(words: ["muller", "zoe"])
        #expect(zip(Self.cases, matched).filter(\.1).map(\.0.childName) == ["Zoë Müller"])
        #expect(index.matches(words: ["zoe", "smith"]).allSatisfy { !$0 })
    }

    @Test("queries find the cases a person would expect, written out by hand")
    func matchesByHand() {
        let index = CaseIndex(everyCase: Self.cases)
        let expected: [(String, [String])] = [
            ("okafor", ["EHC-2025-00001", "EHC-2025-00005"]),
            // Accents and case folded both ways: Nguyễn is a caseworker of one case and the child of another.
            ("nguyen", ["EHC-2025-00002", "EHC-2025-00003"]),
            ("LUKASZ", ["EHC-2025-00002"]),
            ("ni bhriain", ["EHC-2025-00006"]),
            ("李", ["EHC-2025-00004"]),
            ("ehc-2025-00005", ["EHC-2025-00005"]),
            ("zz", []),
        ]
        for (query, ids) in expected {
            let words = CaseSummary.folded(query).split(separator: " ")
            let found = zip(Self.cases, index.matches(words: words)).filter(\.1).map(\.0.id).sorted()
            #expect(found == ids, "\(query)")
        }
    }

    @Test("each sort order's permutation lists the cases as sorting them would")
    func permutations() {
        var index = CaseIndex(everyCase: Self.cases)
        for order in CaseSortOrder.allCases {
            let expected: [CaseSummary] = switch order {
            case .urgency: Self.cases.sorted { ($0.urgencyDay, $0.id) < ($1.urgencyDay, $1.id) }
            case .reference: Self.cases.sorted { $0.id < $1.id }
            case .familyName: Self.cases.sorted { ($0.familyNameOrder, $0.id) < ($1.familyNameOrder, $1.id) }
            case .givenName: Self.cases.sorted { (CaseSummary.folded($0.childName), $0.id) < (CaseSummary.folded($1.childName), $1.id) }
            case .caseworker: Self.cases.sorted { ($0.caseworker, $0.id) < ($1.caseworker, $1.id) }
            case .requestDate: Self.cases.sorted { ($0.requestDate, $0.id) < ($1.requestDate, $1.id) }
            }
            #expect(index.permutation(order).map { Self.cases[Int($0)].id } == expected.map(\.id), "\(order)")
        }
    }

    @Test("urgency order: most overdue first, then soonest due, then no deadline, ties by reference, whatever the order given")
    func urgencyOrder() {
        let shuffled = Array(Self.cases.reversed() + Self.cases.prefix(3).map { summary in
            var copy = summary
            copy.id += "-B"
            return copy
        })
        var index = CaseIndex(everyCase: shuffled)
        let expected = shuffled.sorted { left, right in
            switch (left.nextDeadline?.due, right.nextDeadline?.due) {
            case let (l?, r?): l != r ? l < r : left.id < right.id
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): left.id < right.id
            }
        }
        #expect(index.permutation(.urgency).map { shuffled[Int($0)].id } == expected.map(\.id))
    }
}
