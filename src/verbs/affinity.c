/* affinity.c - a: which cores the selected process (or thread) may run on
 * (sched_setaffinity), a list of the machine's cores to tick, as htop's. */
#include "verbs_int.h"

#include <stdio.h>
#include <string.h>

#include "sched_ctl.h"
#include "util.h"

#define MAX_CORES (int)(sizeof ((struct dialog *)0)->cpumask * 8)

static bool ticked(const struct dialog *d, int i)
{
	return d->cpumask[i / 64] >> (i % 64) & 1;
}

static void tick_core(struct dialog *d, int i, bool on)
{
	if (on)
		d->cpumask[i / 64] |= 1ULL << (i % 64);
	else
		d->cpumask[i / 64] &= ~(1ULL << (i % 64));
}

/* On a thread's row (H), the thread's own cores: Linux keeps them per thread. */
static int open_affinity(struct app *a)
{
	int pid, tgid;
	unsigned long long start;
	char msg[256];
	unsigned long long mask[ARRAY_LEN(a->dialog.cpumask)];
	if (!verbs_selected_row(a, &pid, &start, &tgid))
		return ACT_REDRAW;
	int n = sched_affinity_get(pid, start, tgid, mask, (size_t)MAX_CORES, msg, sizeof msg);
	if (n < 0)
		return verbs_refuse(a, msg);
	struct dialog *d = verbs_open_dialog(a, DIALOG_AFFINITY, pid, start);
	d->tgid = tgid;
	memcpy(d->cpumask, mask, sizeof d->cpumask);
	d->ncpus = n;
	return ACT_REDRAW;
}

static int apply(struct app *a)
{
	struct dialog *d = &a->dialog;
	char msg[256];
	if (sched_affinity_set(d->pid, d->start, d->tgid, d->cpumask, (size_t)d->ncpus, msg,
			       sizeof msg) < 0) {
		snprintf(d->error, sizeof d->error, "%.250s", msg);
		return ACT_REDRAW;
	}
	d->kind = DIALOG_NONE;
	snprintf(a->status, sizeof a->status, "%s", msg);
	events_add(a->events, EV_INFO, NULL, "%s", msg);
	return ACT_REDRAW;
}

/* Up/Down move, Space ticks, a ticks every core, Enter sets, Esc cancels. */
static int picker_key(struct app *a, int key)
{
	struct dialog *d = &a->dialog;
	int n = d->ncpus > 0 ? d->ncpus : 1;
	d->error[0] = '\0';
	switch (key) {
	case FK_UP: d->choice = (d->choice + n - 1) % n; break;
	case FK_DOWN: d->choice = (d->choice + 1) % n; break;
	case FK_HOME: d->choice = 0; break;
	case FK_END: d->choice = n - 1; break;
	case ' ': tick_core(d, d->choice, !ticked(d, d->choice)); break;
	case 'a':
		for (int i = 0; i < n; i++)
			tick_core(d, i, true);
		break;
	case FK_ENTER: return apply(a);
	case FK_ESC: d->kind = DIALOG_NONE; break;
	default: break;
	}
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'a', 0 }, "a", "CPU affinity: the cores the selected process (or thread) may "
	  "run on",
	  open_affinity },
};

const struct verb verb_affinity = {
	.name = "affinity", .keys = keys, .nkeys = ARRAY_LEN(keys),
	.dialog = DIALOG_AFFINITY, .dialog_key = picker_key,
};
