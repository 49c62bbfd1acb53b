/* dialog.c - boxes drawn over the screen: signal menu, New task, prompts, setup, quit,
 * timeline; the details and strace views have files of their own. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "signals.h"
#include "text.h"

/* Beside a dialog narrower than the screen: its blank column, then the screen beneath. */
#define DIALOG_SIDES 6

int ui_dialog_width(int cols, int want)
{
	return cols < want + DIALOG_SIDES ? cols : want;
}

/* A filled box of h x w centred on the screen; returns its top-left corner. */
static void box_at(int rows, int cols, int h, int w, int *y, int *x, const char *title)
{
	if (w > cols)
		w = cols;
	if (h > rows)
		h = rows;
	*y = (rows - h) / 2;
	*x = (cols - w) / 2;
	/* A blank column each side where there is room, so the box does not run into
	 * the text beneath it. */
	int left = *x > 0 ? *x - 1 : 0, right = *x + w < cols ? *x + w + 1 : cols;
	for (int i = 0; i < h; i++)
		ui_put(*y + i, left, "", right - left, ui_attr(TE_DIALOG));
	ui_put(*y, *x, title, w, ui_attr(TE_DIALOG_TITLE));
}

void ui_box(int rows, int cols, int h, int w, int *y, int *x, const char *title)
{
	box_at(rows, cols, h, w, y, x, title);
}

static void draw_signal(const struct app *a, int rows, int cols)
{
	size_t n;
	const struct signal_choice *s = signal_menu(&n);
	int y, x, w = ui_dialog_width(cols, 64);
	char title[80], line[120];
	if (a->ntags)
		snprintf(title, sizeof title, " Send a signal to %zu tagged  (Enter sends, Esc cancels)",
			 a->ntags);
	else
		snprintf(title, sizeof title, " Send a signal to %d  (Enter sends, Esc cancels)",
			 a->dialog.pid);
	bool ask = a->dialog.asking;
	box_at(rows, cols, (int)n + 2 + ask, w, &y, &x, title);
	for (size_t i = 0; i < n && y + 1 + (int)i < rows; i++) {
		snprintf(line, sizeof line, "  %-8s %s", signal_name(s[i].sig), s[i].what);
		ui_put(y + 1 + (int)i, x, line, w,
		       (int)i == a->dialog.choice ? ui_attr(TE_DIALOG_SELECTED) : ui_attr(TE_DIALOG));
	}
	if (ask && y + 1 + (int)n < rows)
		ui_put(y + 1 + (int)n, x, a->dialog.error, w, ui_attr(TE_DIALOG_ERROR));
}

static const char *const new_labels[NEW_FIELDS] = {
	"target", "command", "args", "kwargs", "name", "count", "daemon", "start detached",
};

/* What the focused field takes, on the line under the fields. */
static const char *const new_hints[NEW_FIELDS] = {
	"Left/Right: a demo of the lesson, or \"command\" to run a shell command line",
	"a shell command line, run by /bin/sh -c: typing one sets the target \"command\"",
	"Python literals, separated by commas: '子进程1', 3  ('text', 1.5, True, None)",
	"key=value pairs, separated by spaces or commas: kwargs={'n': '3'}",
	"Process(name=...): empty for Python's default, Process-N",
	"how many to start at once: 1 to 1000",
	"Space toggles daemon=True: ends with forktop; a demo may not start children",
	"Space toggles: a command in its own session, outlives forktop, output to a log",
};

