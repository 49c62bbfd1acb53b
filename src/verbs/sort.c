/* sort.c - sorting, htop's keys: F6 opens the sort menu (every column that sorts: those
 * shown, then the others), < and > step through the columns shown, N P M T sort by PID,
 * CPU%, memory, CPU time, I inverts. The tree keeps its shape, each process's children
 * in that order; the list is all rows in that order. The column table says which columns
 * sort, how (numbers by value, names by text) and which sort largest first. */
#include "verbs_int.h"

#include <stdio.h>

#include "util.h"

bool verbs_update_reads(struct app *a)
{
	const struct settings *s = &a->settings;
	enum column_id sort = tree_sort_key(a->tree, NULL);
	unsigned by_sort = columns_reads(&sort, 1);	/* every row's, to sort them all */
	return a->scan && scan_set_reads(a->scan, columns_reads(s->columns, s->ncolumns) |
					 by_sort | (by_sort ? PROC_READ_ALL : 0)) > 0;
}

static int sort_by(struct app *a, enum column_id key, bool descending)
{
	tree_set_sort(a->tree, key, descending);
	snprintf(a->status, sizeof a->status, "sorted by %s, %s%s (I inverts, F6 the menu, < > "
		 "the next column)", column_get(key)->heading,
		 descending ? "largest first" : "smallest first",
		 tree_mode(a->tree) == TREE_MODE_TREE ? ", siblings in the tree" : "");
	/* a column not shown may need a file the scan did not read */
	return ACT_REDRAW | (verbs_update_reads(a) ? ACT_RESCAN : 0);
}

static int sort_natural(struct app *a, enum column_id key)
{
	return sort_by(a, key, column_get(key)->natural_desc);
}

static int by_pid(struct app *a) { return sort_natural(a, COLUMN_PID); }
static int by_cpu(struct app *a) { return sort_natural(a, COLUMN_CPU); }
static int by_mem(struct app *a) { return sort_natural(a, COLUMN_RES); }
static int by_time(struct app *a) { return sort_natural(a, COLUMN_TIME); }

static int invert(struct app *a)
{
	bool desc;
	enum column_id key = tree_sort_key(a->tree, &desc);
	return sort_by(a, key, !desc);
}

static int step(struct app *a, int dir)
{
	const struct settings *s = &a->settings;
	return sort_natural(a, columns_sort_step(s->columns, s->ncolumns,
						 tree_sort_key(a->tree, NULL), dir));
}

static int next(struct app *a) { return step(a, 1); }
static int prev(struct app *a) { return step(a, -1); }

/* ---- F6: the sort menu ----------------------------------------------------------- */

static size_t menu(const struct app *a, enum column_id *ids)
{
	return columns_sort_menu(a->settings.columns, a->settings.ncolumns, ids);
}

static int open_menu(struct app *a)
{
	enum column_id ids[COLUMN_COUNT], key = tree_sort_key(a->tree, NULL);
	size_t n = menu(a, ids);
	struct dialog *d = verbs_open_dialog(a, DIALOG_SORT, 0, 0);
	for (size_t i = 0; i < n; i++)
		if (ids[i] == key)
			d->choice = (int)i;
	return ACT_REDRAW;
}

/* Up/Down (round), Home/End, PgUp/PgDn choose; Enter sorts by the column chosen, in its
 * natural order (I inverts it afterwards); Esc, q and F6 close. */
static int menu_key(struct app *a, int key)
{
	struct dialog *d = &a->dialog;
	enum column_id ids[COLUMN_COUNT];
	int n = (int)menu(a, ids), page = 10;
	switch (key) {
	case FK_UP: d->choice = (d->choice + n - 1) % n; break;
	case FK_DOWN: case '\t': d->choice = (d->choice + 1) % n; break;
	case FK_HOME: d->choice = 0; break;
	case FK_END: d->choice = n - 1; break;
	case FK_PGUP: d->choice = d->choice > page ? d->choice - page : 0; break;
	case FK_PGDN: d->choice = d->choice + page < n ? d->choice + page : n - 1; break;
	case FK_ENTER:
		d->kind = DIALOG_NONE;
		return sort_natural(a, ids[d->choice < n ? d->choice : 0]);
	case FK_ESC: case 'q': case FK_F6: d->kind = DIALOG_NONE; break;
	default: break;
	}
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { FK_F6, 0 }, "F6", "sort menu: every column, Enter sorts by the one chosen",
	  open_menu },
	{ { '>', 0 }, ">", "sort by the next column shown (< the one before)", next },
	{ { '<', 0 }, "<", "sort by the column shown before", prev },
	{ { 'N', 0 }, "N", "sort by PID", by_pid },
	{ { 'P', 0 }, "P", "sort by CPU%, busiest first", by_cpu },
	{ { 'M', 0 }, "M", "sort by memory (RES), largest first", by_mem },
	{ { 'T', 0 }, "T", "sort by CPU time (TIME+), largest first", by_time },
	{ { 'I', 0 }, "I", "invert the sort order", invert },
};

const struct verb verb_sort = {
	.name = "sort", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_SORT,
	.dialog_key = menu_key,
};
