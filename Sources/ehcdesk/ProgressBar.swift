import Foundation

/// A one-line progress bar on stderr for long operations, drawn only when stderr is a terminal.
///
/// Piped or redirected output gets nothing, so scripts and logs stay clean. The bar is redrawn
/// only when the whole percentage changes, and cleared when done.
///
/// ```swift
/// let bar = ProgressBar(title: "importing", enabled: cases.count >= 500)
/// bar.show(done: 250, total: 1000)   // importing [#####               ]  25%
/// bar.finish()
/// ```
final class ProgressBar {
    private let title: String
    private let enabled: Bool
    private var shownPercent = -1

    init(title: String, enabled: Bool = true) {
        self.title = title
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func show(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        guard percent != shownPercent else { return }
        shownPercent = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r\(title) [\(bar)] \(String(format: "%3d", percent))%".utf8))
    }

    func finish() {
        guard enabled, shownPercent >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
