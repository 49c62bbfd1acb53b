/* pickers.c - the list dialogs: the cores a process may run on (a), the users whose
 * processes are shown (u), the columns to sort by (F6). The list scrolls to keep the
 * highlighted entry in view. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/* The first entry shown so that entry choice is among the visible ones. */
static int first_shown(int choice, int visible)
{
	return choice >= visible ? choice - visible + 1 : 0;
}

static void draw_list(const struct app *a, int rows, int cols, int w, const char *title,
		      const char *hint, int n, void (*entry)(const struct app *, int, char *,
							      size_t))
{
	const struct dialog *d = &a->dialog;
	int visible = n < rows - 6 ? n : rows - 6;
	visible = visible < 1 ? 1 : visible;
	int y, x, h = visible + 3 + (d->error[0] ? 1 : 0);
	w = ui_dialog_width(cols, w);
	ui_box(rows, cols, h, w, &y, &x, title);
	int first = first_shown(d->choice, visible);
	char line[200];
	for (int i = 0; i < visible && first + i < n; i++) {
		entry(a, first + i, line, sizeof line);
		struct sbuf b;
		sbuf_init(&b);
		text_escape(&b, line, strlen(line), a->utf8 ? 0 : TEXT_ASCII);
		ui_put(y + 1 + i, x + 1, sbuf_str(&b), w - 1,
		       first + i == d->choice ? ui_attr(TE_DIALOG_SELECTED) : ui_attr(TE_DIALOG));
		sbuf_free(&b);
	}
	ui_put(y + 1 + visible, x + 1, hint, w - 1, ui_attr(TE_DIALOG));
	if (d->error[0])
		ui_put(y + 2 + visible, x + 1, d->error, w - 1, ui_attr(TE_DIALOG_ERROR));
}

static void core_entry(const struct app *a, int i, char *buf, size_t size)
{
	bool on = a->dialog.cpumask[i / 64] >> (i % 64) & 1;
	snprintf(buf, size, " [%c] CPU %d", on ? 'x' : ' ', i);
}

static void user_entry(const struct app *a, int i, char *buf, size_t size)
{
	const struct dialog *d = &a->dialog;
	if (i == 0) {
		snprintf(buf, size, " all users");
		return;
	}
	/* names are the passwd database's, shown escaped */
	snprintf(buf, size, " %-20s uid %u%s", scan_user(a->scan, d->users[i]), d->users[i],
		 (long)d->users[i] == tree_user(a->tree) ? "  (shown now)" : "");
}

/* Every column that sorts (those shown first, as columns_sort_menu lists them), the one
 * sorted by marked with '*'. */
static void sort_entry(const struct app *a, int i, char *buf, size_t size)
{
	const struct settings *st = &a->settings;
	enum column_id ids[COLUMN_COUNT];
	columns_sort_menu(st->columns, st->ncolumns, ids);
	bool shown = false;
	for (size_t k = 0; k < st->ncolumns; k++)
		shown |= st->columns[k] == ids[i];
	const struct column *c = column_get(ids[i]);
	snprintf(buf, size, "%c %-8s %s%s", ids[i] == tree_sort_key(a->tree, NULL) ? '*' : ' ',
		 c->heading, c->what, shown ? "" : " (not shown)");
}

void ui_draw_picker(const struct app *a, int rows, int cols)
{
	const struct dialog *d = &a->dialog;
	const struct settings *st = &a->settings;
	enum column_id ids[COLUMN_COUNT];
	char title[120];
	if (d->kind == DIALOG_AFFINITY) {
		if (d->tgid)
			snprintf(title, sizeof title, " CPU affinity of thread %d of %d", d->pid,
				 d->tgid);
		else
			snprintf(title, sizeof title, " CPU affinity of %d", d->pid);
		draw_list(a, rows, cols, 56, title,
			  "Space ticks, a every core, Enter sets, Esc cancels", d->ncpus, core_entry);
	} else if (d->kind == DIALOG_USER) {
		draw_list(a, rows, cols, 56, " Show the processes of",
			  "Enter shows them, Esc cancels", d->nusers, user_entry);
	} else {
		draw_list(a, rows, cols, 76, " Sort by", "Up/Down, Enter sorts, Esc closes",
			  (int)columns_sort_menu(st->columns, st->ncolumns, ids), sort_entry);
	}
}
