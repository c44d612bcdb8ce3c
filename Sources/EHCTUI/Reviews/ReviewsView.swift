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

    /// Column widths for a screen `width` cells wide; the caseworker only when there is room.
    struct Columns: Equatable {
        static let marker = 2
        static let reference = 14
        static let age = 3
        static let due = 10
        static let status = 12

        var child: Int
        var caseworker: Int
        var next: Int

        init(width: Int) {
            let fixed = Self.marker + Self.reference + Self.age + Self.due + Self.status + 6
            let flexible = max(0, width - fixed)
            child = min(28, max(10, flexible * (width >= 100 ? 30 : 45) / 100))
            caseworker = width >= 100 ? min(20, flexible * 18 / 100) : 0
            next = max(0, flexible - child - caseworker - (caseworker > 0 ? 1 : 0))
        }
    }

    public static func draw(_ screen: ReviewsScreen, today: CalendarDate, size: TerminalSize, on canvas: inout Canvas) {
        let width = size.width
        guard size.height > 4 else { return }
        guard screen.rows != nil else {
            canvas.write("Reading the plans in force…", row: 3, column: 2, role: .muted)
            return
        }
        canvas.write(TextFitting.truncated(strip(screen, width: width), to: width), row: 1, column: 0, role: .normal)
        let columns = Columns(width: width)
        let header = ["", "Reference", "Child", "Age", screen.filter == .phaseTransfer ? "Transfer" : "Review due",
                      "Status", screen.filter == .phaseTransfer ? "Amended plan" : "Next step"]
        canvas.fill(row: 2, column: 0, width: width, height: 1, role: .header)
        write(cells(header, caseworker: "Caseworker", columns: columns), row: 2, width: width, role: .header, on: &canvas)
        guard screen.shownCount > 0 else {
            canvas.write("No plans in \(screen.filter.title(cohort: screen.cohort))", row: 3, column: 2, role: .muted)
            return
        }
        let visible = screen.scroll..<min(screen.shownCount, screen.scroll + visibleRows(height: size.height))
        for index in visible {
            guard let row = screen.shownRow(index) else { continue }
            drawRow(row, filter: screen.filter, selected: index == screen.selected, today: today, columns: columns,
                    at: 3 + index - screen.scroll, width: width, on: &canvas)
        }
        canvas.cursor = Canvas.Position(row: 3 + screen.selected - screen.scroll, column: 0)
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

    private static func drawRow(_ row: PlanReviewRow, filter: ReviewsScreen.Filter, selected: Bool,
                                today: CalendarDate, columns: Columns, at line: Int, width: Int,
                                on canvas: inout Canvas) {
        let role: StyleRole = selected ? .selected : .normal
        let due: String
        let status: (text: String, role: StyleRole)
        let next: String
        if filter == .phaseTransfer, let deadline = row.phaseTransfer, let transfer = row.transfer {
            due = "\(deadline.due)"
            status = StatusWording.short(for: deadline, today: today)
            let kind = transfer.kind == .school ? "school" : "post-16"
            let state = deadline.met.map { "issued \($0)" } ?? "not yet, \(days(deadline, today: today))"
            next = CellWidth.of(state + " (\(kind))") <= columns.next ? state + " (\(kind))" : state
        } else {
            due = row.review.map { "\($0.due)" } ?? "—"
            status = reviewStatus(row, today: today)
            next = nextStep(row, today: today, width: columns.next)
        }
        let values = ["▸".prefix(selected ? 1 : 0).description, row.id, row.childName,
                      TextFitting.rightAligned(String(row.age), to: Columns.age), due, "", next]
        canvas.fill(row: line, column: 0, width: width, height: 1, role: role)
        let cells = cells(values, caseworker: row.caseworker, columns: columns)
        write(cells, row: line, width: width, role: role, on: &canvas)
        // The status cell, second to last, gets its own role: never colour alone, it is also a word.
        let statusColumn = cells.dropLast(2).reduce(0) { $0 + $1.1 + 1 }
        canvas.write(TextFitting.truncated(status.text, to: Columns.status), row: line, column: statusColumn,
                     role: selected && status.role == .normal ? .selected : status.role)
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

    /// The cells of a row in column order, the caseworker inserted after the age when it has room.
    private static func cells(_ values: [String], caseworker: String, columns: Columns) -> [(String, Int)] {
        var cells: [(String, Int)] = [
            (values[0], Columns.marker - 1), (values[1], Columns.reference), (values[2], columns.child),
            (values[3], Columns.age),
        ]
        if columns.caseworker > 0 { cells.append((caseworker, columns.caseworker)) }
        cells += [(values[4], Columns.due), (values[5], Columns.status), (values[6], columns.next)]
        return cells
    }

    private static func write(_ cells: [(String, Int)], row: Int, width: Int, role: StyleRole, on canvas: inout Canvas) {
        CaseListView.write(cells, row: row, area: ScreenLayout.Rect(row: row, column: 0, width: width, height: 1),
                           role: role, on: &canvas)
    }
}
