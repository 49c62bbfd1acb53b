/* screen.c - curses start-up and teardown, crash safety, keys and the frame. */
#include "ui.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "format.h"
#include "text.h"
#include "config.h"

struct ui_theme ui_theme;

static bool active;
static struct termios saved_tty;
static bool have_saved_tty;
/* The terminal reset sequence, prepared at start-up for the crash handler, which may
 * only call async-signal-safe functions. */
static char reset_seq[256];
static size_t reset_len;

static void add_reset(const char *cap)
{
	const char *s = tigetstr((char *)cap);
	if (!s || s == (char *)-1)
		return;
	size_t n = strlen(s);
	if (reset_len + n < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, n);
		reset_len += n;
	}
}

static void prepare_reset(void)
{
	static const char mouse_off[] = "\033[?1000l\033[?1002l\033[?1003l\033[?1006l";
	reset_len = 0;
	memcpy(reset_seq, mouse_off, sizeof mouse_off - 1);
	reset_len = sizeof mouse_off - 1;
	add_reset("sgr0");
	add_reset("cnorm");
	add_reset("rmkx");
	add_reset("rmcup");
	if (reset_len + 2 < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, "\r\n", 2);
		reset_len += 2;
	}
}

size_t ui_reset_bytes(const char **bytes, const struct termios **tio)
{
	*bytes = reset_seq;
	*tio = have_saved_tty ? &saved_tty : NULL;
	return reset_len;
}

/* Called first by the crash handler (async-signal-safe only). */
static void (*crash_hook)(void);

void ui_on_crash(void (*hook)(void))
{
	crash_hook = hook;
}

