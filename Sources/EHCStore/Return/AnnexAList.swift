import EHCCore
import Foundation

/// Annex A List 1 of an area SEND inspection: every child or young person with a plan the
/// authority is responsible for, one row each, in the columns and codes of `sen2.md` §7.
///
/// Dates are DD/MM/YYYY as the inspectors' template has them. Columns ehcdesk does not hold
/// (establishment phases, suspensions, exclusions, absence, Pupil Premium, social care, disability)
/// are present and empty, for the authority to fill from its other systems.
///
/// ```swift
/// try AnnexAList.write(store: store, asOf: today) { text in try file.append(text) }
/// ```
public enum AnnexAList {
    public static let columns = [
        "Unique ID", "UPN", "ULN", "Date of birth", "Gender", "Ethnicity", "Date initial EHC plan issued",
        "Date updated EHC plan issued", "Date EHC plan last reviewed", "SEN primary need", "Main establishment URN",
        "Main establishment phase", "Subsidiary establishment phase", "Elective home education",
        "Suspensions in the last 6 months", "Permanent exclusions in the last 6 months", "Absence % in the last 6 months",
        "Pupil Premium", "Known to children's social care", "Social care team", "Disability",
    ]

    /// Writes the header, then a row per person with a plan in force on `asOf`; returns the rows written.
    @discardableResult
    public static func write(store: CaseStore, asOf: CalendarDate, append: (String) throws -> Void) throws -> Int {
        try append(try CSVText.lines([columns], neutralising: false) + "\n")
        var rows = 0
        try store.forEachPerson { requests in
            guard let current = requests.last(where: { $0.hasPlanInForce(on: asOf) }) else { return }
            try append(try CSVText.lines([row(current, asOf: asOf)]) + "\n")
            rows += 1
        }
        return rows
    }

    /// One child's row.
    static func row(_ ehcCase: EHCCase, asOf: CalendarDate) -> [String] {
        let details = ehcCase.child.details
        let amended = (ehcCase.reviews.compactMap(\.amendedPlanIssued) + [ehcCase.phaseTransfer?.amendedPlanIssued].compactMap { $0 })
            .filter { $0 <= asOf }.max()
        let reviewed = ehcCase.reviews.map(\.meetingDate).filter { $0 <= asOf }.max()
        let current = ehcCase.plan.placements.filter { placement in
            (placement.entry.map { $0 <= asOf } ?? placement.namedInPlan) && (placement.leaving.map { $0 > asOf } ?? true)
        }
        let main = current.first { $0.rank == 1 }
        var urn = ""
        if case let .urn(number)? = main?.establishment { urn = number }
        let homeEducated = current.contains { $0.establishment == .setting(.EHE, other: nil) }
        let gender = switch details.sex {
        case .male: "Male"
        case .female: "Female"
        case nil: "Not known"
        }
        return [
            ehcCase.personID, details.upn ?? "", details.uln ?? "", slashed(ehcCase.child.dateOfBirth), gender,
            details.ethnicity ?? "Unknown", ehcCase.finalPlanIssued.map(slashed) ?? "", amended.map(slashed) ?? "",
            reviewed.map(slashed) ?? "", ehcCase.plan.primaryNeed?.rawValue ?? "", urn, "", "", homeEducated ? "Yes" : "No",
            "", "", "", "", "", "", "",
        ]
    }

    /// `DD/MM/YYYY`.
    static func slashed(_ date: CalendarDate) -> String {
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
        return "\(two(date.day))/\(two(date.month))/\(date.year)"
    }
}
