/// Picks the plans to audit: a random or stratified sample of plans issued in a period, reproducibly.
///
/// Quality-assurance teams audit a sample, not every plan; the sample must be fair (every plan
/// issued in the period equally likely, or a fair share per caseworker or age band) and the same
/// seed must give the same sample, so a moderator can check it.
///
/// ```swift
/// let sample = AuditSampling.sample(cases, issuedFrom: from, to: to, size: 20, seed: 7,
///                                   stratifiedBy: .caseworker, today: today)
/// ```
public enum AuditSampling {
    /// How the sample is spread.
    public enum Strata: String, Sendable, Hashable, CaseIterable {
        /// A simple random sample of all plans issued in the period.
        case none
        /// Each caseworker's share of the sample is their share of the plans (largest remainders).
        case caseworker
        /// The same by the child's age on the day the plan was issued: 0–4, 5–10, 11–15, 16–19, 20–25.
        case ageBand
    }

    /// The ids of the sampled cases, in reference order.
    public static func sample(_ cases: some Sequence<EHCCase>, issuedFrom from: CalendarDate, to: CalendarDate,
                              size: Int, seed: UInt64, stratifiedBy strata: Strata) -> [String] {
        let eligible = cases.filter { ehcCase in
            guard let issued = ehcCase.finalPlanIssued else { return false }
            return issued >= from && issued <= to
        }.sorted { $0.id < $1.id }
        guard size > 0, !eligible.isEmpty else { return [] }
        var groups: [String: [EHCCase]] = [:]
        for ehcCase in eligible { groups[stratum(of: ehcCase, by: strata), default: []].append(ehcCase) }
        let strata = groups.sorted { $0.key < $1.key }
        let quotas = allocate(min(size, eligible.count), among: strata.map(\.value.count))
        var random = SplitMix64(seed: seed)
        var chosen: [String] = []
        for ((_, group), quota) in zip(strata, quotas) {
            var members = group.map(\.id)
            // A partial Fisher–Yates shuffle: the first `quota` places are a uniform sample.
            for index in 0..<quota {
                let pick = random.int(in: index...(members.count - 1))
                members.swapAt(index, pick)
            }
            chosen += members.prefix(quota)
        }
        return chosen.sorted()
    }

    /// The stratum a plan falls in; its label is what reports show.
    public static func stratum(of ehcCase: EHCCase, by strata: Strata) -> String {
        switch strata {
        case .none: return "all"
        case .caseworker: return ehcCase.caseworker
        case .ageBand:
            let age = ehcCase.child.age(on: ehcCase.finalPlanIssued ?? ehcCase.requestDate)
            switch age {
            case ..<5: return "0-4"
            case 5...10: return "5-10"
            case 11...15: return "11-15"
            case 16...19: return "16-19"
            default: return "20-25"
            }
        }
    }

    /// Splits `total` in proportion to `sizes` by largest remainders (ties to the earlier group).
    static func allocate(_ total: Int, among sizes: [Int]) -> [Int] {
        let population = sizes.reduce(0, +)
        var quotas = sizes.map { $0 * total / population }
        let remainders = sizes.enumerated().map { ($0.offset, $0.element * total % population) }
            .sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        var left = total - quotas.reduce(0, +)
        for (index, _) in remainders where left > 0 && quotas[index] < sizes[index] {
            quotas[index] += 1
            left -= 1
        }
        return quotas
    }
}
