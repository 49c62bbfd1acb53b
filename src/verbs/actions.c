/* actions.c - one function per user action, bound to keys in one table. */
#include "actions.h"

#include <stdio.h>
#include <unistd.h>

static int move_by(struct app *a, long delta)
{
	tree_move(a->tree, delta);
	return ACT_REDRAW;
}

static int act_up(struct app *a) { return move_by(a, -1); }
static int act_down(struct app *a) { return move_by(a, 1); }
static int act_pgup(struct app *a) { return move_by(a, -(a->view.page > 1 ? a->view.page - 1 : 1)); }
static int act_pgdn(struct app *a) { return move_by(a, a->view.page > 1 ? a->view.page - 1 : 1); }
static int act_wheel_up(struct app *a) { return move_by(a, -3); }
static int act_wheel_down(struct app *a) { return move_by(a, 3); }

static int act_home(struct app *a)
{
	tree_select_row(a->tree, 0);
	return ACT_REDRAW;
}

static int act_end(struct app *a)
{
	size_t n = tree_nrows(a->tree);
	tree_select_row(a->tree, n ? n - 1 : 0);
	return ACT_REDRAW;
}

static int act_click(struct app *a)
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

static int act_collapse(struct app *a)
{
	if (in_tree_mode(a))
		tree_collapse(a->tree, tree_selected(a->tree));
	return ACT_REDRAW;
}

static int act_expand(struct app *a)
{
	if (in_tree_mode(a))
		tree_expand(a->tree, tree_selected(a->tree));
	return ACT_REDRAW;
}

static int act_toggle(struct app *a)
{
	if (in_tree_mode(a))
		tree_toggle(a->tree, tree_selected(a->tree));
	return ACT_REDRAW;
}

static int act_expand_all(struct app *a)
{
	if (in_tree_mode(a))
		tree_expand_all(a->tree);
	return ACT_REDRAW;
}

static int act_tree(struct app *a)
{
	bool tree = tree_mode(a->tree) == TREE_MODE_TREE;
	tree_set_mode(a->tree, tree ? TREE_MODE_LIST : TREE_MODE_TREE);
	snprintf(a->status, sizeof a->status, "%s", tree ? "list sorted by PID" : "tree view");
	return ACT_REBUILD;
}

static int act_kthreads(struct app *a)
{
	bool show = !tree_show_kthreads(a->tree);
	tree_set_show_kthreads(a->tree, show);
	snprintf(a->status, sizeof a->status, "kernel threads %s", show ? "shown" : "hidden");
	return ACT_REBUILD;
}

/* Sorting, htop's keys: the tree keeps its shape, each process's children in that order;
 * the list is all rows in that order. The column table says which columns sort and
 * which sort largest first (numbers) or smallest first (pids). */
static int sort_by(struct app *a, enum column_id key, bool descending)
{
	tree_set_sort(a->tree, key, descending);
	snprintf(a->status, sizeof a->status, "sorted by %s, %s%s (I inverts, F6 the next "
		 "column)", column_get(key)->heading,
		 descending ? "largest first" : "smallest first",
		 tree_mode(a->tree) == TREE_MODE_TREE ? ", siblings in the tree" : "");
	return ACT_REDRAW;
}

static int sort_natural(struct app *a, enum column_id key)
{
	return sort_by(a, key, column_get(key)->natural_desc);
}

static int act_sort_pid(struct app *a) { return sort_natural(a, COLUMN_PID); }
static int act_sort_cpu(struct app *a) { return sort_natural(a, COLUMN_CPU); }
static int act_sort_mem(struct app *a) { return sort_natural(a, COLUMN_RSS); }
static int act_sort_time(struct app *a) { return sort_natural(a, COLUMN_ELAPSED); }

static int act_sort_invert(struct app *a)
{
	bool desc;
	enum column_id key = tree_sort_key(a->tree, &desc);
	return sort_by(a, key, !desc);
}

static int sort_step(struct app *a, int step)
{
	return sort_natural(a, column_sort_step(tree_sort_key(a->tree, NULL), step));
}

static int act_sort_next(struct app *a) { return sort_step(a, 1); }
static int act_sort_prev(struct app *a) { return sort_step(a, -1); }

static int act_help(struct app *a)
{
	a->help = true;
	a->view.help_top = 0;
	return ACT_REDRAW;
}