static void draw_new(const struct app *a, int rows, int cols)
{
	const struct dialog *d = &a->dialog;
	int y, x, w = ui_dialog_width(cols, 80), lw = 17;	/* the hints are up to 79 */
	box_at(rows, cols, NEW_FIELDS + 5, w, &y, &x,
	       " New task  (Tab/arrows move, Enter starts, Esc cancels)");
	for (int i = 0; i < NEW_FIELDS; i++) {
		char label[64];
		struct sbuf v;
		sbuf_init(&v);
		snprintf(label, sizeof label, " %s", new_labels[i]);
		ui_put(y + 1 + i, x, label, lw, ui_attr(TE_DIALOG));
		text_escape(&v, d->field[i], strlen(d->field[i]), a->utf8 ? 0 : TEXT_ASCII);
		if (i == d->choice)
			sbuf_adds(&v, "_");
		ui_put(y + 1 + i, x + lw, sbuf_str(&v), w - lw,
		       i == d->choice ? ui_attr(TE_DIALOG_SELECTED) : ui_attr(TE_DIALOG));
		sbuf_free(&v);
	}
	const struct demo_info *demo = demos_find(d->field[NF_TARGET]);
	char line[400];
	snprintf(line, sizeof line, " %s", new_hints[d->choice]);
	ui_put(y + NEW_FIELDS + 1, x, line, w, ui_attr(TE_DIALOG));
	snprintf(line, sizeof line, " %s: %s", d->field[NF_TARGET], demo ? demo->summary : "");
	ui_put(y + NEW_FIELDS + 2, x, demo ? line : "", w, ui_attr(TE_DIALOG));
	if (d->error[0])
		ui_put(y + NEW_FIELDS + 3, x, d->error, w, ui_attr(TE_DIALOG_ERROR));
}

/* A one-line prompt: a title, a hint line, the field and the error. */
static void draw_prompt(const struct app *a, int rows, int cols, const char *title, const char *hint)
{
	const struct dialog *d = &a->dialog;
	int y, x, w = ui_dialog_width(cols, 76);
	struct sbuf v;
	sbuf_init(&v);
	box_at(rows, cols, 5, w, &y, &x, title);
	ui_put(y + 1, x + 1, hint, w - 1, ui_attr(TE_DIALOG));
	sbuf_adds(&v, "> ");
	text_escape(&v, d->field[0], strlen(d->field[0]), a->utf8 ? 0 : TEXT_ASCII);
	sbuf_adds(&v, "_");
	ui_put(y + 2, x + 1, sbuf_str(&v), w - 1, ui_attr(TE_DIALOG_SELECTED));
	if (d->error[0])
		ui_put(y + 3, x + 1, d->error, w - 1, ui_attr(TE_DIALOG_ERROR));
	sbuf_free(&v);
}

static void draw_join(const struct app *a, int rows, int cols)
{
	char title[120];
	struct task *k = tasks_find(a->tasks, a->dialog.pid, a->dialog.start);
	snprintf(title, sizeof title, " Join %d%s%.40s%s  (Enter joins, Esc cancels)",
		 a->dialog.pid, k ? " (" : "", k ? k->name : "", k ? ")" : "");
	draw_prompt(a, rows, cols, title,
		    "p.join(timeout): seconds to wait at most; empty waits until it ends");
}

static void draw_rename(const struct app *a, int rows, int cols)
{
	char title[80];
	snprintf(title, sizeof title, " Rename %d  (Enter renames, Esc cancels)", a->dialog.pid);
	draw_prompt(a, rows, cols, title,
		    "p.name = ...: forktop also sets the comm (15 bytes) so ps shows it");
}

static void draw_end_tree(const struct app *a, int rows, int cols)
{
	int y, x, w = ui_dialog_width(cols, 76);
	char line[160];
	box_at(rows, cols, 6, w, &y, &x, " End subtree");
	if (a->dialog.choice == 0)
		snprintf(line, sizeof line, "End %d? It has no descendants.", a->dialog.pid);
	else
		snprintf(line, sizeof line, "End %d and its %d descendant%s (hidden ones "
			 "included)?", a->dialog.pid, a->dialog.choice,
			 a->dialog.choice == 1 ? "" : "s");
	ui_put(y + 1, x + 1, line, w - 1, ui_attr(TE_DIALOG));
	snprintf(line, sizeof line, "all are stopped, sent SIGTERM and SIGCONT; SIGKILL after %g s",
		 a->opts.grace);
	ui_put(y + 2, x + 1, line, w - 1, ui_attr(TE_DIALOG));
	ui_put(y + 4, x + 1, "y or Enter: end them      any other key: cancel", w - 1,
	       ui_attr(TE_DIALOG_SELECTED));
}

