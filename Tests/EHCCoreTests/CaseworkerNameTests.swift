import Testing
@testable import EHCCore

@Suite("Finding the caseworker meant by --caseworker")
struct CaseworkerNameTests {
    let names = ["Sarah Quayle", "Sam Quinn", "Zoë O'Neill", "Ama Mensah-Clarke", "Sarah Quayle", "B. Nguyễn"]

    @Test("case, accents, apostrophes, hyphens and a part of the name find the one caseworker", arguments: [
        ("sarah quayle", "Sarah Quayle"), ("SARAH QUAYLE", "Sarah Quayle"), ("quayle", "Sarah Quayle"),
        ("zoe oneill", "Zoë O'Neill"), ("o'neill", "Zoë O'Neill"), ("mensahclarke", "Ama Mensah-Clarke"),
        ("nguyen", "B. Nguyễn"), ("Sam Quinn", "Sam Quinn"),
    ])
    func found(typed: String, name: String) {
        #expect(CaseworkerName.match(typed, among: names) == .found(name))
    }

    @Test("a part shared by several names is ambiguous, and the refusal lists them")
    func ambiguous() {
        let match = CaseworkerName.match("qu", among: names)
        #expect(match == .ambiguous(["Sam Quinn", "Sarah Quayle"]))
        #expect(CaseworkerName.refusal("qu", match) == "--caseworker \"qu\" matches 2 caseworkers: Sam Quinn, Sarah Quayle; type more of the name")
    }

    @Test("a name that matches nobody is refused with the nearest names, nearest first")
    func none() {
        let match = CaseworkerName.match("sarah quail", among: names)
        guard case .none(let nearest) = match else {
            Issue.record("expected no match, got \(match)")
            return
        }
        #expect(nearest.first == "Sarah Quayle")
        #expect(nearest.count == 3)
        #expect(CaseworkerName.refusal("sarah quail", match)?.hasPrefix(
            "--caseworker \"sarah quail\" matches no caseworker on the caseload; the nearest are Sarah Quayle") == true)
    }

    @Test("edit distance counts insertions, deletions and substitutions")
    func distance() {
        #expect(CaseworkerName.editDistance("kitten", "sitting") == 3)
        #expect(CaseworkerName.editDistance("", "abc") == 3)
        #expect(CaseworkerName.editDistance("same", "same") == 0)
    }
}
