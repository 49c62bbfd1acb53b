/* join.c - j and J: Process.join(timeout). The wait runs while the screen keeps
 * drawing: a task is joined when forktop reaps it, another process when its pidfd says
 * it has ended. Esc cancels; the quit dialog's "wait" quits once every task is joined. */
#include "verbs_int.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "form.h"
#include "signals.h"
#include "util.h"

/* Joins a task that has exited (reaps it) and reports; false if it is still running. */
static bool join_task_now(struct app *a, struct task *k, double waited)
{
	char err[256];
	if (k->state == TASK_JOINED) {
		snprintf(a->status, sizeof a->status, "%s is already joined", k->name);
		return true;
	}
	if (k->state != TASK_EXITED)	/* running, stopped, daemonized: wait for it */
		return false;
	if (task_join(a->tasks, k, waited, err, sizeof err) < 0)
		snprintf(a->status, sizeof a->status, "%s", err);
	return true;
}

static int join_one(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!verbs_selected(a, "joining", &pid, &start))
		return ACT_REDRAW;
	struct task *k = tasks_find(a->tasks, pid, start);
	if (k && join_task_now(a, k, 0))
		return ACT_REBUILD;
	if (!k && signal_read_stat(pid, &(struct pstat){ 0 }) < 0) {
		snprintf(a->status, sizeof a->status, "process %d has already ended", pid);
		return ACT_REDRAW;
	}
	verbs_open_dialog(a, DIALOG_JOIN, pid, start);	/* join(timeout): empty waits */
	return ACT_REDRAW;
}

int verb_join_all(struct app *a)
{
	if (tasks_alive(a->tasks) == 0) {
		int n = 0;
		for (size_t i = 0; i < tasks_count(a->tasks); i++)
			n += join_task_now(a, tasks_get(a->tasks, i), 0) &&
			     tasks_get(a->tasks, i)->state == TASK_JOINED;
		snprintf(a->status, sizeof a->status, "no task running; %d joined", n);
		return ACT_REBUILD;
	}
	a->join = (struct join){ .active = true, .all = true, .pidfd = -1, .began = clock_now() };
	return ACT_REDRAW;
}

/* join(0): joins a task that has ended, else returns at once and the process runs on. */
static int join_at_once(struct app *a, struct task *k, int pid, int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	bool ended = k ? join_task_now(a, k, 0) : poll(&p, 1, 0) == 1;
	if (fd >= 0)
		close(fd);
	if (k && ended)
		return ACT_REBUILD;
	if (ended) {
		snprintf(a->status, sizeof a->status, "join(0) of %d: it has ended", pid);
		events_add(a->events, EV_JOIN, "p.join(0) → None", "join %d: it has ended", pid);
		return ACT_REBUILD;
	}
	events_add(a->events, EV_JOIN, "p.join(0) → None; p.is_alive() → True, p.exitcode → None",
		   "join %d: join(0) returned at once, still running", pid);
	snprintf(a->status, sizeof a->status, "join(0) of %d returned: still running", pid);
	return ACT_REBUILD;
}

/* Enter in the join prompt: starts the wait. */
static int submit(struct app *a)
{
	struct dialog *d = &a->dialog;
	double timeout;
	char msg[256];
	if (form_parse_timeout(d->field[0], &timeout, d->error, sizeof d->error) < 0)
		return ACT_REDRAW;
	int fd = -1;
	struct task *k = tasks_find(a->tasks, d->pid, d->start);
	if (!k && (fd = signal_pidfd(d->pid, d->start, msg, sizeof msg)) < 0) {
		snprintf(d->error, sizeof d->error, "%.250s", msg);
		return ACT_REDRAW;
	}
	d->kind = DIALOG_NONE;
	if (timeout == 0)
		return join_at_once(a, k, d->pid, fd);
	a->join = (struct join){ .active = true, .pid = d->pid, .start = d->start, .pidfd = fd,
		.began = clock_now(), .timeout = timeout < 0 ? 0 : timeout };
	if (k && join_task_now(a, k, 0))
		a->join.active = false;
	return ACT_REBUILD;
}

static int prompt_key(struct app *a, int key)
{
	return verbs_prompt_key(a, key, submit);
}

