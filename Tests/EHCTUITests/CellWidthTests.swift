import Testing
@testable import EHCTUI

@Suite("cell width agrees with glibc wcwidth")
struct CellWidthTests {
    @Test("plain ASCII takes one cell per character")
    func ascii() { #expect(CellWidth.of("Sam Example") == 11) }

    @Test("precomposed accented letters take one cell", arguments: ["Zoë", "Łukasz", "Nguyễn"])
    func accented(name: String) { #expect(CellWidth.of(name) == name.count) }

    @Test("a combining accent takes no cell")
    func combining() { #expect(CellWidth.of("Zoe\u{0308}") == 3) }

    @Test("Chinese characters take two cells each")
    func wide() { #expect(CellWidth.of("李雷") == 4) }

    @Test("emoji presentation characters take two cells")
    func emoji() { #expect(CellWidth.of("😀") == 2) }

    @Test("a heart with VS16 takes one cell, as wcwidth says")
    func variationSelector() { #expect(CellWidth.of("\u{2764}\u{FE0F}") == 1) }

    @Test("a ZWJ family sums its emoji, as wcwidth says")
    func zeroWidthJoiner() { #expect(CellWidth.of("👨‍👩‍👧") == 6) }

    @Test("a flag is two regional indicators of one cell each")
    func flag() { #expect(CellWidth.of("🇩🇪") == 2) }

    @Test("control characters are replaced by one visible cell")
    func control() {
        #expect(CellWidth.sanitized("\t") == "\u{FFFD}")
        #expect(CellWidth.of("a\tb") == 3)
    }

    @Test("fullwidth forms take two cells")
    func fullwidth() { #expect(CellWidth.of("Ａ") == 2) }
}

@Suite("text fitted by cells")
struct TextFittingTests {
    @Test("long text is cut with an ellipsis within the width")
    func truncates() { #expect(TextFitting.truncated("Łukasz Kowalczyk", to: 8) == "Łukasz …") }

    @Test("a wide character that would overflow is left out whole")
    func truncatesWide() { #expect(TextFitting.truncated("李雷李雷", to: 6) == "李雷…") }

    @Test("padding counts cells, so wide names pad less")
    func pads() {
        #expect(TextFitting.fitted("李雷", to: 6) == "李雷  ")
        #expect(TextFitting.fitted("Zoë", to: 6) == "Zoë   ")
    }

    @Test("wrapping breaks at spaces within the width")
    func wraps() {
        #expect(TextFitting.wrapped("final plan due in twenty weeks", width: 12) == ["final plan", "due in", "twenty weeks"])
    }

    @Test("a word longer than the line is cut by cells")
    func wrapsLongWord() { #expect(TextFitting.wrapped("abcdefgh", width: 3) == ["abc", "def", "gh"]) }

    @Test("the first line may be narrower than the rest")
    func wrapsFirstLine() {
        #expect(TextFitting.wrapped("aa bb cc", width: 5, firstLineWidth: 2) == ["aa", "bb cc"])
    }
}

@Suite("canvas cells")
struct CanvasTests {
    @Test("a wide character fills its cell and a continuation cell")
    func wideCell() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.write("李x", row: 0, column: 0, role: .normal)
        #expect(canvas[0, 0].width == 2)
        #expect(canvas[0, 1].isContinuation)
        #expect(canvas[0, 2].grapheme == "x")
    }

    @Test("writing over half a wide character blanks the other half")
    func overwriteHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.write("李", row: 0, column: 0, role: .normal)
        canvas.write("a", row: 0, column: 1, role: .normal)
        #expect(canvas.text == " a\n")
    }

    @Test("a wide character that does not fit at the edge leaves a blank")
    func wideAtEdge() {
        var canvas = Canvas(width: 3, height: 1)
        canvas.write("ab李", row: 0, column: 0, role: .normal)
        #expect(canvas.text == "ab\n")
    }

    @Test("writes outside the grid are clipped, not trapped")
    func clipping() {
        var canvas = Canvas(width: 1, height: 1)
        canvas.write("hello", row: 0, column: -3, role: .normal)
        canvas.write("x", row: 5, column: 0, role: .normal)
        canvas.fill(row: -1, column: -1, width: 5, height: 5, role: .selected)
        #expect(canvas.roleMap == "s\n")
    }
}
