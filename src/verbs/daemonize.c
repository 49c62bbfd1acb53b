/* daemonize.c - d: asks a demo task to daemonize itself (fork, setsid, fork again), so
 * it outlives forktop; it is selected again under its new pid. */
#include "verbs_int.h"

#include <stdio.h>

#include "util.h"

static int daemonize(struct app *a)
{
	int pid;
	unsigned long long start;
	char err[256];
	if (!verbs_selected(a, "daemonizing", &pid, &start))
		return ACT_REDRAW;
	struct task *k = tasks_find(a->tasks, pid, start);
	if (!k) {
		snprintf(err, sizeof err, "cannot daemonize %d: only forktop's own demo tasks can "
			 "be asked to (n starts one)", pid);
		return verbs_refuse(a, err);
	}
	if (task_daemonize(a->tasks, k, err, sizeof err) < 0)
		return verbs_refuse(a, err);
	a->follow_id = k->id;
	snprintf(a->status, sizeof a->status, "asked %d to daemonize: fork, setsid, fork again",
		 pid);
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'd', 0 }, "d", "daemonize the selected demo task (double fork, setsid): it outlives "
	  "forktop", daemonize },
};

const struct verb verb_daemonize = {
	.name = "daemonize", .keys = keys, .nkeys = ARRAY_LEN(keys),
};
