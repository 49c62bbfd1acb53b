/* columns.h - the one table of process columns: heading, width, alignment, sort key,
 * forktoprc name and cell formatter. The tree view, the flat list, sorting (F6's menu,
 * < > N P M T), forktoprc's columns=, the setup screen and --tree all read it; adding a
 * column is one entry here. Pure: no curses, no /proc. */
#ifndef FORKTOP_COLUMNS_H
#define FORKTOP_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "proc.h"
#include "util.h"

/* The default set first, in the order the screen shows it (htop's, with forktop's TASK),
 * then the others. */
enum column_id {
	COLUMN_PID, COLUMN_USER, COLUMN_PRI, COLUMN_NI, COLUMN_VIRT, COLUMN_RES, COLUMN_SHR,
	COLUMN_STATE, COLUMN_CPU, COLUMN_MEM, COLUMN_TIME, COLUMN_TASK, COLUMN_COMMAND,
	COLUMN_PPID, COLUMN_THR, COLUMN_ELAPSED, COLUMN_START, COLUMN_TTY, COLUMN_IO_READ,
	COLUMN_IO_WRITE, COLUMN_COUNT
};
#define COLUMNS_DEFAULT (COLUMN_COMMAND + 1)	/* the default set: PID .. COMMAND */

/* What a column reads. The scan reads /proc/PID/statm and /proc/PID/io only when a column
 * shown or sorted by needs them (columns_reads, scan_set_reads): hidden, they cost
 * nothing. */
enum column_needs {
	NEED_STATM = PROC_READ_STATM,
	NEED_IO = PROC_READ_IO,
	NEED_STAT = 1 << 4,	/* /proc/PID/stat: read for every process anyway */
	NEED_OWNER = 1 << 5,	/* the owner: read once per process identity */
	NEED_MEMINFO = 1 << 6,	/* MemTotal, read once */
	NEED_CMDLINE = 1 << 7,	/* /proc/PID/cmdline: read once per process identity */
	NEED_TASK = 1 << 8,	/* forktop's own task table */
};

#define COLUMN_WHAT_MAX 52

struct column {
	const char *name;	/* forktoprc's columns= name */
	const char *alias;	/* also accepted there, or NULL */
	const char *heading;	/* the header's text */
	/* What it shows, for the sort menu and the setup: at most COLUMN_WHAT_MAX bytes, so
	 * that a sort menu's line of 76 cells holds it with the heading and "(not shown)". */
	const char *what;
	int width;		/* cells; 0: sized by its owner (TASK) or the rest (COMMAND) */
	bool left;		/* left-aligned (names), else right-aligned (numbers) */
	int drop;		/* narrow terminals leave it out, 1 first; 0: always shown */
	bool natural_desc;	/* sorts largest first when chosen (P, M, T) */
	unsigned needs;		/* enum column_needs */
	/* The cell's text (at most width bytes, ASCII); NULL for TASK and COMMAND, which
	 * their owners draw (the task's state, the tree and the command). */
	void (*cell)(char *buf, size_t size, const struct proc *p);
	/* How rows sort by it: a number (key), or text (cmp, as strcmp); neither: it does
	 * not sort (TASK: the task table is not the process's). */
	double (*key)(const struct proc *p);
	int (*cmp)(const struct proc *a, const struct proc *b);
	/* Cells coloured by level, or NULL: one colour. */
	const struct column_levels *levels;
};

/* The theme element of the low level (mid and high follow it), and the key's values
 * from which a cell is mid and high. */
struct column_levels {
	int elem;
	double mid, high;
};

/* The theme element of a process's cell in a column coloured by level, or -1. */
int column_level_elem(enum column_id id, const struct proc *p);

/* The entry of a column; NULL past COLUMN_COUNT. */
const struct column *column_get(enum column_id id);
/* The column named name (len bytes, any case; the alias too), or -1. */
int column_by_name(const char *name, size_t len);
/* Whether rows can be sorted by it. */
bool column_sortable(enum column_id id);
/* a before b (< 0), after (> 0) or level (0) by column id, smallest first. */
int column_compare(enum column_id id, const struct proc *a, const struct proc *b);
/* The sortable column after (step 1) or before (step -1) id among cols[0..n) (the
 * columns shown), wrapping round; the first sortable one when id is not among them. */
enum column_id columns_sort_step(const enum column_id *cols, size_t n, enum column_id id,
				 int step);
/* Every sortable column for the sort menu: those of cols[0..n) (shown) in their order,
 * then the others in the table's. Fills out (room for COLUMN_COUNT); returns how many. */
size_t columns_sort_menu(const enum column_id *cols, size_t n, enum column_id *out);
/* The files the refresh must read for cols[0..n) (enum proc_reads). */
unsigned columns_reads(const enum column_id *cols, size_t n);

/* Laying out a line. Blanks between two columns: one between cells, two next to TASK
 * and COMMAND. */
int columns_gap(enum column_id before, enum column_id after);
/* The width of cols[0..n) but COMMAND, the blanks between all of them included; TASK
 * is task_width cells. */
int columns_width(const enum column_id *cols, size_t n, int task_width);
/* Where each column goes on a line of width cells: x[i], w[i]. COMMAND takes what the
 * others leave (at least 1 cell). */
void columns_place(const enum column_id *cols, size_t n, int task_width, int width, int *x,
		   int *w);
/* Appends the header of cols placed at x, w (ASCII: a byte is a cell); the last column's
 * heading is not padded. The sort column's span (its width and the blank before it) goes
 * to *at and *len when it is among them. */
void columns_header(struct sbuf *b, const enum column_id *cols, size_t n, const int *x,
		    const int *w, enum column_id sort, int *at, int *len);
/* Appends a process's cell of a column with cells, aligned in its width (a number
 * longer than the width is kept whole; a name is cut with '+'). */
void column_cell(struct sbuf *b, enum column_id id, const struct proc *p);

#endif
