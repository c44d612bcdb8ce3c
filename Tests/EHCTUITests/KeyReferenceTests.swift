import Foundation
import Testing
@testable import EHCTUI

@Suite("The key reference in docs")
struct KeyReferenceTests {
    @Test("docs/keybindings.md is the keymap as it is (UPDATE_SNAPSHOTS=1 rewrites it)")
    func upToDate() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/keybindings.md")
        let expected = KeyReference.markdown(.standard)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try expected.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == expected)
        #expect(expected.contains("| `d` | dashboard |"))
    }
}