/* The rows a setup line takes in w cells: a long one (the columns) is broken at blanks,
 * its continuation indented under the value. Fills rows[] (room for 4); returns how
 * many. Setup's lines are ASCII but for a theme's name, whose bytes are more than its
 * cells: cutting by bytes keeps them inside. */
#define SETUP_INDENT 19		/* "columns" and its padding, as setup.c writes them */
static int setup_rows(const char *l, int w, const char **rows, int *lens)
{
	int n = 0, len = (int)strlen(l), indent = 0;
	while (n < 4) {
		rows[n] = l;
		if (len + indent <= w || n == 3) {
			lens[n++] = len;
			break;
		}
		int cut = w - indent;
		while (cut > 0 && l[cut] != ' ')
			cut--;
		if (cut <= 0)
			cut = w - indent;
		lens[n++] = cut;
		l += cut;
		len -= cut;
		while (*l == ' ')
			l++, len--;
		indent = SETUP_INDENT;
	}
	return n;
}

static void draw_setup(const struct app *a, int rows, int cols)
{
	int n = a->dialog.nlines, w = ui_dialog_width(cols, 100), h = 4, y, x;
	const char *parts[DIALOG_LINES][4];
	int lens[DIALOG_LINES][4], nrows[DIALOG_LINES];
	char line[400];
	for (int i = 0; i < n; i++)
		h += nrows[i] = setup_rows(a->dialog.lines[i], w - 1, parts[i], lens[i]);
	box_at(rows, cols, h, w, &y, &x,
	       " Setup  (Up/Down, Left/Right change, s saves, Esc closes)");
	int row = y + 1;
	for (int i = 0; i < n; i++)
		for (int k = 0; k < nrows[i] && row < rows; k++, row++) {
			struct sbuf b;
			sbuf_init(&b);
			if (k)
				sbuf_printf(&b, "%*s", SETUP_INDENT, "");
			text_escape(&b, parts[i][k], (size_t)lens[i][k], a->utf8 ? 0 : TEXT_ASCII);
			ui_put(row, x + 1, sbuf_str(&b), w - 1, i == a->dialog.choice ?
			       ui_attr(TE_DIALOG_SELECTED) : ui_attr(TE_DIALOG));
			sbuf_free(&b);
		}
	snprintf(line, sizeof line, "forktoprc: %.300s", a->settings_file[0] ? a->settings_file :
		 "(none: no HOME)");
	struct sbuf b;
	sbuf_init(&b);
	text_escape(&b, line, strlen(line), a->utf8 ? 0 : TEXT_ASCII);
	ui_put(row + 1, x + 1, sbuf_str(&b), w - 1, ui_attr(TE_DIALOG));
	sbuf_free(&b);
}

static void draw_quit(const struct app *a, int rows, int cols)
{
	size_t running = 0, daemonic = 0;
	for (size_t i = 0; i < tasks_count(a->tasks); i++) {
		struct task *k = tasks_get(a->tasks, i);
		if (k->state == TASK_RUNNING || k->state == TASK_STOPPED)
			*(k->daemon ? &daemonic : &running) += 1;
	}
	int y, x, w = ui_dialog_width(cols, 76);
	char line[160];
	box_at(rows, cols, 8, w, &y, &x, " Quit: tasks are still running");
	snprintf(line, sizeof line, "%zu task%s running%s", running, running == 1 ? " is" : "s are",
		 daemonic ? "; daemonic ones end with forktop, as in Python" : "");
	ui_put(y + 1, x + 1, line, w - 1, ui_attr(TE_DIALOG));
	ui_put(y + 3, x + 1, "w  wait for them (join all), then quit", w - 1, ui_attr(TE_DIALOG));
	snprintf(line, sizeof line, "e  end them (SIGTERM, SIGKILL after %g s), then quit",
		 a->opts.grace);
	ui_put(y + 4, x + 1, line, w - 1, ui_attr(TE_DIALOG));
	ui_put(y + 5, x + 1, "l  leave them running (output goes to log files)", w - 1,
	       ui_attr(TE_DIALOG));
	ui_put(y + 6, x + 1, "Esc  back to forktop", w - 1, ui_attr(TE_DIALOG));
}