static void crash_handler(int sig)
{
	if (crash_hook)
		crash_hook();
	if (have_saved_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	ssize_t r = write(STDOUT_FILENO, reset_seq, reset_len);
	(void)r;
	raise(sig);		/* SA_RESETHAND: the default action now ends the process */
}

static void install_crash_handler(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = crash_handler;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

static attr_t curses_attrs(unsigned bits)
{
	attr_t a = A_NORMAL;
	if (bits & THEME_BOLD)
		a |= A_BOLD;
	if (bits & THEME_DIM)
		a |= A_DIM;
	if (bits & THEME_ITALIC)
		a |= A_ITALIC;
	if (bits & THEME_UNDERLINE)
		a |= A_UNDERLINE;
	if (bits & THEME_REVERSE)
		a |= A_REVERSE;
	return a;
}

/* The depth this terminal is drawn with: the theme module's choice, lowered to what
 * curses can emit (24-bit colours need a direct-colour terminfo, e.g. xterm-direct). */
static enum theme_depth screen_depth(struct app *a)
{
	/* terminfo's count, before start_color: with no colour wanted, colours are never
	 * started (start_color alone paints white on black). */
	int ncolors = has_colors() ? tigetnum("colors") : 0;
	int rgb = tigetflag("RGB");
	enum theme_depth d = theme_depth_detect(ncolors > 0 ? ncolors : 0, rgb > 0,
						getenv("COLORTERM"), getenv("NO_COLOR"),
						(enum theme_color_mode)a->opts.color);
	if (d == THEME_DEPTH_MONO || start_color() == ERR)
		return THEME_DEPTH_MONO;
	if (d == THEME_DEPTH_TRUECOLOR && COLORS < 0x1000000)
		d = COLORS >= 256 ? THEME_DEPTH_256 : COLORS >= 16 ? THEME_DEPTH_16 : THEME_DEPTH_8;
	if (d == THEME_DEPTH_256 && COLORS < 256)
		d = COLORS >= 16 ? THEME_DEPTH_16 : THEME_DEPTH_8;
	if (d == THEME_DEPTH_16 && COLORS < 16)
		d = THEME_DEPTH_8;
	return d;
}

/* A pen's colour as a curses colour number: -1 the terminal's, an index, or (direct
 * colour) the RGB value itself. */
static int curses_color(int pen)
{
	if (pen == THEME_PEN_DEFAULT)
		return -1;
	if (pen & THEME_PEN_RGB_FLAG)
		return pen & 0xffffff;
	return pen;
}

/* Every element of the theme as a curses attribute: one colour pair each. */
void ui_apply_theme(struct app *a)
{
	static bool colors_started;
	enum theme_depth d = colors_started ? ui_theme.depth : screen_depth(a);
	colors_started = true;
	ui_theme.depth = d;
	if (d != THEME_DEPTH_MONO)
		use_default_colors();
	for (int e = 0; e < TE_COUNT; e++) {
		struct theme_pen pen;
		theme_resolve(&a->theme, (enum theme_elem)e, d, &pen);
		attr_t attr = curses_attrs(pen.attrs);
		if (d != THEME_DEPTH_MONO && e + 1 < COLOR_PAIRS &&
		    init_extended_pair(e + 1, curses_color(pen.fg), curses_color(pen.bg)) == OK)
			attr |= COLOR_PAIR(e + 1);
		ui_theme.elem[e] = (int)attr;
	}
	bkgdset((chtype)' ' | (chtype)ui_attr(TE_NORMAL));
	clearok(curscr, TRUE);
}

/* What marks text cut at the edge: "…" where the locale is UTF-8, else an ASCII "~"
 * (the bytes of "…" would be drawn as garbage). */
static const char *ellipsis = "…";

/* Whether the terminfo entry name sends 24-bit colours (it exists, RGB or 2^24 colours). */
static bool terminfo_direct(const char *name)
{
	int e;
	if (!name || setupterm((char *)name, STDOUT_FILENO, &e) != OK)
		return false;
	bool direct = tigetflag("RGB") > 0 || tigetnum("colors") >= 0x1000000;
	del_curterm(cur_term);
	cur_term = NULL;
	return direct;
}

/* COLORTERM=truecolor on a 256-colour terminfo: the same terminal's direct-colour entry
 * (ncurses-term has xterm-direct, tmux-direct ...), so colours go out in 24 bits. NULL:
 * $TERM as it is. */
static const char *direct_term(struct app *a, char *buf, size_t size)
{
	const char *term = getenv("TERM");
	if (theme_depth_detect(256, false, getenv("COLORTERM"), getenv("NO_COLOR"),
			       (enum theme_color_mode)a->opts.color) != THEME_DEPTH_TRUECOLOR ||
	    !theme_direct_term(term, buf, size) || terminfo_direct(term) || !terminfo_direct(buf))
		return NULL;
	return buf;
}

/* Never runs: SIGTSTP stays blocked and the loop reads it from its signalfd. */
static void tstp_unused(int sig)
{
	(void)sig;
}

/* ncurses takes SIGTSTP over when its disposition is the default, and sets it to ignored
 * around every redraw, which discards one that is pending (a Ctrl-Z the loop has not read
 * yet would be lost). A handler of our own makes ncurses leave SIGTSTP alone. */
static void keep_tstp(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tstp_unused;
	sigfillset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, NULL);
}

int ui_init(struct app *a, char *err, size_t errlen)
{
	char direct[64];
	have_saved_tty = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
	keep_tstp();
	if (!newterm(direct_term(a, direct, sizeof direct), stdout, stdin)) {
		snprintf(err, errlen, "cannot start the screen: unknown terminal type '%s'",
			 getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	const char *cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {	/* TERM=dumb and the like: no full screen */
		endwin();
		snprintf(err, errlen, "terminal type '%s' cannot move the cursor: the screen needs "
			 "a full-screen terminal; --tree and --json work anywhere",
			 getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	active = true;
	prepare_reset();
	install_crash_handler();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	ui_apply_theme(a);
	a->utf8 = !a->opts.ascii && text_locale_is_utf8();
	if (!text_locale_is_utf8())
		ellipsis = "~";
	return 0;
}

void ui_end(void)
{
	if (!active)
		return;
	active = false;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	fflush(stdout);
}

void ui_suspend(void)
{
	if (!active)
		return;
	endwin();
	fflush(stdout);
	raise(SIGSTOP);
	ui_resume();		/* back */
}

void ui_resume(void)
{
	if (!active)
		return;
	/* A SIGSTOP from outside leaves the terminal as the shell set it (cooked, echo):
	 * the program's modes go back first, then the whole screen is drawn again. */
	reset_prog_mode();
	refresh();
	clearok(curscr, TRUE);
	/* ncurses turns the keypad's application mode back on only at the next read, after
	 * the first key has already arrived in the other mode: the first arrow after fg
	 * would be lost. Send it now. */
	const char *smkx = tigetstr("smkx");
	if (smkx && smkx != (const char *)-1) {
		putp(smkx);
		fflush(stdout);
	}
}

void ui_resize(void)
{
	struct winsize ws;
	if (!active || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0 || !ws.ws_row || !ws.ws_col)
		return;
	resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

static int mouse_key(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return FK_NONE;
	if (ev.bstate & BUTTON4_PRESSED)
		return FK_WHEEL_UP;
	if (ev.bstate & BUTTON5_PRESSED)
		return FK_WHEEL_DOWN;
	a->view.click_row = ui_tree_row_at(ev.y);
	return a->view.click_row >= 0 ? FK_CLICK : FK_NONE;
}

static int map_key(struct app *a, int ch)
{
	switch (ch) {
	case KEY_UP: return FK_UP;
	case KEY_DOWN: return FK_DOWN;
	case KEY_LEFT: return FK_LEFT;
	case KEY_RIGHT: return FK_RIGHT;
	case KEY_PPAGE: return FK_PGUP;
	case KEY_NPAGE: return FK_PGDN;
	case KEY_HOME: return FK_HOME;
	case KEY_END: return FK_END;
	case KEY_ENTER: return FK_ENTER;
	case KEY_BACKSPACE: return FK_BACKSPACE;
	case KEY_RESIZE: return FK_RESIZE;
	case KEY_BTAB: return FK_BTAB;
	case KEY_MOUSE: return mouse_key(a);
	}
	if (ch >= KEY_F(1) && ch <= KEY_F(10))
		return FK_F1 + (ch - KEY_F(1));
	return FK_NONE;
}

int ui_key(struct app *a)
{
	wint_t wch;
	int r = get_wch(&wch);
	if (r == ERR)
		return FK_NONE;
	if (r == KEY_CODE_YES)
		return map_key(a, (int)wch);
	switch (wch) {		/* plain characters: only control keys have names */
	case '\r': case '\n': return FK_ENTER;
	case 127: case 8: return FK_BACKSPACE;
	case 27: return FK_ESC;
	}
	return (int)wch;
}

void ui_put(int y, int x, const char *s, int cols, int attr)
{
	struct sbuf b;
	sbuf_init(&b);
	text_pad(&b, s, strlen(s), cols, ellipsis);
	attrset(attr);
	mvaddstr(y, x, sbuf_str(&b));
	attrset(A_NORMAL);
	sbuf_free(&b);
}

static void draw_too_small(int rows, int cols)
{
	char need[64], now[64];
	snprintf(need, sizeof need, "(need %dx%d)", UI_MIN_COLS, UI_MIN_ROWS);
	snprintf(now, sizeof now, "now %dx%d", cols, rows);
	const char *msg[] = { "terminal too small", need, now };
	erase();
	int y0 = rows > 3 ? (rows - 3) / 2 : 0;
	for (int i = 0; i < 3 && y0 + i < rows; i++) {
		int w = (int)strlen(msg[i]);
		int x = cols > w ? (cols - w) / 2 : 0;
		ui_put(y0 + i, x, msg[i], cols - x, A_BOLD);
	}
}

static void draw_header(const struct app *a, int width)
{
	const struct scan_info *si = scan_info(a->scan);
	char up[32];
	struct sbuf b;
	format_uptime(up, sizeof up, si->uptime);
	sbuf_init(&b);
	sbuf_printf(&b, " %s %s   up %s  load %.2f %.2f %.2f  procs %zu (%zu running)",
		    PACKAGE_NAME, PACKAGE_VERSION, up, si->load[0], si->load[1], si->load[2],
		    si->nprocs - si->nkthreads, si->running);
	if (tree_show_kthreads(a->tree))
		sbuf_printf(&b, "  kthr %zu", si->nkthreads);
	if (tasks_count(a->tasks))
		sbuf_printf(&b, "  tasks %zu (%zu alive)", tasks_count(a->tasks),
			    tasks_alive(a->tasks));
	ui_put(0, 0, sbuf_str(&b), width, ui_attr(TE_HEADER));
	sbuf_free(&b);
}

/* Where each part of the screen goes, from the terminal's size and what there is to show:
 * the same for laying out and for drawing. */
struct frame {
	int rows, cols;
	const char *status;	/* the status line's text, "" for none */
	char join[160];		/* a join in progress: its status */
	struct meter_layout meters;	/* the header */
	int avail;		/* lines between the header and the status/key bar */
	int out, ev;		/* the output pane's and the event log's lines, 0: not shown */
};

/* The output pane (when there are tasks) and the event log (when there are events) share
 * what the tree can spare: half of a tall screen (8 lines each at most), two fifths of a
 * short one, the tree keeping its header and 12 rows where that leaves panes of 3 lines;
 * none when the user hid them (O). */
static void panes_of(const struct app *a, struct frame *f)
{
	bool out = tasks_count(a->tasks) || tasks_console_count(a->tasks);
	bool ev = events_count(a->events) > 0;
	f->out = f->ev = 0;
	if (a->view.panes_hidden || (!out && !ev))
		return;
	int share = f->avail >= 30 ? f->avail / 2 : f->avail * 2 / 5;
	share = share > 16 ? 16 : share;
	if (f->avail - share < 13)	/* the column header and 12 rows stay when they fit */
		share = f->avail - 13 > 0 ? f->avail - 13 : share < 3 ? 0 : f->avail / 3;
	if (out && ev && share >= 6) {
		f->out = (share + 1) / 2;
		f->ev = share / 2;
	} else if (share >= 3) {
		*(out ? &f->out : &f->ev) = share > 8 ? 8 : share;
	}
}

static void frame_of(const struct app *a, struct frame *f)
{
	f->rows = LINES;
	f->cols = COLS;
	f->status = a->status;
	if (a->join.active) {
		if (a->join.all)
			snprintf(f->join, sizeof f->join, "waiting for every task … %.1f s  "
				 "(Esc cancels)", clock_now() - a->join.began);
		else
			snprintf(f->join, sizeof f->join, "waiting for %d … %.1f s  (Esc cancels)",
				 a->join.pid, clock_now() - a->join.began);
		f->status = f->join;
	}
	ui_meters_layout(a, f->cols, f->rows, &f->meters);
	f->avail = f->rows - f->meters.rows - 1 - (f->status[0] ? 1 : 0);
	panes_of(a, f);
}

static bool too_small(const struct frame *f)
{
	return f->rows < UI_MIN_ROWS || f->cols < UI_MIN_COLS;
}

/* What the screen owns (app.view), set for this frame. */
static void layout(struct app *a, const struct frame *f)
{
	if (too_small(f)) {
		a->view.page = 1;
		return;
	}
	if (a->help) {
		ui_help_layout(a, f->rows);
		return;
	}
	ui_tree_layout(a, f->meters.rows, f->avail - f->out - f->ev, f->cols);
	ui_panes_layout(a, f->out, f->ev);
	if (a->dialog.kind == DIALOG_DETAILS)
		ui_details_layout(a, f->rows, f->cols);
	else if (a->dialog.kind == DIALOG_STRACE)
		ui_trace_layout(a, f->rows, f->cols);
}

static void paint(const struct app *a, const struct frame *f)
{
	int rows = f->rows, cols = f->cols;
	if (too_small(f)) {
		draw_too_small(rows, cols);
		return;
	}
	erase();
	if (a->help) {
		ui_draw_help(a, rows, cols);
		return;
	}
	if (f->meters.meters)
		ui_draw_meters(a, &f->meters, cols);
	else
		draw_header(a, cols);
	int top = f->meters.rows, avail = f->avail, out = f->out, ev = f->ev;
	ui_draw_tree(a, top, avail - out - ev, cols);
	if (out)
		ui_draw_output(a, top + avail - out - ev, out, cols);
	if (ev)
		ui_draw_events(a, top + avail - ev, ev, cols);
	if (f->status[0])
		ui_put(rows - 2, 0, f->status, cols, ui_attr(TE_STATUS));
	ui_draw_keybar(a, rows - 1, cols);
	if (a->dialog.kind != DIALOG_NONE)
		ui_draw_dialog(a, rows, cols);
}

void ui_draw(struct app *a)
{
	struct frame f;
	frame_of(a, &f);
	layout(a, &f);
	if (a->laid_out)
		a->laid_out(a);
	paint(a, &f);
	refresh();
}
