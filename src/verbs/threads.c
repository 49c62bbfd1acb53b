/* threads.c - H (htop's): the user threads of each process as rows below it, or not.
 * A thread's row has its own TID, state, CPU% and CPU time; what it is selected for
 * (signals, join, details, X ...) acts on its process (verbs_selected). */
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
	verbs_show_threads(a, !a->opts.uthreads);
	snprintf(a->status, sizeof a->status, "%s", a->opts.uthreads ?
		 "user threads shown below their process (H hides them; S saves it)" :
		 "user threads hidden (H shows them)");
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'H', 0 }, "H", "show or hide user threads as rows below their process", toggle },
};

const struct verb verb_threads = {
	.name = "threads", .keys = keys, .nkeys = ARRAY_LEN(keys),
};
