import EHCCore
import Testing
@testable import EHCStore

/// The generator and the statutory engine are written independently; a generated caseload must
/// pass the engine's own checks, or demos and benchmarks would show impossible cases.
@Suite("Generated caseloads under the statutory engine")
struct GeneratedCaseloadRulesTests {
    @Test("no generated case has a consistency error, and every generated exception is allowed",
          arguments: ["2026-11-24", "2025-02-28", "2024-09-01"])
    func generatedCasesPassTheEngine(today: String) {
        let today = CalendarDate(today)!
        let calendar = StatutoryCalendar()
        let check = ConsistencyCheck()
        var errors: [String] = []
        var exceptions = 0
        for ehcCase in CaseloadGenerator(seed: 11, today: today).cases(count: 3000) {
            for finding in check.findings(for: ehcCase, today: today) where finding.severity == .error {
                errors.append("\(ehcCase.id) \(finding.path): \(finding.message)")
            }
            for ruling in calendar.exceptionRulings(for: ehcCase, today: today) {
                exceptions += 1
                if !ruling.isAllowed { errors.append("\(ehcCase.id) exceptions[\(ruling.index)]: \(ruling.refusals)") }
            }
        }
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        #expect(exceptions > 50)
    }
}

@Suite("Caseload summaries of generated cases")
struct GeneratedSummaryTests {
    @Test("a summary's next deadline is the worst breach not excepted, else the soonest unmet deadline, with its sentence")
    func nextDeadlineAgrees() {
        let today = CalendarDate("2026-11-24")!
        let calendar = StatutoryCalendar()
        let cases = CaseloadGenerator(seed: 5, today: today).cases(count: 5000)   // two chunks of work
        let summaries = cases.map { CaseSummary($0, calendar: calendar, today: today) }
        #expect(summaries.map(\.id) == cases.map(\.id))
        for (ehcCase, summary) in zip(cases, summaries) {
            let rank = { (deadline: Deadline) in deadline.status == .overdue && !deadline.excepted ? 0 : 1 }
            let expected = calendar.deadlines(for: ehcCase, today: today)
                .filter { $0.met == nil && $0.status != .notApplicable }
                .min { (rank($0), $0.due, $0.key) < (rank($1), $1.due, $1.key) }
            #expect(summary.nextDeadline == expected, "\(ehcCase.id)")
        }
    }
}

@Suite("Search keys of generated cases")
struct GeneratedSearchKeyTests {
    @Test("a summary's search key is its fields folded as one text, accents, capitals and all, without spaces")
    func searchKeyIsFoldedFields() {
        let today = CalendarDate("2026-11-24")!
        let cases = CaseloadGenerator(seed: 8, today: today).cases(count: 2000)
        #expect(cases.contains { !$0.child.fullName.utf8.allSatisfy { $0 < 0x80 } })
        for ehcCase in cases {
            let summary = CaseSummary(ehcCase, calendar: StatutoryCalendar(), today: today)
            let whole = CaseSummary.folded([ehcCase.id, ehcCase.child.fullName, ehcCase.child.setting ?? "",
                                            ehcCase.caseworker].joined(separator: "\n"))
            #expect(summary.searchKey == whole.replacingOccurrences(of: " ", with: ""), "\(ehcCase.id)")
        }
    }
}
