import CNcurses
import CTerminalShim
import EHCCore
import Testing
@testable import EHCTUI
@testable import TerminalUI

@Suite("ncurses backend")
struct BackendTests {
    @Test("NO_COLOR set to anything non-empty forces monochrome")
    func noColor() {
        #expect(Theme.tier(noColor: "1", hasColors: true) == .monochrome)
        #expect(Theme.tier(noColor: "", hasColors: true) == .colour)
        #expect(Theme.tier(noColor: nil, hasColors: false) == .monochrome)
    }

    @Test("in monochrome, overdue, due soon and the selection still look different from normal text")
    func monochromeStyles() {
        let theme = Theme(tier: .monochrome)
        let normal = theme.style(for: .normal)
        for role in [StyleRole.overdue, .dueSoon, .selected, .header] { #expect(theme.style(for: role) != normal) }
        #expect(theme.style(for: .overdue).pair == 0)
    }

    @Test("function keys and control characters decode to keys",
          arguments: [(Int32(KEY_DOWN), true, Key.down), (Int32(KEY_NPAGE), true, .pageDown),
                      (Int32(KEY_BTAB), true, .backTab), (13, false, .enter), (9, false, .tab), (27, false, .escape),
                      (14, false, .control("n")), (0x674E, false, .character("李"))])
    func decoding(value: Int32, isFunctionKey: Bool, key: Key) {
        #expect(KeyDecoding.key(value: value, isFunctionKey: isFunctionKey) == key)
    }

    /// tig's trick: a real ncurses screen on /dev/null, read back cell by cell.
    @Test("the painted screen puts wide characters and attributes where the Canvas has them")
    func headlessPaint() throws {
        try #require(ehc_prepare_utf8_locale() == 1)
        try #require(ehc_open_headless("xterm-256color", 5, 20) == 0)
        defer { ehc_close_terminal() }
        var canvas = Canvas(width: 20, height: 5)
        canvas.write("李雷|", row: 0, column: 0, role: .normal)
        canvas.write("Zoë|", row: 1, column: 0, role: .overdue)
        CanvasPainter.paint(canvas, theme: Theme(tier: .monochrome))
        #expect(cell(row: 0, column: 4).text == "|")
        #expect(cell(row: 1, column: 3).text == "|")
        #expect(cell(row: 1, column: 2).text == "ë")
        #expect(cell(row: 1, column: 0).flags & Int32(EHC_BOLD) != 0)
        #expect(cell(row: 0, column: 0).flags == 0)
    }

    private func cell(row: Int32, column: Int32) -> (text: String, flags: Int32) {
        var buffer = [wchar_t](repeating: 0, count: 8)
        var flags: Int32 = 0
        let count = ehc_read_cell(row, column, &buffer, 8, &flags)
        let scalars = buffer.prefix(Int(max(0, count))).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return (String(String.UnicodeScalarView(scalars)), flags)
    }
}
