/// The size of the terminal in cells; any size down to 0×0 is valid and must draw.
///
/// ```swift
/// let size = TerminalSize(width: 80, height: 24)
/// ```
public struct TerminalSize: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var description: String { "\(width)×\(height)" }
}
