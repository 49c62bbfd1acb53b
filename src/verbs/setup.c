/* setup.c - S: the setup screen. A theme picker that shows each theme as it is
 * picked, the settings of forktoprc changed with Left/Right, and the columns: those shown
 * in their order (one selected: moved with [ ], removed with x) and the hidden ones
 * offered to add. All of it shows at once and is saved on request (s) into forktoprc,
 * whose other lines and comments stay as they are. */
#include "verbs_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

enum setup_line {
	SL_THEME, SL_DELAY, SL_TREE, SL_CONNECTORS, SL_KTHREADS, SL_UTHREADS, SL_GRACE,
	SL_COLUMNS, SL_ADD,
	SL_COUNT
};

/* The lines to choose from, a blank one and the keys of the line chosen. */
_Static_assert(SL_COUNT + 2 <= DIALOG_LINES, "the dialog holds every setup line");

static const char *const line_names[SL_COUNT] = {
	"theme", "refresh delay", "tree view", "connectors", "kernel threads", "user threads",
	"grace period", "columns", "add column",
};

/* What the keys do on each line. */
static const char *const line_keys[SL_COUNT] = {
	[SL_COLUMNS] = "Left/Right select a column, [ ] or F7/F8 move it, x or F9 removes it",
	[SL_ADD] = "Left/Right pick a hidden column, Enter adds it after the one selected",
};

/* The columns not shown, in the table's order; returns how many. */
static int hidden_columns(const struct settings *s, enum column_id *out)
{
	bool shown[COLUMN_COUNT] = { false };
	int n = 0;
	for (size_t i = 0; i < s->ncolumns; i++)
		shown[s->columns[i]] = true;
	for (int c = 0; c < COLUMN_COUNT; c++)
		if (!shown[c])
			out[n++] = (enum column_id)c;
	return n;
}

/* "PID USER [PRI] NI ... COMMAND": the headings shown, the selected one in brackets. */
static void columns_value(const struct app *a, char *v, size_t size)
{
	const struct settings *s = &a->settings;
	struct sbuf b;
	sbuf_init(&b);
	for (size_t i = 0; i < s->ncolumns; i++) {
		const char *h = column_get(s->columns[i])->heading;
		sbuf_printf(&b, (int)i == a->dialog.column ? "%s[%s]" : "%s%s", i ? " " : "", h);
	}
	snprintf(v, size, "%s", sbuf_str(&b));
	sbuf_free(&b);
}

/* "START: start time ...", the hidden column offered. */
static void add_value(const struct app *a, char *v, size_t size)
{
	enum column_id hidden[COLUMN_COUNT];
	int n = hidden_columns(&a->settings, hidden);
	if (n == 0) {
		snprintf(v, size, "(every column is shown)");
		return;
	}
	const struct column *c = column_get(hidden[a->dialog.add % n]);
	snprintf(v, size, "%s: %s", c->heading, c->what);
}

/* "theme      < nord >" for line i. */
static void setup_line(const struct app *a, int i, char *buf, size_t size)
{
	char v[300];
	switch (i) {
	case SL_THEME: snprintf(v, sizeof v, "%s", a->theme_name); break;
	case SL_DELAY: snprintf(v, sizeof v, "%.1f s", a->opts.delay / 10.0); break;
	case SL_TREE: snprintf(v, sizeof v, "%s", a->opts.list ? "off (flat list)" : "on"); break;
	case SL_CONNECTORS: snprintf(v, sizeof v, "%s", a->opts.ascii ? "ascii" : "auto (UTF-8 "
				     "when the locale is)"); break;
	case SL_KTHREADS: snprintf(v, sizeof v, "%s", a->opts.kthreads ? "shown" : "hidden"); break;
	case SL_UTHREADS: snprintf(v, sizeof v, "%s", a->opts.uthreads ? "shown" : "hidden"); break;
	case SL_GRACE: snprintf(v, sizeof v, "%g s", a->opts.grace); break;
	case SL_COLUMNS: columns_value(a, v, sizeof v); break;
	case SL_ADD: add_value(a, v, sizeof v); break;
	default: v[0] = '\0'; break;
	}
	/* the lines hold 160 bytes: a long theme name is cut */
	if (i == SL_COLUMNS)	/* a list, not one value between arrows */
		snprintf(buf, size, "%-16s   %.136s", line_names[i], v);
	else
		snprintf(buf, size, "%-16s < %.134s >", i < SL_COUNT ? line_names[i] : "", v);
}

/* Loads theme name onto the built-in default and shows it at once; -1 with err when
 * its file cannot be read. */
static int pick_theme(struct app *a, const char *name, const char *path, char *err,
		      size_t errlen)
{
	struct theme t;
	theme_default(&t);
	if (path && theme_load_file(&t, path, NULL, NULL, err, errlen) < 0)
		return -1;
	a->theme = t;
	snprintf(a->theme_name, sizeof a->theme_name, "%s", name);
	a->theme_changed = true;
	return 0;
}

