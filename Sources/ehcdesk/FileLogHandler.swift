import Foundation
import Logging

/// A swift-log handler that appends to a private file: diagnostics never reach the screen the TUI owns.
///
/// The log holds what ehcdesk did (command, timings, counts, errors), never a child's name or
/// other personal data.
///
/// ```swift
/// LoggingSystem.bootstrap { label in FileLogHandler(label: label, path: "/tmp/ehcdesk.log") }
/// ```
struct FileLogHandler: LogHandler {
    let label: String
    let path: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// `$XDG_STATE_HOME/ehcdesk/ehcdesk.log`, else `~/.local/state/ehcdesk/ehcdesk.log`.
    static func defaultPath(environment: [String: String]) -> String {
        if let stateHome = environment["XDG_STATE_HOME"], stateHome.hasPrefix("/") {
            return stateHome + "/ehcdesk/ehcdesk.log"
        }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/ehcdesk/ehcdesk.log"
    }

    func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let line = Array("\(stamp) \(event.level) \(label): \(event.message)\n".utf8)
        let descriptor = Self.openForAppending(path)
        guard descriptor >= 0 else { return }
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    /// Opens the log for appending, creating its folder (0700) and the file (0600) when missing;
    /// a negative descriptor when it cannot. Shared with the stderr redirection of the screen.
    static func openForAppending(_ path: String) -> Int32 {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        return open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    }
}
