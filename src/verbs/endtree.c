/* endtree.c - X: end the selected process and all its descendants as one operation
 * (stop them, SIGTERM and SIGCONT, SIGKILL after the grace period; src/proc/subtree.c),
 * and quit's "end them", the same for every task at once. The screen shows its progress
 * while it runs. */
#include "verbs_int.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subtree.h"
#include "text.h"
#include "util.h"

static int end_tree(struct app *a);
static void finish(struct app *a);

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
			if (procs[order[i]].pid == p || procs[order[i]].thread)
				continue;	/* a thread's row (H) is no descendant */
			queue[tail++] = procs[order[i]].pid;
			count++;
		}
	}
	free(order);
	free(queue);
	return count;
}

static int open_end_tree(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!verbs_selected_now(a, "ending the subtree of", &pid, &start))	/* the count must be of now */
		return ACT_REDRAW;
	if (a->ending) {
		snprintf(a->status, sizeof a->status, "already ending a subtree: wait for it");
		return ACT_REDRAW;
	}
	verbs_open_dialog(a, DIALOG_END_TREE, pid, start)->choice = (int)count_descendants(a, pid);
	/* forktoprc's confirm_signal = off: no question asked. */
	if ((a->settings.set & 1u << SETTING_CONFIRM_SIGNAL) && !a->settings.confirm_signal)
		return end_tree(a);
	return ACT_REDRAW;
}

/* y or Enter in the question: the operation starts. */
static int end_tree(struct app *a)
{
	struct dialog *d = &a->dialog;
	char err[256];
	d->kind = DIALOG_NONE;
	a->ending = subtree_end_start(d->pid, d->start, a->opts.grace, err, sizeof err);
	if (!a->ending)
		return verbs_refuse(a, err);
	for (size_t i = 0; i < subtree_count(a->ending); i++)
		verbs_note_signalled(a, subtree_get(a->ending, i)->pid);
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

int verb_end_tasks_and_quit(struct app *a)
{
	char err[256];
	struct subtree_root *roots;
	if (a->ending)		/* an X in progress: its SIGKILL now */
		finish(a);
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

/* Drives an end subtree in progress; reports when it is done. */
static bool tick(struct app *a, double now)
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

/* forktop is quitting during an X: what has not ended gets its SIGKILL now (no grace
 * left to wait for); the report goes to the farewell. */
static void finish(struct app *a)
{
	if (!a->ending)
		return;
	/* The engine's clock jumps past the grace period: SIGKILL goes now; then up to a
	 * second (on the same shifted clock) for the ends to show. */
	double shift = 1e6, t0 = clock_now();
	while (a->ending && clock_now() - t0 < 1.5) {
		tick(a, clock_now() + shift);
		if (a->ending)
			poll(NULL, 0, 20);
	}
	size_t len = strlen(a->farewell);
	snprintf(a->farewell + len, sizeof a->farewell - len, "%sforktop: end subtree, finished "
		 "at quit: %s", len ? "\n" : "", a->status);
}

/* When the end subtree in progress wants a tick, or 0. */
static double deadline(const struct app *a)
{
	return a->ending ? subtree_deadline(a->ending) : 0;
}

bool verb_ending_has(const struct app *a, int pid, unsigned long long start)
{
	for (size_t i = 0; a->ending && i < subtree_count(a->ending); i++) {
		const struct subtree_proc *p = subtree_get(a->ending, i);
		if (p->pid == pid && p->start == start)
			return true;
	}
	return false;
}

/* The question's keys: y or Enter ends the subtree, but not when it came with the X
 * (pasted); any other key cancels. */
static int question_key(struct app *a, int key)
{
	if (key == FK_RESIZE)
		return ACT_REDRAW;
	if ((key == 'y' || key == 'Y' || key == FK_ENTER) && verbs_pasted(a))
		return verbs_refuse_pasted(a, key == FK_ENTER ? "Enter" : "y",
					   "the end-subtree question");
	if (key != 'y' && key != 'Y' && key != FK_ENTER) {
		a->dialog.kind = DIALOG_NONE;
		return ACT_REDRAW;
	}
	return end_tree(a);
}

/* Quitting: only the progress is shown until every task has ended. */
static int quitting_key(struct app *a, int key)
{
	(void)key;
	if (!a->quit_after_ending)
		return -1;
	snprintf(a->status, sizeof a->status, "quitting: every task is being ended "
		 "(SIGKILL after the grace period)");
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'X', 0 }, "X", "end the selected process and all its descendants (stop, TERM, KILL "
	  "after the grace period)", open_end_tree },
};

const struct verb verb_endtree = {
	.name = "end subtree", .keys = keys, .nkeys = ARRAY_LEN(keys),
	.dialog = DIALOG_END_TREE, .dialog_key = question_key, .grab_key = quitting_key,
	.tick = tick, .deadline = deadline, .finish = finish,
};
