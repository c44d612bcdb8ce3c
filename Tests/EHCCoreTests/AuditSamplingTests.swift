import Testing
@testable import EHCCore

@Suite("Sampling plans for audit")
struct AuditSamplingTests {
    /// 30 plans issued in 2025 by three caseworkers (20, 7 and 3 plans), and 5 issued in 2024.
    let cases: [EHCCase] = (0..<35).map { index in
        let caseworker = index < 20 ? "A" : index < 27 ? "B" : "C"
        let issued = index < 30 ? CalendarDate("2025-03-01")!.adding(days: index) : CalendarDate("2024-06-01")!
        return EHCCase(
            id: "EHC-\(1000 + index)",
            child: Child(givenName: "C", familyName: "\(index)", dateOfBirth: CalendarDate("2015-01-01")!.adding(days: -200 * index)),
            caseworker: caseworker, requestDate: issued.adding(weeks: -20), requestSource: .parent,
            finalPlanIssued: issued)
    }
    let from = CalendarDate("2025-01-01")!
    let to = CalendarDate("2025-12-31")!

    @Test("the same seed gives the same sample; another seed gives another")
    func reproducible() {
        let first = AuditSampling.sample(cases, issuedFrom: from, to: to, size: 10, seed: 7, stratifiedBy: .none)
        #expect(first == AuditSampling.sample(cases, issuedFrom: from, to: to, size: 10, seed: 7, stratifiedBy: .none))
        #expect(first != AuditSampling.sample(cases, issuedFrom: from, to: to, size: 10, seed: 8, stratifiedBy: .none))
        #expect(first.count == 10)
        #expect(Set(first).count == 10)
    }

    @Test("only plans issued in the period are sampled, and never more than there are")
    func onlyThePeriod() {
        let all = AuditSampling.sample(cases, issuedFrom: from, to: to, size: 100, seed: 1, stratifiedBy: .none)
        #expect(all.count == 30)
        #expect(all.allSatisfy { Int($0.dropFirst(4))! < 1030 })
    }

    @Test("a stratified sample gives each caseworker their share: 20, 7 and 3 of 30 plans → 7, 2 and 1 of 10")
    func stratifiedByCaseworker() {
        let sample = AuditSampling.sample(cases, issuedFrom: from, to: to, size: 10, seed: 3, stratifiedBy: .caseworker)
        let caseworkerOf = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0.caseworker) })
        let counts = Dictionary(grouping: sample) { caseworkerOf[$0]! }.mapValues(\.count)
        // Exact shares 6.67, 2.33, 1.0: the largest remainder goes to A.
        #expect(counts == ["A": 7, "B": 2, "C": 1])
    }

    @Test("largest-remainder allocation always sums to the total and never exceeds a group")
    func allocation() {
        #expect(AuditSampling.allocate(10, among: [20, 7, 3]) == [7, 2, 1])
        #expect(AuditSampling.allocate(3, among: [1, 1, 1, 1]) == [1, 1, 1, 0])
        #expect(AuditSampling.allocate(5, among: [5]) == [5])
    }

    @Test("age bands are taken on the day the plan was issued")
    func ageBands() {
        // 10 at the request, 11 on the day the plan is issued (their birthday): the band of the issue day.
        let child = Child(givenName: "A", familyName: "B", dateOfBirth: CalendarDate("2014-05-20")!)
        var plan = EHCCase(id: "x", child: child, caseworker: "A", requestDate: CalendarDate("2025-01-06")!,
                           requestSource: .parent, finalPlanIssued: CalendarDate("2025-05-20")!)
        #expect(AuditSampling.stratum(of: plan, by: .ageBand) == "11-15")
        // The day before the birthday, still 10.
        plan.finalPlanIssued = CalendarDate("2025-05-19")!
        #expect(AuditSampling.stratum(of: plan, by: .ageBand) == "5-10")
    }
}
