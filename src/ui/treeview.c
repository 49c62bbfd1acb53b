/* treeview.c - the process rows: columns, tree connectors, selection and scrolling. */
#include "ui.h"

#include <curses.h>
#include <string.h>

#include "format.h"
#include "text.h"

#define MAX_LEVELS 60		/* deeper connectors collapse into one marker */

/* Room the command keeps before a column is left out (the table's drop order): a
 * third of the line (28 cells at 80 columns: deep in a tree it stays readable), at
 * least this. */
#define MIN_COMMAND 15

static struct tree_layout {	/* the rows as last laid out */
	size_t top;		/* first row shown */
	int first_y;		/* screen line of the first row */
	int nlines;		/* rows shown */
	enum column_id cols[COLUMN_COUNT];	/* the columns shown, in order */
	int x[COLUMN_COUNT], w[COLUMN_COUNT];	/* where each is */
	size_t ncols;
	int task_width;		/* the TASK column's cells */
} view;

/* Wide enough for "Z exited -15 SIGTERM, not joined" on a terminal of 120 columns;
 * narrower terminals cut the state with a "~". */
#define TASK_WIDTH_WIDE 32
#define TASK_WIDTH_NARROW 20
#define TASK_WIDTH_TINY 10	/* up to 100 columns: "● running", "Z exited~" */

/* forktoprc's columns in its order (TASK once forktop has tasks), then on a narrow
 * terminal the least useful left out until the command keeps its room. */
static void choose_columns(const struct app *a, int width, bool tasks)
{
	const struct settings *st = &a->settings;
	view.task_width = width >= 120 ? TASK_WIDTH_WIDE : width > 100 ? TASK_WIDTH_NARROW :
			  TASK_WIDTH_TINY;
	view.ncols = 0;
	bool command = false;
	for (size_t i = 0; i < st->ncolumns && i < COLUMN_COUNT; i++) {
		if (st->columns[i] == COLUMN_TASK && !tasks)
			continue;
		command |= st->columns[i] == COLUMN_COMMAND;
		view.cols[view.ncols++] = st->columns[i];
	}
	if (!command && view.ncols < COLUMN_COUNT)	/* forktoprc's parser requires it */
		view.cols[view.ncols++] = COLUMN_COMMAND;
	int room = width / 3 > MIN_COMMAND ? width / 3 : MIN_COMMAND;
	while (columns_width(view.cols, view.ncols, view.task_width) + room > width) {
		size_t drop = view.ncols;
		for (size_t i = 0; i < view.ncols; i++) {
			int rank = column_get(view.cols[i])->drop;
			if (rank && (drop == view.ncols || rank < column_get(view.cols[drop])->drop))
				drop = i;
		}
		if (drop == view.ncols)
			break;	/* only the columns that always show are left */
		for (size_t i = drop; i + 1 < view.ncols; i++)
			view.cols[i] = view.cols[i + 1];
		view.ncols--;
	}
	columns_place(view.cols, view.ncols, view.task_width, width, view.x, view.w);
}

/* The TASK cell's colour: the task's state. */
static int task_attr(const struct task *k)
{
	switch (k->state) {
	case TASK_RUNNING: return ui_attr(TE_TASK_RUNNING);
	case TASK_STOPPED: return ui_attr(TE_TASK_STOPPED);
	case TASK_EXITED: return ui_attr(TE_TASK_ZOMBIE);
	case TASK_DAEMONIZED: return ui_attr(TE_TASK_DAEMONIZED);
	case TASK_JOINED: break;
	}
	return ui_attr(k->exitcode == 0 && !k->exit_unknown ? TE_TASK_JOINED : TE_TASK_FAILED);
}

/* Keeps the selected row on screen, scrolling as little as possible. */
static void scroll_to_selection(const struct app *a, int lines)
{
	size_t n = tree_nrows(a->tree), sel = tree_selected(a->tree);
	if (lines < 1)
		lines = 1;
	if (sel < view.top)
		view.top = sel;
	else if (sel >= view.top + (size_t)lines)
		view.top = sel - (size_t)lines + 1;
	if (n <= (size_t)lines)
		view.top = 0;
	else if (view.top > n - (size_t)lines)
		view.top = n - (size_t)lines;
}

static int row_attr(const struct app *a, const struct proc *p, bool selected)
{
	bool tagged = a->ntags && app_tagged(a, p->pid, p->start);
	if (selected)
		/* Underlined, not bold: bold black turns grey on terminals that brighten bold,
		 * and would fade on the selection's band. */
		return ui_attr(TE_SELECTED) | (tagged ? A_UNDERLINE : 0);
	if (tagged)
		return ui_attr(TE_TAGGED);
	if (p->state == 'Z')
		return ui_attr(TE_ZOMBIE);
	if (p->kthread || p->thread)	/* threads, kernel's or a process's, set apart */
		return ui_attr(TE_KERNEL_THREAD);
	return ui_attr(TE_NORMAL);
}

/* A cell in its level's colour (CPU%, RES) unless the row is selected or tagged, else the
 * row's. The low level only on ordinary rows: zombies and kernel threads keep theirs. */
static int cell_attr(enum column_id c, const struct proc *p, int attr, bool levels)
{
	int e = levels ? column_level_elem(c, p) : -1;
	if (e < 0 || ((e == TE_CPU_LOW || e == TE_RSS_LOW) && attr != ui_attr(TE_NORMAL)))
		return attr;
	return ui_attr((enum theme_elem)e);
}

