import EHCCore
import EHCStore
import Foundation

/// `ehcdesk bench --sessions 20`: a team on one caseload. The other screens are real ehcdesk
/// processes in a private tmux server, each ticking (reading for others' changes) every second as
/// a person's would; this process is one more screen, measured as the solo bench measures it.
///
/// Reports `team<N>_session_peak_rss` (the largest peak of the other screens), every
/// `team<N>_key_*` figure of the solo bench while they idle, and `team<N>_save_p99` (one save of a
/// case through the store) while 5 processes save other cases as fast as they can, beside
/// `team<N>_sqlite3_update_p99`: the same update by the `sqlite3` tool in the same conditions.
struct TeamBench {
    var bench: Bench
    let sessions: Int

    func run() throws {
        var bench = bench
        bench.prefix = "team\(sessions)_"
        let path = bench.folder + "/team-\(bench.cases).sqlite"
        SafeFile.removeDatabase(at: path)
        let store = try CaseStore.open(path: path, access: .create)
        _ = try Caseload.generate(into: store, cases: bench.cases, seed: 1, today: bench.today, user: "bench")
        let socket = "ehcdesk-bench-\(getpid())"
        defer { _ = try? Self.tmux(socket, ["kill-server"]) }
        let binary = CommandLine.arguments[0]
        for index in 1..<sessions {
            let command = "\(binary) --db \(path) --today \(bench.today) --user 'Screen \(index)'"
            let arguments = ["new-session", "-d", "-s", "s\(index)", "-x", "160", "-y", "48",
                             "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color", command]
            _ = try Self.tmux(socket, index == 1 ? ["-f", "/dev/null"] + arguments : arguments)
        }
        // Every screen up and showing its caseload.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let loaded = try (1..<sessions).filter { try Self.tmux(socket, ["capture-pane", "-p", "-t", "s\($0)"]).contains("cases") }
            if loaded.count == sessions - 1 { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let pids = try Self.tmux(socket, ["list-panes", "-a", "-F", "#{pane_pid}"]).split(separator: "\n").compactMap { pid_t($0) }
        Thread.sleep(forTimeInterval: 2)
        let peaks = pids.compactMap(Self.peakResidentMegabytes)
        bench.report("session_peak_rss", peaks.max() ?? 0, "MB")
        bench.report("screens_open", Double(peaks.count + 1), "screens")
        try bench.measureScreen(path: path)
        try measureSaves(bench, store: store, path: path)
    }

    /// 200 saves of one case through the store while 5 other processes save other cases.
    private func measureSaves(_ bench: Bench, store: CaseStore, path: String) throws {
        let ids = Array(try store.mapCases { $0.prefix(7).map(\.id) }.prefix(7))
        guard ids.count == 7 else { return }
        let writers = try ids.prefix(5).map { id -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = ["edit", id, "--caseworker", "Busy", "--repeat", "1000000", "--db", path, "--user", "writer"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        defer { writers.forEach { $0.terminate(); $0.waitUntilExit() } }
        Thread.sleep(forTimeInterval: 1)
        var samples: [Double] = []
        for round in 0..<200 {
            guard let (ehcCase, version) = try store.fetchCase(id: ids[5]) else { return }
            var edited = ehcCase
            edited.caseworker = "Measured \(round)"
            samples.append(try Bench.time { try store.update(edited, expectedVersion: version, by: "bench", summary: "bench") }.1 * 1000)
        }
        bench.report("save_p50", Bench.percentile(samples.sorted(), 0.5), "ms")
        bench.report("save_p99", Bench.percentile(samples.sorted(), 0.99), "ms")
        var sqlite: [Double] = []
        for round in 0..<40 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3", "-cmd", ".timeout 10000", path,
                                 "UPDATE cases SET caseworker = 'sqlite3 \(round)' WHERE id = '\(ids[6])'"]
            process.standardOutput = FileHandle.nullDevice
            let (_, seconds) = try Bench.time {
                try process.run()
                process.waitUntilExit()
            }
            if process.terminationStatus == 0 { sqlite.append(seconds * 1000) }
        }
        if !sqlite.isEmpty { bench.report("sqlite3_update_p99", Bench.percentile(sqlite.sorted(), 0.99), "ms") }
    }

    /// The peak resident memory of another process (VmHWM in /proc), in MB.
    static func peakResidentMegabytes(_ pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kilobytes / 1024
    }

    /// Runs tmux on the bench's own server and returns what it printed. Spawned and waited for by
    /// hand: Foundation's Process misses the exit of a tmux client whose server lives on.
    @discardableResult
    static func tmux(_ socket: String, _ arguments: [String]) throws -> String {
        let global = arguments.first == "-f" ? Array(arguments.prefix(2)) : []
        let output = NSTemporaryDirectory() + "ehcdesk-bench-tmux-\(getpid())"
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        let argv = (["/usr/bin/env", "tmux", "-L", socket] + global + Array(arguments.dropFirst(global.count))).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ) == 0 else {
            throw CommandFailure(description: "ehcdesk bench: cannot run tmux")
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }
}
