/* columns.h - the one table of process columns: heading, width, alignment, sort key,
 * forktoprc name and cell formatter. The tree view, the flat list, sorting (F6 < > N P M
 * T), forktoprc's columns= and --tree all read it; adding a column is one entry here.
 * Pure: no curses, no /proc. */
#ifndef FORKTOP_COLUMNS_H
#define FORKTOP_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "proc.h"
#include "util.h"

/* In the order the screen shows them by default. */
enum column_id {
	COLUMN_PID, COLUMN_PPID, COLUMN_STATE, COLUMN_CPU, COLUMN_RSS, COLUMN_THR,
	COLUMN_ELAPSED, COLUMN_TASK, COLUMN_COMMAND, COLUMN_COUNT
};

/* What a column reads from the scan, so that a scan may read only what is shown. */
enum column_needs {
	NEED_STAT = 1 << 0,	/* /proc/PID/stat */
	NEED_STATUS = 1 << 1,	/* /proc/PID/status (memory) */
	NEED_CMDLINE = 1 << 2,	/* /proc/PID/cmdline */
	NEED_TASK = 1 << 3,	/* forktop's own task table */
};

struct column {
	const char *name;	/* forktoprc's columns= name */
	const char *alias;	/* also accepted there, or NULL */
	const char *heading;	/* the header's text */
	int width;		/* cells; 0: sized by its owner (TASK) or the rest (COMMAND) */
	int drop;		/* narrow terminals leave it out, 1 first; 0: always shown */
	bool natural_desc;	/* sorts largest first when chosen (P, M, T) */
	unsigned needs;		/* enum column_needs */
	/* The cell's text, right-aligned in width by the caller; NULL for TASK and
	 * COMMAND, which their owners draw (the task's state, the tree and the command). */
	void (*cell)(char *buf, size_t size, const struct proc *p);
	/* The sort value; NULL: the rows cannot be sorted by it. */
	double (*key)(const struct proc *p);
	/* Cells coloured by level: the theme element of the low level (mid and high follow
	 * it), or -1; the levels are the thresholds below. */
	int level_elem;
	double mid, high;	/* the key's value from which the cell is mid, high */
};

/* The theme element of a process's cell in a column coloured by level, or -1. */
int column_level_elem(enum column_id id, const struct proc *p);

/* The entry of a column; NULL past COLUMN_COUNT. */
const struct column *column_get(enum column_id id);
/* The column named name (len bytes, any case; the alias too), or -1. */
int column_by_name(const char *name, size_t len);
/* The sortable column after (step 1) or before (step -1) id, wrapping round. */
enum column_id column_sort_step(enum column_id id, int step);

/* Appends the header of the fixed columns cols[0..n) (TASK and COMMAND are left to the
 * caller): each right-aligned in its width, one space apart. The sort column's span goes
 * to *at and *len when it is among them. */
void columns_header(struct sbuf *b, const enum column_id *cols, size_t n,
		    enum column_id sort, int *at, int *len);
/* Appends a process's cells for the same columns. */
void columns_row(struct sbuf *b, const enum column_id *cols, size_t n, const struct proc *p);
/* The cells' width for those columns, spaces between them included. */
int columns_width(const enum column_id *cols, size_t n);

#endif
