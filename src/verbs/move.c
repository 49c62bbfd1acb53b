/* move.c - moving around the rows: the arrows, pages, Home/End, the mouse, collapsing
 * and expanding branches, tree or list, kernel threads shown or not. */
#include "verbs_int.h"

#include <stdio.h>

#include "util.h"

static int move_by(struct app *a, long delta)
{
	tree_move(a->tree, delta);
	return ACT_REDRAW;
}

static long page_step(const struct app *a)
{
	return a->view.page > 1 ? a->view.page - 1 : 1;
}

static int up(struct app *a) { return move_by(a, -1); }
static int down(struct app *a) { return move_by(a, 1); }
static int page_up(struct app *a) { return move_by(a, -page_step(a)); }
static int page_down(struct app *a) { return move_by(a, page_step(a)); }
static int wheel_up(struct app *a) { return move_by(a, -3); }
static int wheel_down(struct app *a) { return move_by(a, 3); }

static int home(struct app *a)
{
	tree_select_row(a->tree, 0);
	return ACT_REDRAW;
}

static int end(struct app *a)
{
	size_t n = tree_nrows(a->tree);
	tree_select_row(a->tree, n ? n - 1 : 0);
	return ACT_REDRAW;
}

static int click(struct app *a)
{
	if (a->view.click_row >= 0)
		tree_select_row(a->tree, (size_t)a->view.click_row);
	return ACT_REDRAW;
}

static bool in_tree_mode(struct app *a)
{
	if (tree_mode(a->tree) == TREE_MODE_TREE)
		return true;
	snprintf(a->status, sizeof a->status, "list mode: press t or F5 for the tree");
	return false;
}

/* Collapsing and expanding are for the tree; the list says so. */
static int on_branch(struct app *a, void (*change)(tree_t *t, size_t row))
{
	if (in_tree_mode(a))
		change(a->tree, tree_selected(a->tree));
	return ACT_REDRAW;
}

static int collapse(struct app *a) { return on_branch(a, tree_collapse); }
static int expand(struct app *a) { return on_branch(a, tree_expand); }
static int toggle(struct app *a) { return on_branch(a, tree_toggle); }

static int expand_all(struct app *a)
{
	if (in_tree_mode(a))
		tree_expand_all(a->tree);
	return ACT_REDRAW;
}

static int tree_or_list(struct app *a)
{
	bool tree = tree_mode(a->tree) == TREE_MODE_TREE;
	tree_set_mode(a->tree, tree ? TREE_MODE_LIST : TREE_MODE_TREE);
	snprintf(a->status, sizeof a->status, "%s", tree ? "list sorted by PID" : "tree view");
	return ACT_REBUILD;
}

static int kthreads(struct app *a)
{
	bool show = !tree_show_kthreads(a->tree);
	tree_set_show_kthreads(a->tree, show);
	snprintf(a->status, sizeof a->status, "kernel threads %s", show ? "shown" : "hidden");
	return ACT_REBUILD;
}

static const struct verb_key keys[] = {
	{ { FK_UP, 0 }, "Up", "select the process above", up },
	{ { FK_DOWN, 0 }, "Down", "select the process below", down },
	{ { FK_PGUP, 0 }, "PgUp", "one page up", page_up },
	{ { FK_PGDN, 0 }, "PgDn", "one page down", page_down },
	{ { FK_HOME, 0 }, "Home", "first process", home },
	{ { FK_END, 0 }, "End", "last process", end },
	{ { '-', FK_LEFT, 0 }, "- Left", "collapse the selected branch", collapse },
	{ { '+', '=', FK_RIGHT }, "+ = Right", "expand the selected branch", expand },
	{ { FK_BACKSPACE, 0 }, "Backspace", "collapse or expand the selected branch", toggle },
	{ { '*', 0 }, "*", "expand every branch", expand_all },
	{ { FK_F5, 't', 0 }, "F5 t", "tree view / flat list sorted by PID", tree_or_list },
	{ { 'K', 0 }, "K", "show or hide kernel threads", kthreads },
	{ { FK_CLICK, 0 }, "click", "select the process under the mouse", click },
	{ { FK_WHEEL_UP, 0 }, "wheel", "scroll the list up or down", wheel_up },
	{ { FK_WHEEL_DOWN, 0 }, "", NULL, wheel_down },
};

const struct verb verb_move = {
	.name = "move", .keys = keys, .nkeys = ARRAY_LEN(keys),
};
