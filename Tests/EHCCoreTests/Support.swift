@testable import EHCCore

/// Parses a date literal of a test; a typo fails loudly.
func day(_ text: String) -> CalendarDate {
    guard let date = CalendarDate(text) else { fatalError("bad test date \(text)") }
    return date
}

/// A minimal case received on `request`, ready for a test to add facts to.
func makeCase(request: String, caseworker: String = "A. Caseworker") -> EHCCase {
    EHCCase(id: "EHC-TEST", child: Child(givenName: "Sam", familyName: "Example", dateOfBirth: day("2016-03-02")),
            caseworker: caseworker, requestDate: day(request), requestSource: .parent)
}

extension Array where Element == Deadline {
    subscript(key: String) -> Deadline? { first { $0.key == key } }
}
