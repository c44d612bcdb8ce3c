import Foundation
import Testing

/// A fresh folder for one test's databases and files, removed when the test is done with it.
///
/// ```swift
/// let folder = try ScratchFolder()
/// let database = try folder.generatedDatabase(cases: 20)   // folder/db.sqlite, generated on 2026-11-24
/// ```
final class ScratchFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "ehcdesk-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// `db.sqlite` in this folder with `cases` generated cases.
    func generatedDatabase(cases: Int, seed: Int = 1) throws -> String {
        let database = file("db.sqlite")
        let result = try runEhcdesk(["generate", "--cases", String(cases), "--seed", String(seed), "--db", database,
                                     "--today", "2026-11-24"])
        #expect(result.code == 0, "\(result.err)")
        return database
    }
}
