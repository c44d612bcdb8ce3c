import Foundation
import Testing
@testable import EHCTUI

/// Compares a canvas (text, then its role map) with `Snapshots/NAME.txt`; `UPDATE_SNAPSHOTS=1`
/// rewrites the file instead, and a missing file is recorded and reported as a failure.
func assertSnapshot(_ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation,
                    filePath: String = #filePath) throws {
    let rendered = canvas.text + "── roles ──\n" + canvas.roleMap
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = folder.appendingPathComponent(name + ".txt")
    let updating = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
    if updating || !FileManager.default.fileExists(atPath: file.path) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try rendered.write(to: file, atomically: true, encoding: .utf8)
        if !updating { Issue.record("recorded a new snapshot \(name).txt: check it and run again", sourceLocation: sourceLocation) }
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(rendered == expected, "snapshot \(name) differs (UPDATE_SNAPSHOTS=1 to accept)", sourceLocation: sourceLocation)
}
