import EHCCore
import EHCStore
import EHCTUI
import Foundation

/// Keeps the screen's view and mine/team choice between runs in `$XDG_CONFIG_HOME/ehcdesk/state.toml`.
///
/// A missing or unreadable file means the defaults; a failed write never stops the screen.
///
/// ```swift
/// let path = ScreenPreferencesFile.defaultPath(environment: ProcessInfo.processInfo.environment)
/// try ScreenPreferencesFile.save(ScreenPreferences(view: .overdue), path: path)
/// ScreenPreferencesFile.load(path: path).view   // .overdue
/// ```
enum ScreenPreferencesFile {
    static func defaultPath(environment: [String: String]) -> String {
        let config = (EffectiveSettings.defaultConfigPath(environment: environment) as NSString).deletingLastPathComponent
        return config + "/state.toml"
    }

    static func load(path: String) -> ScreenPreferences {
        var preferences = ScreenPreferences()
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return preferences }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            switch parts[0] {
            case "view": preferences.view = TriageView(rawValue: value) ?? preferences.view
            case "mineOnly": preferences.mineOnly = value == "true"
            case "caseworker": preferences.caseworker = value.isEmpty ? nil : value
            default: continue
            }
        }
        return preferences
    }

    static func save(_ preferences: ScreenPreferences, path: String) throws {
        let caseworker = (preferences.caseworker ?? "").replacingOccurrences(of: "\"", with: "")
        let text = """
            # ehcdesk screen state, rewritten when you change view or mine/team
            view = "\(preferences.view.rawValue)"
            mineOnly = \(preferences.mineOnly)
            caseworker = "\(caseworker)"

            """
        try SafeFile.writePrivate(Data(text.utf8), to: path)
    }
}
