/* sort.c - sorting, htop's keys: F6 and > step through the columns shown (< back), N P M
 * T sort by PID, CPU%, memory, CPU time, I inverts. The tree keeps its shape, each
 * process's children in that order; the list is all rows in that order. The column table
 * says which columns sort, how (numbers by value, names by text) and which sort largest
 * first. */
#include "verbs_int.h"

#include <stdio.h>

#include "util.h"

bool verbs_update_reads(struct app *a)
{
	const struct settings *s = &a->settings;
	enum column_id sort = tree_sort_key(a->tree, NULL);
	return a->scan && scan_set_reads(a->scan, columns_reads(s->columns, s->ncolumns) |
					 columns_reads(&sort, 1)) > 0;
}

static int sort_by(struct app *a, enum column_id key, bool descending)
{
	tree_set_sort(a->tree, key, descending);
	snprintf(a->status, sizeof a->status, "sorted by %s, %s%s (I inverts, F6 the next "
		 "column)", column_get(key)->heading,
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

static const struct verb_key keys[] = {
	{ { FK_F6, '>', 0 }, "F6 >", "sort by the next column shown (< the one before)", next },
	{ { '<', 0 }, "<", "sort by the column shown before", prev },
	{ { 'N', 0 }, "N", "sort by PID", by_pid },
	{ { 'P', 0 }, "P", "sort by CPU%, busiest first", by_cpu },
	{ { 'M', 0 }, "M", "sort by memory (RES), largest first", by_mem },
	{ { 'T', 0 }, "T", "sort by CPU time (TIME+), largest first", by_time },
	{ { 'I', 0 }, "I", "invert the sort order", invert },
};

const struct verb verb_sort = {
	.name = "sort", .keys = keys, .nkeys = ARRAY_LEN(keys),
};
