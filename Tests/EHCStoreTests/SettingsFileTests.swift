import EHCCore
import Testing
@testable import EHCStore

@Suite("Settings from the config file and the command line")
struct SettingsFileTests {
    @Test("without a config file every setting is the rules page's default")
    func defaults() throws {
        let effective = try EffectiveSettings.resolve(configText: nil, configPath: "c.toml", overrides: [:])
        #expect(effective.settings == Settings())
        #expect(EffectiveSettings.names.allSatisfy { effective.sources[$0] == "default" })
    }

    @Test("the config file sets a convention and the command line overrides it")
    func layering() throws {
        let text = """
            [rules]
            counting = "dayOne"
            reviewPeriod = "anniversary"
            dueSoonDays = 7
            """
        let effective = try EffectiveSettings.resolve(configText: text, configPath: "c.toml",
                                                      overrides: ["dueSoonDays": "21", "phaseDeadline": "by"])
        #expect(effective.settings == Settings(counting: .dayOne, reviewPeriod: .anniversary, phaseDeadline: .by,
                                               dueSoonDays: 21))
        #expect(effective.sources["counting"] == "config file c.toml")
        #expect(effective.sources["dueSoonDays"] == "command line")
        #expect(effective.sources["phaseDeadline"] == "command line")
    }

    @Test("an unknown setting, a wrong word or a broken file is refused naming the place")
    func refusals() {
        func problem(_ text: String, overrides: [String: String] = [:]) -> String? {
            do {
                _ = try EffectiveSettings.resolve(configText: text, configPath: "c.toml", overrides: overrides)
                return nil
            } catch {
                return (error as? EffectiveSettings.Problem)?.description
            }
        }
        #expect(problem("[rules]\ncountng = \"dayOne\"\n")?.hasPrefix("c.toml: rules.countng: unknown setting") == true)
        #expect(problem("[rules]\ncounting = \"days\"\n")
                == "c.toml: rules.counting: \"days\" is not one of: eventPlusWeeks, dayOne")
        #expect(problem("[rules]\ncounting = \n")?.hasPrefix("c.toml:2:") == true)
        #expect(problem("", overrides: ["dueSoonDays": "soon"])
                == "--due-soon-days: \"soon\" is not a number of days between 0 and 366")
    }
}

@Suite("The national figure for the dashboard")
struct NationalPercentTests {
    @Test("[ui] nationalPercent is read as a percentage; anything else is refused with its place")
    func nationalPercent() throws {
        let effective = try EffectiveSettings.resolve(configText: "[ui]\nnationalPercent = 46.4\n", configPath: "c.toml",
                                                      overrides: [:])
        #expect(effective.nationalPercent == 46.4)
        #expect(try EffectiveSettings.resolve(configText: nil, configPath: "c.toml", overrides: [:]).nationalPercent == nil)
        #expect(throws: EffectiveSettings.Problem(description: "c.toml: ui.nationalPercent must be a percentage, e.g. 46.4")) {
            try EffectiveSettings.resolve(configText: "[ui]\nnationalPercent = 146\n", configPath: "c.toml", overrides: [:])
        }
    }
}
