/* follow.c - F, htop's "follow process": the selection stays on the process as rows move,
 * are sorted or filtered, and its branch is opened again if it is folded away; the
 * cursor keys end it, as in htop. */
#include "verbs_int.h"

#include <stdio.h>

#include "util.h"

static int follow(struct app *a)
{
	int pid, tgid;
	unsigned long long start;
	if (a->followed.pid) {
		snprintf(a->status, sizeof a->status, "no longer following %d", a->followed.pid);
		a->followed.pid = 0;
		return ACT_REDRAW;
	}
	if (!verbs_selected_row(a, &pid, &start, &tgid))	/* a thread's row: the thread */
		return ACT_REDRAW;
	a->followed = (struct ident){ pid, start };
	char who[48];
	if (tgid)
		snprintf(who, sizeof who, "thread %d of %d", pid, tgid);
	else
		snprintf(who, sizeof who, "%d", pid);
	snprintf(a->status, sizeof a->status, "following %s: it stays selected as rows move "
		 "(F again or a cursor key stops)", who);
	return ACT_REDRAW;
}

/* The cursor keys end following; the keys go on to move. */
static int moved(struct app *a, int key)
{
	if (a->followed.pid && (key == FK_UP || key == FK_DOWN || key == FK_PGUP ||
				key == FK_PGDN || key == FK_HOME || key == FK_END ||
				key == FK_CLICK)) {
		a->followed.pid = 0;
		snprintf(a->status, sizeof a->status, "no longer following (the cursor moved)");
	}
	return -1;
}

/* The index in procs of pid's parent, or n. */
static size_t parent_of(const struct proc *procs, size_t n, size_t i)
{
	for (size_t j = 0; j < n; j++)
		if (procs[j].pid == procs[i].ppid && j != i)
			return j;
	return n;
}

/* Opens the branches above procs[i], top first, when it is folded away. */
static void unfold_to(struct app *a, const struct proc *procs, size_t n, size_t i)
{
	size_t chain[64];
	int depth = 0;
	for (size_t p = parent_of(procs, n, i); p < n && depth < 64; p = parent_of(procs, n, p))
		chain[depth++] = p;
	while (depth-- > 0) {
		size_t row = tree_find(a->tree, procs[chain[depth]].pid, procs[chain[depth]].start);
		if (row < tree_nrows(a->tree))
			tree_expand(a->tree, row);
	}
}

/* After each scan: the followed process is selected again, or said to have ended. */
static void scanned(struct app *a)
{
	size_t n;
	if (!a->followed.pid)
		return;
	const struct proc *procs = scan_procs(a->scan, &n);
	size_t at = 0;
	while (at < n && !proc_same(procs[at].pid, procs[at].start, a->followed.pid,
				    a->followed.start))
		at++;
	if (at == n) {
		snprintf(a->status, sizeof a->status, "the followed process %d has ended",
			 a->followed.pid);
		a->followed.pid = 0;
		return;
	}
	if (tree_find(a->tree, a->followed.pid, a->followed.start) >= tree_nrows(a->tree))
		unfold_to(a, procs, n, at);
	tree_select_id(a->tree, a->followed.pid, a->followed.start);
}

static const struct verb_key keys[] = {
	{ { 'F', 0 }, "F", "follow the selected process: it stays selected as rows move (a "
	  "cursor key stops)", follow },
};

const struct verb verb_follow = {
	.name = "follow", .keys = keys, .nkeys = ARRAY_LEN(keys), .modal_key = moved,
	.scanned = scanned,
};
