import Foundation
import Testing
@testable import EHCStore

/// The export's writing thread: every piece in order, and a failure on either side stops both.
@Suite("Writing behind the export")
struct WriteBehindTests {
    /// What a sink received, kept behind a lock (it runs on the writing thread).
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var pieces: [[UInt8]] = []
        func append(_ piece: [UInt8]) { lock.withLock { pieces.append(piece) } }
        var all: [[UInt8]] { lock.withLock { pieces } }
    }

    struct Full: Error, Equatable {}
    struct Broken: Error, Equatable {}

    @Test("every piece reaches the sink once, in the order it was made, before run returns")
    func inOrder() throws {
        let received = Received()
        let made = (0..<500).map { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
        try WriteBehind.run(to: { piece in
            if piece[0] % 7 == 0 { Thread.sleep(forTimeInterval: 0.0005) }   // a slow disk, now and then
            received.append(piece)
        }) { write in
            for piece in made { try write(piece) }
        }
        #expect(received.all == made)
    }

    @Test("a sink that fails (a full disk) stops the maker with its error, and nothing after it is written")
    func sinkFails() {
        let received = Received()
        var made = 0
        #expect(throws: Full.self) {
            try WriteBehind.run(to: { piece in
                if piece == [3] { throw Full() }
                received.append(piece)
            }) { write in
                for index in 0..<10_000 {
                    try write([UInt8(truncatingIfNeeded: index)])
                    made += 1
                }
            }
        }
        #expect(received.all == [[0], [1], [2]])
        #expect(made < 10_000, "the maker stopped at the writer's failure, within a few pieces")
    }

    @Test("a maker that fails stops the writer and its error is the one thrown")
    func makerFails() {
        let received = Received()
        #expect(throws: Broken.self) {
            try WriteBehind.run(to: { received.append($0) }) { write in
                try write([1])
                throw Broken()
            }
        }
        #expect(received.all.count <= 1)
    }
}
