import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `ehcdesk generate`: a synthetic, deterministic caseload for demos, tests and benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write N synthetic cases into an empty database (same seed and --today, same data).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many cases.") var cases: Int = 3000
    @Option(help: "The seed of the generator.") var seed: UInt64 = 1
    @Flag(help: "Plant a deliberate data-quality fault in one case in 50, for `check` to find.") var faults = false

    func validate() throws {
        guard (1...1_000_000).contains(cases) else { throw ValidationError("--cases must be between 1 and 1000000") }
    }

    func run() throws {
        let store = try global.openStore(.create)
        let start = Date()
        let count = try Caseload.generate(into: store, cases: cases, seed: seed, today: try global.resolvedToday(),
                                          faults: faults, user: global.actingUser)
        let seconds = Date().timeIntervalSince(start)
        print("generated \(count) cases into \(store.path) in \(String(format: "%.2f", seconds)) s")
    }
}

/// Shared by `generate` and `demo`.
enum Caseload {
    /// Writes a generated caseload into an empty database; refuses a database that already holds cases.
    static func generate(into store: CaseStore, cases: Int, seed: UInt64, today: CalendarDate, faults: Bool = false,
                         user: String) throws -> Int {
        let existing = try store.caseCount()
        guard existing == 0 else {
            throw CommandFailure(description: "ehcdesk: \(store.path) already holds \(existing) cases; generate into a new database (--db)")
        }
        let generator = CaseloadGenerator(seed: seed, today: today, faults: faults)
        return try store.insertGenerated(
            (0..<cases).lazy.map(generator.makeCase), by: user,
            summary: "generated \(cases) synthetic cases (seed \(seed), today \(today)\(faults ? ", with planted faults" : ""))")
    }
}
