import Foundation

/// The bytes of one import file, handed out a block at a time so a national file is never held
/// whole; bytes already in memory (a test, a fuzz round, `InterchangeDocument.read`) are one block.
///
/// Only a regular file is opened: a FIFO would hang the import and a device never ends.
///
/// ```swift
/// var blocks = ByteBlocks(path: "export/cases.csv")
/// while let block = try blocks?.next() { print(block.count) }
/// ```
struct ByteBlocks {
    /// How much a file read from disk gives at a time.
    static let fileBlockSize = 1 << 20

    let blockSize: Int
    private let handle: FileHandle?
    private var memory: [UInt8]?
    private var memoryOffset = 0
    /// The size of the whole file, for progress.
    let size: Int

    /// The regular file at `path`, or `nil` when there is none or it cannot be opened.
    init?(path: String) {
        guard case let .regular(size, _) = SafeFile.kind(at: path), let handle = FileHandle(forReadingAtPath: path) else {
            return nil
        }
        self.handle = handle
        self.size = Int(size)
        memory = nil
        blockSize = Self.fileBlockSize
    }

    /// Bytes in memory, handed out `blockSize` at a time (tests use small blocks to try every
    /// place a block can end).
    init(bytes: [UInt8], blockSize: Int = .max) {
        handle = nil
        memory = bytes
        size = bytes.count
        self.blockSize = max(1, blockSize)
    }

    /// The next block, or `nil` at the end of the file.
    mutating func next() throws -> [UInt8]? {
        guard let handle else {
            guard let bytes = memory, !bytes.isEmpty else { return nil }
            let cut = bytes.count - memoryOffset <= blockSize ? bytes.count : memoryOffset + blockSize
            defer { memoryOffset = cut; if cut == bytes.count { memory = nil } }
            return memoryOffset == 0 && cut == bytes.count ? bytes : Array(bytes[memoryOffset..<cut])
        }
        guard let data = try handle.read(upToCount: blockSize), !data.isEmpty else { return nil }
        return Array(data)
    }
}
