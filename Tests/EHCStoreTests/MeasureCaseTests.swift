import EHCCore
import Foundation
import GRDB
import Testing
@testable import EHCStore

/// The measures read each case from its stored deadlines (``MeasureStream``), never through the rule
/// engine: what they find must be what the rule engine says, on any day and under any settings.
@Suite("Measures from the stored deadlines")
struct MeasureCaseTests {
    static let today = CalendarDate("2026-11-24")!
    /// Days around the generator's today, a year either way, so that every deadline is seen to come,
    /// fall due soon, fall due and pass.
    static let days = stride(from: -400, through: 400, by: 9).map { today.adding(days: $0) }

    /// Generated cases with a few planted faults, and a case whose lasting exception (no end yet)
    /// is refused for its first 4 weeks and allowed after.
    static let cases: [EHCCase] = {
        var cases = CaseloadGenerator(seed: 11, today: today, faults: true).cases(count: 400)
        var lasting = makeLateCase()
        lasting.exceptions = [StatutoryException(ground: .absence, appliesTo: ["finalPlan"], from: today.adding(days: -10))]
        cases.append(lasting)
        return cases
    }()

    /// An open assessment whose final plan is due 2026-11-26 and not yet issued.
    static func makeLateCase() -> EHCCase {
        EHCCase(id: "EHC-2099-00001", child: Child(givenName: "Sam", familyName: "Okafor", dateOfBirth: CalendarDate("2015-01-01")!),
                caseworker: "A. Caseworker", requestDate: CalendarDate("2026-07-09")!, requestSource: .parent,
                decisionToAssess: Decision(date: CalendarDate("2026-08-10")!, outcome: .assess))
    }

    @Test("the generated cases hold what makes this test mean something: lasting exceptions, ended ones that are allowed")
    func theCasesAreVaried() {
        let calendar = StatutoryCalendar()
        #expect(Self.cases.count(where: StoredDeadline.hasLastingException) >= 3)
        let stored = Self.cases.flatMap { calendar.storedDeadlines(of: $0) }
        #expect(stored.count(where: \.excepted) >= 5)
        #expect(stored.contains { $0.kind == .advice && $0.item == 2 })
        #expect(stored.contains { $0.kind == .annualReview && $0.item == 2 })
    }

    @Test("the list's views found from the stored deadlines are those of the case's summary, on every day, under every setting")
    func triageIsTheSummarys() {
        for settings in [Settings(), Settings(counting: .dayOne, reviewPeriod: .anniversary, dueSoonDays: 3)] {
            let calendar = StatutoryCalendar(settings: settings)
            for today in Self.days {
                for ehcCase in Self.cases {
                    let measured = MeasureCase(ehcCase, calendar: calendar, today: today, from: today.adding(months: -12)).triage(calendar: calendar, today: today)
                    let summary = CaseSummary(ehcCase, calendar: calendar, today: today).triage
                    if measured != summary {
                        Issue.record("\(ehcCase.id) on \(today): \(measured) from the stored deadlines, \(summary) from the summary")
                        return
                    }
                }
            }
        }
    }

    @Test("an exception with an end date is ruled alike on every day, so it is stored; a lasting one is ruled on the day")
    func exceptedIsStorable() throws {
        let calendar = StatutoryCalendar()
        for ehcCase in Self.cases where !ehcCase.exceptions.isEmpty {
            let stored = calendar.storedDeadlines(of: ehcCase)
            for today in Self.days {
                let judged = calendar.deadlines(for: ehcCase, today: today).map(\.excepted)
                if StoredDeadline.hasLastingException(ehcCase) {
                    #expect(stored.allSatisfy { !$0.excepted }, "\(ehcCase.id): a lasting exception is not stored as excepting")
                    #expect(calendar.storedDeadlines(of: ehcCase, rulingLastingExceptionsOn: today).map(\.excepted) == judged)
                } else if stored.map(\.excepted) != judged {
                    Issue.record("\(ehcCase.id) on \(today): stored \(stored.map(\.excepted)), judged \(judged)")
                }
            }
        }
        // The lasting exception above: refused while it has lasted under 4 weeks, allowed after.
        let lasting = try #require(Self.cases.last)
        let early = MeasureCase(lasting, calendar: calendar, today: Self.today, from: Self.today).deadline(.finalPlan)
        let later = MeasureCase(lasting, calendar: calendar, today: Self.today.adding(days: 30), from: Self.today).deadline(.finalPlan)
        #expect(early?.excepted == false)
        #expect(later?.excepted == true)
    }

