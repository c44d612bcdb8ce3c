import EHCCore
import Foundation
import GRDB
import Testing
@testable import EHCStore

/// The deadlines kept beside the facts (schema v10, v12) stay the facts' deadlines after every kind of
/// write, are known to be stale when something else changes the facts, and follow the settings.
@Suite("Stored deadlines")
struct StoredDeadlineTests {
    static let today = CalendarDate("2026-11-24")!

    /// What `overdue` must print: computed from the facts by the rule engine, most overdue first.
    func overdueFromFacts(_ store: CaseStore, settings: Settings = Settings()) throws -> [OverdueDeadline] {
        let calendar = StatutoryCalendar(settings: settings)
        return try store.allCases().flatMap { ehcCase in
            calendar.deadlines(for: ehcCase, today: Self.today).filter { $0.status == .overdue }.map {
                OverdueDeadline(caseID: ehcCase.id, key: $0.key, due: $0.due, caseworker: ehcCase.caseworker)
            }
        }.sorted { ($0.due, $0.caseID, $0.key) < ($1.due, $1.caseID, $1.key) }
    }

    /// A new database in `folder` holding a generated caseload, and its cases.
    func generatedStore(in folder: TemporaryFolder, seed: UInt64, count: Int) throws -> (CaseStore, [EHCCase]) {
        let store = try CaseStore.open(path: folder.file("c.sqlite"), access: .create)
        let cases = CaseloadGenerator(seed: seed, today: Self.today).cases(count: count)
        _ = try store.insertGenerated(cases, by: "test", summary: "generated")
        return (store, cases)
    }

