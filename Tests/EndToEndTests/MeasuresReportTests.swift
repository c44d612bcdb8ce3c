import Foundation
import Testing

/// `report measures` against counts made here, independently, from the exported JSON: dates by
/// day arithmetic under the default counting (6 weeks = 42 days, 16 = 112, 20 = 140), statuses
/// from the facts. Only the annual reviews' due dates and the exceptions' rulings are taken from
/// the export's own deadlines (their rules are the engine's, tested against worked examples).
@Suite("The catalogue of measures against the exported facts")
struct MeasuresReportTests {
    static let today = "2026-11-24"
    static let (from, to) = ("2025-12-01", "2026-11-30")

    typealias Object = [String: Any]

    static func day(_ text: Any?) -> Int? {
        guard let text = text as? String else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components).map { Int($0.timeIntervalSince1970 / 86_400) }
    }

    /// Every measure's cases and value as the report printed them.
    static func report(_ path: String) throws -> [String: (value: Double, cases: Set<String>)] {
        let result = try runEhcdesk(["report", "measures", "--db", path, "--today", today, "--from", from, "--to", to,
                                     "--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? Object)
        #expect(object["from"] as? String == from && object["today"] as? String == today)
        let measures = try #require(object["measures"] as? [Object])
        return Dictionary(uniqueKeysWithValues: measures.compactMap { measure in
            guard let id = measure["id"] as? String, let value = measure["value"] as? Double ?? (measure["value"] as? Int).map(Double.init)
            else { return nil }
            return (id, (value, Set(measure["cases"] as? [String] ?? [])))
        })
    }

    @Test("every count of requests, decisions, plans, advice, reviews, phase transfers, the caseload and the list's views matches its own count")
    func matchesIndependentCounts() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 1500, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let export = try runEhcdesk(["export", "--db", database.path, "--format", "json", "--today", Self.today])
        let cases = try #require((try JSONSerialization.jsonObject(with: Data(export.out.utf8)) as? Object)?["cases"] as? [Object])
        let measures = try Self.report(database.path)
        let (start, end, today) = (Self.day(Self.from)!, Self.day(Self.to)!, Self.day(Self.today)!)
        func inPeriod(_ day: Int?) -> Bool { day.map { $0 >= start && $0 <= end } ?? false }

        var expected: [String: [String]] = [:]
        func add(_ id: String, _ reference: String) { expected[id, default: []].append(reference) }
        var planDays: [Int] = []
        var exceptedFreeDays: [Int] = []
        for ehcCase in cases {
            let reference = try #require(ehcCase["id"] as? String)
            let request = try #require(Self.day(ehcCase["requestDate"]))
            let assess = ehcCase["decisionToAssess"] as? Object
            let issue = ehcCase["decisionToIssue"] as? Object
            let closed = ehcCase["closed"] as? Object
            // Review N is the N-th meeting in date order.
            let reviews = (ehcCase["reviews"] as? [Object] ?? []).sorted {
                (Self.day($0["meetingDate"]) ?? 0) < (Self.day($1["meetingDate"]) ?? 0)
            }
            let deadlines = ehcCase["deadlines"] as? [Object] ?? []
            let ceased = reviews.contains { $0["decision"] as? String == "cease" }
            let active = closed == nil && !ceased && assess?["outcome"] as? String != "notAssess"
                && issue?["outcome"] as? String != "notIssue"
            let final = Self.day(ehcCase["finalPlanIssued"])

            if inPeriod(request) {
                add("requests.received", reference)
                if let decided = Self.day(assess?["date"]) {
                    add(decided <= request + 42 ? "requests.decidedWithin6Weeks" : "requests.decidedAfter6Weeks", reference)
                } else if let closedOn = Self.day(closed?["date"]), closedOn <= today {
                    add("requests.withdrawn", reference)
                } else {
                    add("requests.awaitingDecision", reference)
                }
            }
            if issue?["outcome"] as? String == "notIssue", let decided = Self.day(issue?["date"]), inPeriod(decided) {
                add("notIssue.decided", reference)
                add(decided <= request + 112 ? "notIssue.within16Weeks" : "notIssue.after16Weeks", reference)
            }
            if let final, inPeriod(final) {
                let days = final - request
                planDays.append(days)
                add("plans.issued", reference)
                add(days <= 140 ? "plans.within20Weeks" : days >= 365 ? "plans.overYear" : "plans.over20WithinYear", reference)
                let excepted = deadlines.first { $0["key"] as? String == "finalPlan" }?["excepted"] as? Bool ?? false
                if !excepted {
                    exceptedFreeDays.append(days)
                    add("plans.issuedExcludingExceptions", reference)
                    if days <= 140 { add("plans.within20WeeksExcludingExceptions", reference) }
                }
            }
            for advice in ehcCase["advice"] as? [Object] ?? [] {
                guard let requested = Self.day(advice["requested"]), inPeriod(requested) else { continue }
                let agency = try #require(advice["agency"] as? String)
                let received = Self.day(advice["received"])
                let returned = advice["quality"] as? String == "returned"
                add("advice.requested", reference); add("advice.requested." + agency, reference)
                if let received, received <= requested + 42, !returned {
                    add("advice.withinSixWeeks", reference); add("advice.withinSixWeeks." + agency, reference)
                }
                if (received == nil || returned) && active {
                    add("advice.outstanding", reference); add("advice.outstanding." + agency, reference)
                    if requested + 42 < today {
                        add("advice.outstandingOverdue", reference); add("advice.outstandingOverdue." + agency, reference)
                    }
                }
            }
            for deadline in deadlines {
                guard let key = deadline["key"] as? String, key.hasPrefix("annualReview:"), let due = Self.day(deadline["due"]),
                      deadline["status"] as? String != "notApplicable",
                      inPeriod(due), let number = Int(key.dropFirst("annualReview:".count)) else { continue }
                add("reviews.expected", reference)
                if let met = Self.day(deadline["met"]), met <= due { add("reviews.concludedOnTime", reference) }
                let review = reviews.indices.contains(number - 1) ? reviews[number - 1] : nil
                guard let meeting = Self.day(review?["meetingDate"]), meeting <= today else {
                    add(due > today ? "reviews.notYetDue" : "reviews.noMeeting", reference)
                    continue
                }
                add("reviews.meetingRecorded", reference)
                guard let decided = Self.day(review?["decisionDate"]), decided <= today else {
                    add("reviews.decisionOutstanding", reference)
                    continue
                }
                add(decided - meeting <= 28 ? "reviews.decisionWithin4Weeks" : "reviews.decisionAfter4Weeks", reference)
                if let outcome = review?["decision"] as? String {
                    add("reviews.outcome" + outcome.prefix(1).uppercased() + outcome.dropFirst(), reference)
                }
            }
            if let transfer = deadlines.first(where: { $0["key"] as? String == "phaseTransfer" }),
               let due = Self.day(transfer["due"]), inPeriod(due), transfer["status"] as? String != "notApplicable" {
                add("phaseTransfers.due", reference)
                let issued = Self.day((ehcCase["phaseTransfer"] as? Object)?["amendedPlanIssued"])
                if let issued {
                    add(issued <= due ? "phaseTransfers.issuedOnTime" : "phaseTransfers.issuedLate", reference)
                } else {
                    add(due < today ? "phaseTransfers.overdue" : "phaseTransfers.notYetDue", reference)
                }
            }
            if active && final == nil {
                add("caseload.open", reference)
                let bucket = [42, 84, 112, 140, 210, 364].firstIndex { max(0, today - request) <= $0 } ?? 6
                add("caseload.ageing.\(bucket)", reference)
            }
            if active && final != nil { add("caseload.plansInForce", reference) }
            // The list's views: the deadlines' due dates and statuses as exported, the rest from the facts.
            let caseworker = try #require(ehcCase["caseworker"] as? String)
            let unmet = deadlines.filter { $0["met"] as? String == nil && $0["status"] as? String != "notApplicable" }
            let breach = unmet.contains { (Self.day($0["due"]) ?? .max) < today && $0["excepted"] as? Bool != true }
            let soon = unmet.contains { deadline in
                Self.day(deadline["due"]).map { (0...14).contains($0 - today) } ?? false
            }
            if active {
                for (view, member) in [("caseload.active", true), ("caseload.overdue", breach), ("caseload.dueSoon", !breach && soon)]
                    where member {
                    add(view, reference)
                    add(view + "." + caseworker, reference)
                }
                if assess == nil { add("caseload.awaitingDecision", reference) }
                let owed = (ehcCase["advice"] as? [Object] ?? []).contains {
                    Self.day($0["received"]) == nil || $0["quality"] as? String == "returned"
                }
                if final == nil && owed { add("caseload.awaitingAdvice", reference) }
                if Self.day(ehcCase["draftPlanIssued"]) != nil && final == nil { add("caseload.draftIssued", reference) }
                let reviewDuties = ["annualReview:", "reviewReport:", "reviewDecision:", "amendedPlan:"]
                if unmet.contains(where: { deadline in
                    reviewDuties.contains { (deadline["key"] as? String ?? "").hasPrefix($0) }
                        && (Self.day(deadline["due"]) ?? .max) - today <= 14
                }) { add("caseload.reviewsDue", reference) }
            } else {
                add("caseload.ended", reference)
            }
            if active && final != nil && deadlines.contains(where: {
                ($0["key"] as? String ?? "").hasPrefix("annualReview:") && $0["status"] as? String == "overdue"
            }) { add("caseload.reviewsOverdue", reference) }
            // The review not yet concluded (its decision not recorded), overdue, its meeting not held.
            if active && final != nil,
               let pending = deadlines.first(where: { ($0["key"] as? String ?? "").hasPrefix("annualReview:") && $0["met"] as? String == nil }),
               let due = Self.day(pending["due"]), due < today,
               let number = Int((pending["key"] as? String ?? "").dropFirst("annualReview:".count)) {
                let meeting = reviews.indices.contains(number - 1) ? Self.day(reviews[number - 1]["meetingDate"]) : nil
                if (meeting ?? .max) > today { add("caseload.reviewsOverdueNoMeeting", reference) }
            }
        }

        let counted = ["requests.received", "requests.decidedWithin6Weeks", "requests.decidedAfter6Weeks",
                       "requests.awaitingDecision", "requests.withdrawn", "notIssue.decided", "notIssue.within16Weeks",
                       "notIssue.after16Weeks", "plans.issued", "plans.within20Weeks", "plans.over20WithinYear",
                       "plans.overYear", "plans.issuedExcludingExceptions", "plans.within20WeeksExcludingExceptions",
                       "reviews.expected", "reviews.meetingRecorded", "reviews.noMeeting", "reviews.notYetDue",
                       "reviews.decisionWithin4Weeks", "reviews.decisionAfter4Weeks", "reviews.decisionOutstanding",
                       "reviews.outcomeMaintain", "reviews.outcomeAmend", "reviews.outcomeCease",
                       "caseload.open", "caseload.plansInForce", "phaseTransfers.due", "phaseTransfers.issuedOnTime",
                       "phaseTransfers.issuedLate", "phaseTransfers.overdue", "phaseTransfers.notYetDue",
                       "caseload.active", "caseload.overdue", "caseload.dueSoon", "caseload.awaitingDecision",
                       "caseload.awaitingAdvice", "caseload.draftIssued", "caseload.reviewsDue", "caseload.ended",
                       "caseload.reviewsOverdueNoMeeting", "reviews.concludedOnTime", "caseload.reviewsOverdue"]
            + (0...6).map { "caseload.ageing.\($0)" }
            + expected.keys.filter { $0.split(separator: ".").count > 2 && $0.hasPrefix("caseload.") }.sorted()
            + ["advice.requested", "advice.withinSixWeeks", "advice.outstanding", "advice.outstandingOverdue"].flatMap { measure in
                [measure] + ["educationalPsychology", "health", "socialCare", "education", "parentViews", "childViews", "other"]
                    .map { measure + "." + $0 }
            }
        for id in counted {
            let mine = expected[id] ?? []
            let theirs = try #require(measures[id], "\(id) is in the report")
            let isPerCase = !id.hasPrefix("advice.") && !id.hasPrefix("reviews.")
            #expect(theirs.value == Double(isPerCase ? Set(mine).count : mine.count), "\(id)")
            #expect(theirs.cases == Set(mine), "\(id): the cases behind it")
        }
        #expect((expected["plans.issued"] ?? []).count > 50, "the period holds plans")
        #expect((expected["phaseTransfers.due"] ?? []).count > 10, "the period holds phase transfers")
        for view in ["caseload.overdue", "caseload.dueSoon", "caseload.reviewsDue", "caseload.reviewsOverdueNoMeeting"] {
            #expect((expected[view] ?? []).count > 5, "\(view): an empty count proves nothing")
        }
        #expect((expected["reviews.notYetDue"] ?? []).isEmpty == false || (expected["reviews.expected"] ?? []).count > 50)
        let mean = (Double(planDays.reduce(0, +)) / Double(planDays.count) / 7 * 10).rounded() / 10
        #expect(measures["plans.averageWeeks"]?.value == mean)
        let meanExcluding = (Double(exceptedFreeDays.reduce(0, +)) / Double(exceptedFreeDays.count) / 7 * 10).rounded() / 10
        #expect(measures["plans.averageWeeksExcludingExceptions"]?.value == meanExcluding)
        // Parts add up to their wholes.
        for (whole, parts) in [("plans.issued", ["plans.within20Weeks", "plans.over20WithinYear", "plans.overYear"]),
                               ("reviews.expected", ["reviews.meetingRecorded", "reviews.noMeeting", "reviews.notYetDue"])] {
            #expect(parts.map { measures[$0]?.value ?? -1 }.reduce(0, +) == measures[whole]?.value, "\(whole)")
        }
    }

    @Test("an empty period gives zeros and says no plans were issued; a reversed period is a usage error")
    func emptyAndReversed() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 50, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let empty = try runEhcdesk(["report", "measures", "--db", database.path, "--today", Self.today,
                                    "--from", "1990-01-01", "--to", "1990-12-31"])
        #expect(empty.code == 0, "\(empty.err)")
        #expect(empty.out.contains("no plans issued in the period"))
        #expect(empty.out.contains("plans.averageWeeks"))
        let reversed = try runEhcdesk(["report", "measures", "--db", database.path, "--from", "2026-12-01", "--to", "2026-01-01"])
        #expect(reversed.code == 2)
        #expect(reversed.err.contains("is after --to"))
    }
}
