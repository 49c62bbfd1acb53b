/* setup.c - S: the setup screen. A theme picker that shows each theme as it is
 * picked, and the settings of forktoprc, changed with Left/Right and saved on request
 * (s) into forktoprc, whose other lines and comments stay as they are. */
#include "verbs_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

enum setup_line { SL_THEME, SL_DELAY, SL_TREE, SL_CONNECTORS, SL_KTHREADS, SL_GRACE, SL_COUNT };

_Static_assert(SL_COUNT <= DIALOG_LINES, "the dialog holds every setup line");

static const char *const line_names[SL_COUNT] = {
	"theme", "refresh delay", "tree view", "connectors", "kernel threads", "grace period",
};

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
	case SL_GRACE: snprintf(v, sizeof v, "%g s", a->opts.grace); break;
	default: v[0] = '\0'; break;
	}
	snprintf(buf, size, "%-16s < %s >", i < SL_COUNT ? line_names[i] : "", v);
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
	case SL_GRACE:
		for (i = 0; i < ARRAY_LEN(graces) && graces[i] < a->opts.grace; i++)
			;
		i = dir > 0 ? (i + 1 < ARRAY_LEN(graces) ? i + 1 : i) : (i > 0 ? i - 1 : 0);
		a->opts.grace = graces[i];
		break;
	}
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
	s->grace = a->opts.grace;
	s->set |= 1u << SETTING_DELAY | 1u << SETTING_TREE | 1u << SETTING_CONNECTORS |
		  1u << SETTING_THEME | 1u << SETTING_KERNEL_THREADS | 1u << SETTING_GRACE;
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
	d->nlines = SL_COUNT;
	for (int i = 0; i < SL_COUNT; i++)
		setup_line(a, i, d->lines[i], sizeof d->lines[i]);
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
	int r = ACT_REDRAW;
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
	{ { FK_F2, 'S', 0 }, "F2 S", "setup: theme (shown as you pick it) and settings, s saves them",
	  open_setup },
};

const struct verb verb_setup = {
	.name = "setup", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_SETUP,
	.dialog_key = setup_key,
};
