/* tree.h - the parent/child forest built from a snapshot of processes.
 *
 * Pure: no curses, no /proc. Builds the forest from an array of struct proc (a process
 * whose parent is not in the array becomes a root; siblings are ordered by pid; a user
 * thread's row, proc.thread, is a child of its process, before its child processes), keeps
 * collapse state and the selection by process identity (pid + start time) across
 * rebuilds, and exposes the visible rows. Iterative everywhere: no recursion, so a
 * 5,000-deep chain and a 30,000-process forest are fine. */
#ifndef FORKTOP_TREE_H
#define FORKTOP_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "columns.h"
#include "proc.h"

typedef struct tree tree_t;

enum tree_mode {
	TREE_MODE_TREE,		/* forest, depth-first, siblings by pid */
	TREE_MODE_LIST,		/* flat list sorted by pid */
};

struct tree_row {
	size_t proc;		/* index into the procs array given to tree_build */
	int depth;		/* 0 for roots (always 0 in list mode) */
	bool has_children;	/* has children in the (filtered) forest */
	bool collapsed;		/* has children and they are hidden */
	bool last;		/* last among its siblings */
	size_t hidden;		/* when collapsed: number of descendants hidden */
};

tree_t *tree_new(void);
void tree_free(tree_t *t);

void tree_set_mode(tree_t *t, enum tree_mode mode);
enum tree_mode tree_mode(const tree_t *t);
/* Setters take effect at once, rebuilding from the procs of the last build.
 * Kernel threads (proc.kthread) are left out unless shown. */
void tree_set_show_kthreads(tree_t *t, bool show);
bool tree_show_kthreads(const tree_t *t);
/* Only this process and its descendants (0 = everything; absent pid = no rows), in both
 * modes. With start != 0 the root is that process only: once it ends, a new process
 * given the same pid is not shown in its place (no rows). */
void tree_set_root(tree_t *t, int pid, unsigned long long start);
/* Whether the root process is in the last snapshot (filters aside); true without one. */
bool tree_root_present(const tree_t *t);
/* Sorts by a column's key (F6, N P M T; ties by pid, ascending), largest first when
 * descending; the tree keeps its shape and orders each process's children so. COLUMN_PID
 * ascending is the default (and costs nothing). A column that does not sort (TASK) sorts
 * by pid. */
void tree_set_sort(tree_t *t, enum column_id key, bool descending);
enum column_id tree_sort_key(const tree_t *t, bool *descending);
/* F4: only the processes whose comm or command line holds needle (ASCII letters in any
 * case), plus in tree mode the ancestors that lead to them; NULL or "" ends it. A user
 * thread's row is kept when it matches (its name) or its process does. */
void tree_set_filter(tree_t *t, const char *needle);
const char *tree_filter(const tree_t *t);	/* NULL when there is none */
/* u: only processes of user uid (with their ancestors in the tree); -1 shows everyone's.
 * Applies together with the text filter. */
void tree_set_user(tree_t *t, long uid);
long tree_user(const tree_t *t);	/* -1 when there is none */
/* F3: the first row at or after from (wrapping round) whose process matches needle as
 * the filter does (a thread's row by its own name: what the row shows); (size_t)-1 when
 * none does. */
size_t tree_search(const tree_t *t, size_t from, const char *needle);
/* Whether a process's comm or command line holds needle, as the filter and search see
 * it. Pure. */
bool tree_proc_matches(const struct proc *p, const char *needle);

/* Rebuilds the rows from procs[0..n) (which must stay valid until the next build).
 * Collapse state and selection carry over by identity. If the selected process is gone,
 * the selection moves to its parent if that is still shown, else to the row at the same
 * position (clamped). Runs in O(n log n). */
void tree_build(tree_t *t, const struct proc *procs, size_t n);

size_t tree_nrows(const tree_t *t);
const struct tree_row *tree_row(const tree_t *t, size_t i);	/* NULL past the end */
/* Total processes in the last build after filtering (visible or collapsed away). */
size_t tree_nprocs(const tree_t *t);

/* Row index of a process, or (size_t)-1 if it is not visible (absent or collapsed away). */
size_t tree_find(const tree_t *t, int pid, unsigned long long start);

/* Connector layout of row i, for drawing. Returns the row's depth d and fills
 * levels[0..d-1] (at most max entries): levels[k] is true when the process at depth k+1
 * on the path from the root to this row has later siblings. So for k < d-1 (the row's
 * ancestors below the root) it says whether column k draws "│  " or "   ", and
 * levels[d-1] == !tree_row.last picks the row's own "├─ " or "└─ ". Roots (d = 0) and
 * list mode fill nothing. O(d). */
int tree_prefix(const tree_t *t, size_t i, bool *levels, int max);

/* Selection: follows a process, not a row. */
size_t tree_selected(const tree_t *t);	/* row index; 0 when there are no rows */
bool tree_selected_id(const tree_t *t, int *pid, unsigned long long *start);
void tree_select_row(tree_t *t, size_t row);	/* clamped */
/* Hidden by a collapse: selects the collapsed ancestor; absent: no change. */
void tree_select_id(tree_t *t, int pid, unsigned long long start);
void tree_move(tree_t *t, long delta);		/* clamped to the rows */

/* Collapse/expand; these change the visible rows at once (no rebuild needed) and keep
 * the selection on its process, or on the collapsed ancestor that now hides it. The
 * collapse set (by pid + start) persists across builds while its processes exist. In
 * list mode these do nothing. */
void tree_collapse(tree_t *t, size_t row);	/* no-op when it has no children */
void tree_expand(tree_t *t, size_t row);
void tree_toggle(tree_t *t, size_t row);
void tree_expand_all(tree_t *t);
void tree_collapse_all(tree_t *t);		/* every process with children, roots stay */

#endif
