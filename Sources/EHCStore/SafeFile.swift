import Foundation
import Glibc

/// What is at a path before ehcdesk opens it, read with `lstat`/`stat` (never by opening it, so a
/// FIFO cannot hang and a device is never touched).
///
/// A database, backup or export must be a regular file. A folder, FIFO, socket or device is refused
/// by name before anything is opened; `--db /tmp` no longer reaches SQLite.
///
/// ```swift
/// try SafeFile.kind(at: "/tmp")            // .other("a folder")
/// try SafeFile.kind(at: "caseload.sqlite") // .regular(size: 40960)
/// ```
public enum SafeFile {
    public enum Kind: Equatable, Sendable {
        case missing
        /// A regular file (a symbolic link to one counts; `isSymlink` says which).
        case regular(size: Int, isSymlink: Bool)
        /// Anything else, named for the user ("a folder", "a FIFO (named pipe)", …).
        case other(String)

        /// A folder: refused as a database, accepted where a CSV folder may be given.
        public static let folder = Kind.other("a folder")
    }

    /// What `path` is, following a symbolic link once to its target.
    public static func kind(at path: String) -> Kind {
        var link = stat()
        guard lstat(path, &link) == 0 else { return .missing }
        let isSymlink = (link.st_mode & S_IFMT) == S_IFLNK
        var target = stat()
        guard stat(path, &target) == 0 else { return .other("a symbolic link to nothing") }
        switch target.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int(target.st_size), isSymlink: isSymlink)
        case S_IFDIR: return .folder
        case S_IFIFO: return .other("a FIFO (named pipe)")
        case S_IFSOCK: return .other("a socket")
        case S_IFCHR, S_IFBLK: return .other("a device")
        default: return .other("not a regular file")
        }
    }

    /// Whether `path` itself is a symbolic link (not followed).
    public static func isSymlink(_ path: String) -> Bool {
        var link = stat()
        return lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
    }

    /// A new file beside `path`, created exclusively (`O_EXCL | O_NOFOLLOW`, mode 0600) under a name
    /// nobody can guess (`.NAME.tmp-<random>`), so a planted file or symlink can never receive it.
    ///
    /// Returns the temporary path; the caller renames it into place or removes it.
    public static func createExclusiveTemporary(beside path: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw FileProblem(path: folder, message: "the folder cannot be created")
            }
        }
        for _ in 0..<8 {
            var random = SystemRandomNumberGenerator()
            let suffix = String(random.next(), radix: 36) + String(random.next(), radix: 36)
            let candidate = folder + "/." + url.lastPathComponent + ".tmp-" + suffix
            let descriptor = Glibc.open(candidate, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                fchmod(descriptor, 0o600)
                close(descriptor)
                return candidate
            }
            guard errno == EEXIST else { throw FileProblem(path: candidate, errno: errno) }
        }
        throw FileProblem(path: path, message: "no unused temporary name could be made beside it")
    }

    /// Flushes a file's contents to the disk (`fsync`), so it survives a power cut.
    public static func sync(file path: String) throws {
        let descriptor = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileProblem(path: path, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileProblem(path: path, errno: errno) }
    }

    /// Flushes a folder's entries (a rename into it) to the disk.
    public static func sync(folderOf path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = Glibc.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileProblem(path: folder, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileProblem(path: folder, errno: errno) }
    }

    /// Moves `temporary` to `path` atomically, then syncs the folder; `path` is never written through a symlink.
    public static func replace(_ path: String, with temporary: String) throws {
        guard rename(temporary, path) == 0 else { throw FileProblem(path: path, errno: errno) }
        try sync(folderOf: path)
    }

    /// Puts `temporary` at `path` only if nothing is there (`link`, atomic), then removes the temporary name.
    /// Returns `false`, leaving `temporary` in place, when `path` appeared meanwhile.
    public static func placeIfAbsent(_ temporary: String, at path: String) throws -> Bool {
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { return false }
            throw FileProblem(path: path, errno: errno)
        }
        unlink(temporary)
        try sync(folderOf: path)
        return true
    }

    /// Writes `data` to `path` whole or not at all: a private (0600) temporary file beside it,
    /// synced, then renamed into place. `path` must be missing or a regular file, never a symlink;
    /// a missing folder is created 0700.
    ///
    /// ```swift
    /// try SafeFile.writePrivate(Data(csv.utf8), to: "out/cases.csv")
    /// ```
    public static func writePrivate(_ data: Data, to path: String) throws {
        let file = try PendingFiles(paths: [path])
        try file.append(data, to: path)
        try file.commit()
    }

    /// Removes a database file and its SQLite side files (`-wal`, `-shm`, `-journal`), ignoring absent ones.
    public static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }
}

