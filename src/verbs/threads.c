/* threads.c - H (htop's): the user threads of each process as rows below it, or not.
 * A thread's row has its own TID, state, CPU% and CPU time; what it is selected for
 * (signals, join, details, X ...) acts on its process (verbs_selected), but for nice,
 * affinity and follow, which act on the thread itself (verbs_selected_row). */
#include "verbs_int.h"

#include <stdio.h>

#include "util.h"

void verbs_show_threads(struct app *a, bool show)
{
	a->opts.uthreads = show;
	if (a->scan && scan_set_threads(a->scan, show))
		a->rescan_at = clock_now();	/* a whole refresh now, rows and all */
}

static int toggle(struct app *a)
{
	int pid, tgid = 0;
	unsigned long long start;
	bool hide = a->opts.uthreads;
	if (hide && a->followed.pid && tree_selected_id(a->tree, &pid, &start) &&
	    proc_same(pid, start, a->followed.pid, a->followed.start))
		verbs_selected_row(a, &pid, &start, &tgid);
	verbs_show_threads(a, !hide);
	if (tgid) {	/* a thread's row followed: it goes with the others */
		a->followed.pid = 0;
		snprintf(a->status, sizeof a->status, "user threads hidden (H shows them); no "
			 "longer following thread %d", pid);
	} else {
		snprintf(a->status, sizeof a->status, "%s", !hide ?
			 "user threads shown below their process (H hides them; S saves it)" :
			 "user threads hidden (H shows them)");
	}
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'H', 0 }, "H", "show or hide user threads as rows below their process", toggle },
};

const struct verb verb_threads = {
	.name = "threads", .keys = keys, .nkeys = ARRAY_LEN(keys),
};
