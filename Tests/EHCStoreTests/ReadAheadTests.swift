import EHCCore
import Foundation
import Testing
@testable import EHCStore

/// A source of `count` cases that counts how many it has read and can fail after `failAfter`.
private final class CountingSource: ImportSource, @unchecked Sendable {
    let file = "counting.json"
    var givenLists: Set<CaseList> { [] }
    let count: Int
    let failAfter: Int?
    private let lock = NSLock()
    private var readSoFar = 0

    struct ReadingFailed: Error, Equatable {}

    init(count: Int, failAfter: Int? = nil) {
        self.count = count
        self.failAfter = failAfter
    }

    var read: Int { lock.withLock { readSoFar } }

    func forEachCase(_ body: (ImportedCase) throws -> Void) throws {
        for index in 0..<count {
            if index == failAfter { throw ReadingFailed() }
            lock.withLock { readSoFar += 1 }
            try body(ImportedCase(index: index, ehcCase: sampleCase(id: "EHC-2025-\(index)"), audits: [], version: nil,
                                  fractionRead: Double(index + 1) / Double(count), places: ImportPlaces(file: file)))
        }
    }
}

@Suite("Reading an import ahead of the writer")
struct ReadAheadTests {
    struct WritingFailed: Error, Equatable {}

    @Test("every case arrives once, in file order, prepared on the reading thread")
    func order() throws {
        let source = CountingSource(count: 2_000)
        var seen: [Int] = []
        try ReadAhead.forEach(source, prepare: { item in (item.index, Thread.isMainThread) }) { index, onMain in
            #expect(!onMain)
            seen.append(index)
        }
        #expect(seen == Array(0..<2_000))
    }

    @Test("a writer that fails stops the reader within the cases in flight, and its error is the one thrown")
    func writerFails() throws {
        let source = CountingSource(count: 100_000)
        var taken = 0
        #expect(throws: WritingFailed.self) {
            try ReadAhead.forEach(source, prepare: { $0.index }) { _ in
                taken += 1
                if taken == 300 { throw WritingFailed() }
            }
        }
        #expect(taken == 300)
        // Stopped: no more than the queue's batches ahead of the writer, never the whole file.
        #expect(source.read <= 300 + ReadAhead.batch * (ReadAhead.depth + 2))
    }

    @Test("a reader that fails hands on every case before the failure, then its error")
    func readerFails() throws {
        let source = CountingSource(count: 5_000, failAfter: 1_000)
        var taken: [Int] = []
        #expect(throws: CountingSource.ReadingFailed.self) {
            try ReadAhead.forEach(source, prepare: { $0.index }) { taken.append($0) }
        }
        #expect(taken == Array(0..<1_000))
    }

    @Test("an empty source ends at once")
    func empty() throws {
        var taken = 0
        try ReadAhead.forEach(CountingSource(count: 0), prepare: { $0.index }) { _ in taken += 1 }
        #expect(taken == 0)
    }
}
