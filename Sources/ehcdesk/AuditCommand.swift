import ArgumentParser
import EHCCore
import EHCStore
import EHCTUI
import Foundation

/// `ehcdesk audit`: quality-assurance audits of EHC plans from the command line.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Quality-assurance audits of EHC plans: sampling and templates.",
        subcommands: [SampleCommand.self, TemplatesCommand.self, ModerateCommand.self])

    /// `ehcdesk audit sample`: which plans to audit, reproducibly.
    struct SampleCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample",
            abstract: "Pick a random or stratified sample of plans issued in a period (same seed, same sample).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "First day of the period (YYYY-MM-DD).") var from: String
        @Option(help: "Last day of the period (YYYY-MM-DD).") var to: String
        @Option(help: "How many plans.") var size: Int = 10
        @Option(help: "The seed of the sample.") var seed: UInt64 = 1
        @Option(help: "Spread the sample: none, caseworker or ageBand.") var by: AuditSampling.Strata = .none
        @Option(help: "The output format: table, csv, json or markdown.") var format: TableFormat = .table
        @Flag(help: "Open the sample in the terminal as a work queue: each plan, done or to do; Enter shows it, a audits it.")
        var open = false
        @OptionGroup var rules: SettingsOptions

        func validate() throws {
            let (first, last) = try period()
            guard first <= last else {
                throw ValidationError("--from \(first) is after --to \(last): give the period's first day first")
            }
            guard size > 0 else { throw ValidationError("--size must be at least 1") }
        }

        private func period() throws -> (CalendarDate, CalendarDate) {
            guard let first = CalendarDate(from) else { throw ValidationError("--from \"\(from)\" is not a date YYYY-MM-DD") }
            guard let last = CalendarDate(to) else { throw ValidationError("--to \"\(to)\" is not a date YYYY-MM-DD") }
            return (first, last)
        }

        func run() throws {
            let store = try global.openStore(.read)
            let cases = try store.allCases()
            let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
            let (first, last) = try period()
            let audited = Set(try store.planAudits().filter { $0.finished != nil }.map(\.caseID))
            let sample = AuditSampling.sample(cases, issuedFrom: first, to: last, size: size, seed: seed, stratifiedBy: by)
            if open {
                let writable = try global.openStore(.write)
                let member = try SessionCommand.member(in: writable, environment: global.environment)
                let queue = AuditQueue(title: "\(sample.count) plans issued \(first) to \(last), seed \(seed)", caseIDs: sample)
                try CaseloadScreen.run(store: writable, settings: try rules.effective(environment: global.environment),
                                       today: try global.resolvedToday(), environment: global.environment,
                                       user: global.actingUser, caseworker: member?.displayName, member: member, queue: queue)
                return
            }
            let rows: [[ReportTable.Value]] = sample.compactMap { id in
                guard let ehcCase = byID[id], let issued = ehcCase.finalPlanIssued else { return nil }
                return [.text(id), .text(issued.description), .text(ehcCase.caseworker),
                        .text(AuditSampling.stratum(of: ehcCase, by: by == .none ? .caseworker : by)),
                        .text(audited.contains(id) ? "audited" : "to do")]
            }
            let table = ReportTable(
                columns: [.init("id", title: "case"), .init("finalPlanIssued", title: "plan issued"), .init("caseworker"),
                          .init("stratum"), .init("audit")],
                rows: rows,
                summary: "\(rows.count) plans sampled from those issued \(first) to \(last) (seed \(seed), by \(by.rawValue))",
                definitions: ["The same seed and period give the same sample; \"audited\" means a finished audit of the plan is stored."])
            try table.write(format)
        }
    }

    /// `ehcdesk audit templates`: the templates available, or the check of one file.
    struct TemplatesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "templates",
            abstract: "List the audit templates, or check a template file and say what is wrong with it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A template file to check.") var file: String?

        func run() throws {
            let templates: [AuditTemplate]
            do {
                templates = try file.map { [try AuditTemplateFile.load(path: $0)] }
                    ?? AuditTemplateLibrary.load(environment: global.environment)
            } catch let problem as AuditTemplateFile.Problem {
                throw CommandFailure(description: problem.description)
            }
            for template in templates {
                let limiting = template.questions.filter(\.limiting).count
                HumanText.print("\(template.id)  \(template.title): \(template.sections.count) sections, "
                      + "\(template.questions.count) questions (\(limiting) limiting)")
            }
        }
    }
}

/// `ehcdesk audit moderate`: a second auditor's agreement with, or change of, a finished audit's grade.
extension AuditCommand {
    struct ModerateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "moderate",
            abstract: "Record a moderator's grade for the latest finished audit of a case (the auditor's grade is kept).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case reference.") var id: String
        @Option(help: "The moderated grade: outstanding, good, requiresImprovement or inadequate.") var grade: AuditGrade
        @Option(help: "Why the grade changed, or a note of agreement.") var note: String?

        func run() throws {
            let store = try global.openStore(.write)
            guard var audit = try store.planAudits(caseID: id).last(where: { $0.finished != nil }) else {
                throw CommandFailure(description: "ehcdesk: \(id) has no finished audit to moderate")
            }
            let moderator = global.actingUser
            guard moderator != audit.auditor else {
                throw CommandFailure(description: "ehcdesk: moderation is a second auditor's view; \(moderator) did the audit")
            }
            audit.moderation = .init(moderator: moderator, date: try global.resolvedToday(), grade: grade, note: note)
            var agreed = audit.grade == grade ? "agreed \(grade.displayName)" : "changed to \(grade.displayName)"
            // A moderated grade above the cap a failed limiting question set is an override: said, and kept in the trail.
            let templates = try AuditTemplateLibrary.load(environment: global.environment)
            if let template = templates.first(where: { $0.id == audit.templateID }),
               let override = AuditGrading.grade(audit.answers, with: template).override(by: grade, cap: template.grading.limitingCap) {
                agreed += "; this " + override
            }
            try store.save(audit, by: moderator, summary: "audit moderated: \(agreed)")
            HumanText.print("moderated the audit of \(id): \(audit.grade?.displayName ?? "?") \(agreed) by \(moderator)")
        }
    }
}

extension AuditSampling.Strata: ExpressibleByArgument {}
extension AuditGrade: ExpressibleByArgument {}
