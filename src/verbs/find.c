/* find.c - F3 search and F4 filter, htop's: a one-line bar at the bottom. Search
 * moves the selection to the next process whose command holds the text; the filter
 * shows only those processes (with their ancestors in the tree). */
#include "verbs_int.h"

#include <stdio.h>
#include <string.h>

#include "form.h"
#include "text.h"
#include "util.h"

/* The search opens empty, as htop's does, so typing replaces the last text (F3 there
 * repeats it); the filter opens with the filter in force, to edit it. */
static int open_bar(struct app *a, enum bar_kind kind)
{
	a->bar.kind = kind;
	a->bar.missed = false;
	const char *f = tree_filter(a->tree);
	snprintf(a->bar.text, sizeof a->bar.text, "%s", kind == BAR_FILTER && f ? f : "");
	return ACT_REDRAW;
}

static int search(struct app *a) { return open_bar(a, BAR_SEARCH); }
static int filter(struct app *a) { return open_bar(a, BAR_FILTER); }

/* Selects the first match at or after row from; says so when there is none. */
static void search_from(struct app *a, size_t from)
{
	size_t r = tree_search(a->tree, from, a->bar.text);
	a->bar.missed = a->bar.text[0] && r == (size_t)-1;
	if (r != (size_t)-1)
		tree_select_row(a->tree, r);
}

/* Enter in the search bar: the text is kept for F3, and a miss is said once more. */
static void search_done(struct app *a)
{
	struct bar *b = &a->bar;
	int w;
	if (!b->text[0])
		return;
	snprintf(b->last_search, sizeof b->last_search, "%s", b->text);
	if (b->missed)
		snprintf(a->status, sizeof a->status, "search: no process's command holds \"%.*s\"",
			 (int)text_fit(b->text, strlen(b->text), 60, &w), b->text);
}

static void filter_status(struct app *a)
{
	const char *f = tree_filter(a->tree);
	int w;
	if (f)
		snprintf(a->status, sizeof a->status, "filter \"%.*s\": %zu process%s shown (F4 "
			 "edits it, Esc there clears it)", (int)text_fit(f, strlen(f), 60, &w), f,
			 tree_nprocs(a->tree), tree_nprocs(a->tree) == 1 ? "" : "es");
	else
		snprintf(a->status, sizeof a->status, "filter cleared");
}

/* The text changed: search again from the selection, or filter again. */
static int bar_changed(struct app *a)
{
	if (a->bar.kind == BAR_SEARCH) {
		search_from(a, tree_selected(a->tree));
		return ACT_REDRAW;
	}
	tree_set_filter(a->tree, a->bar.text);
	a->bar.missed = a->bar.text[0] && tree_nrows(a->tree) == 0;
	return ACT_REDRAW;
}

/* Keys while the bar is open; -1 for those it leaves to the table (moving around). */
static int bar_key(struct app *a, int key)
{
	struct bar *b = &a->bar;
	if (b->kind == BAR_NONE)
		return -1;
	switch (key) {
	case FK_ESC:
		if (b->kind == BAR_FILTER) {	/* htop: Esc leaves no filter behind */
			b->text[0] = '\0';
			tree_set_filter(a->tree, NULL);
			filter_status(a);
		}
		b->kind = BAR_NONE;
		return ACT_REDRAW;
	case FK_ENTER:
		if (b->kind == BAR_FILTER)
			filter_status(a);
		else
			search_done(a);
		b->kind = BAR_NONE;
		return ACT_REDRAW;
	case FK_F3:			/* the next match; in an empty bar, the last search */
		if (b->kind != BAR_SEARCH)
			return ACT_NONE;
		if (!b->text[0])
			snprintf(b->text, sizeof b->text, "%s", b->last_search);
		search_from(a, tree_selected(a->tree) + 1);
		return ACT_REDRAW;
	case FK_BACKSPACE:
		field_backspace(b->text);
		return bar_changed(a);
	case 0x15:			/* Ctrl-U clears the line */
		b->text[0] = '\0';
		return bar_changed(a);
	case FK_UP: case FK_DOWN: case FK_PGUP: case FK_PGDN: case FK_HOME: case FK_END:
	case FK_RESIZE: case FK_CLICK: case FK_WHEEL_UP: case FK_WHEEL_DOWN:
		return -1;		/* moving around works while the bar is open */
	default:
		if (key >= FK_BASE)
			return ACT_NONE;
		field_add(b->text, sizeof b->text, key);
		return bar_changed(a);
	}
}

static const struct verb_key keys[] = {
	{ { FK_F3, '/', 0 }, "F3 /", "search: select the next process whose command holds the "
	  "text (F3 again: the one after)", search },
	{ { FK_F4, '\\', 0 }, "F4 \\", "filter: show only processes whose command holds the "
	  "text (Esc clears it)", filter },
};

const struct verb verb_find = {
	.name = "find", .keys = keys, .nkeys = ARRAY_LEN(keys), .modal_key = bar_key,
};