    @Test("the catalogue from the stored deadlines is the catalogue from the facts, on several days and under other settings")
    func catalogueFromStore() throws {
        let folder = TemporaryFolder()
        let store = try CaseStore.open(path: folder.file("c.sqlite"), access: .create)
        _ = try store.insertGenerated(Self.cases, by: "test", summary: "generated")
        let all = try store.allCases()
        for settings in [Settings(), Settings(counting: .dayOne, reviewPeriod: .anniversary)] {
            let catalogue = MeasureCatalogue(settings: settings)
            for today in [Self.today, Self.today.adding(days: 30), Self.today.adding(days: -200)] {
                let from = today.adding(months: -12)
                let stored = catalogue.measures(merging: try store.foldMeasureCases(settings: settings, today: today, from: from,
                                                                                   into: { MeasureCatalogue.Tally() }) {
                    catalogue.add($1, from: from, to: today, today: today, to: &$0)
                })
                let facts = catalogue.measures(for: all, from: from, to: today, today: today)
                #expect(stored == facts, "on \(today), counting \(settings.counting)")
                #expect((stored["caseload.overdue"]?.value ?? 0) > 0 && (stored["plans.issuedExcludingExceptions"]?.value ?? 0) > 0)
            }
        }
    }

    /// A generated store changed by the sqlite3 tool with `sql`, then every case as the measures read
    /// it, and what they told the user.
    func measuredAfter(_ sql: String, _ arguments: StatementArguments)
        throws -> (folder: TemporaryFolder, store: CaseStore, measured: [MeasureCase], notices: [String]) {
        let folder = TemporaryFolder()
        let path = folder.file("c.sqlite")
        let store = try CaseStore.open(path: path, access: .create)
        _ = try store.insertGenerated(Self.cases, by: "test", summary: "generated")
        try DatabaseQueue(path: path).write { db in try db.execute(sql: sql, arguments: arguments) }
        var notices: [String] = []
        let measured = try store.foldMeasureCases(settings: Settings(), today: Self.today, from: Self.today.adding(months: -12),
                                                  notice: { notices.append($0) }, into: { [MeasureCase]() }) { $0 += $1 }.flatMap { $0 }
        return (folder, store, measured, notices)
    }

    static let oneStale = ["ehcdesk: 1 case was changed outside ehcdesk since its deadlines were stored: recomputed from the facts and stored"]

    @Test("a case changed behind ehcdesk's back is recomputed before it is measured, and the user is told")
    func staleIsRecomputed() throws {
        let open = try #require(Self.cases.first { $0.finalPlanIssued == nil && $0.closed == nil && $0.decisionToAssess != nil })
        let after = try measuredAfter("UPDATE cases SET finalPlanIssued = ? WHERE id = ?", [Self.today.description, open.id])
        #expect(after.notices == Self.oneStale)
        let changed = try #require(after.measured.first { $0.id == open.id })
        #expect(changed.deadline(.finalPlan)?.met == Self.today)
        #expect(changed.status == .planIssued)
    }

    @Test("a stored deadline changed behind ehcdesk's back (an exception's relief planted) is recomputed before it is counted")
    func tamperedDeadline() throws {
        let from = Self.today.adding(months: -12)
        let late = try #require(Self.cases.first { ehcCase in
            guard let issued = ehcCase.finalPlanIssued, issued >= from, ehcCase.exceptions.isEmpty else { return false }
            return issued > ehcCase.requestDate.adding(weeks: 20)
        })
        // Relieving a late plan takes it out of the headline's denominator: what someone might wish to do.
        let after = try measuredAfter("UPDATE deadlines SET excepted = 1 WHERE caseId = ? AND kind = 'finalPlan'", [late.id])
        #expect(after.notices == Self.oneStale)
        #expect(after.measured.first { $0.id == late.id }?.deadline(.finalPlan)?.excepted == false)
        #expect(try after.store.storedDeadlineDifferences() == [])
    }
}
