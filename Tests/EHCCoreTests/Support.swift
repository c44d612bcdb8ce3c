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

/// A case whose final plan was issued on `final`, with a valid personal-circumstances exception on
/// `finalPlan` when `excepted`.
func makeIssuedCase(id: String = "EHC-TEST", request: String, final: String, caseworker: String = "A",
                    excepted: Bool = false) -> EHCCase {
    var ehcCase = makeCase(request: request, caseworker: caseworker)
    ehcCase.id = id
    ehcCase.finalPlanIssued = day(final)
    if excepted {
        ehcCase.exceptions = [StatutoryException(ground: .personalCircumstances, appliesTo: ["finalPlan"],
                                                 from: ehcCase.requestDate.adding(days: 30),
                                                 to: ehcCase.requestDate.adding(days: 60), note: "illness")]
    }
    return ehcCase
}
