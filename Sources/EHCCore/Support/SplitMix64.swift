/// A tiny, fully specified random number generator (SplitMix64) for reproducible synthetic data.
///
/// The standard library's generators and its `random(in:using:)` algorithms may change between
/// Swift versions; this one is a dozen lines of integer arithmetic, so the same seed gives the
/// same caseload and the same audit sample on every machine for ever. It is not for anything secret.
///
/// ```swift
/// var random = SplitMix64(seed: 42)
/// let days = random.int(in: 21...42)
/// if random.chance(percent: 22) { /* refused */ }
/// ```
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for item `index` of the stream named by `seed`, so that item
    /// `index` can be made without making the items before it.
    public init(seed: UInt64, index: Int) {
        state = SplitMix64.mix(SplitMix64.mix(seed) &+ UInt64(truncatingIfNeeded: index) &* SplitMix64.golden)
    }

    public mutating func next() -> UInt64 {
        state &+= SplitMix64.golden
        return SplitMix64.mix(state)
    }

    /// A whole number in `range`, by multiply-high (the bias, under 2⁻⁵⁰ for our ranges, is irrelevant here).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// True with the given probability in percent.
    public mutating func chance(percent: Int) -> Bool {
        int(in: 0...99) < percent
    }

    /// One element of a non-empty array.
    public mutating func element<Element>(of array: [Element]) -> Element {
        array[int(in: 0...(array.count - 1))]
    }

    /// The index of a weight, chosen in proportion to the weights.
    public mutating func weightedIndex(_ weights: [Int]) -> Int {
        var ticket = int(in: 0...(weights.reduce(0, +) - 1))
        for (index, weight) in weights.enumerated() {
            if ticket < weight { return index }
            ticket -= weight
        }
        return weights.count - 1
    }

    /// The array in an order decided by this stream (Fisher–Yates).
    public mutating func shuffled<Element>(_ array: [Element]) -> [Element] {
        var result = array
        var index = result.count - 1
        while index > 0 {
            result.swapAt(index, int(in: 0...index))
            index -= 1
        }
        return result
    }

    private static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
