import Foundation
import Testing
@testable import EHCTUI

/// Compares a canvas (text, then its role map) with `Snapshots/NAME.txt`.
///
/// A difference always fails the test. With `UPDATE_SNAPSHOTS=1` the file is also rewritten, and
/// the failure says so: accepting a new rendering is a separate, deliberate run, and the run that
/// rewrites never passes. A missing file is recorded and reported as a failure the same way.
func assertSnapshot(_ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation,
                    filePath: String = #filePath) throws {
    let rendered = canvas.text + "── roles ──\n" + canvas.roleMap
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    try assertGeneratedFile(folder.appendingPathComponent(name + ".txt"), equals: rendered,
                            what: "snapshot \(name)", sourceLocation: sourceLocation)
}

/// Fails unless `file` holds exactly `expected`; rewrites it (and still fails) when `UPDATE_SNAPSHOTS=1`
/// or when it is missing.
///
/// ```swift
/// try assertGeneratedFile(docs.appendingPathComponent("keybindings.md"), equals: markdown, what: "docs/keybindings.md")
/// ```
func assertGeneratedFile(_ file: URL, equals expected: String, what: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
    let stored = try? String(contentsOf: file, encoding: .utf8)
    guard stored != expected else { return }
    let updating = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
    if updating || stored == nil {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try expected.write(to: file, atomically: true, encoding: .utf8)
        let why = stored == nil ? "was missing" : "differed"
        Issue.record("\(what) \(why) and was rewritten: check the new file and run again", sourceLocation: sourceLocation)
        return
    }
    #expect(stored == expected, "\(what) differs (UPDATE_SNAPSHOTS=1 rewrites it, and fails once)",
            sourceLocation: sourceLocation)
}
