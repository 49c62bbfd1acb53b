/* treeview.c - the process rows: columns, tree connectors, selection and scrolling. */
#include "ui.h"

#include <curses.h>
#include <string.h>

#include "format.h"
#include "text.h"

#define MAX_LEVELS 60		/* deeper connectors collapse into one marker */

/* Columns that can be left out on a narrow terminal, least useful first. */
enum col { COL_PPID, COL_THR, COL_ELAPSED, COL_RSS, COL_CPU, NCOLS };
static const int col_width[NCOLS] = { 8, 5, 9, 6, 6 };
static const int fixed_width = 7 + 3;	/* PID and the state letter */
static const int min_command = 16;

static struct view {
	size_t top;		/* first row shown */
	int first_y;		/* screen line of the first row */
	int nlines;		/* rows shown */
	bool shown[NCOLS];
	bool task_col;		/* the TASK column: shown once forktop has tasks */
	int task_width;		/* its width with the two spaces before it */
	bool wanted[NCOLS];	/* forktoprc's columns (all by default) */
} view;

/* Wide enough for "Z exited -15 SIGTERM, not joined" on a terminal of 120 columns;
 * narrower terminals cut the state with a "~". */
#define TASK_WIDTH_WIDE 36
#define TASK_WIDTH_NARROW 24
#define TASK_WIDTH_TINY 14	/* below 80 columns: "● running", "Z exited 3~" */
#define TASK_WIDTH view.task_width

/* The columns forktoprc asks for; PID, S and COMMAND are always shown. */
static void set_wanted(struct app *a)
{
	static const enum settings_column map[NCOLS] = {
		[COL_PPID] = COLUMN_PPID, [COL_THR] = COLUMN_THR, [COL_ELAPSED] = COLUMN_ELAPSED,
		[COL_RSS] = COLUMN_RSS, [COL_CPU] = COLUMN_CPU,
	};
	bool all = !(a->settings.set & 1u << SETTING_COLUMNS);
	for (int c = 0; c < NCOLS; c++) {
		view.wanted[c] = all;
		for (size_t i = 0; !all && i < a->settings.ncolumns; i++)
			view.wanted[c] |= a->settings.columns[i] == map[c];
	}
	bool task = all;
	for (size_t i = 0; !all && i < a->settings.ncolumns; i++)
		task |= a->settings.columns[i] == COLUMN_TASK;
	view.task_col = view.task_col && task;
}

static void choose_columns(int width)
{
	view.task_width = width >= 120 ? TASK_WIDTH_WIDE : width >= 80 ? TASK_WIDTH_NARROW :
			  TASK_WIDTH_TINY;
	int used = fixed_width + (view.task_col ? TASK_WIDTH : 0);
	for (int c = 0; c < NCOLS; c++)
		used += col_width[c];
	for (int c = 0; c < NCOLS; c++) {
		view.shown[c] = used + min_command <= width;
		if (!view.shown[c])
			used -= col_width[c];
	}
	/* Drop the least useful first: re-enable from the most useful end. */
	used = fixed_width + (view.task_col ? TASK_WIDTH : 0);
	for (int c = NCOLS - 1; c >= 0; c--) {
		if (!view.wanted[c]) {	/* left out in forktoprc's columns */
			view.shown[c] = false;
			continue;
		}
		view.shown[c] = used + col_width[c] + min_command <= width;
		if (view.shown[c])
			used += col_width[c];
		else
			for (int k = c - 1; k >= 0; k--)
				view.shown[k] = false;
		if (!view.shown[c])
			break;
	}
}

/* Appends a column's heading, right-aligned in w; the sort column's span goes to *at and
 * *len (htop marks the column the rows are sorted by). */
static void heading(struct sbuf *b, int w, const char *name, bool sorted, int *at, int *len)
{
	sbuf_adds(b, " ");
	if (sorted) {
		*at = (int)b->len;
		*len = w;
	}
	sbuf_printf(b, "%*s", w, name);
}

static void columns_header(struct sbuf *b, enum tree_sort sort, int *at, int *len)
{
	sbuf_printf(b, "%7s", "PID");
	if (sort == TREE_SORT_PID) {
		*at = 0;
		*len = 7;
	}
	if (view.shown[COL_PPID])
		heading(b, 7, "PPID", sort == TREE_SORT_PPID, at, len);
	sbuf_adds(b, " S");
	if (view.shown[COL_CPU])
		heading(b, 5, "CPU%", sort == TREE_SORT_CPU, at, len);
	if (view.shown[COL_RSS])
		heading(b, 5, "RSS", sort == TREE_SORT_RSS, at, len);
	if (view.shown[COL_THR])
		heading(b, 4, "THR", sort == TREE_SORT_THREADS, at, len);
	if (view.shown[COL_ELAPSED])
		heading(b, 8, "ELAPSED", sort == TREE_SORT_ELAPSED, at, len);
	if (view.task_col)
		sbuf_printf(b, "  %-*s", TASK_WIDTH - 2 - 2, "TASK");
	sbuf_adds(b, "  COMMAND");
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
	case TASK_RUNNING: return ui_theme.elem[TE_TASK_RUNNING];
	case TASK_STOPPED: return ui_theme.elem[TE_TASK_STOPPED];
	case TASK_EXITED: return ui_theme.elem[TE_TASK_ZOMBIE];
	case TASK_DAEMONIZED: return ui_theme.elem[TE_TASK_DAEMONIZED];
	case TASK_JOINED: break;
	}
	return ui_theme.elem[k->exitcode == 0 && !k->exit_unknown ? TE_TASK_JOINED :
			     TE_TASK_FAILED];
}

