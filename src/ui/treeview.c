/* treeview.c - the process rows: columns, tree connectors, selection and scrolling. */
#include "ui.h"

#include <curses.h>
#include <string.h>

#include "format.h"
#include "text.h"

#define MAX_LEVELS 60		/* deeper connectors collapse into one marker */

/* Room the command keeps before a column is left out (the table's drop order). */
static const int min_command = 15;

static struct tree_layout {	/* the rows as last laid out */
	size_t top;		/* first row shown */
	int first_y;		/* screen line of the first row */
	int nlines;		/* rows shown */
	enum column_id cols[COLUMN_COUNT];	/* the fixed columns shown, in order */
	size_t ncols;
	bool task_col;		/* the TASK column: shown once forktop has tasks */
	int task_width;		/* its width with the two spaces before it */
} view;

/* Wide enough for "Z exited -15 SIGTERM, not joined" on a terminal of 120 columns;
 * narrower terminals cut the state with a "~". */
#define TASK_WIDTH_WIDE 36
#define TASK_WIDTH_NARROW 24
#define TASK_WIDTH_TINY 14	/* up to 100 columns: "● running", "Z exited 3~" */
#define TASK_WIDTH view.task_width

/* Whether forktoprc's columns= asks for c (every column when it is not set). */
static bool wanted(const struct app *a, enum column_id c)
{
	if (!(a->settings.set & 1u << SETTING_COLUMNS))
		return true;
	for (size_t i = 0; i < a->settings.ncolumns; i++)
		if (a->settings.columns[i] == c)
			return true;
	return false;
}

/* The fixed columns forktoprc asks for (those that are never dropped always), then on a
 * narrow terminal the least useful left out until the command keeps its room. */
