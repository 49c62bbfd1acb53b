/* loop.c - the one event loop. */
#include "loop.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "stats.h"
#include "verbs.h"
#include "signals.h"
#include "task.h"
#include "ui/ui.h"
#include "util.h"

/* Every signal whose default would end forktop with the screen still set up, plus the
 * terminal's: all read from the signalfd. */
static const int loop_sigs[] = {
	SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT, SIGXCPU, SIGXFSZ,
	SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGIO, SIGPWR, SIGSTKFLT,
};

int loop_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_LEN(loop_sigs); i++)
		sigaddset(&set, loop_sigs[i]);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static int timer_start(int tenths)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (fd < 0)
		return -1;
	struct itimerspec its = { 0 };
	its.it_interval.tv_sec = tenths / 10;
	its.it_interval.tv_nsec = (long)(tenths % 10) * 100000000L;
	its.it_value = its.it_interval;
	timerfd_settime(fd, 0, &its, NULL);
	return fd;
}

/* Whether forktop had a hand in pid's life: one of its tasks (any state), or a process
 * the user signalled from forktop. Re-parenting elsewhere on the machine is not news. */
static bool ours(struct app *a, int pid)
{
	for (size_t i = 0; i < tasks_count(a->tasks); i++) {
		struct task *k = tasks_get(a->tasks, i);
		if (k->pid == pid || k->old_pid == pid)
			return true;
	}
	for (size_t i = 0; i < ARRAY_LEN(a->signalled); i++)
		if (a->signalled[i] == pid)
			return true;
	return false;
}

/* Whether a re-parented process really lives on elsewhere: it is still the same process
 * and has not ended since (a move seen by a refresh made for an action is logged later),
 * and it is not being ended by X (its report says what became of it). */
static bool moved_alive(const struct app *a, const struct scan_reparent *m)
{
	struct pstat st;
	if (signal_read_stat(m->pid, &st) < 0 || st.start != m->start || st.state == 'Z' ||
	    st.state == 'X')
		return false;
	return !verb_ending_has(a, m->pid, m->start);
}

/* Orphans are visible: a process whose parent was one of forktop's (a task, or one the
 * user signalled) gets an event when it is re-parented; a whole tree at once is summed
 * up. */
static void log_reparented(struct app *a)
{
	enum { MAX_SHOWN = 8 };
	size_t n, shown = 0, more = 0;
	const struct scan_reparent *m = scan_reparented(a->scan, &n);
	for (size_t i = 0; i < n; i++) {
		if ((!ours(a, m[i].from) && !ours(a, m[i].pid)) || !moved_alive(a, &m[i]))
			continue;
		if (shown++ >= MAX_SHOWN) {
			more++;
			continue;
		}
		events_add(a->events, EV_REPARENT, NULL, "reparented %d: %d \u2192 %d%s", m[i].pid,
			   m[i].from, m[i].to, m[i].to == 1 ? " (orphaned: adopted by init)" :
			   " (adopted by a subreaper, or daemonized)");
	}
	if (more)
		events_add(a->events, EV_REPARENT, NULL, "and %zu more process%s re-parented", more,
			   more == 1 ? "" : "es");
	scan_forget_reparented(a->scan);
}

/* A task just started (from the dialog or a demo) is selected, so the user sees it; so
 * is a task that has just daemonized (its pid changed). */
static void follow_new_task(struct app *a)
{
	if (a->follow_id) {
		for (size_t i = 0; i < tasks_count(a->tasks); i++) {
			struct task *k = tasks_get(a->tasks, i);
			if (k->id != a->follow_id || k->daemonizing)
				continue;
			if (k->state != TASK_DAEMONIZED) {
				a->follow_id = 0;	/* it failed or ended */
			} else if (tree_find(a->tree, k->pid, k->start) < tree_nrows(a->tree)) {
				tree_select_id(a->tree, k->pid, k->start);
				a->follow_id = 0;
			}
		}
	}
	size_t n = tasks_count(a->tasks);
	if (n <= a->tasks_seen)
		return;
	struct task *k = tasks_get(a->tasks, n - 1);
	if (tree_find(a->tree, k->pid, k->start) < tree_nrows(a->tree)) {
		tree_select_id(a->tree, k->pid, k->start);
		a->tasks_seen = n;
	}
}

/* The --pid process ended: said once, with the process that has its pid now, if any
 * (the tree keeps showing nothing rather than that stranger). */
