import Foundation

/// Results of parts of a job done on concurrent workers, put back in part order.
///
/// Each part's slot is written by exactly one worker; ``joined()`` reads them once all are done
/// and throws the first part's error, if any failed.
///
/// ```swift
/// let results = ChunkResults<Int>()
/// results.store(.success([1, 2]), at: 1); results.store(.success([0]), at: 0)
/// try results.joined()   // [0, 1, 2]
/// ```
final class ChunkResults<Value: Sendable>: @unchecked Sendable {
    private var slots: [Int: Result<[Value], any Error>] = [:]
    private let lock = NSLock()

    func store(_ result: Result<[Value], any Error>, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func joined() throws -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.sorted { $0.key < $1.key }.flatMap { try $0.value.get() }
    }
}
