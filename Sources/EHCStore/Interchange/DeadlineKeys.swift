import EHCCore

/// The interchange keys of a case's advice items: `advice:<agency>`, then `advice:<agency>:2`, … per agency.
///
/// ```swift
/// DeadlineKeys.adviceKeys([ep, health, ep])   // ["advice:educationalPsychology", "advice:health", "advice:educationalPsychology:2"]
/// ```
enum DeadlineKeys {
    static func adviceKeys(_ advice: [AdviceRequest]) -> [String] {
        var seen: [Agency: Int] = [:]
        return advice.map { item in
            let ordinal = (seen[item.agency] ?? 0) + 1
            seen[item.agency] = ordinal
            return "advice:\(item.agency.rawValue)" + (ordinal > 1 ? ":\(ordinal)" : "")
        }
    }
}
