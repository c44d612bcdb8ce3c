import EHCCore

/// The schools, nurseries and colleges of one invented authority, and which a child of a given age attends.
///
/// An authority has a few dozen settings that many of its children share, so the names are made
/// once per seed and then drawn from; drawing a name never allocates.
///
/// ```swift
/// var random = SplitMix64(seed: 7)
/// let local = LocalSettings(random: &random)
/// local.setting(forAge: 9, random: &random)    // e.g. "Oakfield Primary School"
/// ```
struct LocalSettings: Sendable {
    let nurseries: [String]
    let primarySchools: [String]
    let secondarySchools: [String]
    let specialSchools: [String]
    let colleges: [String]

    init(random: inout SplitMix64) {
        // Each kind takes its own shuffle of the place names, so names within a kind never repeat.
        func named(_ count: Int, _ suffixes: [String], random: inout SplitMix64) -> [String] {
            random.shuffled(NamePools.placeNames).prefix(count).map { $0 + " " + random.element(of: suffixes) }
        }
        nurseries = named(8, ["Nursery", "Day Nursery", "Pre-School", "Nursery School"], random: &random)
        primarySchools = named(18, ["Primary School", "Primary Academy", "Infant School", "Junior School",
                                    "Community Primary School"], random: &random)
            + NamePools.churchSchoolNames
        secondarySchools = named(9, ["Academy", "High School", "School", "Community College"], random: &random)
        specialSchools = named(5, ["Special School", "Specialist School", "Special Academy"], random: &random)
        colleges = named(3, ["College", "Sixth Form College", "College of Further Education"], random: &random)
    }

    /// The setting a child of `age` attends at the request, or `nil` (a baby at home, a young adult
    /// out of education, a child missing education).
    func setting(forAge age: Int, random: inout SplitMix64) -> String? {
        let roll = random.int(in: 0...99)
        switch age {
        case ...1: return roll < 30 ? random.element(of: nurseries) : nil
        case 2...4: return roll < 85 ? random.element(of: nurseries) : nil
        case 5...10:
            if roll < 80 { return random.element(of: primarySchools) }
            return roll < 96 ? random.element(of: specialSchools) : nil
        case 11...15:
            if roll < 74 { return random.element(of: secondarySchools) }
            return roll < 95 ? random.element(of: specialSchools) : nil
        case 16...18:
            if roll < 60 { return random.element(of: colleges) }
            if roll < 78 { return random.element(of: secondarySchools) }
            return roll < 94 ? random.element(of: specialSchools) : nil
        default: return roll < 60 ? random.element(of: colleges) : nil
        }
    }
}
