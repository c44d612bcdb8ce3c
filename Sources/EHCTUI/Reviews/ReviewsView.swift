import EHCCore

/// The reviews screen between the title bar and the footer: a strip of the filters with their
/// counts, then one row per plan (reference, child, age, caseworker on wide terminals, the review
/// due, its status as a word, and the next step: the deadline in flight with its days, a meeting
/// booked, or the phase transfer). Only the rows on screen are drawn.
///
/// ```swift
/// ReviewsView.draw(screen, today: today, size: state.size, on: &canvas)
/// ReviewsView.visibleRows(height: 24)   // 20
/// ```
public enum ReviewsView {
    /// Rows of plans on a screen `height` rows tall (title, strip, column header and footer aside).
    public static func visibleRows(height: Int) -> Int { max(0, height - 4) }

    /// The columns for a filter: the transfers name the transfer and the amended plan; the age
    /// gives way before the caseworker, which a lead sorts and scopes by.
    static func columns(for filter: ReviewsScreen.Filter) -> [ListColumn] {
        [
            ListColumn("Reference", .fixed(14)),
            ListColumn("Child", .flexible(minimum: 10, maximum: 28, share: 4)),
            ListColumn("Age", .fixed(3), alignment: .right, givesWay: 2),
            ListColumn("Caseworker", .flexible(minimum: 9, maximum: 20, share: 2), givesWay: 1),
            ListColumn(filter == .phaseTransfer ? "Transfer" : "Review due", .fixed(10)),
            ListColumn("Status", .fixed(StatusWording.longestShort)),
            ListColumn(filter == .phaseTransfer ? "Amended plan" : "Next step", .flexible(minimum: 14, maximum: 60, share: 5)),
        ]
    }

    public static func draw(_ screen: ReviewsScreen, today: CalendarDate, size: TerminalSize, on canvas: inout Canvas) {
        let width = size.width
        guard size.height > 4 else { return }
        guard screen.rows != nil else {
            canvas.write("Reading the plans in force…", row: 3, column: 2, role: .muted)
            return
        }
        canvas.write(TextFitting.truncated(strip(screen, width: width), to: width), row: 1, column: 0, role: .normal)
        let columns = columns(for: screen.filter)
        let nextWidth = ListLayout.widths(columns, width: width).last ?? 0
        let area = ScreenLayout.Rect(row: 2, column: 0, width: width, height: size.height - 3)
        ListView.draw(columns: columns, rowCount: screen.shownCount, scroll: screen.scroll, selected: screen.selected,
                      in: area, on: &canvas) { index in
            guard let row = screen.shownRow(index) else { return .cells([]) }
            return .cells(cells(row, filter: screen.filter, today: today, nextWidth: nextWidth))
        }
        if screen.shownCount == 0 {
            canvas.write("No plans in \(screen.filter.title(cohort: screen.cohort))"
                         + (screen.filterText.isEmpty ? "" : " matching the filter"), row: 3, column: 2, role: .muted)
        }
    }

    /// Every filter with its key and count, the current one in brackets.
    static func strip(_ screen: ReviewsScreen, width: Int) -> String {
        func strip(_ title: (ReviewsScreen.Filter) -> String) -> String {
            " " + ReviewsScreen.Filter.allCases.enumerated().map { index, filter in
                let entry = "\(index + 1) \(title(filter)) \(Chrome.grouped(screen.count(filter)))"
                return filter == screen.filter ? "[" + entry + "]" : entry
            }.joined(separator: "  ")
        }
        let full = strip { $0.title(cohort: screen.cohort) }
        return CellWidth.of(full) <= width ? full : strip { $0 == .overdue ? "Overdue" : $0.title(cohort: screen.cohort) }
    }

    private static func cells(_ row: PlanReviewRow, filter: ReviewsScreen.Filter, today: CalendarDate,
                              nextWidth: Int) -> [ListCell] {
        let due: String
        let status: (text: String, role: StyleRole)
        let next: String
        if filter == .phaseTransfer, let deadline = row.phaseTransfer, let transfer = row.transfer {
            due = "\(deadline.due)"
            status = StatusWording.short(for: deadline, today: today)
            let kind = transfer.kind == .school ? "school" : "post-16"
            let state = deadline.met.map { "issued \($0)" } ?? "not yet, \(days(deadline, today: today))"
            next = CellWidth.of(state + " (\(kind))") <= nextWidth ? state + " (\(kind))" : state
        } else {
            due = row.review.map { "\($0.due)" } ?? "—"
            status = reviewStatus(row, today: today)
            next = nextStep(row, today: today, width: nextWidth)
        }
        return [ListCell(row.id), ListCell(row.childName), ListCell(String(row.age)), ListCell(row.caseworker),
                ListCell(due), ListCell(status.text, status.role), ListCell(next)]
    }

    /// The review's status as a word: held (deciding), booked, or the deadline's own word.
    static func reviewStatus(_ row: PlanReviewRow, today: CalendarDate) -> (text: String, role: StyleRole) {
        guard let review = row.review else { return ("—", .muted) }
        if row.isMeetingHeld { return (review.status == .overdue ? "held, late" : "held", .normal) }
        if row.meeting != nil, review.status != .overdue { return ("booked", .normal) }
        return StatusWording.short(for: review, today: today)
    }

    /// What is next: the deadline in flight with its date and days, else a meeting booked, else a
    /// meeting to book, else for an under-5 the end of the recommended window; the long form when it fits in `width`.
    static func nextStep(_ row: PlanReviewRow, today: CalendarDate, width: Int) -> String {
        if let flight = row.inFlight {
            let what = flight.kind == .amendedPlan ? "amended plan" : flight.kind == .reviewReport ? "report" : "decision"
            let long = "\(what) due \(flight.due), \(days(flight, today: today))"
            return CellWidth.of(long) <= width ? long : "\(what) \(days(flight, today: today))"
        }
        if let meeting = row.meeting, meeting > today {
            let long = "meeting booked \(meeting), in \(today.days(until: meeting))d"
            return CellWidth.of(long) <= width ? long : "meeting in \(today.days(until: meeting))d"
        }
        if row.isAwaitingMeeting { return "book the meeting" }
        guard let by = row.underFiveReviewBy else { return "" }
        let long = "under 5: review by \(by) (3–6 months)"
        return CellWidth.of(long) <= width ? long : "<5: by \(by)"
    }

    /// `12d left`, `due today` or `3d over`.
    static func days(_ deadline: Deadline, today: CalendarDate) -> String {
        let left = deadline.daysLeft(on: today)
        return left > 0 ? "\(left)d left" : left == 0 ? "due today" : "\(-left)d over"
    }
}