static void choose_columns(const struct app *a, int width)
{
	view.task_width = width >= 120 ? TASK_WIDTH_WIDE : width > 100 ? TASK_WIDTH_NARROW :
			  TASK_WIDTH_TINY;
	view.task_col = view.task_col && wanted(a, COLUMN_TASK);
	view.ncols = 0;
	for (int c = 0; c < COLUMN_COUNT; c++) {
		const struct column *col = column_get((enum column_id)c);
		if (col->cell && (col->drop == 0 || wanted(a, (enum column_id)c)))
			view.cols[view.ncols++] = (enum column_id)c;
	}
	int fixed = 2 + (view.task_col ? TASK_WIDTH : 0);	/* 2: the gap before them */
	while (columns_width(view.cols, view.ncols) + fixed + min_command > width) {
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
}

static void header(struct sbuf *b, enum column_id sort, int *at, int *len)
{
	columns_header(b, view.cols, view.ncols, sort, at, len);
	if (view.task_col)
		sbuf_printf(b, "  %-*s", TASK_WIDTH - 2 - 2, column_get(COLUMN_TASK)->heading);
	sbuf_printf(b, "  %s", column_get(COLUMN_COMMAND)->heading);
}

/* The TASK cell: the task's state, or blanks for other processes. */
static void task_cell(struct sbuf *b, const struct task *k, bool utf8)
{
	char st[64];
	if (!view.task_col)
		return;
	st[0] = '\0';
	if (k)
		task_state_str(st, sizeof st, k, utf8);
	text_pad(b, st, strlen(st), TASK_WIDTH - 4, "~");
	sbuf_adds(b, "  ");	/* columns_row ended with the two spaces before it */
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
	if (p->kthread)
		return ui_attr(TE_KERNEL_THREAD);
	return ui_attr(TE_NORMAL);
}

/* CPU% and RSS cells in their level's colour (the fixed cells are ASCII: a byte is a
 * column). The low level only on ordinary rows: zombies and kernel threads keep theirs. */
static void level_cells(struct sbuf *b, const struct proc *p, int y, int width, int attr)
{
	for (size_t i = 0; i < view.ncols; i++) {
		int e = column_level_elem(view.cols[i], p);
		if (e < 0 || ((e == TE_CPU_LOW || e == TE_RSS_LOW) &&
			      attr != ui_attr(TE_NORMAL)))
			continue;
		int x = i ? columns_width(view.cols, i) + 1 : 0, w = column_get(view.cols[i])->width;
		if (x + w > width)
			break;
		char cell[32];
		snprintf(cell, sizeof cell, "%.*s", w, b->p + x);
		ui_put(y, x, cell, w, ui_attr((enum theme_elem)e));
	}
}

static void draw_row(const struct app *a, const struct proc *procs, size_t i, int y, int width,
		     bool *levels)
{
	const struct tree_row *r = tree_row(a->tree, i);
	const struct proc *p = &procs[r->proc];
	bool selected = i == tree_selected(a->tree);
	int attr = row_attr(a, p, selected);
	struct sbuf b;
	sbuf_init(&b);
	const struct task *k = tasks_find(a->tasks, p->pid, p->start);
	columns_row(&b, view.cols, view.ncols, p);
	sbuf_adds(&b, "  ");
	int x = text_width(sbuf_str(&b), b.len);
	ui_put(y, 0, sbuf_str(&b), width, attr);
	if (!selected && !(a->ntags && app_tagged(a, p->pid, p->start)))
		level_cells(&b, p, y, width, attr);
	if (x >= width)
		goto out;
	if (view.task_col) {
		sbuf_reset(&b);
		task_cell(&b, k, a->utf8);
		ui_put(y, x, sbuf_str(&b), width - x, selected || !k ? attr : task_attr(k));
		x += text_width(sbuf_str(&b), b.len);
		if (x >= width)
			goto out;
	}
	sbuf_reset(&b);
	if (tree_mode(a->tree) == TREE_MODE_TREE) {
		int depth = tree_prefix(a->tree, i, levels, MAX_LEVELS);
		format_tree_prefix(&b, levels, depth, r->last, r->collapsed, a->utf8, MAX_LEVELS);
		int w = text_width(b.p ? b.p : "", b.len);
		ui_put(y, x, sbuf_str(&b), width - x, selected ? attr : ui_attr(TE_TREE_CONNECTOR));
		x += w;
	}
	sbuf_reset(&b);
	if (k) {	/* task names come from the user: escaped like any text */
		text_escape(&b, k->name, strlen(k->name), a->utf8 ? 0 : TEXT_ASCII);
		sbuf_adds(&b, " (");
		text_escape(&b, k->target, strlen(k->target), a->utf8 ? 0 : TEXT_ASCII);
		sbuf_adds(&b, ")");
		if (!selected && !(a->ntags && app_tagged(a, p->pid, p->start)))
			attr = ui_attr(TE_TASK);
	} else {
		format_command(&b, p, a->utf8 ? 0 : TEXT_ASCII);
	}
	if (r->collapsed)
		sbuf_printf(&b, "  [+%zu]", r->hidden);
	if (x < width)
		ui_put(y, x, sbuf_str(&b), width - x, attr);
out:
	sbuf_free(&b);
}

void ui_tree_layout(struct app *a, int y, int height, int width)
{
	view.task_col = tasks_count(a->tasks) > 0;
	choose_columns(a, width);
	int lines = height - 1;
	a->view.page = lines > 0 ? lines : 1;
	scroll_to_selection(a, lines);
	view.first_y = y + 1;
	view.nlines = lines;
}

void ui_draw_tree(const struct app *a, int y, int height, int width)
{
	size_t n;
	const struct proc *procs = scan_procs(a->scan, &n);
	struct sbuf b;
	sbuf_init(&b);
	int at = -1, len = 0;
	header(&b, tree_sort_key(a->tree, NULL), &at, &len);
	ui_put(y, 0, sbuf_str(&b), width, ui_attr(TE_COLUMN_HEADER));
	bool desc;
	enum column_id sort = tree_sort_key(a->tree, &desc);
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
