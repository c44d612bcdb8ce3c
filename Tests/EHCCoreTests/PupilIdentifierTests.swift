import Testing
@testable import EHCCore

/// UPN and ULN check characters against the examples of `sen2.md` §4, and every single mistyped
/// character caught.
@Suite("UPN and ULN")
struct PupilIdentifierTests {
    @Test("the guide's UPNs are valid and their check letters are computed", arguments: ["H801200001001", "J201200000001", "V938123456789"])
    func validUPNs(upn: String) {
        #expect(PupilIdentifiers.upnProblem(upn) == nil)
        #expect(PupilIdentifiers.upnCheckLetter(for: String(upn.dropFirst())) == upn.first)
    }

    @Test("a wrong check letter says which letter it should be")
    func wrongCheckLetter() {
        #expect(PupilIdentifiers.upnProblem("A801200001001")
            == "the check letter of 801200001001 is H, not A: a character is mistyped")
    }

    @Test("any one digit mistyped in a UPN is caught by its check letter")
    func everyMistypedDigit() {
        let valid = Array("V938123456789")
        var caught = 0
        for place in 1..<13 {
            for digit in "0123456789" where digit != valid[place] {
                var typed = valid
                typed[place] = digit
                if PupilIdentifiers.upnProblem(String(typed)) != nil { caught += 1 }
            }
        }
        #expect(caught == 12 * 9)
    }

    @Test("a UPN's length, digits and last character are checked before its letter")
    func malformedUPNs() {
        #expect(PupilIdentifiers.upnProblem("H80120000100") == "a UPN has 13 characters; \"H80120000100\" has 12")
        #expect(PupilIdentifiers.upnProblem("H80120000X001") == "characters 2 to 12 of a UPN are digits (the LA number, then 8 more)")
        #expect(PupilIdentifiers.upnProblem("H80120000100I")
            == "the 13th character of a UPN is a digit, or a capital letter other than I, O or S")
        // A temporary UPN (a letter last) has its letter weighted by its place in the check alphabet.
        // 8×2 + 1×4 + 2×5 + 1×10 + A (0)×13 = 40; 40 mod 23 = 17, the check alphabet's U.
        #expect(PupilIdentifiers.upnCheckLetter(for: "80120000100A") == "U")
        #expect(PupilIdentifiers.upnProblem("U80120000100A") == nil)
    }

    @Test("the guide's ULNs: 1234567899 is valid, 1234567890 is not")
    func ulns() {
        #expect(PupilIdentifiers.ulnProblem("1234567899") == nil)
        #expect(PupilIdentifiers.ulnProblem("1234567890") == "the last digit of the ULN 123456789… must be 9, not 0: a digit is mistyped")
        #expect(PupilIdentifiers.ulnProblem("12345") == "a ULN is 10 digits; \"12345\" is not")
        #expect(PupilIdentifiers.ulnProblem("123456789٩") == "a ULN is 10 digits; \"123456789٩\" is not")
    }
}