/* The next theme in dir that loads: one that cannot be read is passed over with a
 * message, so the picker never sticks on it. */
static void next_theme(struct app *a, int dir)
{
	struct theme_entry *list;
	char err[256] = "";
	size_t n = theme_list(&a->theme_dirs, &list), cur = 0, skipped = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].name, a->theme_name) == 0)
			cur = i;
	for (size_t step = 1; step < n; step++) {
		size_t next = (dir > 0 ? cur + step : cur + n - step) % n;
		if (pick_theme(a, list[next].name, list[next].path, err, sizeof err) == 0)
			break;
		skipped++;
		events_add(a->events, EV_ERROR, NULL, "theme %s skipped: %s", list[next].name, err);
	}
	if (skipped)
		snprintf(a->status, sizeof a->status, "%zu theme%s that cannot be read skipped: "
			 "%.180s", skipped, skipped == 1 ? "" : "s", err);
	theme_list_free(list, n);
}

static void change(struct app *a, int line, int dir)
{
	static const int delays[] = { 2, 5, 10, 15, 20, 30, 50, 100 };
	static const double graces[] = { 0.5, 1, 2, 5, 10, 30 };
	size_t i;
	switch (line) {
	case SL_THEME: next_theme(a, dir); break;
	case SL_DELAY:
		for (i = 0; i < ARRAY_LEN(delays) && delays[i] < a->opts.delay; i++)
			;
		i = dir > 0 ? (i + 1 < ARRAY_LEN(delays) ? i + 1 : i) : (i > 0 ? i - 1 : 0);
		a->opts.delay = delays[i];
		a->delay_changed = true;
		break;
	case SL_TREE:
		a->opts.list = !a->opts.list;
		tree_set_mode(a->tree, a->opts.list ? TREE_MODE_LIST : TREE_MODE_TREE);
		break;
	case SL_CONNECTORS:
		a->opts.ascii = !a->opts.ascii;
		a->utf8 = !a->opts.ascii && text_locale_is_utf8();
		break;
	case SL_KTHREADS:
		a->opts.kthreads = !a->opts.kthreads;
		tree_set_show_kthreads(a->tree, a->opts.kthreads);
		break;
	case SL_UTHREADS:
		verbs_show_threads(a, !a->opts.uthreads);
		break;
	case SL_GRACE:
		for (i = 0; i < ARRAY_LEN(graces) && graces[i] < a->opts.grace; i++)
			;
		i = dir > 0 ? (i + 1 < ARRAY_LEN(graces) ? i + 1 : i) : (i > 0 ? i - 1 : 0);
		a->opts.grace = graces[i];
		break;
	}
}

/* ---- the columns: changed on the screen at once -------------------------------- */

static int columns_changed(struct app *a)
{
	return ACT_REDRAW | (verbs_update_reads(a) ? ACT_RESCAN : 0);
}

/* [ ]: the selected column one place left (dir -1) or right (1). */
static int move_column(struct app *a, int dir)
{
	struct settings *s = &a->settings;
	int i = a->dialog.column, j = i + dir;
	if (j < 0 || j >= (int)s->ncolumns)
		return ACT_REDRAW;
	enum column_id c = s->columns[i];
	s->columns[i] = s->columns[j];
	s->columns[j] = c;
	a->dialog.column = j;
	return ACT_REDRAW;
}

static int remove_column(struct app *a)
{
	struct settings *s = &a->settings;
	int i = a->dialog.column;
	if (s->columns[i] == COLUMN_COMMAND)
		return verbs_refuse(a, "COMMAND stays: the tree is drawn in it");
	for (size_t k = (size_t)i; k + 1 < s->ncolumns; k++)
		s->columns[k] = s->columns[k + 1];
	s->ncolumns--;
	if (a->dialog.column >= (int)s->ncolumns)
		a->dialog.column = (int)s->ncolumns - 1;
	return columns_changed(a);
}

/* The hidden column offered goes after the selected one, and is selected. */
static int add_column(struct app *a)
{
	struct settings *s = &a->settings;
	enum column_id hidden[COLUMN_COUNT];
	int n = hidden_columns(s, hidden);
	if (n == 0)
		return ACT_REDRAW;
	int at = a->dialog.column + 1;
	for (size_t k = s->ncolumns; k > (size_t)at; k--)
		s->columns[k] = s->columns[k - 1];
	s->columns[at] = hidden[a->dialog.add % n];
	s->ncolumns++;
	a->dialog.column = at;
	a->dialog.add = n > 1 ? a->dialog.add % (n - 1) : 0;
	return columns_changed(a);
}

