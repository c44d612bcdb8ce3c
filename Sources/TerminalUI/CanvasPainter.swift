import CNcurses
import CTerminalShim
import EHCTUI

/// Copies a ``Canvas`` into the curses screen: one write per run of cells in one role, then a
/// single `doupdate`, so ncurses sends only what changed and nothing flickers.
///
/// ```swift
/// CanvasPainter.paint(Screen.render(state), theme: theme)
/// ```
enum CanvasPainter {
    static func paint(_ canvas: Canvas, theme: Theme) {
        ehc_erase()
        var run: [wchar_t] = []
        run.reserveCapacity(canvas.width * 2)
        for row in 0..<canvas.height {
            var column = 0
            while column < canvas.width {
                let role = canvas[row, column].role
                let start = column
                run.removeAll(keepingCapacity: true)
                while column < canvas.width, canvas[row, column].role == role {
                    let cell = canvas[row, column]
                    // The wide character before it already covers a continuation cell.
                    if !cell.isContinuation {
                        for scalar in cell.grapheme.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
                    }
                    column += 1
                }
                let style = theme.style(for: role)
                ehc_set_style(style.attributes, style.pair)
                run.withUnsafeBufferPointer { buffer in
                    ehc_put(Int32(row), Int32(start), buffer.baseAddress, Int32(buffer.count))
                }
            }
        }
        if let cursor = canvas.cursor { ehc_move_cursor(Int32(cursor.row), Int32(cursor.column)) }
        ehc_flush()
    }
}