/* L: each task's life as a bar on one time axis, from the first start to now: running,
 * then exited but not joined (a zombie), then joined. join-trio draws three bars of 1, 2
 * and 3 s starting together: concurrency, seen. */
static void draw_timeline(const struct app *a, int rows, int cols)
{
	size_t n = tasks_count(a->tasks);
	int w = cols, h = rows - 2;
	int y, x, namew = 18, statew = 24;
	box_at(rows, cols, h, w, &y, &x, " Lifecycle timeline  (any key closes)");
	int barw = w - namew - statew - 3;
	if (n == 0 || barw < 10 || h < 6) {
		ui_put(y + 2, x + 1, n ? "(too small: make the terminal larger)" :
		       "(no task yet: n starts one)", w - 1, ui_attr(TE_DIALOG));
		return;
	}
	double t0 = 0, t1 = 0, now = clock_now();
	for (size_t i = 0; i < n; i++) {	/* from the first start to the last join, or now */
		const struct task *k = tasks_get(a->tasks, i);
		if (t0 == 0 || k->started < t0)
			t0 = k->started;
		double last = k->joined > 0 ? k->joined : now;
		t1 = last > t1 ? last : t1;
	}
	double span = t1 - t0 > 0.5 ? t1 - t0 : 0.5;
	const char *run = a->utf8 ? "█" : "#", *zombie = a->utf8 ? "░" : ".";
	int lines = h - 4;		/* the title, the axis, the legend */
	size_t first = n > (size_t)lines ? n - (size_t)lines : 0;	/* the newest */
	for (size_t i = first; i < n; i++) {
		const struct task *k = tasks_get(a->tasks, i);
		double end = k->ended > 0 ? k->ended : now;
		double joined = k->joined > 0 ? k->joined : k->ended > 0 ? now : end;
		struct sbuf b;
		char st[64];
		sbuf_init(&b);
		text_pad(&b, k->name, strlen(k->name), namew - 1, "~");	/* escaped already */
		sbuf_adds(&b, " ");
		for (int c = 0; c < barw; c++) {
			double t = t0 + span * (c + 0.5) / barw;
			sbuf_adds(&b, t < k->started ? " " : t < end ? run : t < joined ? zombie : " ");
		}
		task_state_str(st, sizeof st, k, a->utf8);
		sbuf_adds(&b, " ");
		sbuf_adds(&b, st);
		ui_put(y + 1 + (int)(i - first), x + 1, sbuf_str(&b), w - 1, ui_attr(TE_DIALOG));
		sbuf_free(&b);
	}
	char axis[160];
	snprintf(axis, sizeof axis, "%*s0 s%*s%.1f s", namew, "", barw - 3 - 4, "", span);
	ui_put(y + h - 3, x + 1, axis, w - 1, ui_attr(TE_DIALOG));
	snprintf(axis, sizeof axis, "%s running   %s exited, not joined (a zombie)   then joined "
		 "(reaped)", run, zombie);
	ui_put(y + h - 2, x + 1, axis, w - 1, ui_attr(TE_DIALOG));
}

void ui_draw_dialog(const struct app *a, int rows, int cols)
{
	switch (a->dialog.kind) {
	case DIALOG_SIGNAL: draw_signal(a, rows, cols); break;
	case DIALOG_NEW: draw_new(a, rows, cols); break;
	case DIALOG_DETAILS: ui_draw_details(a, rows, cols); break;
	case DIALOG_STRACE: ui_draw_trace(a, rows, cols); break;
	case DIALOG_JOIN: draw_join(a, rows, cols); break;
	case DIALOG_QUIT: draw_quit(a, rows, cols); break;
	case DIALOG_RENAME: draw_rename(a, rows, cols); break;
	case DIALOG_END_TREE: draw_end_tree(a, rows, cols); break;
	case DIALOG_SETUP: draw_setup(a, rows, cols); break;
	case DIALOG_TIMELINE: draw_timeline(a, rows, cols); break;
	case DIALOG_AFFINITY: case DIALOG_USER: case DIALOG_SORT:
		ui_draw_picker(a, rows, cols);
		break;
	default: break;
	}
}
