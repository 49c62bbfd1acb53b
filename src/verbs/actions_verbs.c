/* actions_verbs.c - the verbs beyond signals: daemonize (d), rename (r) and end subtree
 * (X). Bound to keys in the table of actions.c. */
#include "actions.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signals.h"
#include "subtree.h"
#include "text.h"
#include "util.h"

/* Says msg in the status line and logs it as refused. */
static int refuse(struct app *a, const char *msg)
{
	snprintf(a->status, sizeof a->status, "%.255s", msg);
	events_add(a->events, EV_REFUSED, NULL, "%s", msg);
	return ACT_REDRAW;
}

int act_daemonize(struct app *a)
{
	int pid;
	unsigned long long start;
	char err[256];
	if (!actions_selected(a, &pid, &start))
		return ACT_REDRAW;
	struct task *k = tasks_find(a->tasks, pid, start);
	if (!k) {
		snprintf(err, sizeof err, "cannot daemonize %d: only forktop's own demo tasks can "
			 "be asked to (n starts one)", pid);
		return refuse(a, err);
	}
	if (task_daemonize(a->tasks, k, err, sizeof err) < 0)
		return refuse(a, err);
	a->follow_id = k->id;
	snprintf(a->status, sizeof a->status, "asked %d to daemonize: fork, setsid, fork again",
		 pid);
	return ACT_REDRAW;
}

int act_rename(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!actions_selected(a, &pid, &start))
		return ACT_REDRAW;
	struct task *k = tasks_find(a->tasks, pid, start);
	if (!k || k->command) {
		char err[256];
		snprintf(err, sizeof err, "cannot rename %d: Linux only lets a process rename "
			 "itself; forktop can rename only its own demo tasks", pid);
		return refuse(a, err);
	}
	if (k->state != TASK_RUNNING && k->state != TASK_STOPPED && k->state != TASK_DAEMONIZED)
		return refuse(a, "cannot rename a task that has ended");
	memset(&a->dialog, 0, sizeof a->dialog);
	a->dialog.kind = DIALOG_RENAME;
	a->dialog.pid = pid;
	a->dialog.start = start;
	snprintf(a->dialog.field[0], sizeof a->dialog.field[0], "%s", k->name);
	return ACT_REDRAW;
}

int actions_rename_submit(struct app *a)
{
	struct dialog *d = &a->dialog;
	struct task *k = tasks_find(a->tasks, d->pid, d->start);
	if (!k) {
		snprintf(d->error, sizeof d->error, "the task has gone");
		return ACT_REDRAW;
	}
	if (task_rename(a->tasks, k, d->field[0], d->error, sizeof d->error) < 0)
		return ACT_REDRAW;
	d->kind = DIALOG_NONE;
	snprintf(a->status, sizeof a->status, "renamed %d", d->pid);
	return ACT_REBUILD;
}

static const struct proc *sort_base;	/* qsort has no context argument */

static int by_ppid(const void *x, const void *y)
{
	int px = sort_base[*(const size_t *)x].ppid, py = sort_base[*(const size_t *)y].ppid;
	return (px > py) - (px < py);
}

/* The number of descendants of pid in the snapshot, hidden rows included. Linear: the
 * processes are ordered by parent once, then walked breadth first. */
static size_t count_descendants(struct app *a, int pid)
{
	size_t n, count = 0;
	const struct proc *procs = scan_procs(a->scan, &n);
	size_t *order = xmalloc((n + 1) * sizeof *order);
	int *queue = xmalloc((n + 1) * sizeof *queue);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_base = procs;
	qsort(order, n, sizeof *order, by_ppid);
	size_t head = 0, tail = 0;
	queue[tail++] = pid;
	while (head < tail && tail <= n) {
		int p = queue[head++];
		size_t lo = 0, hi = n;
		while (lo < hi) {	/* first index with ppid >= p */
			size_t mid = (lo + hi) / 2;
			if (procs[order[mid]].ppid < p)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < n && procs[order[i]].ppid == p && tail <= n; i++) {
			if (procs[order[i]].pid == p)
				continue;
			queue[tail++] = procs[order[i]].pid;
			count++;
		}
	}
	free(order);
	free(queue);
	return count;
}

int act_end_tree(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!actions_selected_now(a, &pid, &start))	/* the count must be of now */
		return ACT_REDRAW;
	if (a->ending) {
		snprintf(a->status, sizeof a->status, "already ending a subtree: wait for it");
		return ACT_REDRAW;
	}
	memset(&a->dialog, 0, sizeof a->dialog);
	a->dialog.kind = DIALOG_END_TREE;
	a->dialog.opened_burst = a->key_burst;
	a->dialog.pid = pid;
	a->dialog.start = start;
	a->dialog.choice = (int)count_descendants(a, pid);
	/* forktoprc's confirm_signal = off: no question asked. */
	if ((a->settings.set & 1u << SETTING_CONFIRM_SIGNAL) && !a->settings.confirm_signal)
		return actions_end_tree_key(a, 'y');
	return ACT_REDRAW;
}

