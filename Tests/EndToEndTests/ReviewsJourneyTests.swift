import EHCCore
import EHCStore
import Foundation
import Testing

/// Annual reviews in the real binary: the reviews screen, a meeting recorded by keyboard, and
/// `report reviews` against an independent count of the same file.
@Suite("Annual reviews, end to end", .serialized)
struct ReviewsJourneyTests {
    static let today = "2026-11-24"

    /// A plan issued 2025-05-26 (W6): review 1 was due 2026-05-25, so it is 183 days overdue on 2026-11-24.
    static let overdue = "EHC-2025-00007"

    /// Two plans: one with its first review overdue, one issued this summer.
    static func smallCaseload(in folder: ScratchFolder) throws -> String {
        func plan(_ id: String, _ given: String, issued: String) -> EHCCase {
            let issuedOn = CalendarDate(issued)!
            return EHCCase(id: id, child: Child(givenName: given, familyName: "Example", dateOfBirth: CalendarDate("2015-09-14")!),
                           caseworker: "A. Okafor", requestDate: issuedOn.adding(weeks: -20), requestSource: .parent,
                           decisionToAssess: Decision(date: issuedOn.adding(weeks: -14), outcome: .assess),
                           decisionToIssue: Decision(date: issuedOn.adding(weeks: -4), outcome: .issue),
                           finalPlanIssued: issuedOn)
        }
        let path = folder.file("reviews.sqlite")
        let store = try CaseStore.open(path: path, access: .create)
        try store.insert([plan(overdue, "Maya", issued: "2025-05-26"), plan("EHC-2026-00012", "Omar", issued: "2026-06-01")],
                         by: "setup")
        return path
    }

    @Test("a review meeting recorded from the reviews screen takes the plan off the overdue list; report and decision become due")
    func recordMeeting() throws {
        let folder = try ScratchFolder()
        let path = try Self.smallCaseload(in: folder)
        let tmux = try TmuxSession(command: [ehcdeskBinary(), "--db", path, "--today", Self.today, "--user", "alice"],
                                   width: 160, height: 48)
        try tmux.waitFor("2 cases")
        try tmux.press("r", thenSee: "[1 All plans 2]")
        let overdueList = try tmux.press("2", thenSee: "[2 Overdue, no meeting 1]")
        let row = try #require(overdueList.split(separator: "\n").first { $0.contains(Self.overdue) })
        #expect(row.contains("2026-05-25") && row.contains("OVERDUE 183d") && row.contains("book the meeting"))

        try tmux.send("Enter")
        try tmux.waitUntil("the case's detail") { !$0.contains("Reviews ·") && $0.contains("annualReview:1") }
        try tmux.press("e", thenSee: "Record for \(Self.overdue)")
        try tmux.press("m", thenSee: "Meeting on")
        try tmux.press("Enter", thenSee: "Saved \(Self.overdue)")
        // Reg 20: the report within 2 weeks of the meeting, the decision within 4.
        try tmux.waitUntil("the post-meeting deadlines in the detail") {
            $0.contains("2026-12-08") && $0.contains("reviewReport:1") && $0.contains("2026-12-22")
                && $0.contains("reviewDecision:1")
        }

        try tmux.press("r", thenSee: "[2 Overdue, no meeting 0]")
        let inFlight = try tmux.press("3", thenSee: "[3 In flight 1]")
        let flying = try #require(inFlight.split(separator: "\n").first { $0.contains(Self.overdue) })
        #expect(flying.contains("report due 2026-12-08, 14d left"))

        #expect(try sqlite(path, "SELECT position, meetingDate, reportSent, decisionDate FROM reviews WHERE caseId = '\(Self.overdue)'")
            == [["0", Self.today, "", ""]])
        #expect(try sqlite(path, "SELECT user, summary FROM auditTrail WHERE caseId = '\(Self.overdue)' ORDER BY id DESC LIMIT 1")
            == [["alice", "review 1 meeting on \(Self.today)"]])
        try tmux.send("Escape")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("report reviews: its reviews are the catalogue's, and its phase transfers agree with an independent SQL count of the 2027 cohort")
    func reportAgreesWithSQL() throws {
        let folder = try ScratchFolder()
        let file = try folder.generatedDatabase(cases: 1500, seed: 7)
        let period = ["--from", "2026-04-01", "--to", "2027-03-31", "--format", "json", "--db", file, "--today", Self.today]
        let result = try runEhcdesk(["report", "reviews"] + period)
        #expect(result.code == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let catalogue = try runEhcdesk(["report", "measures"] + period)
        let measures = try #require((try JSONSerialization.jsonObject(with: Data(catalogue.out.utf8)) as? [String: Any])?["measures"]
            as? [[String: Any]])
        func measure(_ id: String) -> Int { measures.first { $0["id"] as? String == id }?["value"] as? Int ?? -1 }
        for (key, id) in [("reviewsDue", "reviews.expected"), ("reviewsConcludedOnTime", "reviews.concludedOnTime"),
                          ("reviewMeetings", "reviews.meetingRecorded"), ("decisionsWithinFourWeeks", "reviews.decisionWithin4Weeks"),
                          ("reviewsNotYetDue", "reviews.notYetDue"), ("reviewsNoMeeting", "reviews.noMeeting"),
                          ("reviewsOverdue", "caseload.reviewsOverdue"), ("phaseTransfersDue", "phaseTransfers.due"),
                          ("phaseTransfersMet", "phaseTransfers.issuedOnTime")] {
            #expect(json[key] as? Int == measure(id), "\(key) is \(id)")
        }
        #expect(measure("reviews.meetingRecorded") > 50)
        // When the plan's duties ended (closed, or the first decision to cease): limits falling due on
        // or after it are not applicable.
        let ended = """
            COALESCE(c.closedDate, (SELECT COALESCE(x.decisionDate, x.meetingDate) FROM reviews x
                                     WHERE x.caseId = c.id AND x.decision = 'cease' ORDER BY x.position LIMIT 1))
            """
        // Before 15 February (school) or 31 March (post-16) 2027: due the 14th or the 30th, both in the period.
        let transfers = try sqlite(file, """
            WITH cohort AS (
              SELECT c.phaseTransferAmendedPlanIssued AS amended, \(ended) AS ended,
                     CASE c.phaseTransferKind WHEN 'school' THEN '2027-02-14' ELSE '2027-03-30' END AS due,
                     coalesce(c.decisionToAssessOutcome, '') = 'notAssess'
                       OR coalesce(c.decisionToIssueOutcome, '') = 'notIssue' AS refused
              FROM cases c WHERE c.phaseTransferYear = 2027)
            SELECT count(*), coalesce(sum(amended <= due), 0) FROM cohort
            WHERE amended IS NOT NULL OR (NOT refused AND (ended IS NULL OR ended > due));
            """)
        func figure(_ name: String) -> String { String(describing: json[name] as? Int ?? -1) }
        #expect(figure("phaseTransferYear") == "2027")
        #expect([figure("phaseTransfersDue"), figure("phaseTransfersMet")] == transfers[0])
        #expect(Int(transfers[0][0]) ?? 0 > 20, "the generated caseload should hold enough to compare")
    }
}