/// A file operation that failed, with the path and the system's reason in words.
///
/// ```swift
/// FileProblem(path: "/backups/x", errno: ENOSPC).description   // "/backups/x: the disk is full"
/// ```
public struct FileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public init(path: String, errno code: Int32) {
        self.init(path: path, message: FileProblem.reason(code))
    }

    /// The system's reason, with the one a user most needs said plainly.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: "the disk is full"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ELOOP: "it is a symbolic link, which ehcdesk does not write through"
        default: String(cString: strerror(code))
        }
    }

    public var description: String { "\(path): \(message)" }
}

/// Files written a piece at a time, each into a private temporary file beside it (0600, created
/// exclusively), and put in place only by ``commit()``: a failed or interrupted export never leaves
/// a partial file under the name the user asked for. Uncommitted temporaries are removed.
///
/// ```swift
/// let files = try PendingFiles(paths: ["out/cases.csv"])
/// try files.append("id\n", to: "out/cases.csv")
/// try files.commit()
/// ```
public final class PendingFiles {
    private struct Pending {
        let temporary: String
        let descriptor: Int32
        var buffer = Data()
        var isClosed = false
    }

    private var pending: [String: Pending] = [:]
    private var committed = false

    public init(paths: [String]) throws {
        for path in paths {
            if SafeFile.isSymlink(path) { throw FileProblem(path: path, errno: ELOOP) }
            if case let .other(what) = SafeFile.kind(at: path) { throw FileProblem(path: path, message: "is \(what), not a file") }
            let temporary = try SafeFile.createExclusiveTemporary(beside: path)
            let descriptor = Glibc.open(temporary, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else {
                let code = errno
                unlink(temporary)
                throw FileProblem(path: temporary, errno: code)
            }
            pending[path] = Pending(temporary: temporary, descriptor: descriptor)
        }
    }

    deinit {
        guard !committed else { return }
        for file in pending.values {
            if !file.isClosed { Glibc.close(file.descriptor) }
            unlink(file.temporary)
        }
    }

    /// Adds text to the file at `path` (one of those given), written out a megabyte at a time.
    public func append(_ text: String, to path: String) throws {
        try append(Data(text.utf8), to: path)
    }

    /// Adds bytes to the file at `path` (one of those given).
    public func append(_ data: Data, to path: String) throws {
        guard var file = pending[path] else { return }
        file.buffer.append(data)
        if file.buffer.count >= 1 << 20 {
            try Self.write(file.buffer, to: file.descriptor, path: path)
            file.buffer.removeAll(keepingCapacity: true)
        }
        pending[path] = file
    }

    /// Writes what is buffered, syncs every file, then renames each into place and syncs the folder.
    public func commit() throws {
        for (path, file) in pending {
            try Self.write(file.buffer, to: file.descriptor, path: path)
            guard fsync(file.descriptor) == 0 else { throw FileProblem(path: path, errno: errno) }
        }
        for (path, file) in pending {
            Glibc.close(file.descriptor)
            pending[path]?.isClosed = true
        }
        for (path, file) in pending { try SafeFile.replace(path, with: file.temporary) }
        committed = true
    }

    /// Every byte of `data`, retried when interrupted; a failure names the reason ("the disk is full").
    private static func write(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileProblem(path: path, errno: errno)
                }
                offset += written
            }
        }
    }
}