/* The keys of the two column lines; -1 for the others. */
static int columns_key(struct app *a, int key)
{
	struct dialog *d = &a->dialog;
	int n = (int)a->settings.ncolumns;
	if (d->choice == SL_COLUMNS) {
		switch (key) {
		case FK_LEFT: case '-': d->column = (d->column + n - 1) % n; return ACT_REDRAW;
		case FK_RIGHT: case '+': d->column = (d->column + 1) % n; return ACT_REDRAW;
		case '[': case FK_F7: return move_column(a, -1);
		case ']': case FK_F8: return move_column(a, 1);
		case 'x': case FK_F9: case FK_BACKSPACE: return remove_column(a);
		case ' ': case FK_ENTER: return ACT_NONE;
		}
	} else if (d->choice == SL_ADD) {
		enum column_id hidden[COLUMN_COUNT];
		int h = hidden_columns(&a->settings, hidden);
		switch (key) {
		case FK_LEFT: case '-': d->add = h ? (d->add % h + h - 1) % h : 0; return ACT_REDRAW;
		case FK_RIGHT: case '+': d->add = h ? (d->add + 1) % h : 0; return ACT_REDRAW;
		case ' ': case FK_ENTER: case FK_F5: return add_column(a);
		}
	}
	return -1;
}

/* s: writes what the screen shows into forktoprc (atomically; other lines are kept). */
static void save(struct app *a)
{
	struct settings *s = &a->settings;
	char err[512];
	if (!a->settings_file[0]) {
		snprintf(a->status, sizeof a->status, "no place for forktoprc: neither "
			 "XDG_CONFIG_HOME nor HOME is set");
		return;
	}
	s->delay = a->opts.delay;
	s->tree = !a->opts.list;
	s->connectors = a->opts.ascii ? CONNECTORS_ASCII : CONNECTORS_AUTO;
	snprintf(s->theme, sizeof s->theme, "%s", a->theme_name);
	s->kernel_threads = a->opts.kthreads;
	s->user_threads = a->opts.uthreads;
	s->grace = a->opts.grace;
	s->set |= 1u << SETTING_DELAY | 1u << SETTING_TREE | 1u << SETTING_CONNECTORS |
		  1u << SETTING_THEME | 1u << SETTING_KERNEL_THREADS | 1u << SETTING_GRACE |
		  1u << SETTING_USER_THREADS |
		  1u << SETTING_COLUMNS;
	if (settings_save(a->settings_file, s, err, sizeof err) < 0) {
		snprintf(a->status, sizeof a->status, "%.255s", err);
		events_add(a->events, EV_ERROR, NULL, "%s", err);
		return;
	}
	snprintf(a->status, sizeof a->status, "saved in %.200s", a->settings_file);
	events_add(a->events, EV_INFO, NULL, "settings saved in %s", a->settings_file);
}

/* The dialog's lines, as the screen shows them: made again after every change. */
static void make_lines(struct app *a)
{
	struct dialog *d = &a->dialog;
	for (int i = 0; i < SL_COUNT; i++)
		setup_line(a, i, d->lines[i], sizeof d->lines[i]);
	d->lines[SL_COUNT][0] = '\0';
	snprintf(d->lines[SL_COUNT + 1], sizeof d->lines[0], "%s",
		 line_keys[d->choice] ? line_keys[d->choice] : "Left/Right change it");
	d->nlines = SL_COUNT + 2;
}

static int open_setup(struct app *a)
{
	verbs_open_dialog(a, DIALOG_SETUP, 0, 0);
	make_lines(a);
	return ACT_REDRAW;
}

static int setup_key(struct app *a, int key)
{
	struct dialog *d = &a->dialog;
	int r = columns_key(a, key);
	if (r >= 0) {
		make_lines(a);
		return r;
	}
	r = ACT_REDRAW;
	switch (key) {
	case FK_UP: d->choice = (d->choice + SL_COUNT - 1) % SL_COUNT; break;
	case FK_DOWN: case '\t': d->choice = (d->choice + 1) % SL_COUNT; break;
	case FK_LEFT: case '-': change(a, d->choice, -1); r = ACT_REBUILD; break;
	case FK_RIGHT: case '+': case ' ': case FK_ENTER:
		change(a, d->choice, 1);
		r = ACT_REBUILD;
		break;
	case 's': save(a); break;
	case FK_ESC: case 'q': case 'S': case FK_F2: d->kind = DIALOG_NONE; break;
	default: break;
	}
	make_lines(a);
	return r;
}

static const struct verb_key keys[] = {
	{ { FK_F2, 'S', 0 }, "F2 S", "setup: theme (shown as you pick it), settings and columns "
	  "(add, remove, move), s saves them", open_setup },
};

const struct verb verb_setup = {
	.name = "setup", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_SETUP,
	.dialog_key = setup_key,
};