static void note_root_gone(struct app *a, const struct proc *procs, size_t n)
{
	const char *now = NULL;
	a->root_gone = true;
	for (size_t i = 0; i < n && !now; i++)
		if (procs[i].pid == a->opts.pid)
			now = procs[i].comm;
	if (now) {
		events_add(a->events, EV_EXIT, NULL, "process %d has ended; its pid now belongs "
			   "to another process (%s), not shown", a->opts.pid, now);
		snprintf(a->status, sizeof a->status, "process %d has ended (pid reused)",
			 a->opts.pid);
	} else {
		events_add(a->events, EV_EXIT, NULL, "process %d has ended", a->opts.pid);
		snprintf(a->status, sizeof a->status, "process %d has ended", a->opts.pid);
	}
}

/* The processes the screen needs current: the rows it shows, the tasks, the selection
 * and the root of --pid. The scan reads them whole at every refresh; those that came on
 * screen since the refresh (a scroll, a filter, the first screen) are read now, so no
 * row on screen is older than the last refresh. */
static void want_screen(struct app *a)
{
	static int *pids;
	static size_t cap;
	size_t np, nrows = tree_nrows(a->tree), k = 0, ntasks = tasks_count(a->tasks);
	const struct proc *procs = scan_procs(a->scan, &np);
	size_t top = a->view.tree_top, page = a->view.page > 0 ? (size_t)a->view.page : 0;
	pids = xgrow(pids, &cap, page + ntasks + 2, sizeof *pids);
	for (size_t i = top; i < top + page && i < nrows; i++) {
		size_t at = tree_row(a->tree, i)->proc;
		if (at < np)
			pids[k++] = procs[at].pid;
	}
	for (size_t i = 0; i < ntasks; i++)
		pids[k++] = tasks_get(a->tasks, i)->pid;
	int pid;
	unsigned long long start;
	if (tree_selected_id(a->tree, &pid, &start))
		pids[k++] = pid;
	if (a->opts.pid > 0)
		pids[k++] = a->opts.pid;
	scan_want(a->scan, pids, k);
	scan_complete(a->scan);
}

/* The time the refresh in progress has worked so far (its reading steps), seconds. */
static double refresh_work;

/* A refresh has ended: the meters, then the rows rebuilt from the new snapshot. */
static void refreshed(struct app *a)
{
	char err[200];
	size_t n;
	double t0 = clock_now();
	if (a->sys && sysstat_refresh(a->sys, err, sizeof err) < 0)
		snprintf(a->status, sizeof a->status, "meters: %s", err);
	const struct proc *procs = scan_procs(a->scan, &n);
	tree_build(a->tree, procs, n);
	tasks_update_states(a->tasks);
	log_reparented(a);
	verbs_scanned(a);
	follow_new_task(a);
	a->scanned = clock_now();
	a->tasks_changes = tasks_changes(a->tasks);
	if (!tree_root_present(a->tree) && !a->root_gone)
		note_root_gone(a, procs, n);
	stats_refreshed(scan_info(a->scan), (refresh_work + clock_now() - t0) * 1000.0);
	refresh_work = 0;
}

/* Reads the processes and rebuilds the rows at once; a failed scan keeps the last
 * snapshot. */
static void refresh(struct app *a)
{
	char err[200];
	double t0 = clock_now();
	if (scan_refresh(a->scan, err, sizeof err) < 0)
		snprintf(a->status, sizeof a->status, "%s", err);
	refresh_work = clock_now() - t0;
	refreshed(a);
}

/* The timer's refresh: begun now, read in steps between keys (step_refresh). */
#define SCAN_SLICE 0.005	/* seconds of reading before the keys are looked at */
static void begin_refresh(struct app *a)
{
	char err[200];
	if (scan_busy(a->scan))
		return;		/* the last one is still being read */
	double t0 = clock_now();
	int r = scan_begin(a->scan, err, sizeof err);
	refresh_work = clock_now() - t0;
	if (r < 0) {
		snprintf(a->status, sizeof a->status, "%s", err);
		refreshed(a);
	} else if (!scan_busy(a->scan)) {
		refreshed(a);	/* read at once (libproc2) */
	}
}

/* Reads on for a slice; true when the refresh ended (and the rows were rebuilt). */
static bool step_refresh(struct app *a)
{
	if (!scan_busy(a->scan))
		return false;
	double t0 = clock_now();
	bool done = scan_step(a->scan, t0 + SCAN_SLICE);
	refresh_work += clock_now() - t0;
	if (done)
		refreshed(a);
	return done;
}

/* A task's life moved on: its rows are read again, not the whole machine. */
static void update_tasks(struct app *a)
{
	size_t n = tasks_count(a->tasks);
	int *pids = xmalloc((n ? n : 1) * sizeof *pids);
	for (size_t i = 0; i < n; i++)
		pids[i] = tasks_get(a->tasks, i)->pid;
	scan_update(a->scan, pids, n);
	free(pids);
	refreshed(a);
}

