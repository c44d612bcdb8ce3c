import EHCCore
import Foundation
import Testing
@testable import EHCStore

/// Issue 14: a bounded random-mutation fuzz of the JSON and CSV readers, run in every `swift test`
/// (seeded, so a failure is reproducible). Every mutated file must either read or be refused with
/// an ``ImportFailure`` naming places; whatever reads must survive the consistency check and the
/// deadline engine. A trap anywhere fails the whole run, so a crash here cannot go unseen.
@Suite("Fuzzing the import readers")
struct ReaderFuzzTests {
    static let today = CalendarDate("2026-11-24")!
    static let cases = (0..<12).map(CaseloadGenerator(seed: 3, today: today).makeCase) + [sampleCase()]

    /// Fragments that exercise the readers' edges: escapes, huge numbers, odd dates, unknown keys.
    static let dictionary: [[UInt8]] = [
        #"\u0000"#, #"\ud800"#, #"\uDC00\uD800"#, "\\", "\"", "{", "}", "[", "]", ",", ":", "1e999999",
        "100000000000000000000000", "-0", "\"9999-12-31\"", "\"0000-01-01\"", "\"2025-02-29\"", "null", "true",
        "\"transferYear\": 99999999999999999999", "\"x\": 1", "\u{FEFF}", "é", "\u{202E}", "\r\n", "'", "=cmd|' /C calc'!A0",
    ].map { Array($0.utf8) }

    static func mutate(_ bytes: [UInt8], random: inout SplitMix64) -> [UInt8] {
        var out = bytes
        for _ in 0..<random.int(in: 1...4) {
            guard !out.isEmpty else { out = dictionary[random.int(in: 0...(dictionary.count - 1))]; continue }
            let at = random.int(in: 0...(out.count - 1))
            switch random.int(in: 0...5) {
            case 0: out[at] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            case 1: out.remove(at: at)
            case 2: out.insert(contentsOf: dictionary[random.int(in: 0...(dictionary.count - 1))], at: at)
            case 3: out.removeSubrange(at..<min(out.count, at + random.int(in: 1...64)))
            case 4: out = Array(out.prefix(at))
            default:
                let end = min(out.count, at + random.int(in: 1...200))
                out.insert(contentsOf: out[at..<end], at: random.int(in: 0...(out.count - 1)))
            }
        }
        return out
    }

    /// What every successfully read case must survive.
    static func exercise(_ cases: [EHCCase]) {
        let calendar = StatutoryCalendar()
        for ehcCase in cases {
            _ = ConsistencyCheck().findings(for: ehcCase, today: today)
            _ = calendar.deadlines(for: ehcCase, today: today)
            _ = CaseSummary(ehcCase, calendar: calendar, today: today)
        }
    }

    @Test("2,000 mutated JSON files are read or refused with places, never a crash")
    func json() {
        let valid = Array(InterchangeDocument.export(Self.cases, calendar: StatutoryCalendar(), today: Self.today)
            .serialized().utf8)
        var random = SplitMix64(seed: 20261201)
        var refused = 0
        for _ in 0..<2_000 {
            let bytes = Self.mutate(valid, random: &random)
            do {
                Self.exercise(try InterchangeDocument.read(bytes, file: "fuzz.json"))
            } catch {
                refused += 1
                #expect(!error.problems.isEmpty)
                #expect(error.problems.allSatisfy { $0.file == "fuzz.json" && !$0.message.isEmpty })
            }
        }
        #expect(refused > 1_000, "most mutations should break the file; only \(refused) did")
    }

    @Test("2,000 mutated CSV folders are read or refused with places, never a crash, alike in any block size")
    func csv() throws {
        let files = try CaseCSV.export(Self.cases, calendar: StatutoryCalendar(), today: Self.today)
        var random = SplitMix64(seed: 20261202)
        var refused = 0
        for round in 0..<2_000 {
            let target = ["cases.csv", "advice.csv", "exceptions.csv", "reviews.csv"][round % 4]
            var mutated = files.mapValues { Array($0.utf8) }
            mutated[target] = Self.mutate(mutated[target] ?? [], random: &random)
            let blockSize = random.int(in: 1...700)
            func read(blockSize: Int) -> Result<ImportedCases, ImportFailure> {
                Result { () throws(ImportFailure) in
                    try CaseCSV.read(folder: "in", casesFile: "in/cases.csv", withSiblings: true, blockSize: blockSize) { path in
                        mutated[String(path.dropFirst(3))]
                    }
                }
            }
            // The streamed reader's blocks end anywhere; what it reads or refuses must not depend on where.
            let whole = read(blockSize: .max)
            let inBlocks = round % 3 == 0 ? read(blockSize: blockSize) : whole
            switch (whole, inBlocks) {
            case let (.success(first), .success(second)):
                #expect(first.cases == second.cases, "round \(round), blocks of \(blockSize)")
                Self.exercise(first.cases)
            case let (.failure(first), .failure(second)):
                refused += 1
                #expect(!first.problems.isEmpty)
                #expect(first.problems == second.problems, "round \(round), blocks of \(blockSize)")
            default:
                Issue.record("round \(round): read whole and in blocks of \(blockSize) disagree")
            }
        }
        #expect(refused > 500, "most mutations should break a file; only \(refused) did")
    }
}