static void join_over(struct app *a)
{
	if (a->join.pidfd >= 0)
		close(a->join.pidfd);
	a->join.active = false;
	a->join.pidfd = -1;
}

/* Esc while a join waits cancels it (and a quit that waited for it). */
static int cancel_key(struct app *a, int key)
{
	if (!a->join.active || key != FK_ESC)
		return -1;
	join_over(a);
	snprintf(a->status, sizeof a->status, "join cancelled after %.2f s%s",
		 clock_now() - a->join.began, a->quitting ? "; not quitting" : "");
	a->quitting = false;
	return ACT_REDRAW;
}

static bool pidfd_ended(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/* join(timeout) returned with the process still running. */
static bool timed_out(struct app *a, double waited, bool ended_now)
{
	struct join *j = &a->join;
	if (j->timeout <= 0 || waited < j->timeout || ended_now)
		return false;
	struct task *k = tasks_find(a->tasks, j->pid, j->start);
	if (k && (k->state == TASK_EXITED || k->state == TASK_JOINED))
		return false;
	events_add(a->events, EV_JOIN, "p.is_alive() \u2192 True, p.exitcode \u2192 None",
		   "join %d: timeout after %.2f s, still running", j->pid, waited);
	snprintf(a->status, sizeof a->status, "join(%g) of %d returned: still running",
		 j->timeout, j->pid);
	join_over(a);
	return true;
}

/* Whether what the join waits for has ended (and is joined); false: wait on. */
static bool joined(struct app *a, double waited, bool ended_now)
{
	struct join *j = &a->join;
	char err[256];
	if (j->all) {
		if (tasks_alive(a->tasks) > 0)
			return false;
		for (size_t i = 0; i < tasks_count(a->tasks); i++)
			if (tasks_get(a->tasks, i)->state == TASK_EXITED)
				task_join(a->tasks, tasks_get(a->tasks, i), waited, err, sizeof err);
		snprintf(a->status, sizeof a->status, "joined every task after %.2f s", waited);
	} else if (j->pidfd < 0) {
		struct task *k = tasks_find(a->tasks, j->pid, j->start);
		if (k && (k->state == TASK_RUNNING || k->state == TASK_STOPPED ||
			  k->state == TASK_DAEMONIZED))
			return false;
		if (k && task_join(a->tasks, k, waited, err, sizeof err) < 0)
			snprintf(a->status, sizeof a->status, "%s", err);
	} else {
		if (!ended_now)
			return false;
		int code;
		if (scan_zombie_exitcode(j->pid, j->start, &code))
			events_add(a->events, EV_JOIN, NULL, "join %d: ended after %.2f s, exitcode %d "
				   "(a zombie: its parent has not collected it)", j->pid, waited, code);
		else
			events_add(a->events, EV_JOIN, NULL, "join %d: ended after %.2f s, exitcode "
				   "unknown (not our child)", j->pid, waited);
	}
	return true;
}

/* A join in progress ends when its process has exited, or at its timeout. */
static bool tick(struct app *a, double now)
{
	if (!a->join.active)
		return false;
	double waited = now - a->join.began;
	bool ended_now = a->join.pidfd >= 0 && pidfd_ended(a->join.pidfd);
	if (timed_out(a, waited, ended_now) || !joined(a, waited, ended_now))
		return true;	/* the waiting line shows the time waited */
	join_over(a);
	if (a->quitting)
		a->quit_now = true;	/* the quit dialog's "wait": every task joined */
	return true;
}

/* While a join waits, the screen shows the time waited: a tick every 0.1 s. */
static double deadline(const struct app *a)
{
	return a->join.active ? clock_now() + 0.1 : 0;
}

static int fd(const struct app *a)
{
	return a->join.active ? a->join.pidfd : -1;
}

static const struct verb_key keys[] = {
	{ { 'j', 0 }, "j", "join the selected process: wait for it to end (Esc cancels)",
	  join_one },
	{ { 'J', 0 }, "J", "join every task", verb_join_all },
};

const struct verb verb_join = {
	.name = "join", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_JOIN,
	.dialog_key = prompt_key, .modal_key = cancel_key, .tick = tick,
	.deadline = deadline, .fd = fd,
};