static void rebuild(struct app *a)
{
	size_t n;
	const struct proc *procs = scan_procs(a->scan, &n);
	tree_build(a->tree, procs, n);
}

/* forktop must go with no one to ask (a signal, the terminal hung up): daemonic tasks
 * end with it, the others are left running with their output kept in log files; if the
 * usual log directory cannot be made, in one under /tmp, so no task dies of SIGPIPE. */
static void leave_now(struct app *a, const char *why)
{
	char msg[200], other[280], dir[64];
	if (tasks_leave_running(a->tasks, NULL, msg, sizeof msg) < 0) {
		tasks_fallback_logdir(dir, sizeof dir);
		if (tasks_leave_running(a->tasks, dir, other, sizeof other) < 0)
			snprintf(other, sizeof other, "tasks that write output will die of SIGPIPE");
		snprintf(a->farewell, sizeof a->farewell, "forktop: %s: %s; %s", why, msg, other);
		return;
	}
	snprintf(a->farewell, sizeof a->farewell, "forktop: %s: %s", why, msg);
}

/* Handles one signal; returns true when forktop must quit. */
static bool on_signal(struct app *a, int sigfd, bool *redraw)
{
	struct signalfd_siginfo si;
	while (read(sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		switch (si.ssi_signo) {
		case SIGWINCH: ui_resize(); *redraw = true; break;
		case SIGTSTP: ui_suspend(); *redraw = true; break;
		case SIGCONT: ui_resume(); *redraw = true; break;	/* also after a SIGSTOP */
		case SIGUSR1: case SIGUSR2: case SIGALRM: case SIGVTALRM: case SIGPROF: case SIGIO:
		case SIGPWR: case SIGSTKFLT:
			snprintf(a->status, sizeof a->status, "ignored %s from pid %u",
				 signal_name((int)si.ssi_signo), si.ssi_pid);
			*redraw = true;
			break;
		default:	/* TERM, INT, HUP, QUIT, XCPU, XFSZ */
			leave_now(a, signal_name((int)si.ssi_signo));
			return true;
		}
	}
	return false;
}

/* Handles every key waiting; returns ACT_* flags combined, or ACT_QUIT on hang-up. */
static int on_keys(struct app *a)
{
	int flags = 0, key;
	a->key_burst++;		/* the keys read now arrived together */
	stats_key(clock_now());
	while ((key = ui_key(a)) != FK_NONE) {
		if (key < 0)
			return ACT_QUIT;
		if (key == FK_RESIZE) {
			flags |= ACT_REDRAW;
			continue;
		}
		flags |= verbs_key(a, key) | ACT_REDRAW;
		if (flags & ACT_QUIT)
			break;
	}
	return flags;
}

/* A task's life moved on (it exited, was joined, daemonized ...): the tree is scanned
 * again soon, not at the next tick, but at most every RESCAN_GAP seconds, so a pool of a
 * thousand tasks ending does not turn into a thousand scans. Returns when that is due,
 * 0 when nothing is stale. */
#define RESCAN_GAP 0.2
static double rescan_due(const struct app *a)
{
	double due = a->rescan_at > a->scanned ? a->rescan_at : 0;
	if (tasks_changes(a->tasks) != a->tasks_changes &&
	    (due == 0 || a->scanned + RESCAN_GAP < due))
		due = a->scanned + RESCAN_GAP;
	return due;
}

/* poll() timeout: the next deadline of the scenario, a verb, a stale tree, or forever. */
static int poll_timeout(struct app *a)
{
	double d = a->scenario ? scenario_deadline(a->scenario) : 0;
	double e = verbs_deadline(a);
	if (e > 0 && (d <= 0 || e < d))
		d = e;
	e = rescan_due(a);
	if (e > 0 && (d <= 0 || e < d))
		d = e;
	if (scan_busy(a->scan))
		return 0;	/* a refresh to read on, once the keys waiting are seen to */
	if (d <= 0)
		return -1;
	double ms = (d - clock_now()) * 1000;
	return ms < 0 ? 0 : ms > 60000 ? 60000 : (int)ms + 1;
}

/* The loop's own descriptors, then the verbs' (a join's pidfd), then the tasks'. */
enum { FD_TTY, FD_SIG, FD_TIMER, FD_VERBS, MAX_VERB_FDS = 4 };

/* Handles the task fds, the verbs and the scenario after poll; returns true to redraw. */
static bool on_tasks(struct app *a, struct pollfd *tfds, size_t ntask, bool verb_fd)
{
	bool busy = false;
	for (size_t i = 0; i < ntask; i++)
		busy |= tfds[i].revents != 0;
	if (busy)
		tasks_handle(a->tasks, tfds, ntask);
	bool verbs = verbs_tick(a, clock_now());
	if (a->scenario)
		scenario_tick(a->scenario, clock_now());
	return busy || verbs || verb_fd;
}

/* Handles the terminal, the signals and the timer; returns false to quit. */
static bool on_input(struct app *a, int sigfd, int tfd, struct pollfd *fds, bool *redraw)
{
	if (fds[FD_SIG].revents && on_signal(a, sigfd, redraw))
		return false;
	if (fds[FD_TTY].revents & (POLLHUP | POLLERR | POLLNVAL)) {
		leave_now(a, "the terminal hung up");	/* as SIGHUP would */
		return false;
	}
	if (fds[FD_TIMER].revents) {
		unsigned long long ticks;
		if (read(tfd, &ticks, sizeof ticks) > 0)
			begin_refresh(a);
	}
	if (fds[FD_TTY].revents & POLLIN) {
		int flags = on_keys(a);
		if (flags & ACT_QUIT)
			return false;
		if (flags & ACT_RESCAN)
			refresh(a);
		else if (flags & ACT_REBUILD)
			rebuild(a);
		*redraw |= flags != 0;
	}
	return true;
}

/* The screen takes on a theme the setup screen picked, then draws the model. */
static void draw(struct app *a)
{
	if (a->theme_changed) {
		a->theme_changed = false;
		ui_apply_theme(a);
	}
	ui_draw(a);
	stats_drawn(clock_now());
}

int loop_run(struct app *a, int sigfd)
{
	int tfd = timer_start(a->opts.delay);
	if (tfd < 0)
		return 1;
	/* At most 4 fds per task (tasks_pollfds): grown with the table, so that every task
	 * is watched, however many there are. */
	struct pollfd *fds = NULL;
	size_t cap = 0;
	a->laid_out = want_screen;
	stats_open();
	if (tasks_count(a->tasks))
		refresh(a);	/* started since the first snapshot (--demo) */
	else
		refreshed(a);	/* the first snapshot (main's) is this instant's */
	draw(a);
	for (;;) {
		int vfd[MAX_VERB_FDS];
		size_t nverb = verbs_pollfds(a, vfd, MAX_VERB_FDS), first = FD_VERBS + nverb;
		fds = xgrow(fds, &cap, first + 4 * tasks_count(a->tasks), sizeof *fds);
		fds[FD_TTY] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		fds[FD_SIG] = (struct pollfd){ .fd = sigfd, .events = POLLIN };
		fds[FD_TIMER] = (struct pollfd){ .fd = tfd, .events = POLLIN };
		for (size_t i = 0; i < nverb; i++)
			fds[FD_VERBS + i] = (struct pollfd){ .fd = vfd[i], .events = POLLIN };
		size_t ntask = tasks_pollfds(a->tasks, fds + first, cap - first);
		if (poll(fds, first + ntask, poll_timeout(a)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		double woke = clock_now();
		if (a->delay_changed) {	/* the setup screen changed the refresh delay */
			a->delay_changed = false;
			int nfd = timer_start(a->opts.delay);
			if (nfd >= 0) {
				close(tfd);
				tfd = nfd;
			}
		}
		bool verb_fd = false;
		for (size_t i = 0; i < nverb; i++)
			verb_fd |= fds[FD_VERBS + i].revents != 0;
		bool redraw = on_tasks(a, fds + first, ntask, verb_fd);
		if (a->quit_now || !on_input(a, sigfd, tfd, fds, &redraw))
			break;
		redraw |= step_refresh(a);
		double due = rescan_due(a);
		if (due > 0 && clock_now() >= due) {
			if (a->rescan_at > a->scanned)
				refresh(a);	/* a verb asked: all of it */
			else
				update_tasks(a);
			redraw = true;
		} else if (due > 0 && tasks_changes(a->tasks) != a->tasks_changes) {
			/* A task started or ended after the last scan: its row would mix the two
			 * (a joined task still R, a new one missing). Draw after the rescan. */
			redraw = false;
		}
		if (redraw)
			draw(a);
		/* A key typed now waits until the next poll: FORKTOP_STATS's busy_ms_max. */
		stats_busy((clock_now() - woke) * 1000.0);
	}
	free(fds);
	close(tfd);
	verbs_finish(a);	/* whatever way forktop quits */
	return 0;
}
