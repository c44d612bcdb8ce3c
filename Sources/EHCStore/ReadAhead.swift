import Foundation

/// Reads an import's source on a thread of its own, a few hundred cases ahead of the writer.
///
/// An import is two jobs of about the same size: reading the file (parsing, building each case,
/// the statutory check, which need nothing of the database) and writing it (SQLite, the audit
/// trail). Done one after the other they leave one of the machine's cores idle; here the reader
/// fills batches of `prepare`d cases into a queue of at most ``depth`` while the caller's thread
/// takes them in file order. Memory stays bounded (``batch`` × ``depth`` cases in flight), and
/// whatever is thrown on either side stops both: a failure of `body` stops the reader at its next
/// batch, and the reader's own failure (an ``ImportFailure`` naming every problem of the file) is
/// thrown once the cases before it have been handed on.
///
/// ```swift
/// try ReadAhead.forEach(source, prepare: { item in (item, check.findings(for: item.ehcCase, today: today)) }) { item, findings in
///     try write(item)
/// }
/// ```
enum ReadAhead {
    /// Cases per hand-over: enough that the lock is taken rarely, few enough to start writing at once.
    static let batch = 128
    /// Batches the reader may be ahead.
    static let depth = 8

    static func forEach<Prepared: Sendable>(
        _ source: some ImportSource, prepare: @escaping @Sendable (ImportedCase) -> Prepared,
        _ body: (Prepared) throws -> Void
    ) throws {
        let queue = HandOver<Prepared>()
        let reader = Thread {
            var pending: [Prepared] = []
            pending.reserveCapacity(batch)
            do {
                try source.forEachCase { item in
                    pending.append(prepare(item))
                    if pending.count == batch {
                        try queue.put(pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                if !pending.isEmpty { try queue.put(pending) }
                queue.finish(nil)
            } catch {
                // The cases read before the failure still go first (unless the writer is what stopped).
                if !pending.isEmpty, !(error is HandOver<Prepared>.Cancelled) { try? queue.put(pending) }
                queue.finish(error)
            }
        }
        // A SEN2 or JSON reader recurses a little per level of nesting; the default is the platform's smallest.
        reader.stackSize = 8 << 20
        reader.start()
        do {
            while let items = try queue.take() {
                for item in items { try body(item) }
                queue.recycle(items)
            }
        } catch {
            queue.cancel()
            queue.waitUntilFinished()
            throw error
        }
    }
}

/// The queue between the reader and the writer: a lock, a condition and a few batches.
private final class HandOver<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var batches: [[Item]] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    /// Batches the writer is done with, freed by the reader: freeing 100,000 cases is work too,
    /// and the reader has the lighter share.
    private var used: [[Item]] = []

    /// Thrown in the reader when the writer has stopped.
    struct Cancelled: Error {}

    /// Adds a batch, waiting while the queue is full; throws once the writer has stopped.
    func put(_ batch: [Item]) throws {
        condition.lock()
        while batches.count >= ReadAhead.depth, !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw Cancelled()
        }
        batches.append(batch)
        let garbage = used
        used.removeAll()
        condition.broadcast()
        condition.unlock()
        // The last reference to each used batch goes here, on this thread, outside the lock.
        _ = garbage
    }

    /// The writer is done with `batch`: the reader frees it at its next hand-over.
    func recycle(_ batch: [Item]) {
        condition.lock()
        defer { condition.unlock() }
        if !cancelled, !finished { used.append(batch) }
    }

    /// The reader is done: with nothing more to add, or with the error that stopped it.
    func finish(_ error: Error?) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// The next batch in order; `nil` when the reader is done; the reader's error once its batches are taken.
    func take() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, !finished { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// The writer has stopped: the reader stops at its next batch.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        batches.removeAll()
        condition.broadcast()
    }

    func waitUntilFinished() {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
    }
}
