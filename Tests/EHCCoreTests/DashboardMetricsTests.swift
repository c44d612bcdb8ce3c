import Testing
@testable import EHCCore

/// Worked examples for the figures behind the dashboard, each with the cases behind it.
@Suite("Dashboard metrics")
struct DashboardMetricsTests {
    let period = (from: day("2025-01-01"), to: day("2025-12-31"))

    func identified(_ id: String, request: String, caseworker: String = "A") -> EHCCase {
        var ehcCase = makeCase(request: request, caseworker: caseworker)
        ehcCase.id = id
        return ehcCase
    }

    func issued(_ id: String, request: String, final: String, excepted: Bool = false) -> EHCCase {
        makeIssuedCase(id: id, request: request, final: final, excepted: excepted)
    }

    func timeliness(_ cases: [EHCCase]) -> Timeliness.Figures {
        Timeliness().report(for: cases, from: period.from, to: period.to, today: day("2026-01-10")).overall
    }

    @Test("W4: the plan issued on day 140 is behind 'within', the one on day 141 behind 'late'")
    func boundaryCaseIDs() {
        let figures = timeliness([issued("D140", request: "2025-01-06", final: "2025-05-26"),
                                  issued("D141", request: "2025-01-06", final: "2025-05-27")])
        #expect(figures.withinCaseIDs == ["D140"])
        #expect(figures.lateCaseIDs == ["D141"])
    }

    @Test("a plan issued in the period for a request made before it counts in the period")
    func requestBeforePeriod() {
        let figures = timeliness([issued("OLD", request: "2024-09-02", final: "2025-01-20"),
                                  issued("PREV", request: "2024-06-03", final: "2024-10-21")])
        #expect(figures.issuedCaseIDs == ["OLD"])
        #expect(figures.withinCaseIDs == ["OLD"])
    }

    @Test("an excepted late plan is listed as excepted and left out of the headline")
    func exceptedCaseIDs() {
        let figures = timeliness([issued("EXC", request: "2025-01-06", final: "2025-07-01", excepted: true),
                                  issued("LATE", request: "2025-01-06", final: "2025-07-01")])
        #expect(figures.exceptedCaseIDs == ["EXC"])
        #expect(figures.lateCaseIDs == ["EXC", "LATE"])
        #expect(figures.percentWithinExcludingExceptions == 0.0)
        #expect(figures.plansIssuedExcludingExceptions == 1)
    }

    @Test("ageing lists the open assessment of day 141 in 20-30 weeks")
    func ageingCaseIDs() {
        let measures = MeasureCatalogue(settings: Settings()).measures(for: [identified("OPEN", request: "2025-01-06")],
                                                                        from: day("2025-01-01"), to: day("2025-05-27"),
                                                                        today: day("2025-05-27"))
        #expect(measures["caseload.ageing.4"]?.label == "Open, 20-30 weeks since request")
        #expect(measures["caseload.ageing.4"]?.cases == ["OPEN"])
        #expect((0...6).map { measures["caseload.ageing.\($0)"]?.value } == [0, 0, 0, 0, 1, 0, 0])
    }

    @Test("W3: EP advice received on its due date 2025-04-01 is within 6 weeks; a day later is not")
    func adviceBoundary() {
        var onTime = identified("ON", request: "2025-01-06")
        onTime.advice = [AdviceRequest(agency: .educationalPsychology, requested: day("2025-02-18"), received: day("2025-04-01"))]
        var late = identified("LATE", request: "2025-01-06")
        late.advice = [AdviceRequest(agency: .educationalPsychology, requested: day("2025-02-18"), received: day("2025-04-02"))]
        let agencies = AdviceTimeliness().report(for: [onTime, late], from: period.from, to: period.to, today: day("2025-06-01"))
        #expect(agencies.map(\.agency) == [.educationalPsychology])
        #expect(agencies[0].requested == 2)
        #expect(agencies[0].withinCaseIDs == ["ON"])
        #expect(agencies[0].percentWithin == 50.0)
        #expect(agencies[0].medianDays == 42.5)
    }

    @Test("outstanding advice is overdue only once today is after its due date")
    func adviceOutstanding() {
        var ehcCase = identified("WAIT", request: "2025-01-06")
        ehcCase.advice = [AdviceRequest(agency: .health, requested: day("2025-02-18")),
                          AdviceRequest(agency: .health, requested: day("2024-12-20"))]
        let onDue = AdviceTimeliness().report(for: [ehcCase], from: period.from, to: period.to, today: day("2025-04-01"))
        let after = AdviceTimeliness().report(for: [ehcCase], from: period.from, to: period.to, today: day("2025-04-02"))
        #expect(onDue[0].requested == 1)
        #expect(onDue[0].outstandingCaseIDs == ["WAIT"])
        #expect(onDue[0].outstandingOverdue == 0)
        #expect(after[0].outstandingOverdueCaseIDs == ["WAIT"])
        #expect(after[0].medianDays == nil)
    }

    @Test("W6: a plan issued 2025-05-26 without a review has its review overdue from 2026-05-26")
    func reviewsOverdue() {
        let plan = issued("PLAN", request: "2025-01-06", final: "2025-05-26")
        func overdue(on today: String) -> [String]? {
            MeasureCatalogue(settings: Settings()).measures(for: [plan], from: day("2025-01-01"), to: day(today),
                                                            today: day(today))["caseload.reviewsOverdueNoMeeting"]?.cases
        }
        #expect(overdue(on: "2026-05-25") == [])
        #expect(overdue(on: "2026-05-26") == ["PLAN"])
    }

    @Test("each caseworker's active, overdue and due-soon cases count once each, leaving closed cases out")
    func workload() {
        let overdue = identified("OVER", request: "2025-01-06", caseworker: "B")
        let soon = identified("SOON", request: "2025-05-01", caseworker: "B")
        var closed = identified("SHUT", request: "2025-01-06", caseworker: "A")
        closed.closed = Closure(date: day("2025-03-01"), reason: "moved away")
        let measures = MeasureCatalogue(settings: Settings()).measures(for: [overdue, soon, closed], from: day("2025-01-01"),
                                                                        to: day("2025-05-31"), today: day("2025-06-01"))
        #expect(measures.filter { $0.id.hasPrefix("caseload.active.") }.map(\.id) == ["caseload.active.B"])
        #expect(measures["caseload.active.B"]?.cases == ["OVER", "SOON"])
        #expect(measures["caseload.overdue.B"]?.cases == ["OVER"])
        #expect(measures["caseload.dueSoon.B"]?.cases == ["SOON"])
    }
}