static const struct action table[] = {
	{ { FK_UP, 0 }, "Up", "select the process above", act_up },
	{ { FK_DOWN, 0 }, "Down", "select the process below", act_down },
	{ { FK_PGUP, 0 }, "PgUp", "one page up", act_pgup },
	{ { FK_PGDN, 0 }, "PgDn", "one page down", act_pgdn },
	{ { FK_HOME, 0 }, "Home", "first process", act_home },
	{ { FK_END, 0 }, "End", "last process", act_end },
	{ { '-', FK_LEFT, 0 }, "- Left", "collapse the selected branch", act_collapse },
	{ { '+', '=', FK_RIGHT }, "+ = Right", "expand the selected branch", act_expand },
	{ { FK_BACKSPACE, 0 }, "Backspace", "collapse or expand the selected branch", act_toggle },
	{ { '*', 0 }, "*", "expand every branch", act_expand_all },
	{ { FK_F3, '/', 0 }, "F3 /", "search: select the next process whose command holds the "
	  "text (F3 again: the one after)", act_search },
	{ { FK_F4, '\\', 0 }, "F4 \\", "filter: show only processes whose command holds the text "
	  "(Esc clears it)", act_filter },
	{ { FK_F6, '>', 0 }, "F6 >", "sort by the next column (< the one before)", act_sort_next },
	{ { '<', 0 }, "<", "sort by the column before", act_sort_prev },
	{ { 'N', 0 }, "N", "sort by PID", act_sort_pid },
	{ { 'P', 0 }, "P", "sort by CPU%, busiest first", act_sort_cpu },
	{ { 'M', 0 }, "M", "sort by memory (RSS), largest first", act_sort_mem },
	{ { 'T', 0 }, "T", "sort by time (ELAPSED), oldest first", act_sort_time },
	{ { 'I', 0 }, "I", "invert the sort order", act_sort_invert },
	{ { FK_F5, 't', 0 }, "F5 t", "tree view / flat list sorted by PID", act_tree },
	{ { 'K', 0 }, "K", "show or hide kernel threads", act_kthreads },
	{ { FK_F1, 'h', '?' }, "F1 h ?", "this help", act_help },
	{ { FK_F10, 'q', 0 }, "F10 q", "quit (asks about tasks still running)", act_quit },
	{ { 'n', FK_F2, 0 }, "n F2", "new task: a demo or a command (Process(...).start())", act_new },
	{ { 'j', 0 }, "j", "join the selected process: wait for it to end (Esc cancels)", act_join },
	{ { 'J', 0 }, "J", "join every task", act_join_all },
	{ { 'k', FK_F9, 0 }, "F9 k", "send a signal: terminate (TERM), kill (KILL) ...", act_signal_menu },
	{ { FK_ENTER, 0 }, "Enter", "details of the selected process", act_details },
	{ { 'L', 0 }, "L", "lifecycle timeline: every task's life on one time axis", act_timeline },
	{ { 'd', 0 }, "d", "daemonize the selected demo task (double fork, setsid): it outlives "
	  "forktop", act_daemonize },
	{ { 'r', 0 }, "r", "rename the selected demo task (its comm too, so ps shows it)",
	  act_rename },
	{ { 'X', 0 }, "X", "end the selected process and all its descendants (stop, TERM, KILL "
	  "after the grace period)", act_end_tree },
	{ { 'o', 0 }, "o", "scroll the output pane; o again: the event log; Esc returns", act_output_focus },
	{ { 'S', 0 }, "S", "setup: theme (shown as you pick it) and settings, s saves them",
	  act_setup },
	{ { ' ', 0 }, "Space", "tag or untag the selected process (signals go to tagged ones)",
	  act_tag },
	{ { 'c', 0 }, "c", "tag the selected process and its children", act_tag_children },
	{ { 'U', 0 }, "U", "untag every process", act_untag_all },
	{ { FK_CLICK, 0 }, "click", "select the process under the mouse", act_click },
	{ { FK_WHEEL_UP, 0 }, "wheel", "scroll the list up or down", act_wheel_up },
	{ { FK_WHEEL_DOWN, 0 }, "", NULL, act_wheel_down },
};

const struct action *actions_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

/* Keys while the output pane has the focus scroll it. */
static int output_key(struct app *a, int key)
{
	size_t *scroll = a->view.focus == FOCUS_EVENTS ? &a->view.events_scroll : &a->view.output_scroll;
	size_t page = a->view.output_page > 1 ? (size_t)a->view.output_page - 1 : 1;
	switch (key) {
	case FK_UP: (*scroll)++; break;
	case FK_DOWN: if (*scroll) (*scroll)--; break;
	case FK_PGUP: *scroll += page; break;
	case FK_PGDN: *scroll = *scroll > page ? *scroll - page : 0; break;
	case FK_HOME: *scroll = (size_t)-1 / 2; break;	/* the oldest: kept in range when drawn */
	case FK_END: *scroll = 0; break;
	case 'o': return act_output_focus(a);
	case FK_ESC:
		a->view.focus = FOCUS_EVENTS;	/* the next step is back to the tree */
		return act_output_focus(a);
	default: return -1;
	}
	return ACT_REDRAW;
}

int actions_key(struct app *a, int key)
{
	if (a->quit_after_ending) {	/* quitting: only the progress is shown */
		snprintf(a->status, sizeof a->status, "quitting: every task is being ended "
			 "(SIGKILL after the grace period)");
		return ACT_REDRAW;
	}
	if (a->dialog.kind != DIALOG_NONE)
		return actions_dialog_key(a, key);
	if (a->bar.kind != BAR_NONE) {
		int r = actions_bar_key(a, key);
		if (r >= 0)
			return r;
	}
	if (a->join.active && key == FK_ESC) {
		a->join.active = false;
		if (a->join.pidfd >= 0)
			close(a->join.pidfd);
		a->join.pidfd = -1;
		snprintf(a->status, sizeof a->status, "join cancelled after %.2f s%s",
			 clock_now() - a->join.began, a->quitting ? "; not quitting" : "");
		a->quitting = false;
		return ACT_REDRAW;
	}
	if (a->view.focus != FOCUS_TREE) {
		int r = output_key(a, key);
		if (r >= 0)
			return r;
	}
	if (a->help) {		/* any key leaves the help screen; arrows scroll it */
		if (key == FK_DOWN || key == FK_PGDN || key == FK_WHEEL_DOWN)
			a->view.help_top += key == FK_DOWN ? 1 : 5;
		else if (key == FK_UP || key == FK_PGUP || key == FK_WHEEL_UP)
			a->view.help_top -= key == FK_UP ? 1 : 5;
		else if (key != FK_RESIZE)
			a->help = false;
		if (a->view.help_top < 0)
			a->view.help_top = 0;
		return ACT_REDRAW;
	}
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		for (int k = 0; k < 3 && table[i].keys[k]; k++)
			if (table[i].keys[k] == key) {
				a->status[0] = '\0';
				return table[i].run(a);
			}
	return ACT_NONE;
}
