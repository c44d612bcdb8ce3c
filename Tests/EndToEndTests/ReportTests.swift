import Foundation
import Testing

/// `ehcdesk report` checked against an independent computation over the same database file.
@Suite("Reports")
struct ReportTests {
    let today = ["--today", "2026-11-24"]

    /// A generated database in a fresh folder; the caller removes the folder.
    func generatedDatabase(cases: Int, seed: Int) throws -> (folder: String, file: String) {
        let folder = NSTemporaryDirectory() + "ehcdesk-report-" + UUID().uuidString
        let file = folder + "/caseload.sqlite"
        let result = try runEhcdesk(["generate", "--cases", String(cases), "--seed", String(seed), "--db", file] + today)
        #expect(result.code == 0, "\(result.err)")
        return (folder, file)
    }

    @Test("report timeliness and report advice print the catalogue's numbers: the same period gives the same figures as report measures")
    func reportsAgreeWithTheCatalogue() throws {
        let (folder, file) = try generatedDatabase(cases: 800, seed: 5)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let period = ["--from", "2025-12-01", "--to", "2026-11-30", "--format", "json", "--db", file] + today
        func json(_ report: String) throws -> [String: Any] {
            let result = try runEhcdesk(["report", report] + period)
            #expect(result.code == 0, "\(result.err)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        }
        let measures = try #require(try json("measures")["measures"] as? [[String: Any]])
        func measure(_ id: String) -> Int { measures.first { $0["id"] as? String == id }?["value"] as? Int ?? -1 }
        let timeliness = try json("timeliness")
        for (key, id) in [("plansIssued", "plans.issued"), ("withinTwentyWeeks", "plans.within20Weeks"),
                          ("plansIssuedExcludingExceptions", "plans.issuedExcludingExceptions"),
                          ("withinTwentyWeeksExcludingExceptions", "plans.within20WeeksExcludingExceptions")] {
            #expect(timeliness[key] as? Int == measure(id), "timeliness \(key) is \(id)")
        }
        #expect(measure("plans.issued") > 50)
        let agencies = try #require(try json("advice")["agencies"] as? [[String: Any]])
        #expect(agencies.count >= 5)
        for agency in agencies {
            let name = try #require(agency["agency"] as? String)
            for (key, id) in [("requested", "advice.requested"), ("returnedWithinSixWeeks", "advice.withinSixWeeks"),
                              ("outstanding", "advice.outstanding"), ("outstandingOverdue", "advice.outstandingOverdue")] {
                #expect(agency[key] as? Int == measure(id + "." + name), "advice \(name) \(key) is \(id).\(name)")
            }
        }
    }

    @Test("report timeliness --by month agrees with an independent SQL computation on a generated database")
    func timelinessAgreesWithSQL() throws {
        let (folder, file) = try generatedDatabase(cases: 600, seed: 11)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try runEhcdesk(["report", "timeliness", "--from", "2025-01-01", "--to", "2025-12-31",
                                     "--by", "month", "--format", "json", "--db", file] + today)
        #expect(result.code == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        // Within 20 weeks: at most 140 days from request to final plan (default eventPlusWeeks counting).
        // With exception: an exception naming finalPlan. The generator only records exceptions that
        // satisfy their ground's conditions, so "named" equals "valid" here; the SQL cannot judge validity.
        let rows = try sqlite(file, """
            WITH plans AS (
              SELECT substr(finalPlanIssued, 1, 7) AS month,
                     julianday(finalPlanIssued) - julianday(requestDate) <= 140 AS within,
                     EXISTS (SELECT 1 FROM exceptions e, json_each(e.appliesTo) j
                             WHERE e.caseId = cases.id AND j.value = 'finalPlan') AS excepted
              FROM cases WHERE finalPlanIssued BETWEEN '2025-01-01' AND '2025-12-31')
            SELECT 'all', count(*), sum(within), sum(NOT excepted), sum(within AND NOT excepted) FROM plans
            UNION ALL
            SELECT month, count(*), sum(within), sum(NOT excepted), sum(within AND NOT excepted)
            FROM plans GROUP BY month ORDER BY 1;
            """)
        func counts(_ object: [String: Any]) -> [String] {
            ["plansIssued", "withinTwentyWeeks", "plansIssuedExcludingExceptions", "withinTwentyWeeksExcludingExceptions"]
                .map { String(describing: object[$0] as? Int ?? -1) }
        }
        let overall = try #require(rows.first { $0.first == "all" })
        #expect(counts(json) == Array(overall.dropFirst()))
        #expect(Int(overall[1])! > 50, "the generated period should hold plans to compare")
        let groups = try #require(json["groups"] as? [[String: Any]])
        let byMonth = Dictionary(uniqueKeysWithValues: rows.filter { $0.first != "all" }.map { ($0[0], Array($0.dropFirst())) })
        #expect(groups.count == 12)
        for group in groups {
            let key = try #require(group["key"] as? String)
            #expect(counts(group) == (byMonth[key] ?? ["0", "0", "0", "0"]), "month \(key)")
        }
        let within = Double(overall[2])!, issued = Double(overall[1])!
        #expect(json["percentWithin"] as? Double == (within * 1000 / issued).rounded() / 10)
    }

    @Test("report advice agrees per agency with an independent SQL count over the same database")
    func adviceAgreesWithSQL() throws {
        let (folder, file) = try generatedDatabase(cases: 600, seed: 12)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try runEhcdesk(["report", "advice", "--from", "2025-01-01", "--to", "2025-12-31",
                                     "--format", "json", "--db", file] + today)
        #expect(result.code == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let agencies = try #require(json["agencies"] as? [[String: Any]])
        // Within 6 weeks: received at most 42 days after the request (default eventPlusWeeks counting)
        // and not returned for more detail; outstanding: not received, or returned, on a case still
        // live (not closed, ceased, not assessed or not issued); overdue: outstanding and today more
        // than 42 days after the request. The catalogue's definitions (issue 16).
        let rows = try sqlite(file, """
            SELECT agency, count(*),
                   sum(received IS NOT NULL AND julianday(received) - julianday(requested) <= 42
                       AND quality IS NOT 'returned'),
                   sum(live AND (received IS NULL OR quality = 'returned')),
                   sum(live AND (received IS NULL OR quality = 'returned')
                       AND julianday('2026-11-24') - julianday(requested) > 42)
            FROM advice JOIN (SELECT id, closedDate IS NULL AND decisionToAssessOutcome IS NOT 'notAssess'
                                      AND decisionToIssueOutcome IS NOT 'notIssue'
                                      AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.caseId = cases.id AND r.decision = 'cease')
                                      AS live FROM cases) c ON c.id = advice.caseId
            WHERE requested BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY agency ORDER BY agency
            """)
        let reported = agencies.map { agency in
            [agency["agency"] as? String ?? "?"] + ["requested", "returnedWithinSixWeeks", "outstanding", "outstandingOverdue"]
                .map { String(describing: agency[$0] as? Int ?? -1) }
        }.sorted { $0[0] < $1[0] }
        #expect(reported == rows)
        #expect(rows.count >= 6, "the generated period should ask every usual agency")
        let days = try sqlite(file, """
            SELECT CAST(julianday(received) - julianday(requested) AS INTEGER) FROM advice
            WHERE agency = 'health' AND received IS NOT NULL AND requested BETWEEN '2025-01-01' AND '2025-12-31'
            ORDER BY 1
            """).map { try #require($0.first.flatMap(Double.init), "sqlite3 row \($0)") }
        let median = days.count.isMultiple(of: 2) ? (days[days.count / 2 - 1] + days[days.count / 2]) / 2 : days[days.count / 2]
        #expect(agencies.first { $0["agency"] as? String == "health" }?["medianDays"] as? Double == median)
    }

    @Test("a report with a bad --from exits 2 and names the option and the text")
    func badPeriod() throws {
        let result = try runEhcdesk(["report", "timeliness", "--from", "2025-13-01", "--to", "2025-12-31",
                                     "--db", NSTemporaryDirectory() + "none-" + UUID().uuidString + ".sqlite"] + today)
        #expect(result.code == 2)
        #expect(result.err.contains("--from \"2025-13-01\" is not a date"))
    }

    @Test("every report format ends with or carries its definitions; csv stdout is only the table")
    func definitionsFooter() throws {
        let (folder, file) = try generatedDatabase(cases: 50, seed: 2)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for format in ["table", "markdown", "csv", "json"] {
            let result = try runEhcdesk(["report", "advice", "--from", "2025-01-01", "--to", "2025-12-31",
                                         "--format", format, "--db", file] + today)
            #expect(result.code == 0, "\(result.err)")
            let footer = format == "csv" || format == "json" ? result.err : result.out
            // Markdown is a board paper: the definitions as a list under a heading.
            let definitions = format == "markdown" ? "**Definitions**\n\n- Period 2025-01-01 to 2025-12-31"
                : "Definitions:\n  Period 2025-01-01 to 2025-12-31"
            #expect(footer.contains(definitions), "\(format)")
            #expect(footer.contains("Counting conventions: counting = eventPlusWeeks (default)"), "\(format)")
        }
        let csv = try runEhcdesk(["report", "advice", "--from", "2025-01-01", "--to", "2025-12-31",
                                  "--format", "csv", "--db", file] + today)
        #expect(csv.out.hasPrefix("agency,requested,returnedWithinSixWeeks,percentWithin,medianDays,outstanding,outstandingOverdue\n"))
        #expect(!csv.out.contains("Definitions"))
    }

    @Test("a board paper in Markdown: titled with the report, the period and the authority, human labels, the Total row last")
    func boardPaper() throws {
        let (folder, file) = try generatedDatabase(cases: 200, seed: 4)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/ehcdesk", withIntermediateDirectories: true)
        try "[organisation]\nname = \"Northshire County Council\"\n".write(toFile: config + "/ehcdesk/config.toml",
                                                                          atomically: true, encoding: .utf8)
        let advice = try runEhcdesk(["report", "advice", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "markdown",
                                     "--db", file] + today, environment: ["XDG_CONFIG_HOME": config])
        #expect(advice.code == 0, "\(advice.err)")
        #expect(advice.out.hasPrefix("# Advice for EHC needs assessments, 2025-01-01 to 2025-12-31 · Northshire County Council\n"))
        #expect(advice.out.contains("| Educational psychology |"))
        #expect(!advice.out.contains("educationalPsychology"))
        let rows = advice.out.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(rows.last?.hasPrefix("| Total |") == true)
        let timeliness = try runEhcdesk(["report", "timeliness", "--by", "month", "--from", "2025-01-01", "--to", "2025-12-31",
                                         "--format", "markdown", "--db", file] + today, environment: ["XDG_CONFIG_HOME": config])
        let lines = timeliness.out.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(lines.last?.hasPrefix("| Total |") == true)
        #expect(!lines.contains { $0.hasPrefix("| all |") })
        let reviews = try runEhcdesk(["report", "reviews", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "markdown",
                                      "--db", file] + today, environment: ["XDG_CONFIG_HOME": config])
        #expect(!reviews.out.contains("overdueNow"))
        #expect(reviews.out.contains("plans whose review is overdue on"))
        // A name that is not one line is refused, naming the setting.
        try "[organisation]\nname = \"\"\n".write(toFile: config + "/ehcdesk/config.toml", atomically: true, encoding: .utf8)
        let refused = try runEhcdesk(["report", "advice", "--from", "2025-01-01", "--to", "2025-12-31", "--db", file] + today,
                                     environment: ["XDG_CONFIG_HOME": config])
        #expect(refused.code == 1)
        #expect(refused.err.contains("organisation.name must be the authority's name on one line"))
    }
}
