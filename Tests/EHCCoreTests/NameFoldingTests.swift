import EHCCore
import Foundation
import Testing

/// Folding names byte by byte must give exactly what Foundation's folding gives: the list's
/// filter, its name orders and every other list rely on one folding.
@Suite("Folding names")
struct NameFoldingTests {
    /// The folding as Foundation does it for every character: the definition the byte path keeps to.
    static func byFoundation(_ text: String) -> String {
        let ignored: Set<Character> = ["'", "’", "‘", "`", "-", "‐", "‑", "–", "—"]
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "ł", with: "l")
        return String(folded.filter { !ignored.contains($0) })
    }

    @Test("every character from space to U+024F, alone and inside a name, folds as Foundation folds it")
    func everyLatinCharacter() {
        for code in 0x20...0x24F {
            guard let scalar = Unicode.Scalar(code) else { continue }
            let character = String(Character(scalar))
            for text in [character, "Ab" + character + "c Dé", character + "ÀÉ"] {
                #expect(CaseSummary.folded(text) == Self.byFoundation(text), "U+\(String(code, radix: 16)) in \(text)")
            }
        }
    }

    @Test("names of every kind fold as Foundation folds them, decomposed accents and Vietnamese included")
    func names() {
        let names = ["Zoë Müller", "Łukasz Kowalczyk", "Nguyễn Thị Minh Khai", "Siobhán O'Neill", "Ama Mensah‑Clarke",
                     "Ze\u{0301}lie Dupont", "ÆSIR Øster", "Straße", "Ｗｉｄｅ", "Ánh Đặng", "Œdipe", "José María Núñez"]
        for name in names { #expect(CaseSummary.folded(name) == Self.byFoundation(name), "\(name)") }
    }

    @Test("the family-name order puts the family name first and folds both parts")
    func familyNameOrder() {
        #expect(CaseSummary.familyNameOrder(childName: "Ama Mensah-Clarke", familyName: "Mensah-Clarke") == "mensahclarke, ama")
        #expect(CaseSummary.familyNameOrder(childName: "Zoë  Müller", familyName: "Müller") == "muller, zoe")
        #expect(CaseSummary.familyNameOrder(childName: "Prince", familyName: "Smith") == "smith, prince")
        #expect(CaseSummary.familyNameOrder(childName: "Müller", familyName: "Müller") == "muller, ")
    }
}
