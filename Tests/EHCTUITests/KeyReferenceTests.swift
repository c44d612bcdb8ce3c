import Foundation
import Testing
@testable import EHCTUI

@Suite("The key reference in docs")
struct KeyReferenceTests {
    @Test("docs/keybindings.md is the keymap as it is (UPDATE_SNAPSHOTS=1 rewrites it and still fails)")
    func upToDate() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/keybindings.md")
        let expected = KeyReference.markdown(.standard)
        try assertGeneratedFile(file, equals: expected, what: "docs/keybindings.md")
        #expect(expected.contains("| `d` | dashboard |"))
    }
}
