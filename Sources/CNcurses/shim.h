// Wide-character ncurses for Swift. SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so the define
// below is what makes wget_wch, mvaddnwstr, cchar_t and wint_t visible.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
