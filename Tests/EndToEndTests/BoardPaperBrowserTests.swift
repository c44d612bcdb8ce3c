import EHCStore
import Foundation
import Testing

/// The HTML board paper in a real browser: headless Chromium (Debian's `chromium`, which
/// `.ci/run` installs when missing) prints it to PDF and dumps the DOM it rendered; the page must
/// render, say what the report says, and log nothing to the console (no blocked load, no script).
@Suite("The HTML board paper in Chromium", .serialized)
struct BoardPaperBrowserTests {
    static let today = "2026-11-24"

    /// Chromium run headless on `page`, its profile in `folder`: what it printed and what it logged.
    static func chromium(_ arguments: [String], page: String, folder: String) throws -> (code: Int32, out: String, err: String) {
        let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let found = try #require(binary, "chromium is not installed: .ci/run installs it (apt-get install chromium)")
        // As root (CI) Chromium needs --no-sandbox; the profile and the crash dumps stay in the scratch folder.
        return try runProgram([found, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--user-data-dir=\(folder)/profile", "--enable-logging=stderr", "--v=0"]
                              + arguments + ["file://" + page],
                              environment: ["HOME": folder, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
    }

    /// The console lines Chromium logged: a blocked load, a script, an error would all show here.
    static func consoleLines(_ log: String) -> [Substring] {
        log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
    }

    @Test("report measures --format html prints to PDF, renders the title, chart, tables and definitions, with a clean console")
    func measuresInChromium() throws {
        let database = try TerminalJourneyTests.generatedDatabase(cases: 400, today: Self.today)
        defer { try? FileManager.default.removeItem(atPath: database.folder) }
        let config = database.folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/ehcdesk", withIntermediateDirectories: true)
        try "[organisation]\nname = \"Northshire & O'Neill <Council>\"\n[ui]\nnationalPercent = 46.4\n"
            .write(toFile: config + "/ehcdesk/config.toml", atomically: true, encoding: .utf8)
        let period = ["--from", "2025-11-01", "--to", "2026-10-31", "--db", database.path, "--today", Self.today]
        let html = try runEhcdesk(["report", "measures", "--format", "html"] + period, environment: ["XDG_CONFIG_HOME": config])
        #expect(html.code == 0, "\(html.err)")
        let page = database.folder + "/measures.html"
        try html.out.write(toFile: page, atomically: true, encoding: .utf8)
        let json = try runEhcdesk(["report", "measures", "--format", "json"] + period, environment: ["XDG_CONFIG_HOME": config])
        let measures = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let values = Dictionary(((measures["measures"] as? [[String: Any]]) ?? []).compactMap { measure in
            (measure["id"] as? String).map { ($0, (measure["value"] as? NSNumber)?.doubleValue ?? -1) }
        }, uniquingKeysWith: { first, _ in first })

        // Printed to PDF: a real document of a few A4 pages.
        let pdf = database.folder + "/measures.pdf"
        let printed = try Self.chromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)"], page: page, folder: database.folder)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.count > 10_000, "\(printed.err.suffix(2000))")
        #expect(bytes.starts(with: Data("%PDF".utf8)))
        #expect(Self.consoleLines(printed.err).isEmpty, "\(Self.consoleLines(printed.err))")

        // The DOM the browser built: the authority's name as text, never markup; every measure and definition.
        let dom = try Self.chromium(["--dump-dom"], page: page, folder: database.folder)
        #expect(dom.code == 0)
        #expect(dom.out.contains("<h1>SEND measures, 2025-11-01 to 2026-10-31 · Northshire &amp; O'Neill &lt;Council&gt;</h1>"))
        #expect(!dom.out.contains("<Council>"))
        #expect(dom.out.contains("<svg"))
        #expect(dom.out.contains("national 46.4%"))
        #expect(dom.out.contains("New EHC plans issued"))
        #expect(dom.out.contains("New EHC plans issued: within 20 weeks (plans.within20Weeks): Of those, issued by the final-plan deadline"))
        #expect(Self.consoleLines(dom.err).isEmpty, "\(Self.consoleLines(dom.err))")
        // The chart's months add up to the catalogue's plans excluding exceptions.
        let issued = dom.out.components(separatedBy: "data-issued=\"").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(issued.count == 12)
        #expect(Double(issued.reduce(0, +)) == values["plans.issuedExcludingExceptions"])
        #expect(issued.reduce(0, +) > 0)
    }

    @Test("the console check catches a page that loads from the network or runs a script")
    func consoleCheckCanFail() throws {
        let folder = NSTemporaryDirectory() + "ehcdesk-browser-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/bad.html"
        try """
            <!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"/></head>
            <body><img src="http://example.invalid/a.png"/><script>console.error("boom")</script></body></html>
            """.write(toFile: page, atomically: true, encoding: .utf8)
        let dom = try Self.chromium(["--dump-dom"], page: page, folder: folder)
        #expect(Self.consoleLines(dom.err).count >= 2, "\(dom.err.suffix(2000))")
    }
}
