import Foundation

/// Writes an export's bytes on a thread of its own, a few pieces behind the thread that makes them.
///
/// An export is three jobs: reading a chunk of cases, turning it into bytes (on every core), and
/// copying those bytes into the file, which for half a gigabyte of JSON is a sixth of the work. Done
/// in turn, the cores wait while the file is written; here the writing thread takes each piece in
/// order while the next chunk is read and made. At most ``depth`` pieces wait, so memory stays
/// bounded, and a failure of the sink (a full disk, a closed pipe) stops the maker at its next piece.
///
/// ```swift
/// try WriteBehind.run(to: { try file.write(contentsOf: $0) }) { write in
///     for piece in pieces { try write(piece) }
/// }
/// ```
public enum WriteBehind {
    /// Pieces that may wait for the writer.
    public static let depth = 4

    /// Runs `body`, whose `write` hands each piece to `sink` on the writing thread, in order; returns
    /// once every piece is written, and throws what `body` or `sink` threw.
    public static func run(to sink: @escaping @Sendable ([UInt8]) throws -> Void,
                           _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        let queue = PieceQueue()
        let writer = Thread {
            while let piece = queue.take() {
                do {
                    try sink(piece)
                } catch {
                    queue.stop(error)
                    return
                }
            }
            queue.stop(nil)
        }
        writer.start()
        do {
            try body { piece in try queue.put(piece) }
        } catch {
            queue.close(discarding: true)
            _ = try? queue.waitUntilStopped()
            throw error
        }
        queue.close(discarding: false)
        try queue.waitUntilStopped()
    }
}

/// The pieces between the maker and the writer: a lock, a condition and at most ``WriteBehind/depth`` pieces.
private final class PieceQueue: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pieces: [[UInt8]] = []
    private var closed = false
    private var stopped = false
    private var failure: Error?

    /// Adds a piece, waiting while the queue is full; throws the writer's failure once it has stopped.
    func put(_ piece: [UInt8]) throws {
        condition.lock()
        defer { condition.unlock() }
        while pieces.count >= WriteBehind.depth, !stopped { condition.wait() }
        if let failure { throw failure }
        pieces.append(piece)
        condition.broadcast()
    }

    /// The next piece in order, or `nil` once the maker has closed the queue and it is empty.
    func take() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while pieces.isEmpty, !closed { condition.wait() }
        guard !pieces.isEmpty else { return nil }
        condition.broadcast()
        return pieces.removeFirst()
    }

    /// No more pieces will come; with `discarding`, those waiting are dropped (the maker failed).
    func close(discarding: Bool) {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        if discarding { pieces.removeAll() }
        condition.broadcast()
    }

    /// The writer is done: every piece written, or stopped by `error`.
    func stop(_ error: Error?) {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        failure = error
        pieces.removeAll()
        condition.broadcast()
    }

    func waitUntilStopped() throws {
        condition.lock()
        defer { condition.unlock() }
        while !stopped { condition.wait() }
        if let failure { throw failure }
    }
}
