import Testing
@testable import EHCCore

@Suite("SEN2 timeliness and ageing")
struct TimelinessTests {
    func issued(request: String, final: String, caseworker: String = "A", excepted: Bool = false) -> EHCCase {
        makeIssuedCase(request: request, final: final, caseworker: caseworker, excepted: excepted)
    }

    func report(_ cases: [EHCCase], settings: Settings = Settings(), by grouping: Timeliness.Grouping? = nil)
        -> Timeliness.Report {
        Timeliness(settings: settings).report(for: cases, from: day("2025-01-01"), to: day("2025-12-31"),
                                              groupedBy: grouping, today: day("2026-01-10"))
    }

    @Test("W4/T17: 140 days is within 20 weeks, 141 days is not")
    func boundary() {
        let figures = report([issued(request: "2025-01-06", final: "2025-05-26"),
                              issued(request: "2025-01-06", final: "2025-05-27")]).overall
        #expect(figures.plansIssued == 2)
        #expect(figures.withinTwentyWeeks == 1)
        #expect(figures.percentWithin == 50.0)
    }

    @Test("with day-one counting 140 days is no longer within 20 weeks")
    func dayOneBoundary() {
        let figures = report([issued(request: "2025-01-06", final: "2025-05-26")],
                             settings: Settings(counting: .dayOne)).overall
        #expect(figures.withinTwentyWeeks == 0)
    }

    @Test("T17: an excepted plan counts including exceptions and is left out excluding them")
    func exceptions() {
        let figures = report([issued(request: "2025-01-06", final: "2025-07-01", excepted: true),
                              issued(request: "2025-01-06", final: "2025-05-20"),
                              issued(request: "2025-01-06", final: "2025-06-20")]).overall
        #expect(figures.plansIssued == 3)
        #expect(figures.withinTwentyWeeks == 1)
        #expect(figures.plansIssuedExcludingExceptions == 2)
        #expect(figures.withinTwentyWeeksExcludingExceptions == 1)
        #expect(figures.percentWithin == 33.3)
        #expect(figures.percentWithinExcludingExceptions == 50.0)
    }

    @Test("plans issued outside the period are not counted")
    func period() {
        #expect(report([issued(request: "2024-08-01", final: "2024-12-31")]).overall.plansIssued == 0)
        #expect(report([]).overall.percentWithin == nil)
    }

    @Test("grouping by month lists every month of the period, empty ones with a nil percentage")
    func byMonth() {
        let groups = report([issued(request: "2025-01-06", final: "2025-05-26")], by: .month).groups
        #expect(groups.count == 12)
        #expect(groups[4].key == "2025-05")
        #expect(groups[4].percentWithin == 100.0)
        #expect(groups[0].percentWithin == nil)
    }

    @Test("grouping by caseworker sorts caseworkers by name")
    func byCaseworker() {
        let groups = report([issued(request: "2025-01-06", final: "2025-05-26", caseworker: "B"),
                             issued(request: "2025-01-06", final: "2025-06-26", caseworker: "A")], by: .caseworker).groups
        #expect(groups.map(\.key) == ["A", "B"])
        #expect(groups.map(\.withinTwentyWeeks) == [0, 1])
    }

    @Test("percentages round to one decimal place")
    func rounding() {
        #expect(Timeliness.percent(61, of: 120) == 50.8)
        #expect(Timeliness.percent(2, of: 3) == 66.7)
    }

    @Test("an open assessment on day 140 is in 16-20 weeks, on day 141 in 20-30")
    func ageingBoundary() {
        #expect(AssessmentAgeing.bucketIndex(daysSinceRequest: 140) == 3)
        #expect(AssessmentAgeing.bucketIndex(daysSinceRequest: 141) == 4)
        #expect(AssessmentAgeing.bucketIndex(daysSinceRequest: 365) == 6)
    }

    @Test("ageing counts only open assessments, in seven labelled buckets")
    func ageingBuckets() {
        let cases = [makeCase(request: "2025-01-06"), issued(request: "2025-01-06", final: "2025-05-26")]
        let measures = MeasureCatalogue(settings: Settings()).measures(for: cases, from: day("2025-01-01"),
                                                                        to: day("2025-01-31"), today: day("2025-02-01"))
        #expect((0...6).map(AssessmentAgeing.label(ofBucket:)) == ["0-6", "6-12", "12-16", "16-20", "20-30", "30-52", "over 52"])
        #expect((0...6).map { measures["caseload.ageing.\($0)"]?.value } == [1, 0, 0, 0, 0, 0, 0])
    }
}
