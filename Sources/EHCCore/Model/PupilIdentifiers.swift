/// The two national identifiers SEN2 carries for a child or young person, checked the way the
/// DfE defines them (`../shared/domain/sen2.md` §4): the check character is always computed,
/// never guessed, so a mistyped identifier is caught where it is typed or imported.
///
/// - **UPN** (unique pupil number): 13 characters. The first is a check letter; 2–4 the LA number;
///   5–12 digits; 13 a digit, or a letter other than I, O or S for a temporary UPN. The check
///   letter: characters 2–13 weighted 2–13 (a letter in place 13 counts as its place in the check
///   alphabet), summed, the remainder mod 23 mapped onto `A B C D E F G H J K L M N P Q R T U V W X Y Z`.
/// - **ULN** (unique learner number): 10 digits; Σ digit[i] × (10 − i) for the first nine, mod 11;
///   a remainder of 0 is never issued, otherwise the tenth digit is 10 − remainder.
///
/// ```swift
/// PupilIdentifiers.upnProblem("H801200001001")        // nil: valid
/// PupilIdentifiers.upnCheckLetter(for: "801200001001") // "H"
/// PupilIdentifiers.ulnProblem("1234567890")           // "the last digit must be 9 …"
/// ```
public enum PupilIdentifiers {
    /// The check alphabet: 23 letters, no I, O or S.
    static let checkAlphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ")

    /// The check letter of a UPN's characters 2–13, or `nil` when they are not 11 digits and a
    /// digit or check-alphabet letter.
    public static func upnCheckLetter(for rest: String) -> Character? {
        // Bytes, not characters: `check` runs this for every person, and only ASCII can be valid.
        var total = 0, offset = 0
        for byte in rest.utf8 {
            let value: Int
            if byte >= 0x30 && byte <= 0x39 {
                value = Int(byte - 0x30)
            } else if offset == 11, let place = checkBytes.firstIndex(of: byte) {
                value = place
            } else {
                return nil
            }
            guard offset < 12 else { return nil }
            total += value * (offset + 2)
            offset += 1
        }
        return offset == 12 ? checkAlphabet[total % 23] : nil
    }

    private static let checkBytes = Array("ABCDEFGHJKLMNPQRTUVWXYZ".utf8)

    /// What is wrong with a UPN, in words a caseworker can act on, or `nil` when it is valid.
    public static func upnProblem(_ upn: String) -> String? {
        // The common case, a well-formed UPN, is settled on its bytes.
        let bytes = upn.utf8
        if bytes.count == 13, let first = bytes.first, let expected = upnCheckLetter(for: String(upn.utf8.dropFirst()) ?? ""),
           expected.asciiValue == first {
            return nil
        }
        let characters = Array(upn)
        guard characters.count == 13 else {
            return "a UPN has 13 characters; \"\(upn)\" has \(characters.count)"
        }
        guard characters[1...11].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "characters 2 to 12 of a UPN are digits (the LA number, then 8 more)"
        }
        let last = characters[12]
        guard (last.isASCII && last.isNumber) || checkAlphabet.contains(last) else {
            return "the 13th character of a UPN is a digit, or a capital letter other than I, O or S"
        }
        guard let expected = upnCheckLetter(for: String(characters[1...])) else {
            return "\"\(upn)\" is not a UPN"
        }
        guard characters[0] == expected else {
            return "the check letter of \(String(characters[1...])) is \(expected), not \(characters[0]): a character is mistyped"
        }
        return nil
    }

    /// The check digit of a ULN's first nine digits, or `nil` when they are not nine digits or
    /// have none (a remainder of 0 is never issued).
    public static func ulnCheckDigit(for first: String) -> Int? {
        let digits = first.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard first.count == 9, digits.count == 9 else { return nil }
        let remainder = (0..<9).reduce(0) { $0 + digits[$1] * (10 - $1) } % 11
        return remainder == 0 ? nil : 10 - remainder
    }

    /// What is wrong with a ULN, or `nil` when it is valid.
    public static func ulnProblem(_ uln: String) -> String? {
        let digits = uln.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard uln.count == 10, digits.count == 10 else { return "a ULN is 10 digits; \"\(uln)\" is not" }
        guard let expected = ulnCheckDigit(for: String(uln.prefix(9))) else {
            return "\(uln) cannot be a ULN: its first nine digits have no valid check digit"
        }
        guard digits[9] == expected else {
            return "the last digit of the ULN \(uln.prefix(9))… must be \(expected), not \(digits[9]): a digit is mistyped"
        }
        return nil
    }
}
