/// Where the database lives when `--db` is not given, exactly as the interchange contract says.
///
/// ```swift
/// DatabaseLocation.defaultPath(environment: ["HOME": "/home/sam"])
/// // "/home/sam/.local/share/ehcdesk/caseload.sqlite"
/// ```
public enum DatabaseLocation {
    /// `$EHCDESK_DB`, else `$XDG_DATA_HOME/ehcdesk/caseload.sqlite`, else `~/.local/share/ehcdesk/caseload.sqlite`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let explicit = environment["EHCDESK_DB"], !explicit.isEmpty { return explicit }
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/ehcdesk/caseload.sqlite"
        }
        return (environment["HOME"] ?? ".") + "/.local/share/ehcdesk/caseload.sqlite"
    }
}