static void columns_row(struct sbuf *b, const struct proc *p)
{
	char v[32];
	sbuf_printf(b, "%7d", p->pid);
	if (view.shown[COL_PPID])
		sbuf_printf(b, " %7d", p->ppid);
	sbuf_printf(b, " %c", p->state > ' ' && p->state < 0x7f ? p->state : '?');
	if (view.shown[COL_CPU]) {
		format_cpu(v, sizeof v, p->cpu);
		sbuf_printf(b, " %5s", v);
	}
	if (view.shown[COL_RSS]) {
		format_kb(v, sizeof v, p->rss_kb);
		sbuf_printf(b, " %5s", v);
	}
	if (view.shown[COL_THR])
		sbuf_printf(b, " %4d", p->threads);
	if (view.shown[COL_ELAPSED]) {
		format_elapsed(v, sizeof v, p->elapsed);
		sbuf_printf(b, " %8s", v);
	}
	sbuf_adds(b, "  ");
}

/* Keeps the selected row on screen, scrolling as little as possible. */
static void scroll_to_selection(struct app *a, int lines)
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

static int row_attr(struct app *a, const struct proc *p, bool selected)
{
	bool tagged = a->ntags && app_tagged(a, p->pid, p->start);
	if (selected)
		/* Underlined, not bold: bold black turns grey on terminals that brighten bold,
		 * and would fade on the selection's band. */
		return ui_theme.selected | (tagged ? A_UNDERLINE : 0);
	if (tagged)
		return ui_theme.tagged;
	if (p->state == 'Z')
		return ui_theme.zombie;
	if (p->kthread)
		return ui_theme.kthread;
	return ui_theme.elem[TE_NORMAL];
}

static void draw_row(struct app *a, const struct proc *procs, size_t i, int y, int width,
		     bool *levels)
{
	const struct tree_row *r = tree_row(a->tree, i);
	const struct proc *p = &procs[r->proc];
	bool selected = i == tree_selected(a->tree);
	int attr = row_attr(a, p, selected);
	struct sbuf b;
	sbuf_init(&b);
	const struct task *k = tasks_find(a->tasks, p->pid, p->start);
	columns_row(&b, p);
	int x = text_width(sbuf_str(&b), b.len);
	ui_put(y, 0, sbuf_str(&b), width, attr);
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
		ui_put(y, x, sbuf_str(&b), width - x, selected ? attr : ui_theme.connector);
		x += w;
	}
	sbuf_reset(&b);
	if (k) {	/* task names come from the user: escaped like any text */
		text_escape(&b, k->name, strlen(k->name), a->utf8 ? 0 : TEXT_ASCII);
		sbuf_adds(&b, " (");
		text_escape(&b, k->target, strlen(k->target), a->utf8 ? 0 : TEXT_ASCII);
		sbuf_adds(&b, ")");
		if (!selected && !(a->ntags && app_tagged(a, p->pid, p->start)))
			attr = ui_theme.task;
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

void ui_draw_tree(struct app *a, int y, int height, int width)
{
	size_t n;
	const struct proc *procs = scan_procs(a->scan, &n);
	struct sbuf b;
	sbuf_init(&b);
	view.task_col = tasks_count(a->tasks) > 0;
	set_wanted(a);
	choose_columns(width);
	int at = -1, len = 0;
	columns_header(&b, tree_sort_key(a->tree, NULL), &at, &len);
	ui_put(y, 0, sbuf_str(&b), width, ui_theme.colhead);
	bool desc;
	enum tree_sort sort = tree_sort_key(a->tree, &desc);
	if (at >= 0 && at < width && (sort != TREE_SORT_PID || desc)) {	/* not the default */
		b.p[at + len] = '\0';	/* the heading alone, marked */
		ui_put(y, at, b.p + at, at + len <= width ? len : width - at,
		       ui_theme.colhead | A_REVERSE);
	}
	sbuf_free(&b);
	int lines = height - 1;
	a->page = lines > 0 ? lines : 1;
	scroll_to_selection(a, lines);
	view.first_y = y + 1;
	view.nlines = lines;
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
