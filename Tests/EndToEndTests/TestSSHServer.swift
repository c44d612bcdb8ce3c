import Foundation
import Testing

/// A real OpenSSH server on 127.0.0.1 for one test, serving a service account made for it, as
/// docs/team.md sets one up: the account owns the team database, ehcdesk is installed where the
/// account can run it, and `team add` writes each member's forced command into its
/// `authorized_keys`. Needs root (CI runs as root) and Debian's `openssh-server`.
///
/// ```swift
/// let server = try TestSSHServer()
/// try server.admin(["team", "add", "alice", "--role", "caseworker", "--key", server.newKey("alice")])
/// let result = try server.ssh(as: "alice", "overdue")   // through sshd, the forced command and the session
/// ```
final class TestSSHServer {
    let folder: String
    let account: String
    let port: Int
    let database: String

    /// The installed binary the forced command names (the build folder may not be the account's to read).
    var binary: String { folder + "/bin/ehcdesk" }
    var home: String { folder + "/home" }

    init(cases: Int = 200) throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else {
            throw TmuxError(message: "the team-over-SSH tests need root and /usr/sbin/sshd (openssh-server); .ci/run installs it")
        }
        folder = "/tmp/ehcdesk-ssh-" + UUID().uuidString.prefix(8).lowercased()
        account = "ehcd" + UUID().uuidString.prefix(8).lowercased()
        port = try Self.freePort()
        database = folder + "/srv/caseload.sqlite"
        let manager = FileManager.default
        for sub in ["", "/home", "/bin", "/srv", "/keys"] {
            try manager.createDirectory(atPath: folder + sub, withIntermediateDirectories: true)
        }
        chmod(folder, 0o755)
        try root(["/usr/sbin/useradd", "-M", "-d", home, "-s", "/bin/sh", account])
        // Not locked ("!"): sshd without PAM refuses a locked account even its keys.
        try root(["/usr/sbin/usermod", "-p", "*", account])
        try root(["/bin/chown", account, home, folder + "/srv"])
        chmod(home, 0o700)
        chmod(folder + "/srv", 0o700)
        try Self.copyClosingOnExec(ehcdeskBinary(), to: binary)
        try root(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder + "/hostkey"])
        try manager.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(folder)/hostkey
            PidFile \(folder)/sshd.pid
            AuthorizedKeysFile \(home)/.ssh/authorized_keys
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            AllowUsers \(account)
            PermitUserEnvironment no
            SetEnv EHCDESK_TODAY=2026-11-24
            """
        try Data((config + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/sshd_config"))
        // sshd puts itself in the background (its pid in the pid file), so no child of this test
        // lives on; deinit ends it by that pid.
        try root(["/usr/sbin/sshd", "-f", folder + "/sshd_config"])
        try admin(["generate", "--cases", String(cases), "--db", database])
        try admin(["team", "init", "--db", database])
        try waitForPort()
    }

    /// Copies the binary through a descriptor opened close-on-exec. `FileManager.copyItem` leaves
    /// its descriptor open across a `fork` by another test's thread, and running the copy then
    /// fails with "Text file busy" while that child still holds it open for writing.
    static func copyClosingOnExec(_ source: String, to destination: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let descriptor = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        var offset = 0
        let complete = bytes.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
        close(descriptor)
        guard complete else { throw CocoaError(.fileWriteUnknown) }
        chmod(destination, 0o755)
    }

    deinit {
        if let text = try? String(contentsOfFile: folder + "/sshd.pid", encoding: .utf8),
           let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGTERM)
        }
        // The account goes with the test: its last session may still be ending, so its processes
        // are ended first and userdel is tried until it succeeds.
        for _ in 0..<40 {
            _ = try? runProgram(["/usr/bin/pkill", "-KILL", "-u", account], environment: [:])
            if (try? runProgram(["/usr/sbin/userdel", account], environment: [:]))?.code == 0 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if (try? runProgram(["/usr/bin/getent", "passwd", account], environment: [:]))?.code == 0 {
            Issue.record("the test account \(account) could not be removed")
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs ehcdesk as the service account (what an administrator types on the server); fails on non-zero.
    @discardableResult
    func admin(_ arguments: [String], expecting code: Int32 = 0,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> (code: Int32, out: String, err: String) {
        let result = try runProgram(["/usr/sbin/runuser", "-u", account, "--", binary] + arguments, environment: [
            "HOME": home, "EHCDESK_TODAY": "2026-11-24", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "USER": account,
        ])
        #expect(result.code == code, "ehcdesk \(arguments.joined(separator: " ")): \(result.err)", sourceLocation: sourceLocation)
        return result
    }

    /// A new key pair for a member (kept by root, as on their laptop); returns the public key's path.
    func newKey(_ name: String) throws -> String {
        let path = folder + "/keys/" + name
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: path + ".pub")
        try root(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@laptop", "-f", path])
        chmod(path + ".pub", 0o644)
        return path + ".pub"
    }

    /// The client options that make a test's `ssh` deterministic: only this key, no prompts, no known_hosts.
    func sshCommand(key: String, terminal: Bool = false) -> [String] {
        ["/usr/bin/ssh", "-p", String(port), "-i", folder + "/keys/" + key, "-o", "IdentitiesOnly=yes",
         "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "LogLevel=ERROR"] + (terminal ? ["-t"] : ["-T"]) + ["\(account)@127.0.0.1"]
    }

    /// `ssh -i KEY account@127.0.0.1 COMMAND…` (the words joined as a person types them).
    func ssh(as key: String, _ words: String...) throws -> (code: Int32, out: String, err: String) {
        try runProgram(sshCommand(key: key) + (words.isEmpty ? [] : [words.joined(separator: " ")]),
                       environment: ["PATH": "/usr/bin:/bin", "HOME": folder])
    }

    private func root(_ command: [String]) throws {
        let result = try runProgram(command, environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
        guard result.code == 0 else { throw TmuxError(message: "\(command.joined(separator: " ")): \(result.err)") }
    }

    private func waitForPort() throws {
        for _ in 0..<100 {
            if (try? ssh(as: "none").err.contains("Connection refused")) == false { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError(message: "sshd did not start listening on 127.0.0.1:\(port)")
    }

    /// A port nobody listens on now: bound to 0 and let go.
    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw TmuxError(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