/* The TASK cell: the task's state (cut with a "~"), or blanks for other processes. */
static void draw_task(const struct app *a, const struct task *k, int y, int x, int w,
		      int attr, bool selected)
{
	char st[64];
	struct sbuf b;
	st[0] = '\0';
	if (k)
		task_state_str(st, sizeof st, k, a->utf8);
	sbuf_init(&b);
	text_pad(&b, st, strlen(st), w, "~");
	ui_put(y, x, sbuf_str(&b), w, selected || !k ? attr : task_attr(k));
	sbuf_free(&b);
}

/* The COMMAND cell: the tree's connectors, then the command (a task's name and target);
 * plain: neither selected nor tagged. */
static void draw_command(const struct app *a, size_t i, const struct proc *p,
			 const struct task *k, int y, int x, int w, int attr, bool plain,
			 bool *levels)
{
	const struct tree_row *r = tree_row(a->tree, i);
	struct sbuf b;
	sbuf_init(&b);
	if (tree_mode(a->tree) == TREE_MODE_TREE) {
		int depth = tree_prefix(a->tree, i, levels, MAX_LEVELS);
		format_tree_prefix(&b, levels, depth, r->last, r->collapsed, a->utf8, MAX_LEVELS);
		int pw = text_width(sbuf_str(&b), b.len);
		pw = pw < w ? pw : w;
		bool selected = i == tree_selected(a->tree);
		ui_put(y, x, sbuf_str(&b), pw, selected ? attr : ui_attr(TE_TREE_CONNECTOR));
		x += pw;
		w -= pw;
	}
	sbuf_reset(&b);
	if (k) {	/* task names come from the user: escaped like any text */
		text_escape(&b, k->name, strlen(k->name), a->utf8 ? 0 : TEXT_ASCII);
		sbuf_adds(&b, " (");
		text_escape(&b, k->target, strlen(k->target), a->utf8 ? 0 : TEXT_ASCII);
		sbuf_adds(&b, ")");
		if (plain)
			attr = ui_attr(TE_TASK);
	} else {
		format_command(&b, p, a->utf8 ? 0 : TEXT_ASCII);
	}
	if (r->collapsed)
		sbuf_printf(&b, "  [+%zu]", r->hidden);
	if (w > 0)
		ui_put(y, x, sbuf_str(&b), w, attr);
	sbuf_free(&b);
}

static void draw_row(const struct app *a, const struct proc *procs, size_t i, int y, int width,
		     bool *levels)
{
	const struct proc *p = &procs[tree_row(a->tree, i)->proc];
	bool selected = i == tree_selected(a->tree);
	bool tagged = a->ntags && app_tagged(a, p->pid, p->start);
	int attr = row_attr(a, p, selected);
	const struct task *k = tasks_find(a->tasks, p->pid, p->start);
	ui_put(y, 0, "", width, attr);	/* the blanks between the cells */
	struct sbuf b;
	sbuf_init(&b);
	for (size_t c = 0; c < view.ncols && view.x[c] < width; c++) {
		int x = view.x[c], w = view.w[c] < width - x ? view.w[c] : width - x;
		switch (view.cols[c]) {
		case COLUMN_TASK:
			draw_task(a, k, y, x, w, attr, selected);
			break;
		case COLUMN_COMMAND:
			draw_command(a, i, p, k, y, x, w, attr, !selected && !tagged, levels);
			break;
		default:
			sbuf_reset(&b);
			column_cell(&b, view.cols[c], p);
			ui_put(y, x, sbuf_str(&b), w, cell_attr(view.cols[c], p, attr,
							       !selected && !tagged));
			break;
		}
	}
	sbuf_free(&b);
}

void ui_tree_layout(struct app *a, int y, int height, int width)
{
	choose_columns(a, width, tasks_count(a->tasks) > 0);
	int lines = height - 1;
	a->view.page = lines > 0 ? lines : 1;
	scroll_to_selection(a, lines);
	a->view.tree_top = view.top;
	view.first_y = y + 1;
	view.nlines = lines;
}

void ui_draw_tree(const struct app *a, int y, int height, int width)
{
	size_t n;
	const struct proc *procs = scan_procs(a->scan, &n);
	struct sbuf b;
	sbuf_init(&b);
	bool desc;
	enum column_id sort = tree_sort_key(a->tree, &desc);
	int at = -1, len = 0;
	columns_header(&b, view.cols, view.ncols, view.x, view.w, sort, &at, &len);
	ui_put(y, 0, sbuf_str(&b), width, ui_attr(TE_COLUMN_HEADER));
	if (at >= 0 && at < width && (sort != COLUMN_PID || desc)) {	/* not the default */
		b.p[at + len] = '\0';	/* the heading alone, marked */
		ui_put(y, at, b.p + at, at + len <= width ? len : width - at,
		       ui_attr(TE_COLUMN_HEADER) | A_REVERSE);
	}
	sbuf_free(&b);
	int lines = height - 1;
	bool levels[MAX_LEVELS + 1];
	size_t nrows = tree_nrows(a->tree);
	for (int k = 0; k < lines && view.top + (size_t)k < nrows; k++)
		draw_row(a, procs, view.top + (size_t)k, y + 1 + k, width, levels);
	if (nrows == 0 && lines > 0) {
		char gone[64];
		snprintf(gone, sizeof gone, "  process %d has ended", a->opts.pid);
		ui_put(y + 1, 0, a->root_gone ? gone : "  no processes", width, A_BOLD);
	}
}

int ui_tree_row_at(int y)
{
	if (y < view.first_y || y >= view.first_y + view.nlines)
		return -1;
	return (int)(view.top + (size_t)(y - view.first_y));
}
