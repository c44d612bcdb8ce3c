#ifndef CTERMINALSHIM_H
#define CTERMINALSHIM_H

// The C side of ehcdesk's ncurses backend: what Swift cannot import (attribute macros,
// COLOR_PAIR, stdscr, getmaxyx) or must not do (signal handlers that restore the terminal).
// Every function acts on the one screen opened by ehc_open_terminal or ehc_open_headless.

#include <wchar.h>

/// Sets the locale from the environment; falls back to C.UTF-8. Returns 1 when the codeset is UTF-8.
int ehc_prepare_utf8_locale(void);
/// newterm on stdout/stdin for TERM `term` (NULL: $TERM). Returns 0 on success, -1 when it fails.
int ehc_open_terminal(const char *term);
/// newterm on /dev/null (tig's trick), for tests of the real backend without a terminal.
int ehc_open_headless(const char *term, int rows, int columns);
/// endwin and free the screen; safe to call twice.
void ehc_close_terminal(void);
/// cbreak, noecho, nonl, keypad, set_escdelay(25) unless $ESCDELAY, invisible cursor.
void ehc_configure_input(void);
/// start_color + use_default_colors when colours are wanted and available. Returns 1 for colour, 0 for mono.
int ehc_start_colors(int wanted);
void ehc_define_pair(short pair, short foreground, short background);

enum {
    EHC_BOLD = 1, EHC_UNDERLINE = 2, EHC_REVERSE = 4, EHC_DIM = 8,
};
/// Attributes (EHC_* flags) and colour pair for the following writes.
void ehc_set_style(int flags, short pair);
int ehc_rows(void);
int ehc_columns(void);
void ehc_erase(void);
/// Writes `count` wide characters at row, column (wide ones advance two cells).
void ehc_put(int row, int column, const wchar_t *text, int count);
void ehc_move_cursor(int row, int column);
/// wnoutrefresh + one doupdate.
void ehc_flush(void);
/// wget_wch: returns 0 for a character, 1 for a function key (KEY_*), -1 for none.
int ehc_read_key(int *value);
/// 1 when the open terminal can move its cursor (TERM=dumb cannot: the screen would stay blank).
int ehc_can_move_cursor(void);
/// The text of one cell (up to `capacity` wide characters) and its EHC_* flags, for headless tests.
int ehc_read_cell(int row, int column, wchar_t *text, int capacity, int *flags);
/// Restores the terminal on SIGINT, SIGTERM, SIGHUP (then dies of the signal) and before crash
/// signals reach the previous handler (Swift's backtracer); registers endwin with atexit.
void ehc_install_signal_handlers(void);

#endif