    func expectTrue(_ store: CaseStore, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try store.storedDeadlineDifferences() == [], "after \(what)", sourceLocation: sourceLocation)
        var notices: [String] = []
        let stored = try store.overdueDeadlines(today: Self.today, settings: Settings()) { notices.append($0) }
        #expect(notices == [], "after \(what): nothing to recompute", sourceLocation: sourceLocation)
        #expect(stored == (try overdueFromFacts(store)), "after \(what)", sourceLocation: sourceLocation)
        // The measures read the stored deadlines too: every case as they read it is the case its facts give.
        let calendar = StatutoryCalendar()
        let measured = try store.foldMeasureCases(settings: Settings(), today: Self.today, from: Self.today.adding(months: -12),
                                                  into: { [MeasureCase]() }) { $0 += $1 }.flatMap { $0 }
        let fromFacts = try store.allCases().map { MeasureCase($0, calendar: calendar, today: Self.today, from: Self.today.adding(months: -12)) }
        #expect(measured.count == fromFacts.count, "after \(what)", sourceLocation: sourceLocation)
        for (one, other) in zip(measured, fromFacts) where one != other {
            Issue.record("after \(what): \(one.id) is measured from the stored deadlines as \(one), from its facts as \(other)",
                         sourceLocation: sourceLocation)
        }
    }

    @Test("after insert, generate, update, import, delete and restore the stored deadlines are the facts' own")
    func everyWritePath() throws {
        let folder = TemporaryFolder()
        let (store, generated) = try generatedStore(in: folder, seed: 3, count: 300)
        try expectTrue(store, "generate")
        #expect(try store.overdueDeadlines(today: Self.today, settings: Settings()).count > 20)
        try store.insert([sampleCase(id: "EHC-2099-00001")], by: "test")
        try expectTrue(store, "insert")
        // An edit that meets a deadline and adds a review changes what is overdue.
        let openID = try #require(generated.first { $0.finalPlanIssued == nil && $0.closed == nil }?.id)
        let (open, version) = try #require(try store.fetchCase(id: openID))
        var edited = open
        edited.finalPlanIssued = Self.today
        try store.update(edited, expectedVersion: version, by: "test", summary: "final plan")
        try expectTrue(store, "update")
        var imported = generated[1]
        imported.closed = Closure(date: Self.today, reason: "moved")
        _ = try store.importCases([imported, sampleCase(id: "EHC-2099-00002")], file: "in.json", updateExisting: true,
                                  by: "test", check: ConsistencyCheck(), today: Self.today)
        try expectTrue(store, "import")
        let (gone, goneVersion) = try #require(try store.fetchCase(id: generated[2].id))
        try store.delete(id: gone.id, expectedVersion: goneVersion, by: "test", summary: "removed")
        try expectTrue(store, "delete")
        let remaining = try DatabaseQueue(path: folder.file("c.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deadlines WHERE caseId = ?", arguments: [gone.id])
        }
        #expect(remaining == 0)
        try store.backup(to: folder.file("backup.sqlite"))
        let restored = try CaseStore.restore(from: folder.file("backup.sqlite"), into: folder.file("c.sqlite"), force: false, by: "test")
        try expectTrue(restored, "restore")
    }

    @Test("after many random edits, each saved as the screen saves one, the stored deadlines stay the facts' own")
    func randomEdits() throws {
        let folder = TemporaryFolder()
        let (store, cases) = try generatedStore(in: folder, seed: 8, count: 120)
        var random = SplitMix64(seed: 42)
        for round in 0..<200 {
            let id = cases[random.int(in: 0...(cases.count - 1))].id
            guard let (stored, version) = try store.fetchCase(id: id) else { continue }
            var ehcCase = stored
            let day = Self.today.adding(days: -random.int(in: 0...400))
            switch random.int(in: 0...5) {
            case 0: ehcCase.finalPlanIssued = ehcCase.finalPlanIssued == nil ? max(day, ehcCase.requestDate) : nil
            case 1: ehcCase.advice.append(AdviceRequest(agency: .health, requested: max(day, ehcCase.requestDate)))
            case 2: if !ehcCase.advice.isEmpty { ehcCase.advice[0].received = nil }
            case 3: ehcCase.closed = ehcCase.closed == nil ? Closure(date: max(day, ehcCase.requestDate), reason: "moved") : nil
            case 4: ehcCase.requestDate = ehcCase.requestDate.adding(days: -random.int(in: 1...30))
            default:
                if let plan = ehcCase.finalPlanIssued {
                    ehcCase.reviews.append(Review(meetingDate: plan.adding(months: 11), decisionDate: plan.adding(months: 12),
                                                  decision: .maintain))
                }
            }
            try store.update(ehcCase, expectedVersion: version, by: "test", summary: "round \(round)")
        }
        try expectTrue(store, "200 random edits")
    }

    @Test("a fact changed behind ehcdesk's back marks its case stale; the next read says so and recomputes it")
    func changedOutsideEhcdesk() throws {
        let folder = TemporaryFolder()
        let path = folder.file("c.sqlite")
        let (store, cases) = try generatedStore(in: folder, seed: 4, count: 200)
        let before = try store.overdueDeadlines(today: Self.today, settings: Settings())
        let late = try #require(before.first { $0.key == "finalPlan" })
        // The sqlite3 tool, or an older program: the final plan recorded, and an advice request added to another case.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE cases SET finalPlanIssued = ? WHERE id = ?", arguments: [Self.today.description, late.caseID])
            try db.execute(sql: "INSERT INTO advice (caseId, position, agency, requested, chased) VALUES (?, 99, 'health', '2025-01-01', '[]')",
                           arguments: [cases[5].id])
        }
        #expect(try queue.read { db in try StoredDeadlines.staleCaseIDs(db) } == [late.caseID, cases[5].id].sorted())
        var notices: [String] = []
        let after = try store.overdueDeadlines(today: Self.today, settings: Settings()) { notices.append($0) }
        #expect(notices == ["ehcdesk: 2 cases were changed outside ehcdesk since their deadlines were stored: recomputed from the facts and stored"])
        #expect(!after.contains { $0.caseID == late.caseID && $0.key == "finalPlan" })
        #expect(after.contains { $0.caseID == cases[5].id && $0.due == CalendarDate("2025-02-12")! })
        #expect(after == (try overdueFromFacts(store)))
        try expectTrue(store, "the recomputation")
    }

    @Test("an import sets the stale-deadline triggers aside only for its own transaction: after it, or after a refused one, they watch again")
    func importKeepsTheTriggers() throws {
        let folder = TemporaryFolder()
        let path = folder.file("c.sqlite")
        let (store, cases) = try generatedStore(in: folder, seed: 5, count: 40)
        func triggers() throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            }
        }
        let before = try triggers()
        #expect(before.count(where: { $0.contains("deadlineStamps") }) == 20)
        let fresh = CaseloadGenerator(seed: 6, today: Self.today).cases(count: 30).map { item in
            var copy = item
            copy.id = "NEW-" + item.id
            return copy
        }
        _ = try store.importCases(fresh, file: "in.json", updateExisting: false, by: "test", check: ConsistencyCheck(),
                                  today: Self.today)
        #expect(try triggers() == before)
        // Refused (a reference already there): rolled back, the triggers with it.
        #expect(throws: ImportFailure.self) {
            try store.importCases([cases[0]], file: "again.json", updateExisting: false, by: "test",
                                  check: ConsistencyCheck(), today: Self.today)
        }
        #expect(try triggers() == before)
        try expectTrue(store, "the import")
        // And they still work: a fact changed behind ehcdesk's back, on an imported case, marks it stale.
        let withAdvice = try #require(fresh.first { !$0.advice.isEmpty })
        let other = try #require(fresh.first { $0.id != withAdvice.id })
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE advice SET detail = 'changed' WHERE caseId = ?", arguments: [withAdvice.id])
            try db.execute(sql: "UPDATE cases SET caseworker = 'Someone Else' WHERE id = ?", arguments: [other.id])
        }
        #expect(try queue.read { db in try StoredDeadlines.staleCaseIDs(db) } == [withAdvice.id, other.id].sorted())
    }

    @Test("other counting settings recompute every case once, and record the settings they were computed under")
    func settingsChange() throws {
        let folder = TemporaryFolder()
        let (store, _) = try generatedStore(in: folder, seed: 5, count: 200)
        let dayOne = Settings(counting: .dayOne, reviewPeriod: .anniversary)
        var notices: [String] = []
        let rows = try store.overdueDeadlines(today: Self.today, settings: dayOne) { notices.append($0) }
        #expect(notices.count == 1)
        #expect(notices.first?.contains("computed under counting = eventPlusWeeks, reviewPeriod = strict") == true)
        #expect(rows == (try overdueFromFacts(store, settings: dayOne)))
        #expect(rows != (try overdueFromFacts(store)), "the settings must change something, or this proves nothing")
        notices = []
        _ = try store.overdueDeadlines(today: Self.today, settings: dayOne) { notices.append($0) }
        #expect(notices == [], "recomputed once")
        #expect(try store.storedDeadlineDifferences() == [])
    }

    @Test("a database from before stored deadlines gets them from its facts when it is opened")
    func migration() throws {
        let folder = TemporaryFolder()
        let path = folder.file("old.sqlite")
        let cases = CaseloadGenerator(seed: 6, today: Self.today).cases(count: 150)
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v9: presence")
            try queue.write { db in for ehcCase in cases { try insertBeforeReturnDetails(ehcCase, db) } }
        }
        let store = try CaseStore.open(path: path, access: .write)
        try expectTrue(store, "the migration")
        #expect(try store.overdueDeadlines(today: Self.today, settings: Settings()).count > 10)
    }
}
