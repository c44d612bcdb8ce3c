import EHCCore
import Foundation
import TOMLKit

/// The counting conventions in force, and where each one came from.
///
/// Settings come from three layers, later ones winning: the defaults of the rules page, the
/// `[rules]` table of the config file, and options given on the command line. `ehcdesk settings`
/// prints this so a team can see, and show an auditor, exactly how its dates were counted.
///
/// ```swift
/// let effective = try EffectiveSettings.resolve(configText: "[rules]\ncounting = \"dayOne\"\n",
///                                               configPath: "config.toml",
///                                               overrides: ["dueSoonDays": "7"])
/// effective.settings.counting        // .dayOne
/// effective.sources["dueSoonDays"]   // "command line"
/// ```
public struct EffectiveSettings: Sendable, Equatable {
    public var settings: Settings
    /// For each setting name, `default`, `config file PATH` or `command line`.
    public var sources: [String: String]
    /// `[ui] nationalPercent`: the national share of plans within 20 weeks (excluding exceptions),
    /// drawn on the dashboard's chart as a reference line; `nil` when not configured.
    public var nationalPercent: Double?
    /// `[organisation] name`: the authority's name, for the title of a board paper.
    public var organisationName: String?
    /// `[organisation] laNumber`: the authority's 3-digit LA number, in the header of its SEN2 return.
    public var laNumber: String?

    /// The setting names, in the order they are printed.
    public static let names = ["counting", "reviewPeriod", "phaseDeadline", "dueSoonDays"]

    /// A problem in the config file or an option, naming where it is.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// `$XDG_CONFIG_HOME/ehcdesk/config.toml`, else `~/.config/ehcdesk/config.toml`.
    public static func defaultConfigPath(environment: [String: String]) -> String {
        if let configHome = environment["XDG_CONFIG_HOME"], configHome.hasPrefix("/") {
            return configHome + "/ehcdesk/config.toml"
        }
        return (environment["HOME"] ?? ".") + "/.config/ehcdesk/config.toml"
    }

    /// Reads the config file at `configPath` when it exists, then applies the command-line overrides.
    public static func load(configPath: String, overrides: [String: String]) throws -> EffectiveSettings {
        let text: String?
        switch SafeFile.kind(at: configPath) {
        case .missing: text = nil
        case let .other(what): throw Problem(description: "\(configPath): is \(what), not a config file")
        case .regular:
            guard let data = FileManager.default.contents(atPath: configPath) else {
                throw Problem(description: "\(configPath): the file cannot be read")
            }
            guard let decoded = String(validating: data, as: UTF8.self) else {
                throw Problem(description: "\(configPath): the file is not UTF-8 text")
            }
            text = decoded
        }
        return try resolve(configText: text, configPath: configPath, overrides: overrides)
    }

    public static func resolve(configText: String?, configPath: String, overrides: [String: String]) throws
        -> EffectiveSettings {
        var effective = EffectiveSettings(settings: Settings(), sources: [:])
        for name in names { effective.sources[name] = "default" }
        if let configText {
            let table: TOMLTable
            if let problem = TOMLPrecheck.firstProblem(in: configText) {
                throw Problem(description: "\(configPath):\(problem.line):\(problem.column): \(problem.reason)")
            }
            do {
                table = try TOMLTable(string: configText)
            } catch let error as TOMLParseError {
                throw Problem(description: "\(configPath):\(error.source.begin.line):\(error.source.begin.column): \(error.description)")
            }
            for key in table.keys where key != "rules" && key != "ui" && key != "organisation" {
                throw Problem(description: "\(configPath): unknown table or setting \"\(key)\" (expected [rules], [ui] or [organisation])")
            }
            if let organisation = table["organisation"]?.table {
                for key in organisation.keys where key != "name" && key != "laNumber" {
                    throw Problem(description: "\(configPath): organisation.\(key): unknown setting (known: name, laNumber)")
                }
                if organisation.contains(key: "name") {
                    guard let name = organisation["name"]?.string?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
                          name.count <= 200, !name.contains(where: \.isNewline) else {
                        throw Problem(description: "\(configPath): organisation.name must be the authority's name on one line, "
                                          + "e.g. \"Northshire County Council\"")
                    }
                    effective.organisationName = name
                }
                if organisation.contains(key: "laNumber") {
                    let text = organisation["laNumber"]?.string ?? organisation["laNumber"]?.int.map(String.init)
                    guard let text, SEN2Codes.isLANumber(text) else {
                        throw Problem(description: "\(configPath): organisation.laNumber must be the authority's 3-digit LA number, "
                                          + "e.g. \"886\"")
                    }
                    effective.laNumber = text
                }
            }
            if let ui = table["ui"]?.table, ui.contains(key: "nationalPercent") {
                guard let value = ui["nationalPercent"]?.double ?? ui["nationalPercent"]?.int.map(Double.init),
                      (0...100).contains(value) else {
                    throw Problem(description: "\(configPath): ui.nationalPercent must be a percentage, e.g. 46.4")
                }
                effective.nationalPercent = value
            }
            if let rules = table["rules"]?.table {
                for key in rules.keys {
                    let place = "\(configPath): rules.\(key)"
                    guard names.contains(key) else {
                        throw Problem(description: "\(place): unknown setting (known: \(names.joined(separator: ", ")))")
                    }
                    let value = rules[key]
                    let text = value?.string ?? value?.int.map(String.init)
                    guard let text else { throw Problem(description: "\(place): expected text or a number") }
                    try effective.apply(key, text, place: place, source: "config file \(configPath)")
                }
            }
        }
        for name in names {
            if let text = overrides[name] {
                try effective.apply(name, text, place: "--\(optionName(name))", source: "command line")
            }
        }
        return effective
    }

    /// The kebab-case option for a setting: `dueSoonDays` → `due-soon-days`.
    public static func optionName(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
        }
    }

    private mutating func apply(_ name: String, _ text: String, place: String, source: String) throws {
        func word<Word: RawRepresentable & CaseIterable>(_ type: Word.Type) throws -> Word where Word.RawValue == String {
            guard let word = Word(rawValue: text) else {
                let allowed = Word.allCases.map(\.rawValue).joined(separator: ", ")
                throw Problem(description: "\(place): \"\(text)\" is not one of: \(allowed)")
            }
            return word
        }
        switch name {
        case "counting": settings.counting = try word(Settings.Counting.self)
        case "reviewPeriod": settings.reviewPeriod = try word(Settings.ReviewPeriod.self)
        case "phaseDeadline": settings.phaseDeadline = try word(Settings.PhaseDeadline.self)
        default:
            guard let days = Int(text), (0...366).contains(days) else {
                throw Problem(description: "\(place): \"\(text)\" is not a number of days between 0 and 366")
            }
            settings.dueSoonDays = days
        }
        sources[name] = source
    }
}