int actions_end_tree_key(struct app *a, int key)
{
	struct dialog *d = &a->dialog;
	char err[256];
	if (key == FK_RESIZE)
		return ACT_REDRAW;
	d->kind = DIALOG_NONE;
	if (key != 'y' && key != 'Y' && key != FK_ENTER)
		return ACT_REDRAW;
	a->ending = subtree_end_start(d->pid, d->start, a->opts.grace, err, sizeof err);
	if (!a->ending)
		return refuse(a, err);
	for (size_t i = 0; i < subtree_count(a->ending); i++)
		a->signalled[a->nsignalled++ % ARRAY_LEN(a->signalled)] =
			subtree_get(a->ending, i)->pid;
	size_t n = subtree_count(a->ending), refused = 0;
	for (size_t i = 0; i < n; i++)
		refused += subtree_get(a->ending, i)->why[0] != '\0';
	if (refused < n)
		events_add(a->events, EV_SIGNAL, NULL, "end subtree of %d: %zu process%s stopped, "
			   "SIGTERM and SIGCONT sent, SIGKILL after %g s%s", d->pid, n - refused,
			   n - refused == 1 ? "" : "es", a->opts.grace,
			   refused ? "; some could not be signalled" : "");
	else
		events_add(a->events, EV_REFUSED, NULL, "end subtree of %d: none of its %zu "
			   "process%s could be signalled", d->pid, n, n == 1 ? "" : "es");
	subtree_report(a->ending, a->status, sizeof a->status);
	return ACT_REDRAW;
}

/* Drives an end subtree in progress; reports when it is done. */
/* The status line follows the ending: "ending the subtree of 812: 3 of 5 ended". */
static void ending_status(struct app *a)
{
	const char *quitting = a->quit_after_ending ? "quitting: " : "";
	size_t len = strlen(quitting);
	memcpy(a->status, quitting, len + 1);
	subtree_report(a->ending, a->status + len, sizeof a->status - len);
}

/* The end of quit's "end them": what could not be ended as a subtree, and the joins. */
static void quit_ended(struct app *a, size_t ntasks)
{
	tasks_end_all(a->tasks, a->opts.grace);
	size_t len = strlen(a->farewell);
	snprintf(a->farewell + len, sizeof a->farewell - len, "%sforktop: ended %zu task%s",
		 len ? "\n" : "", ntasks, ntasks == 1 ? "" : "s");
	a->quit_after_ending = false;
	a->quit_now = true;
}

int actions_end_tasks_and_quit(struct app *a)
{
	char err[256];
	struct subtree_root *roots;
	if (a->ending)		/* an X in progress: its SIGKILL now */
		actions_finish_ending(a);
	size_t n = tasks_to_end(a->tasks, &roots);
	a->ending = n ? subtree_end_start_many(roots, n, a->opts.grace, err, sizeof err) : NULL;
	free(roots);
	if (!a->ending) {	/* nothing to end as subtrees: the rest at once */
		quit_ended(a, n);
		return ACT_QUIT;
	}
	a->quit_after_ending = true;
	events_add(a->events, EV_SIGNAL, NULL, "quit: ending %zu task%s and their descendants: "
		   "stopped, SIGTERM and SIGCONT sent, SIGKILL after %g s", n, n == 1 ? "" : "s",
		   a->opts.grace);
	ending_status(a);
	return ACT_REDRAW;
}

bool actions_tick_ending(struct app *a, double now)
{
	if (!a->ending)
		return false;
	subtree_tick(a->ending, now);
	ending_status(a);
	if (!subtree_done(a->ending))
		return true;
	events_add(a->events, EV_SIGNAL, NULL, "%s", a->status);
	for (size_t i = 0; i < subtree_count(a->ending); i++) {
		const struct subtree_proc *p = subtree_get(a->ending, i);
		if (p->fate != SUBTREE_ALIVE)
			continue;
		struct sbuf b;
		sbuf_init(&b);
		text_escape(&b, p->comm, strlen(p->comm), 0);
		events_add(a->events, EV_ERROR, NULL, "survived: %d %s%s%s", p->pid, sbuf_str(&b),
			   p->why[0] ? ": " : "", p->why);
		sbuf_free(&b);
	}
	size_t nroots = subtree_roots(a->ending);
	subtree_free(a->ending);
	a->ending = NULL;
	if (a->quit_after_ending)
		quit_ended(a, nroots);
	return true;
}

void actions_finish_ending(struct app *a)
{
	if (!a->ending)
		return;
	/* The engine's clock jumps past the grace period: SIGKILL goes now; then up to a
	 * second (on the same shifted clock) for the ends to show. */
	double shift = 1e6, t0 = clock_now();
	while (a->ending && clock_now() - t0 < 1.5) {
		actions_tick_ending(a, clock_now() + shift);
		if (a->ending)
			poll(NULL, 0, 20);
	}
	size_t len = strlen(a->farewell);
	snprintf(a->farewell + len, sizeof a->farewell - len, "%sforktop: end subtree, finished "
		 "at quit: %s", len ? "\n" : "", a->status);
}

/* When the end subtree in progress wants a tick, or 0. */
double actions_ending_deadline(const struct app *a)
{
	return a->ending ? subtree_deadline(a->ending) : 0;
}

bool actions_ending_has(const struct app *a, int pid, unsigned long long start)
{
	for (size_t i = 0; a->ending && i < subtree_count(a->ending); i++) {
		const struct subtree_proc *p = subtree_get(a->ending, i);
		if (p->pid == pid && p->start == start)
			return true;
	}
	return false;
}
