#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folded search keys of a list's rows in one byte buffer, so a filter word is one scan with
/// `memchr` and `memcmp` over the whole list, not one string search per row: what keeps a key
/// typed into `/` within a frame at 100,000 cases, on every list screen.
///
/// ```swift
/// let buffer = SearchBuffer(keys: rows.map { CaseSummary.searchKey(of: [$0.id, $0.childName]) })
/// buffer.matches(words: ["ahmed"])   // one flag per row
/// ```
struct SearchBuffer: Sendable, Hashable {
    /// Every key, each followed by a 0 byte.
    private let bytes: [UInt8]
    /// Where each key starts in ``bytes``, plus the end.
    private let starts: [Int]

    init(keys: some Sequence<String>) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for key in keys {
            starts.append(bytes.count)
            bytes.append(contentsOf: key.utf8)
            bytes.append(0)
        }
        starts.append(bytes.count)
        self.bytes = bytes
        self.starts = starts
    }

    var count: Int { starts.count - 1 }

    /// One flag per row: true when every word occurs in its key (all true for no words).
    func matches(words: [Substring]) -> [Bool] {
        guard let first = words.first else { return Array(repeating: true, count: count) }
        var matched = occurrences(of: first)
        for word in words.dropFirst() {
            let more = occurrences(of: word)
            for index in matched.indices where matched[index] && !more[index] { matched[index] = false }
        }
        return matched
    }

    /// The rows whose key contains `word`: every hit found in the buffer, then a jump to the next key.
    private func occurrences(of word: Substring) -> [Bool] {
        var found = Array(repeating: false, count: count)
        let needle = Array(word.utf8)
        guard !needle.isEmpty else { return found.map { _ in true } }
        bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needleBytes in
                var position = 0
                var keyIndex = 0
                while position < haystack.count {
                    guard let offset = Self.find(needleBytes, in: haystack, from: position) else { break }
                    // Keys are in order: walk forward to the key holding the hit (hits only move forward).
                    while starts[keyIndex + 1] <= offset { keyIndex += 1 }
                    found[keyIndex] = true
                    position = starts[keyIndex + 1]
                }
            }
        }
        return found
    }

    /// The first offset at or after `start` where `needle` occurs: `memchr` for its first byte, then `memcmp`.
    private static func find(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return nil }
        let first = Int32(needle[0])
        var position = start
        while haystack.count - position >= needle.count {
            guard let hit = memchr(base + position, first, haystack.count - position - needle.count + 1) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(hit, needleBase, needle.count) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }
}
