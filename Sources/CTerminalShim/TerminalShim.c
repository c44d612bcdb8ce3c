#define _XOPEN_SOURCE 700
#define NCURSES_WIDECHAR 1
#include "CTerminalShim.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ncursesw/curses.h>

static SCREEN *screen;
static FILE *headless_output;
static FILE *headless_input;
// Read by signal handlers: endwin only while curses owns the terminal.
static volatile sig_atomic_t curses_active;

static int codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

int ehc_prepare_utf8_locale(void) {
    setlocale(LC_ALL, "");
    if (codeset_is_utf8()) return 1;
    // Minimal containers and some SSH sessions have no LANG: names would print as garbage.
    if (setlocale(LC_CTYPE, "C.UTF-8") && codeset_is_utf8()) return 1;
    return 0;
}

int ehc_open_terminal(const char *term) {
    screen = newterm(term, stdout, stdin);
    if (!screen) return -1;
    set_term(screen);
    curses_active = 1;
    return 0;
}

int ehc_can_move_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

int ehc_open_headless(const char *term, int rows, int columns) {
    headless_output = fopen("/dev/null", "w");
    headless_input = fopen("/dev/null", "r");
    if (!headless_output || !headless_input) return -1;
    screen = newterm(term, headless_output, headless_input);
    if (!screen) return -1;
    set_term(screen);
    // Without a terminal ncurses cannot ask for the size: give it one (not via LINES/COLUMNS,
    // which would race with other threads reading the environment).
    resize_term(rows, columns);
    return 0;
}

void ehc_close_terminal(void) {
    if (!screen) return;
    curses_active = 0;
    endwin();
    delscreen(screen);
    screen = NULL;
    if (headless_output) { fclose(headless_output); headless_output = NULL; }
    if (headless_input) { fclose(headless_input); headless_input = NULL; }
}

void ehc_configure_input(void) {
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    // ncurses waits a whole second to tell Escape from an arrow key; vim and htop use 25 ms.
    if (!getenv("ESCDELAY")) set_escdelay(25);
    curs_set(0);
}

int ehc_start_colors(int wanted) {
    if (!wanted || !has_colors()) return 0;
    start_color();
    use_default_colors();
    return 1;
}

void ehc_define_pair(short pair, short foreground, short background) {
    init_pair(pair, foreground, background);
}

void ehc_set_style(int flags, short pair) {
    attr_t attributes = A_NORMAL;
    if (flags & EHC_BOLD) attributes |= A_BOLD;
    if (flags & EHC_UNDERLINE) attributes |= A_UNDERLINE;
    if (flags & EHC_REVERSE) attributes |= A_REVERSE;
    if (flags & EHC_DIM) attributes |= A_DIM;
    attr_set(attributes, pair, NULL);
}

int ehc_rows(void) {
    int rows, columns;
    getmaxyx(stdscr, rows, columns);
    (void)columns;
    return rows;
}

int ehc_columns(void) {
    int rows, columns;
    getmaxyx(stdscr, rows, columns);
    (void)rows;
    return columns;
}

void ehc_erase(void) { erase(); }

void ehc_put(int row, int column, const wchar_t *text, int count) {
    // The bottom-right cell returns ERR (the cursor cannot advance) but is drawn: ignore it.
    (void)mvaddnwstr(row, column, text, count);
}

void ehc_move_cursor(int row, int column) { move(row, column); }

void ehc_flush(void) {
    wnoutrefresh(stdscr);
    doupdate();
}

int ehc_read_key(int *value) {
    wint_t key = 0;
    int result = wget_wch(stdscr, &key);
    *value = (int)key;
    if (result == KEY_CODE_YES) return 1;
    if (result == OK) return 0;
    return -1;
}

int ehc_read_cell(int row, int column, wchar_t *text, int capacity, int *flags) {
    cchar_t cell;
    if (mvin_wch(row, column, &cell) == ERR) return -1;
    wchar_t characters[CCHARW_MAX + 1];
    attr_t attributes;
    short pair;
    if (getcchar(&cell, characters, &attributes, &pair, NULL) == ERR) return -1;
    int count = 0;
    while (count < capacity - 1 && count < CCHARW_MAX && characters[count]) {
        text[count] = characters[count];
        count++;
    }
    text[count] = 0;
    *flags = ((attributes & A_BOLD) ? EHC_BOLD : 0) | ((attributes & A_UNDERLINE) ? EHC_UNDERLINE : 0)
           | ((attributes & A_REVERSE) ? EHC_REVERSE : 0) | ((attributes & A_DIM) ? EHC_DIM : 0);
    return count;
}

// endwin is not strictly async-signal-safe; htop and neomutt accept the same trade-off,
// because a terminal left in raw mode on the alternate screen is worse.
static void restore_terminal(void) {
    if (curses_active) {
        curses_active = 0;
        endwin();
    }
}

static void on_termination(int signal_number) {
    restore_terminal();
    signal(signal_number, SIG_DFL);
    raise(signal_number);  // delivered when this handler returns: the exit status tells the shell why
}

static const int crash_signals[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE };
enum { crash_signal_count = sizeof crash_signals / sizeof crash_signals[0] };
static struct sigaction previous_crash_actions[crash_signal_count];

static void on_crash(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    restore_terminal();
    for (int index = 0; index < crash_signal_count; index++) {
        if (crash_signals[index] == signal_number) sigaction(signal_number, &previous_crash_actions[index], NULL);
    }
    // Sent by another process with kill(): not a fault of ours, so no backtrace; end the way the
    // signal's default action would (the exit status says which), as SIGTERM does.
    if (info != NULL && info->si_code == SI_USER) {
        signal(signal_number, SIG_DFL);
        raise(signal_number);
        return;
    }
    // A fault re-executes its instruction on return and reaches the previous handler (Swift's
    // backtracer, now printed on the normal screen); abort() must be raised again.
    if (signal_number == SIGABRT || info == NULL || info->si_code <= 0) raise(signal_number);
}

static void restore_at_exit(void) { restore_terminal(); }

void ehc_install_signal_handlers(void) {
    static int installed;
    if (installed) return;
    installed = 1;
    struct sigaction termination;
    memset(&termination, 0, sizeof termination);
    termination.sa_handler = on_termination;
    sigemptyset(&termination.sa_mask);
    sigaction(SIGINT, &termination, NULL);
    sigaction(SIGTERM, &termination, NULL);
    sigaction(SIGHUP, &termination, NULL);

    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_sigaction = on_crash;
    crash.sa_flags = SA_SIGINFO;
    sigemptyset(&crash.sa_mask);
    for (int index = 0; index < crash_signal_count; index++) {
        sigaction(crash_signals[index], &crash, &previous_crash_actions[index]);
    }
    atexit(restore_at_exit);
}
