import EHCCore
import Foundation

/// The audit templates a user can choose from: the built-in EHC plan checklist plus every
/// `*.toml` in `$XDG_CONFIG_HOME/ehcdesk/audit-templates/`.
///
/// A user's template with the built-in id replaces it. A malformed file is refused with its line.
///
/// ```swift
/// let templates = try AuditTemplateLibrary.load(environment: ProcessInfo.processInfo.environment)
/// templates.first?.id   // "ehc-plan"
/// ```
public enum AuditTemplateLibrary {
    /// `$XDG_CONFIG_HOME/ehcdesk/audit-templates`, else `~/.config/ehcdesk/audit-templates`.
    public static func folder(environment: [String: String]) -> String {
        (EffectiveSettings.defaultConfigPath(environment: environment) as NSString).deletingLastPathComponent
            + "/audit-templates"
    }

    public static func load(environment: [String: String]) throws -> [AuditTemplate] {
        var templates = [try AuditTemplateFile.parse(DefaultAuditTemplate.text, file: DefaultAuditTemplate.name)]
        let folder = folder(environment: environment)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".toml") }.sorted()
        for file in files {
            let template = try AuditTemplateFile.load(path: folder + "/" + file)
            templates.removeAll { $0.id == template.id }
            templates.append(template)
        }
        return templates
    }
}
