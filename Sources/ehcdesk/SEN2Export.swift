import ArgumentParser
import EHCCore
import EHCStore
import Foundation

/// `export --format sen2`: the person-level return for one collection, written only when the
/// data-quality check finds no error, into a private temporary file put in place when complete.
struct SEN2Export {
    var store: CaseStore
    var effective: EffectiveSettings
    var year: Int
    var la: String?
    var output: String
    var force: Bool
    var today: CalendarDate

    func run() throws {
        guard let collection = SEN2Collection.year(year) else {
            throw CommandFailure(description: "ehcdesk: the census date of SEN2 \(year) is not known to ehcdesk "
                                 + "(known: \(SEN2Collection.knownYears)); nothing was written")
        }
        guard let laNumber = la ?? effective.laNumber else {
            throw CommandFailure(description: "ehcdesk: the return needs the authority's LA number: give --la NNN "
                                 + "or set [organisation] laNumber in the config; nothing was written")
        }
        guard SEN2Codes.isLANumber(laNumber) else {
            throw CommandFailure(description: "ehcdesk: --la \"\(laNumber)\" is not a 3-digit LA number such as 886; nothing was written")
        }
        if !force, SafeFile.kind(at: output) != .missing {
            throw CommandFailure(description: "ehcdesk: \(output) already exists; nothing was written (use --force to replace it)")
        }
        // The return is written privately while its data is checked in the same pass, and put in
        // place only when no error was found.
        let calendar = StatutoryCalendar(settings: effective.settings)
        var check = DataQualityCheck(census: collection.census, calendar: calendar)
        var errors: [DataQualityFinding] = []
        let written: SEN2Return.Written
        do {
            let files = try PendingFiles(paths: [output])
            written = try SEN2Return.write(
                SEN2Return.Header(collection: collection, laNumber: laNumber, written: today), calendar: calendar, store: store,
                inspect: { requests in
                    for ehcCase in requests { errors += check.findings(for: ehcCase).filter { $0.severity == .error } }
                },
                append: { try files.append($0, to: output) })
            errors += check.finish().filter { $0.severity == .error }
            guard errors.isEmpty else {
                let shown = errors.prefix(20).map { "  \($0.rule) \($0.caseID ?? "") \($0.field): \($0.message)" }
                throw CommandFailure(description: "ehcdesk: the SEN2 \(year) return is not written while \(errors.count) "
                                     + "data-quality errors remain (ehcdesk check --census \(collection.census) lists them all):\n"
                                     + shown.joined(separator: "\n") + (errors.count > 20 ? "\n  …" : ""))
            }
            try files.commit()
        } catch let problem as FileProblem {
            throw CommandFailure(description: "ehcdesk: cannot write the return: \(problem); nothing was written")
        }
        print("wrote the SEN2 \(year) return (census \(collection.census), LA \(laNumber)): "
              + "\(written.persons) persons, \(written.requests) requests, to \(output)")
    }
}
