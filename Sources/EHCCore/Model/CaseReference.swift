/// What a case reference may be, and the other limits on recorded text.
///
/// A reference names a case in every file, command and audit entry, so two references that look
/// the same must be the same: it is 1 to 40 characters of ASCII letters, digits and `-`, `_`, `/`,
/// `.` (so `é` cannot be written two ways, and no control or look-alike character can hide in it).
///
/// ```swift
/// CaseReference.problem(with: "EHC-2025-00123")   // nil
/// CaseReference.problem(with: "EHC-2025-0012\u{1B}")   // "The reference … may only hold …"
/// ```
public enum CaseReference {
    public static let longest = 40
    /// The longest name (given, family, caseworker) that is accepted.
    public static let longestName = 200
    /// No EHC request can be older than this (EHC plans began on 1 September 2014; a little room
    /// is left for transferred statements recorded with their original request).
    public static let earliestRequest = CalendarDate(dayNumber: 10_957)   // 2000-01-01

    /// Why `reference` is not a valid case reference, or `nil` when it is.
    public static func problem(with reference: String) -> String? {
        let allowed = reference.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2F || byte == 0x2E
        }
        guard !reference.isEmpty, reference.utf8.count <= longest, allowed else {
            return "The reference \"\(reference.unicodeScalars.map { isControl($0) ? "\u{FFFD}" : String($0) }.joined())\" "
                + "may only hold 1 to \(longest) ASCII letters, digits and - _ / . (e.g. EHC-2025-00123)."
        }
        return nil
    }

    /// C0 and C1 control characters and DEL.
    @inlinable public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }
}
