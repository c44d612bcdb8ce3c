import Foundation

/// The compact row a caseload list sorts, filters and draws: one per case, no nested records.
///
/// Lists of 100,000 cases stay instant because they work on these summaries, computed once
/// per change of the case, never on full records per frame.
///
/// ```swift
/// let summary = CaseSummary(ehcCase, calendar: StatutoryCalendar(), today: today)
/// summary.nextDeadline?.key   // "finalPlan"
/// ```
public struct CaseSummary: Sendable, Hashable, Identifiable {
    /// Where an open case waits, as flags the triage views test without the full case.
    public struct Stage: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Requested, no decision whether to assess yet.
        public static let awaitingDecision = Stage(rawValue: 1 << 0)
        /// At least one agency asked for advice has not answered.
        public static let awaitingAdvice = Stage(rawValue: 1 << 1)
        /// A draft plan is out and no final plan issued.
        public static let draftIssued = Stage(rawValue: 1 << 2)
        /// An annual-review duty is overdue or due soon.
        public static let reviewDue = Stage(rawValue: 1 << 3)

        /// Where a case of `status` waits, from the facts that decide it (none unless it is active):
        /// what a summary and the measures' view of the stored deadlines both say.
        public init(status: CaseStatus, decided: Bool, finalPlanIssued: Bool, draftPlanIssued: Bool,
                    adviceOutstanding: Bool, reviewDue: Bool) {
            var stage: Stage = []
            if status.isActive {
                if !decided { stage.insert(.awaitingDecision) }
                if !finalPlanIssued, adviceOutstanding { stage.insert(.awaitingAdvice) }
                if draftPlanIssued, !finalPlanIssued { stage.insert(.draftIssued) }
                if reviewDue { stage.insert(.reviewDue) }
            }
            self = stage
        }
    }

    public var id: String
    public var childName: String
    /// The child's family name (``childName`` puts the given name first).
    public var familyName: String
    /// "family, given" folded: how UK case files are ordered. Computed when that order is first
    /// asked for, not for every case as the list loads.
    public var familyNameOrder: String { Self.familyNameOrder(childName: childName, familyName: familyName) }
    public var caseworker: String
    public var setting: String?
    public var requestDate: CalendarDate
    public var status: CaseStatus
    /// The most urgent unmet deadline: the most overdue breach not excused, else the soonest due,
    /// else the oldest excused lateness.
    public var nextDeadline: Deadline?
    public var stage: Stage
    /// An open assessment whose final plan can no longer be issued within 20 weeks (``BreachForecast``).
    public var isAtRisk: Bool
    /// Reference, child, setting and caseworker folded to lowercase without accents ("zoë" → "zoe"):
    /// folded when a list index is built (``searchKey(of:)``), so a filter never folds per row per key,
    /// and never for a count that only reads the summary.
    public var searchKey: String { Self.searchKey(of: [id, childName, setting ?? "", caseworker]) }

    public init(id: String, childName: String, caseworker: String, setting: String?, requestDate: CalendarDate,
                status: CaseStatus, nextDeadline: Deadline?, stage: Stage = [], isAtRisk: Bool = false,
                familyName: String? = nil) {
        self.id = id
        self.childName = childName
        self.familyName = familyName ?? Self.familyName(guessedFrom: childName)
        self.caseworker = caseworker
        self.setting = setting
        self.requestDate = requestDate
        self.status = status
        self.nextDeadline = nextDeadline
        self.stage = stage
        self.isAtRisk = isAtRisk
    }

    public init(_ ehcCase: EHCCase, calendar: StatutoryCalendar, today: CalendarDate) {
        let (next, reviewDue, isAtRisk) = calendar.nextDeadline(for: ehcCase, today: today)
        self.init(ehcCase, status: calendar.status(of: ehcCase), next: (next, reviewDue), isAtRisk: isAtRisk)
    }

    /// The summary from what the calendar worked out once (``StatutoryCalendar/deadlinesAndSummary(for:today:)``).
    init(_ ehcCase: EHCCase, status: CaseStatus, next: (next: Deadline?, reviewDue: Bool), isAtRisk: Bool) {
        let (next, reviewDue) = next
        let stage = Stage(status: status, decided: ehcCase.decisionToAssess != nil, finalPlanIssued: ehcCase.finalPlanIssued != nil,
                          draftPlanIssued: ehcCase.draftPlanIssued != nil,
                          adviceOutstanding: ehcCase.advice.contains(where: \.isOutstanding), reviewDue: reviewDue)
        self.init(
            id: ehcCase.id, childName: ehcCase.child.fullName, caseworker: ehcCase.caseworker,
            setting: ehcCase.child.setting, requestDate: ehcCase.requestDate, status: status,
            nextDeadline: next, stage: stage,
            isAtRisk: isAtRisk, familyName: ehcCase.child.familyName)
    }

    /// A family name where none is recorded apart: the last word of the name.
    public static func familyName(guessedFrom childName: String) -> String {
        childName.split(separator: " ").last.map(String.init) ?? childName
    }

    /// "family, given" folded, for sorting by family name: `Mensah-Clarke, Ama` → `mensahclarke, ama`.
    /// The given part is what the full name holds before the family name, found by its bytes (a
    /// sort's first press reads this for every case).
    public static func familyNameOrder(childName: String, familyName: String) -> String {
        let child = childName.utf8, family = familyName.utf8
        let givenBytes = child.count >= family.count && child.suffix(family.count).elementsEqual(family)
            ? child.prefix(child.count - family.count) : child[...]
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        let trimmed = givenBytes.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        return folded(familyName + ", " + String(decoding: trimmed, as: UTF8.self))
    }

    /// A request, an assessment or a plan in force (status `open` or `planIssued`): the list's
    /// Active view and the catalogue's `caseload.active`.
    public var isActive: Bool { status.isActive }

    /// Active, and its next deadline is a breach nobody has excused: the list's Overdue view and
    /// the catalogue's `caseload.overdue`. (The next deadline is such a breach whenever the case has one.)
    public var isOverdue: Bool {
        guard isActive, let next = nextDeadline else { return false }
        return next.status == .overdue && !next.excepted
    }

    /// Active, and its next deadline falls within the due-soon days of the settings it was
    /// computed under (today included): the list's Due soon view and the catalogue's `caseload.dueSoon`.
    public var isDueSoon: Bool { isActive && nextDeadline?.status == .dueSoon }

    /// Whole weeks since the request on `today`.
    public func weeksSinceRequest(on today: CalendarDate) -> Int {
        max(0, requestDate.days(until: today)) / 7
    }

    /// True when every word of `query` (folded like ``searchKey``) occurs in the searchable fields.
    public func matches(foldedQuery words: [Substring]) -> Bool {
        words.allSatisfy { searchKey.contains($0) }
    }

    /// The fields folded (``folded(_:)``) without their spaces, joined by newlines, written into
    /// one buffer: ASCII fields (the reference, most names and caseworkers) are lowercased byte by
    /// byte and only the others go through Foundation. Without spaces, a query typed without them
    /// (`mensahclarke`, `annmarie`) finds the name written with them, and a query's words still
    /// each find their part.
    public static func searchKey(of fields: [String]) -> String {
        folding(fields, keepingSpaces: false)
    }

    /// Lowercase, without diacritics, apostrophes or hyphens: the one folding of names and
    /// queries alike, so `oneill` finds O'Neill and `mensah-clarke` finds Mensah‑Clarke.
    public static func folded(_ text: String) -> String {
        folding([text], keepingSpaces: true)
    }

    /// Characters a caseworker types or leaves out at will: apostrophes, hyphens and dashes.
    private static let ignored: Set<Character> = ["'", "’", "‘", "`", "-", "‐", "‑", "–", "—"]

    private static func folding(_ fields: [String], keepingSpaces: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\n")) }
            let start = bytes.count
            if !foldBytes(field, keepingSpaces: keepingSpaces, into: &bytes) {
                bytes.removeSubrange(start...)
                let folded = foldedByFoundation(field).filter { !ignored.contains($0) && (keepingSpaces || $0 != " ") }
                bytes.append(contentsOf: folded.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Folds `field` byte by byte when it is ASCII or uses only the accented Latin letters of
    /// ``latinLetters``; false (and part written) when it needs Foundation.
    private static func foldBytes(_ field: String, keepingSpaces: Bool, into bytes: inout [UInt8]) -> Bool {
        var utf8 = field.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte < 0x80 {
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "`")
                    || (byte == UInt8(ascii: " ") && !keepingSpaces) { continue }
                bytes.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
            } else if byte & 0xE0 == 0xC0, let next = utf8.next() {
                let scalar = Int(byte & 0x1F) << 6 | Int(next & 0x3F)
                let offset = scalar - 0xC0
                guard offset >= 0, offset < latinLetters.count, latinLetters[offset] != 0 else { return false }
                bytes.append(latinLetters[offset])
            } else {
                return false
            }
        }
        return true
    }

    /// U+00C0 to U+017F (À to ſ) folded the way Foundation folds them, where that is one ASCII
    /// letter (`é` → `e`, `Ł` → `l`), else 0 (`Æ`, `ß`, `×`: left to Foundation). Made by asking
    /// Foundation once, so the byte path and Foundation's never disagree.
    private static let latinLetters: [UInt8] = (0xC0...0x17F).map { code in
        guard let scalar = Unicode.Scalar(code) else { return 0 }
        let folded = foldedByFoundation(String(Character(scalar))).utf8
        guard folded.count == 1, let letter = folded.first, letter &- 0x61 < 26 else { return 0 }
        return letter
    }

    private static func foldedByFoundation(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        // "ł" has no decomposition, so diacritic folding keeps it; a search for "lodz" should find "Łódź".
        return folded.utf8.contains(0xC5) ? folded.replacingOccurrences(of: "ł", with: "l") : folded
    }
}
