import Foundation

/// Results of chunks transformed on concurrent workers, put back in chunk order.
///
/// Each chunk's slot is written by exactly one worker; ``joined()`` reads them once all are done.
///
/// ```swift
/// let results = ChunkResults<Int>()
/// results.store([1, 2], at: 1); results.store([0], at: 0)
/// results.joined()   // [0, 1, 2]
/// ```
final class ChunkResults<Result: Sendable>: @unchecked Sendable {
    private var slots: [Int: [Result]] = [:]
    private let lock = NSLock()

    func store(_ results: [Result], at index: Int) {
        lock.lock()
        slots[index] = results
        lock.unlock()
    }

    func joined() -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        return slots.keys.sorted().flatMap { slots[$0]! }
    }
}
