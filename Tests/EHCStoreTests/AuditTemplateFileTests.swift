import EHCCore
import Foundation
import Testing
@testable import EHCStore

@Suite("Audit templates as files")
struct AuditTemplateFileTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/audit-templates/ehc-plan.toml").path

    func problem(_ text: String) -> String? {
        do {
            _ = try AuditTemplateFile.parse(text, file: "t.toml")
            return nil
        } catch {
            return "\(error)"
        }
    }

    let valid = """
        id = "t"
        title = "Test"

        [[sections]]
        code = "A"
        title = "Views"

        [[sections.questions]]
        id = "A1"
        text = "Child's voice?"

        [[sections.questions]]
        id = "A2"
        text = "Aspirations?"
        """

    @Test("the default template covers sections A to K and multi-agency contribution")
    func defaultTemplate() throws {
        let template = try AuditTemplateFile.load(path: Self.fixture)
        #expect(template.id == "ehc-plan")
        let codes = template.sections.map(\.code)
        for code in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "M"] { #expect(codes.contains(code)) }
        #expect(template.questions.count >= 20)
        #expect(template.questions.contains { $0.scale == .grade })
        #expect(template.questions.contains { $0.limiting })
        #expect(template.grading == .standard)
    }

    @Test("the template built into the binary is the fixture file, word for word")
    func embeddedCopyMatchesFixture() throws {
        #expect(try String(contentsOfFile: Self.fixture, encoding: .utf8) == DefaultAuditTemplate.text)
    }

    @Test("a minimal template reads with the standard grading rule")
    func minimal() throws {
        let template = try AuditTemplateFile.parse(valid, file: "t.toml")
        #expect(template.questions.map(\.id) == ["A1", "A2"])
        #expect(template.questions[0].scale == .yesPartlyNo)
    }

    @Test("malformed templates are refused with the file, the line and the reason")
    func refusals() {
        #expect(problem(valid.replacingOccurrences(of: "text = \"Aspirations?\"", with: "text = \"Aspirations?"))?
            .hasPrefix("t.toml:14:") == true)
        #expect(problem(valid.replacingOccurrences(of: "id = \"A2\"", with: "id = \"A1\""))
                == "t.toml:12: the question id \"A1\" is used twice")
        #expect(problem(valid.replacingOccurrences(of: "text = \"Aspirations?\"", with: "txt = \"Aspirations?\""))
                == "t.toml:12: unknown key \"txt\" in a question (known: guidance, id, limiting, notApplicable, scale, text)")
        #expect(problem(valid.replacingOccurrences(of: "text = \"Child's voice?\"", with: "scale = \"stars\""))
                == "t.toml:8: question A1 needs a text")
        #expect(problem(valid + "\nscale = \"stars\"")
                == "t.toml:12: question A2: scale \"stars\" is not one of: yesPartlyNo, grade")
        #expect(problem(valid.replacingOccurrences(of: "title = \"Test\"", with: "title = \"Test\"\n[grading]\ngood = 0.95"))
                == "t.toml:3: grading thresholds must fall: outstanding > good > requiresImprovement")
        #expect(problem("id = \"t\"\ntitle = \"T\"\n") == "t.toml:1: the template needs at least one [[sections]] table")
    }
}
