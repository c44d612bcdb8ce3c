import Foundation
import Testing

/// The worked examples of the rules page, carried in through `import` and out through `export`:
/// the whole path a script or another system uses.
@Suite("Worked examples through import and export")
struct WorkedExampleTests {
    /// `Fixtures/worked-examples.json`, found from this source file.
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/worked-examples.json").path

    /// (key, due, status, excepted) of every deadline of one exported case.
    static func deadlines(of caseID: String, in export: String) throws -> [String: (due: String, status: String, excepted: Bool)] {
        let document = try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [String: Any]
        let cases = document?["cases"] as? [[String: Any]] ?? []
        let found = try #require(cases.first { $0["id"] as? String == caseID })
        var result: [String: (String, String, Bool)] = [:]
        for deadline in found["deadlines"] as? [[String: Any]] ?? [] {
            result[deadline["key"] as! String] = (deadline["due"] as! String, deadline["status"] as! String,
                                                  deadline["excepted"] as! Bool)
        }
        return result
    }

    @Test("imported worked examples export the due dates, statuses and exceptions of the rules page")
    func workedExamples() throws {
        let folder = NSTemporaryDirectory() + "ehcdesk-worked-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/db.sqlite"
        let imported = try runEhcdesk(["import", Self.fixture, "--db", database, "--today", "2025-11-24"])
        #expect(imported.code == 0, "\(imported.err)")
        let export = try runEhcdesk(["export", "--db", database, "--today", "2025-11-24"])
        #expect(export.code == 0)

        let w1 = try Self.deadlines(of: "EHC-2025-W1", in: export.out)
        #expect(w1["decisionToAssess"]?.due == "2025-02-17")
        #expect(w1["noticeNotToIssue"]?.due == "2025-04-28")
        #expect(w1["finalPlan"]?.due == "2025-05-26")
        #expect(w1["finalPlan"]?.status == "metLate")   // W4: 141 days is not within 20 weeks
        #expect(w1["advice:educationalPsychology"]?.due == "2025-04-01")   // W3

        let w5 = try Self.deadlines(of: "EHC-2024-W5", in: export.out)
        #expect(w5["reviewReport:1"]?.due == "2025-03-24")
        #expect(w5["reviewDecision:1"]?.due == "2025-04-07")
        #expect(w5["reviewDecision:1"]?.status == "metOnTime")
        #expect(w5["amendedPlan:1"]?.due == "2025-06-02")
        #expect(w5["annualReview:1"]?.due == "2025-04-07")
        #expect(w5["phaseTransfer"]?.due == "2025-02-14")   // W7

        let w8 = try Self.deadlines(of: "EHC-2025-W8", in: export.out)
        #expect(w8["finalPlan"]?.due == "2025-11-07")
        #expect(w8["finalPlan"]?.excepted == true)
        #expect(w8["finalPlan"]?.status == "overdue")
        #expect(export.out.contains("\"regulation\": \"13(3) via 10(4)(a)\""))
    }

    @Test("an exception outside its window is refused on import, naming the case, the path and the regulation")
    func refusedException() throws {
        let folder = NSTemporaryDirectory() + "ehcdesk-worked-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
            .replacingOccurrences(of: "\"requested\": \"2025-07-18\"", with: "\"requested\": \"2025-07-10\"")
            .replacingOccurrences(of: "\"date\": \"2025-07-14\"", with: "\"date\": \"2025-07-08\"")
        let file = folder + "/w8-refused.json"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try runEhcdesk(["import", file, "--db", folder + "/db.sqlite", "--today", "2025-11-24"])
        #expect(result.code == 1)
        let line = try #require(result.err.split(separator: "\n").first { $0.contains("cases[2].exceptions[0]") })
        #expect(line.contains("EHC-2025-W8"))
        #expect(line.contains("2025-07-16"))
        #expect(line.contains("10(4)(a)") || line.contains("13(3)"))
    }
}
