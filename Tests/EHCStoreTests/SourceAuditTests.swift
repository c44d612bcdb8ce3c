import Foundation
import Testing

/// Issue 14, class 4: nothing from input, a file or the environment may reach a trap, so
/// `Sources/` holds no `try!`, `fatalError`, `as!` or force-unwrap at all (docs/safety.md). A new
/// one fails this test with its place; a deliberate exception would have to be argued here.
@Suite("No traps in the sources")
struct SourceAuditTests {
    /// `x!`, `f()!`, `a[0]!` followed by anything but `=`; comments and string literals are blanked first.
    static func hasTrap(_ line: String) -> Bool {
        code(of: line).contains(#/try!|fatalError\(|\bas! |[A-Za-z0-9_)\]]!(?!=)/#)
    }

    @Test("Sources/ has no try!, fatalError, as! or force-unwrap")
    func noTraps() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50, "the sources were not found at \(sources.path)")
        var found: [String] = []
        for file in files.sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if Self.hasTrap(String(line)) { found.append("Sources/\(file):\(number + 1): \(line)") }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("the audit sees a force-unwrap and a try!, and not a != or one in a comment or string")
    func auditSeesTraps() {
        #expect(Self.hasTrap("let x = values[name]!"))
        #expect(Self.hasTrap("let w = try! CSVWriter(stream: s)"))
        #expect(Self.hasTrap("return CalendarDate(text)!.year"))
        #expect(!Self.hasTrap("if a != b { return }"))
        #expect(!Self.hasTrap("// a comment with value! in it"))
        #expect(!Self.hasTrap(#"print("Saved!")"#))
    }

    /// The line with its `//` comment removed and the insides of string literals blanked.
    static func code(of line: String) -> String {
        var out = ""
        var inString = false
        var previous: Character = " "
        for character in line {
            if !inString && previous == "/" && character == "/" { out.removeLast(); break }
            if character == "\"" && previous != "\\" { inString.toggle(); out.append(character) } else {
                out.append(inString ? " " : character)
            }
            previous = character
        }
        return out
    }
}
