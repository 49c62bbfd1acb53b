/* nice.c - F7 and F8, htop's Nice - and Nice +: the selected process's (or thread's) nice
 * value one step down (a higher priority: root only) or up, through the identity-checked
 * path of src/proc/sched_ctl.c. */
#include "verbs_int.h"

#include <stdio.h>

#include "sched_ctl.h"
#include "util.h"

/* On a thread's row (H), the thread's own nice value: Linux keeps one per thread. */
static int renice(struct app *a, int delta)
{
	int pid, now, tgid;
	unsigned long long start;
	char msg[256];
	if (!verbs_selected_row(a, &pid, &start, &tgid))
		return ACT_REDRAW;
	if (sched_renice(pid, start, tgid, delta, &now, msg, sizeof msg) < 0)
		return verbs_refuse(a, msg);
	snprintf(a->status, sizeof a->status, "%s", msg);
	events_add(a->events, EV_INFO, NULL, "%s", msg);
	a->rescan_at = clock_now() + 0.1;	/* the NI column follows */
	return ACT_REDRAW;
}

static int nice_down(struct app *a) { return renice(a, -1); }
static int nice_up(struct app *a) { return renice(a, 1); }

static const struct verb_key keys[] = {
	{ { FK_F7, ']', 0 }, "F7 ]", "nice - : a higher priority for the selected process "
	  "or thread (needs root)", nice_down },
	{ { FK_F8, '[', 0 }, "F8 [", "nice + : a lower priority for the selected process or "
	  "thread",
	  nice_up },
};

const struct verb verb_nice = {
	.name = "nice", .keys = keys, .nkeys = ARRAY_LEN(keys),
};
