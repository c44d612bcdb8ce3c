import EHCCore
import Foundation
import Testing
@testable import EHCStore

/// Issue 14, class 11: the streamed export writes exactly what the whole-document export wrote.
@Suite("Streamed export")
struct StreamedExportTests {
    let today = CalendarDate("2026-11-24")!

    func streamed(_ cases: [EHCCase], chunk: Int, versions: [String: Int] = [:]) throws -> String {
        var text = ""
        try InterchangeDocument.writeExport(
            calendar: StatutoryCalendar(), today: today, audits: [], versions: versions,
            chunks: { body in
                for start in stride(from: 0, to: cases.count, by: chunk) {
                    try body(Array(cases[start..<min(start + chunk, cases.count)]))
                }
            },
            write: { text += String(decoding: $0, as: UTF8.self) })
        return text
    }

    @Test("chunk by chunk equals the whole document, for 0, 1 and many cases and any chunk size", arguments: [1, 3, 1_024])
    func streamedEqualsWhole(chunk: Int) throws {
        let generator = CaseloadGenerator(seed: 5, today: today)
        let cases = (0..<40).map(generator.makeCase) + [sampleCase(id: "EHC-2099-00001")]
        let versions = Dictionary(uniqueKeysWithValues: cases.enumerated().map { ($0.element.id, $0.offset + 1) })
        for subset in [[], Array(cases.prefix(1)), cases] {
            let whole = InterchangeDocument.export(subset, calendar: StatutoryCalendar(), today: today, versions: versions)
                .serialized() + "\n"
            #expect(try streamed(subset, chunk: chunk, versions: versions) == whole, "\(subset.count) cases")
        }
        // And it reads back as the same cases.
        let back = try InterchangeDocument.read(Array(try streamed(cases, chunk: chunk).utf8), file: "x.json")
        #expect(back == cases)
    }
}
