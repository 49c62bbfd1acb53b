/* spawn.h - helpers for the unit tests that start real tasks: a tiny event loop (poll the
 * tasks' fds, handle, refresh states) and waits with deadlines, never bare sleeps.
 * Each Check test runs in its own forked process, so its tasks are that process's
 * children; the fixture ends and reaps them all. */
#ifndef FORKTOP_TEST_SPAWN_H
#define FORKTOP_TEST_SPAWN_H

#include <check.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "demos.h"
#include "events.h"
#include "signals.h"
#include "task.h"

#define DEADLINE 10.0		/* seconds any wait may take before the test fails */

static events_t *ev;
static tasks_t *ts;

static inline void spawn_setup(void)
{
	/* No core files from the SIGSEGV test, whatever the machine's limit. */
	struct rlimit rl = { 0, 0 };
	setrlimit(RLIMIT_CORE, &rl);
	ev = events_new(1000);
	ts = tasks_new(ev);
}

/* Daemonized tasks, detached commands and left tasks are not forktop's to end: the tests
 * end them, so that nothing outlives a test. */
static inline void end_outliving_tasks(void)
{
	char msg[256];
	for (size_t i = 0; ts && i < tasks_count(ts); i++) {
		struct task *k = tasks_get(ts, i);
		bool running = k->state == TASK_RUNNING || k->state == TASK_STOPPED;
		if ((k->state != TASK_DAEMONIZED && !(k->left && running)) || k->pidfd < 0)
			continue;
		if (signal_send(k->pid, k->start, SIGKILL, msg, sizeof msg) == 0) {
			struct pollfd p = { .fd = k->pidfd, .events = POLLIN };
			poll(&p, 1, (int)(DEADLINE * 1000));
		}
	}
}

static inline void spawn_teardown(void)
{
	if (ts) {
		end_outliving_tasks();
		tasks_end_all(ts, 1.0);
		tasks_free(ts);
	}
	ts = NULL;
	events_free(ev);
}

static inline double mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static inline struct task *start_spec(const struct task_spec *spec)
{
	char err[256];
	int i = task_start(ts, spec, err, sizeof err);
	ck_assert_msg(i >= 0, "task_start: %s", err);
	return tasks_get(ts, (size_t)i);
}

static inline struct task *start_cmd(const char *cmd)
{
	struct task_spec spec = { .command = cmd };
	return start_spec(&spec);
}

static inline struct task *start_demo(const char *demo, char **args, char **kwargs)
{
	struct task_spec spec = { .demo = demo, .args = args, .kwargs = kwargs };
	return start_spec(&spec);
}

/* One turn of the loop, as loop.c does it. */
static inline void turn(double wait)
{
	struct pollfd fds[256];
	size_t n = tasks_pollfds(ts, fds, 256);
	if (poll(fds, n, (int)(wait * 1000)) > 0)
		tasks_handle(ts, fds, n);
	tasks_update_states(ts);
}

typedef bool cond_fn(const struct task *k);

static inline bool until(const struct task *k, cond_fn *cond)
{
	double end = mono() + DEADLINE;
	while (!cond(k)) {
		double left = end - mono();
		if (left <= 0)
			return false;
		turn(left < 0.05 ? left : 0.05);
	}
	return true;
}

static inline bool is_exited(const struct task *k)
{
	return k->state == TASK_EXITED;
}

static inline bool is_stopped(const struct task *k)
{
	return k->state == TASK_STOPPED;
}

static inline bool is_daemonized(const struct task *k)
{
	return k->state == TASK_DAEMONIZED;
}

static inline bool out_closed(const struct task *k)
{
	return k->outfd < 0;
}

static inline bool has_output(const struct task *k)
{
	return task_nlines(k) > 0;
}

static inline bool has_line(const struct task *k, const char *want)
{
	for (size_t i = 0; i < task_nlines(k); i++)
		if (strcmp(task_line(k, i), want) == 0)
			return true;
	return false;
}

/* The first line holding sub, or NULL. */
static inline const char *line_with(const struct task *k, const char *sub)
{
	for (size_t i = 0; i < task_nlines(k); i++)
		if (strstr(task_line(k, i), sub))
			return task_line(k, i);
	return NULL;
}

/* The newest event of kind whose text holds sub (NULL: any), or NULL. */
static inline const struct event *find_event(enum event_kind kind, const char *sub)
{
	for (size_t i = events_count(ev); i-- > 0;) {
		const struct event *e = events_get(ev, i);
		if (e->kind == kind && (!sub || strstr(e->text, sub)))
			return e;
	}
	return NULL;
}

static inline size_t count_events(enum event_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < events_count(ev); i++)
		n += events_get(ev, i)->kind == kind;
	return n;
}

/* Runs the loop until an event of kind holding sub is logged. */
static inline const struct event *until_event(enum event_kind kind, const char *sub)
{
	double end = mono() + DEADLINE;
	const struct event *e;
	while (!(e = find_event(kind, sub)) && mono() < end)
		turn(0.02);
	return e;
}

/* Runs the loop until the task's process has the comm want (its own rename, in /proc). */
static inline bool comm_becomes(const struct task *k, const char *want)
{
	double end = mono() + DEADLINE;
	struct pstat st;
	while (mono() < end) {
		if (signal_read_stat(k->pid, &st) == 0 && st.start == k->start &&
		    strcmp(st.comm, want) == 0)
			return true;
		turn(0.02);
	}
	return false;
}

/* Waits (up to the deadline) for fd to be readable: a pidfd's process has ended. */
static inline bool fd_ready(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, (int)(DEADLINE * 1000)) == 1;
}

/* The state letter of pid if it is still the process started at start, else 0. */
static inline char proc_state(int pid, unsigned long long start)
{
	struct pstat st;
	return signal_read_stat(pid, &st) == 0 && st.start == start ? st.state : 0;
}

#endif
